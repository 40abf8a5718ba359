// The daily model-token budget per user (LLM_DAILY_TOKEN_BUDGET; OWASP Top 10
// for LLM applications, LLM10 "Unbounded Consumption"): every model call made
// for a user adds its input and output tokens to their row of the UTC day; a
// user at or over the budget gets 429 token_budget_exhausted until the next
// UTC midnight, checked before the model is called.
import "server-only";
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { AppError } from "../errors.ts";
import { addTokens, tokensSpent } from "./limits-repo.ts";

/** The UTC day of `now`, YYYY-MM-DD. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Whole seconds from `now` to the next UTC midnight (at least 1). */
export function secondsToUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/**
 * Throws when `userId` has spent the day's budget. No-op when the budget is 0 (unlimited).
 * @throws AppError 429 token_budget_exhausted, details `{budget, spent, retryAfterSeconds}`, `Retry-After` = seconds to the next UTC midnight.
 */
export async function assertTokenBudget(db: Db, userId: string, now = new Date(), budget = env().LLM_DAILY_TOKEN_BUDGET): Promise<void> {
  if (budget <= 0) return;
  const spent = await tokensSpent(db, userId, utcDay(now));
  if (spent < budget) return;
  const retryAfterSeconds = secondsToUtcMidnight(now);
  throw new AppError(
    "token_budget_exhausted",
    429,
    `Today's model token budget (${budget} tokens) is used up; it renews at 00:00 UTC, in ${retryAfterSeconds} s`,
    { budget, spent, retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

/** Adds one call's tokens to `userId`'s day (always counted, whatever the budget, so raising it later sees the day's real use). */
export async function recordTokens(db: Db, userId: string, usage: { inputTokens?: number; outputTokens?: number }, now = new Date()): Promise<void> {
  const inputTokens = Math.max(0, Math.round(usage.inputTokens ?? 0));
  const outputTokens = Math.max(0, Math.round(usage.outputTokens ?? 0));
  await addTokens(db, { userId, day: utcDay(now), inputTokens, outputTokens });
}
