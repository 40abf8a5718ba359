// Reads an SSE response body into parsed messages with eventsource-parser,
// the same parser the browser client uses.
import { EventSourceParserStream, type EventSourceMessage } from "eventsource-parser/stream";

export type SseRead = { messages: EventSourceMessage[]; comments: string[]; retry: number | undefined };

/** Reads until the stream closes, `stopWhen` says so, or `timeoutMs` passes (then it cancels). */
export async function readSse(
  res: Response,
  opts: { timeoutMs?: number; stopWhen?: (read: SseRead) => boolean } = {},
): Promise<SseRead> {
  const read: SseRead = { messages: [], comments: [], retry: undefined };
  const reader = res
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(
      new EventSourceParserStream({
        onComment: (c) => read.comments.push(c.trim()),
        onRetry: (ms) => (read.retry = ms),
      }),
    )
    .getReader();
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const next = await Promise.race([
        reader.read(),
        new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left)),
      ]);
      if (next === "timeout" || next.done) break;
      read.messages.push(next.value);
      if (opts.stopWhen?.(read)) break;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return read;
}
