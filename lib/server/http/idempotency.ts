import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { claimIdempotencyKey, findIdempotencyKey, releaseIdempotencyKey, storeIdempotentResponse } from "./idempotency-repo.ts";

export type IdempotentResult = { status: number; body: unknown; headers?: Record<string, string> };

/** How long a duplicate waits for the first request to finish, ms. */
const WAIT_MS = 60_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Runs a creating request at most once per `Idempotency-Key` header and user
 * (draft-ietf-httpapi-idempotency-key-header; Stripe's semantics): the key is
 * claimed in the database before the work starts; a repeat, even a concurrent
 * one, waits for the first and gets its response replayed with
 * `Idempotent-Replayed: true`, creating nothing. A failed first request
 * releases the key (nothing was written), so a retry runs again. Without the
 * header the request simply runs.
 * @throws AppError 400 for a malformed key, 409 when the key was used for a different request.
 */
export async function idempotent(
  db: Db,
  args: { request: Request; userId: string; route: string; input: unknown },
  run: () => Promise<IdempotentResult>,
): Promise<Response> {
  const { result, replayed } = await runOnce(db, args, run);
  return toResponse(replayed ? { status: result.status, body: result.body, headers: { "Idempotent-Replayed": "true" } } : result);
}

/**
 * The core of `idempotent` for routes whose answer is not the stored JSON
 * (POST /api/chat/agent streams the turn whose id it stores): runs `run` at
 * most once per key and user and returns its result, or the first request's
 * stored result with `replayed: true`. Same key rules and errors as `idempotent`.
 */
export async function runOnce(
  db: Db,
  args: { request: Request; userId: string; route: string; input: unknown },
  run: () => Promise<IdempotentResult>,
): Promise<{ result: IdempotentResult; replayed: boolean }> {
  const key = args.request.headers.get("idempotency-key");
  if (key === null) return { result: await run(), replayed: false };
  if (!KEY_PATTERN.test(key)) throw AppError.badRequest("Idempotency-Key must be 1–255 visible ASCII characters");
  const requestHash = createHash("sha256").update(`${args.route}\n${JSON.stringify(args.input)}`).digest("hex");
  const id = { userId: args.userId, key };
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimIdempotencyKey(db, id, args.route, requestHash)) break; // ours: do the work
    const existing = await findIdempotencyKey(db, id);
    if (existing && existing.requestHash !== requestHash) {
      throw new AppError("idempotency_key_reused", 409, "This Idempotency-Key was already used for a different request");
    }
    if (existing?.status != null) return { result: { status: existing.status, body: existing.response }, replayed: true };
    if (Date.now() > deadline) throw new AppError("conflict", 409, "A request with this Idempotency-Key is still in progress");
    await new Promise((r) => setTimeout(r, existing ? 25 : 0));
  }
  let result: IdempotentResult;
  try {
    result = await run();
  } catch (error) {
    await releaseIdempotencyKey(db, id);
    throw error;
  }
  await storeIdempotentResponse(db, id, result.status, result.body);
  return { result, replayed: false };
}

function toResponse(r: IdempotentResult): Response {
  return Response.json(r.body, { status: r.status, headers: r.headers });
}
