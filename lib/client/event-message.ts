// A job event's message in the viewer's language: lines written from the
// server's sentence table carry `data.msgKey` and `data.msgParams`
// (lib/shared/messages.ts, seed 001), so a line the job wrote in Chinese can
// be read in English. Exports and "copy line" keep the stored text.
import type { MarkRange } from "./log-ansi";
import type { JobEventDto } from "@/lib/shared/jobs";
import type { Language } from "@/lib/shared/language";
import { renderMessage } from "@/lib/shared/messages";

/**
 * The event's message in `language`: re-rendered from `data.msgKey` and
 * `data.msgParams` when the key is one this client knows and the parameters
 * fit it; otherwise (older lines, lines without a key, unknown keys) the
 * stored text as it is.
 * @example eventMessage({ message: "共创建 3 个子任务", data: { msgKey: "decompose.done", msgParams: { count: 3 } } }, "en") // "Created 3 subtasks"
 */
export function eventMessage(event: Pick<JobEventDto, "message" | "data">, language: Language): string {
  const data = event.data;
  if (!data || typeof data.msgKey !== "string") return event.message;
  return renderMessage(language, data.msgKey, data.msgParams) ?? event.message;
}

/**
 * Props for the log line's message: the text in the viewer's language and
 * the search marks, whose offsets are in that same text (the search runs
 * over what the viewer reads: lib/client/log-search.ts `searchText`).
 */
export function viewerMessage(event: Pick<JobEventDto, "message" | "data">, language: Language, ranges?: MarkRange[]): { text: string; ranges?: MarkRange[] } {
  return { text: eventMessage(event, language), ranges };
}
