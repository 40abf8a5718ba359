// Reads the streamed chat's SSE (POST /api/chat/agent, GET /api/chat/turns/{id}/stream)
// into typed frames with eventsource-parser, validating each one's data
// against its schema in lib/shared/chat-stream.ts.
import { EventSourceParserStream } from "eventsource-parser/stream";
import { parseChatStreamEvent, type ChatStreamData, type ChatStreamEvent, type ChatStreamEventName } from "@/lib/shared/chat-stream";

/** One received frame: its `id:` as a number, and the validated event. */
export type Frame = ChatStreamEvent & { id: number };

/** Frames as they arrive; `comments` collects `: ping` heartbeats. Breaking out of the loop cancels the body (the client leaves). */
export async function* chatFrames(res: Response, comments: string[] = [], timeoutMs = 15_000): AsyncGenerator<Frame> {
  const reader = res
    .body!.pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ onComment: (c) => comments.push(c.trim()) }))
    .getReader();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([reader.read(), new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), left)))]);
      clearTimeout(timer);
      if (next === "timeout") throw new Error(`no frame within ${timeoutMs} ms`);
      if (next.done) return;
      const m = next.value;
      yield { id: Number(m.id), ...parseChatStreamEvent(m.event ?? "message", JSON.parse(m.data)) };
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Every frame until the stream closes (or `until` returns true for a frame, which is included). */
export async function readFrames(res: Response, opts: { until?: (f: Frame) => boolean; comments?: string[]; timeoutMs?: number } = {}): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of chatFrames(res, opts.comments, opts.timeoutMs)) {
    out.push(f);
    if (opts.until?.(f)) break;
  }
  return out;
}

/** The event names in order, with consecutive chunks folded into one `assistant_message_chunk+`. */
export function shape(frames: Frame[]): string[] {
  const out: string[] = [];
  for (const f of frames) {
    const name = f.event === "processing_status" ? `processing_status:${f.data.stage}` : f.event;
    if (name === "assistant_message_chunk" && out.at(-1) === "assistant_message_chunk+") continue;
    out.push(name === "assistant_message_chunk" ? "assistant_message_chunk+" : name);
  }
  return out;
}

/** The reply text the chunks carry. */
export const textOf = (frames: Frame[]): string => frames.flatMap((f) => (f.event === "assistant_message_chunk" ? [f.data.delta] : [])).join("");

/** Picks the data of the first frame named `event`. */
export function dataOf<E extends ChatStreamEventName>(frames: Frame[], event: E): ChatStreamData<E> {
  const f = frames.find((x) => x.event === event);
  if (!f) throw new Error(`no ${event} frame in ${frames.map((x) => x.event).join(", ")}`);
  return f.data as ChatStreamData<E>;
}
