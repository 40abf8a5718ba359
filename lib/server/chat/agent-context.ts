import "server-only";
// The conversation as the streamed reply's context. Within the token budget
// every earlier message goes in as it is; past it, the newest messages that
// fit in half the budget stay verbatim and every older turn (a user message
// with the replies after it) is folded into a short deterministic summary in
// the system prompt. The turn records {turns, tokensBefore, tokensAfter}.
import type { ModelMessage } from "ai";
import type { ContextSummary } from "@/lib/shared/chat";
import type { Language } from "@/lib/shared/language";
import { clipWords } from "@/lib/shared/text";
import type { Db } from "../db/client.ts";
import { listMessages } from "./chat-repo.ts";

/** Tokens of earlier conversation the reply's context holds before older turns are summarized. */
export const CONTEXT_BUDGET_TOKENS = 6000;
/** Characters of each side of a turn kept in the summary. */
const SUMMARY_CLIP_CHARS = 120;

/** The estimate every budget here uses: one token per 4 characters (the offline model counts the same way). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export type ChatContext = {
  /** Earlier messages kept verbatim, oldest first. */
  messages: ModelMessage[];
  /** The summary of older turns for the system prompt, or null. */
  summary: string | null;
  summarized: ContextSummary | null;
};

type Line = { role: "user" | "assistant"; content: string };

/** Older turns as lines "1. User: … → Assistant: …", clipped on word boundaries; the oldest lines are left out past `maxTokens`. */
function summarize(lines: Line[], language: Language, maxTokens: number): { text: string; turns: number } {
  const turns: { user: string; replies: string[] }[] = [];
  for (const l of lines) {
    if (l.role === "user" || turns.length === 0) turns.push({ user: l.role === "user" ? l.content : "", replies: [] });
    if (l.role === "assistant") turns[turns.length - 1].replies.push(l.content);
  }
  const zh = language === "zh-CN";
  const clip = (s: string) => clipWords(s.replace(/\s+/g, " ").trim(), SUMMARY_CLIP_CHARS);
  const body = turns.map((t, i) => `${i + 1}. ${zh ? "用户" : "User"}: ${clip(t.user) || "—"} → ${zh ? "助手" : "Assistant"}: ${clip(t.replies.join(" ")) || "—"}`);
  const head = zh ? `较早的 ${turns.length} 轮对话摘要：` : `Summary of the ${turns.length} earlier turn(s) of this conversation:`;
  let tokens = estimateTokens(head);
  let first = body.length;
  while (first > 0 && tokens + estimateTokens(body[first - 1]) + 1 <= maxTokens) tokens += estimateTokens(body[--first]) + 1;
  return { text: [head, ...body.slice(first)].join("\n"), turns: turns.length };
}

/**
 * The context of a reply in conversation `conversationId`, leaving out the
 * messages in `exclude` (the turn's own). Pure apart from the read.
 * @param budgetTokens CONTEXT_BUDGET_TOKENS unless given (tests use a small one).
 */
export async function buildChatContext(
  db: Db,
  args: { conversationId: string; exclude: string[]; language: Language; budgetTokens?: number },
): Promise<ChatContext> {
  const budget = args.budgetTokens ?? CONTEXT_BUDGET_TOKENS;
  const rows = await listMessages(db, args.conversationId);
  const lines: Line[] = rows
    .filter((m) => !args.exclude.includes(m.id) && m.content.trim() !== "")
    .map((m) => ({ role: m.role === "assistant" ? "assistant" : "user", content: m.content }));
  const tokensBefore = lines.reduce((n, l) => n + estimateTokens(l.content), 0);
  const asMessages = (ls: Line[]): ModelMessage[] => ls.map((l) => ({ role: l.role, content: l.content }));
  if (tokensBefore <= budget) return { messages: asMessages(lines), summary: null, summarized: null };

  // The newest messages that fit in half the budget stay as they are, starting at a user message.
  let kept = 0;
  let start = lines.length;
  while (start > 0 && kept + estimateTokens(lines[start - 1].content) <= budget / 2) kept += estimateTokens(lines[--start].content);
  while (start < lines.length && lines[start].role !== "user") kept -= estimateTokens(lines[start++].content);
  const older = lines.slice(0, start);
  const recent = lines.slice(start);
  const { text, turns } = summarize(older, args.language, budget / 2);
  return {
    messages: asMessages(recent),
    summary: text,
    summarized: { turns, tokensBefore, tokensAfter: kept + estimateTokens(text) },
  };
}
