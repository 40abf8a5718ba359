// Reading an SSE response in Node-side e2e specs (the crash specs read the
// stream of a server they kill, so errors mid-read are expected, not failures).
import { EventSourceParserStream } from "eventsource-parser/stream";

/** One parsed SSE message: its `id:`, `event:` and `data:` fields. */
export type SseMessage = { id?: string; event?: string; data: string };

/**
 * Reads SSE messages from `res` until `until(messages so far)` is true or the
 * stream ends (or the server dies: the read error ends it quietly), then
 * cancels the body. Returns the messages read, in order.
 */
export async function readStream(res: Response, until: (m: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out.push(value);
      if (until(out)) break;
    }
  } catch {
    /* the server died under us: that is the point of the crash specs */
  }
  await reader.cancel().catch(() => undefined);
  return out;
}
