// Every sentence the server writes for a person (job log lines, action
// names), in each language, in one table that both sides read: the server
// renders lines with t(), stores them with their key and parameters
// (logLine), and the browser re-renders a stored line in the viewer's
// language (renderMessage) — seed 001's "log lines keep a message key".
import type { Language } from "./language";
import { chatMessages } from "./messages/chat-messages";
import type { MessageEntry } from "./messages/define";
import { executeMessages } from "./messages/execute-messages";
import { planMessages } from "./messages/plan-messages";

export { statusWord, STATUS_WORDS } from "./messages/chat-messages";

const messages = { ...chatMessages, ...planMessages, ...executeMessages } satisfies Record<string, MessageEntry<never>>;

/** A server sentence's key ("decompose.done", "execute.complete"). */
export type MessageKey = keyof typeof messages;
/** The parameters of sentence `K` (one object; undefined for sentences without any). */
export type MessageParams<K extends MessageKey> = Parameters<(typeof messages)[K]["en"]>[0];
type Args<K extends MessageKey> = undefined extends MessageParams<K> ? [params?: MessageParams<K>] : [params: MessageParams<K>];

/** The keys of every sentence, for checks and tests. */
export const MESSAGE_KEYS = Object.keys(messages) as MessageKey[];

/** Whether `key` names a sentence of the table. */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === "string" && Object.hasOwn(messages, key);
}

/**
 * The sentence `key` in `language` (English when the entry has no such
 * language), filled with `params`.
 * @example t("zh-CN", "decompose.done", { count: 3 }) // "共创建 3 个子任务"
 */
export function t<K extends MessageKey>(language: Language, key: K, ...params: Args<K>): string {
  return renderEntry(messages[key] as MessageEntry<MessageParams<K> | undefined>, language, params[0]);
}

/** One entry's sentence in `language`, or in English when the entry lacks that language. */
export function renderEntry<P>(entry: MessageEntry<P>, language: Language, params: P): string {
  return (entry[language] ?? entry.en)(params);
}

/** What a job event stores beside its rendered text so it can be shown in another language: the key and its parameters (JSON). */
export type MessageRef = { msgKey: MessageKey; msgParams: Record<string, unknown> };

/**
 * A log line rendered in `language` plus the event data to store with it:
 * `data` (may be undefined) with `msgKey` and `msgParams` added, so a viewer
 * in another language can re-render it (renderMessage); the rendered text
 * stays the stored message (exports keep it).
 * @example logLine("zh-CN", "decompose.done", { count: 3 }, { taskId }) // { message: "共创建 3 个子任务", data: { taskId, msgKey: "decompose.done", msgParams: { count: 3 } } }
 */
export function logLine<K extends MessageKey>(
  language: Language,
  key: K,
  params: MessageParams<K>,
  data?: Record<string, unknown>,
): { message: string; data: Record<string, unknown> & MessageRef } {
  const message = t(language, key, ...([params] as Args<K>));
  return { message, data: { ...data, msgKey: key, msgParams: { ...(params as Record<string, unknown> | undefined) } } };
}

/**
 * Re-renders a stored sentence in `language`: `key` and `params` as logLine
 * stored them (any JSON). Undefined when the key is unknown (a line written
 * by a newer or older server) or the parameters do not fit it, so the caller
 * shows the stored text instead. Never throws.
 */
export function renderMessage(language: Language, key: unknown, params: unknown): string | undefined {
  if (!isMessageKey(key) || (params !== undefined && (typeof params !== "object" || params === null || Array.isArray(params)))) return undefined;
  try {
    const text = renderEntry(messages[key] as MessageEntry<unknown>, language, params ?? {});
    // A parameter the stored line lacks renders as "undefined": show the stored text instead.
    return typeof text === "string" && (!text.includes("undefined") || JSON.stringify(params).includes("undefined")) ? text : undefined;
  } catch {
    return undefined;
  }
}
