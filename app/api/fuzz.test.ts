// Property-based fuzz of the whole HTTP API (issue 13, docs/testing.md
// "Fuzzing"): 10,000 generated requests (fast-check) over every method of
// every app/api/**/route.ts, found on the file system, called in-process
// against a real temporary SQLite file with the offline model at 0 latency.
// For every request: no 5xx, no unhandled rejection, and a rejected request
// (status >= 400) leaves the row count of every table as it was. Streams are
// read for a bounded time and cancelled. On failure fast-check prints the seed
// and path: rerun with FUZZ_SEED=<seed> FUZZ_PATH=<path>. FUZZ_RUNS=<n> changes the count.
process.env.LLM_OFFLINE_LATENCY_MS = "0";
process.env.TOOL_APPROVAL = "never";
// One model step per task keeps a fuzzed plan execution short (what is fuzzed is the HTTP surface, not the executor).
process.env.EXECUTE_MAX_STEPS = "1";

import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAgent } from "@/app/api/chat/agent/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { POST as signIn } from "@/app/api/session/support/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getTurnHub } from "@/lib/server/chat/turn-hub";
import { getDeps } from "@/lib/server/deps";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { ExecutePlanResponse } from "@/lib/shared/runs";
import { describeRequest, pathOf, requestArb, type FuzzRequest, type FuzzWorld } from "@/test/fuzz/arbitraries";
import { changedTables, countAllRows } from "@/test/fuzz/db-state";
import { discoverOperations, type FuzzOperation } from "@/test/fuzz/routes";
import { TestUser } from "@/test/http";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Longest a handler may take to answer (a hang is a failure too), ms. */
const ANSWER_TIMEOUT_MS = 20_000;
/** How long a streamed body is read before it is cancelled, ms, and how many bytes at most. */
const STREAM_READ_MS = 30;
const STREAM_READ_BYTES = 64 * 1024;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let ops: FuzzOperation[] = [];
let world: FuzzWorld;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Gives `user` a conversation, a plan with tasks and chat jobs, and (`full`)
 * a finished run and a streamed turn; a reseed after a deletion is the light one.
 */
async function seedSession(user: TestUser, full = true): Promise<void> {
  const chat = (await (await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a birthday party for 20 guests on 2027-03-20", mode: "sync" } })).json()) as SendMessageResponse;
  if (!full) return settle();
  const planId = chat.metadata.planId!;
  const run = (await (await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).json()) as ExecutePlanResponse;
  await getDeps().queue.waitUntilSettled([run.jobId]);
  await (await user.call(postAgent, { url: "/api/chat/agent", body: { message: "Plan a weekend trip to Kyoto" } })).text();
  await settle();
}

/** Rows per kind the requests pick from (the newest). */
const POOL_SIZE = 40;

/** Refills the id pools in place from the database (rows the run deleted leave, rows it created join). */
async function refreshPools(ids: FuzzWorld["ids"]): Promise<void> {
  const db = getDeps().db;
  const q = { select: { id: true }, orderBy: { createdAt: "desc" as const }, take: POOL_SIZE };
  const fresh: FuzzWorld["ids"] = {
    conversation: (await db.conversation.findMany(q)).map((r) => r.id),
    plan: (await db.plan.findMany(q)).map((r) => r.id),
    task: (await db.task.findMany(q)).map((r) => r.id),
    job: (await db.job.findMany(q)).map((r) => r.id),
    run: (await db.run.findMany(q)).map((r) => r.id),
    turn: (await db.chatTurn.findMany(q)).map((r) => r.id),
    artifact: (await db.artifact.findMany(q)).map((r) => r.id),
    call: (await db.approval.findMany({ select: { callId: true }, take: POOL_SIZE })).map((a) => a.callId),
  };
  for (const kind of Object.keys(fresh) as (keyof typeof fresh)[]) ids[kind].splice(0, ids[kind].length, ...fresh[kind]);
}

const sessions: { user: TestUser; userId: string }[] = [];

/** Seeds both sessions and signs a third in as support. */
async function seed(): Promise<FuzzWorld> {
  for (let i = 0; i < 2; i++) {
    const user = new TestUser();
    await seedSession(user);
    sessions.push({ user, userId: decodeURIComponent(user.cookie!.split("=")[1]).split(".")[0] });
  }
  const support = new TestUser();
  expect((await support.call(signIn, { url: "/api/session/support", body: { token: process.env.SUPPORT_TOKEN } })).status).toBe(200);
  const ids: FuzzWorld["ids"] = { conversation: [], plan: [], task: [], job: [], run: [], turn: [], artifact: [], call: [] };
  await refreshPools(ids);
  return { ids, cookies: { owner: sessions[0].user.cookie!, other: sessions[1].user.cookie!, support: support.cookie! }, supportToken: process.env.SUPPORT_TOKEN! };
}

/** After a request that changed data: a session that lost its last conversation gets a new one; pools are refilled. */
async function replenish(): Promise<void> {
  for (const s of sessions) if ((await getDeps().db.conversation.count({ where: { ownerId: s.userId } })) === 0) await seedSession(s.user, false);
  await refreshPools(world.ids);
}

/**
 * After a successful request: cancels the jobs it left open (a plan run takes
 * a second or two; the fuzz is after the HTTP surface, and cancelled jobs
 * feed the resume route), then waits until none is open and no turn runs.
 */
async function cancelAndSettle(): Promise<void> {
  const { db, queue } = getDeps();
  const open = await db.job.findMany({ where: { status: { in: ["pending", "running"] } }, select: { id: true } });
  for (const job of open) await queue.cancel(HOUSEKEEPER, job.id).catch(() => undefined);
  await settle();
}

/** Who cancels leftover jobs (support may cancel anyone's). */
const HOUSEKEEPER = { userId: "fuzz-housekeeping", role: "support" } as const;

/** Waits until no job is open and no chat turn runs (what a 2xx started has finished writing). */
async function settle(): Promise<void> {
  await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 30_000 });
  while (getTurnHub().size > 0) await sleep(5);
}

/** Reads a body: a stream for STREAM_READ_MS / STREAM_READ_BYTES then cancels it; anything else to its end. */
async function drain(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const streaming = (res.headers.get("content-type") ?? "").startsWith("text/event-stream");
  const deadline = Date.now() + (streaming ? STREAM_READ_MS : ANSWER_TIMEOUT_MS);
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const left = deadline - Date.now();
    const next = left > 0 ? await Promise.race([reader.read(), sleep(left).then(() => "timeout" as const)]) : "timeout";
    if (next === "timeout" || next.done) break;
    bytes += next.value.byteLength;
    if (text.length < 2_000) text += decoder.decode(next.value, { stream: true });
    if (streaming && bytes >= STREAM_READ_BYTES) break;
  }
  await reader.cancel().catch(() => undefined);
  return text;
}

/** Tables a rejected request may write: a failed support sign-in is recorded in the audit log by design (docs/audit.md). */
function allowedWrites(req: FuzzRequest, status: number): string[] {
  return req.op.name === "POST /api/session/support" && status === 401 ? ["AuditEntry"] : [];
}

const statusCounts = new Map<number, number>();
/** Row counts after the last request, when nothing can have changed them since (it was rejected). */
let lastCounts: Record<string, number> | undefined;

/** Sends one generated request and checks the three properties. @throws with the request when one fails. */
async function check(req: FuzzRequest): Promise<void> {
  const db = getDeps().db;
  const t0 = performance.now();
  // After a rejection the counts are known (they were checked unchanged); after a success they are read again.
  const before = lastCounts ?? (await countAllRows(db));
  lastCounts = undefined;
  const rejectionsBefore = unhandled.length;
  const request = new Request(`http://localhost${pathOf(req)}${req.query}`, { method: req.op.method, headers: req.headers, body: req.body as BodyInit | undefined });
  let timer: NodeJS.Timeout | undefined;
  const res = await Promise.race([
    req.op.handler(request, { params: Promise.resolve(req.params) }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No answer within ${ANSWER_TIMEOUT_MS} ms\n${describeRequest(req)}`)), ANSWER_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  const text = await drain(res);
  statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
  if (res.status >= 500) throw new Error(`HTTP ${res.status} ${text.slice(0, 300)}\n${describeRequest(req)}`);
  if (res.status >= 400) {
    const after = await countAllRows(db);
    const changed = changedTables(before, after);
    for (const table of allowedWrites(req, res.status)) delete changed[table];
    if (Object.keys(changed).length) throw new Error(`HTTP ${res.status} wrote rows ${JSON.stringify(changed)}: ${text.slice(0, 200)}\n${describeRequest(req)}`);
    lastCounts = after;
  } else {
    await cancelAndSettle();
    if (req.op.method !== "GET") await replenish();
  }
  await sleep(0);
  if (process.env.FUZZ_DEBUG) console.log("DBG", req.op.name, res.status, (performance.now() - t0).toFixed(1));
  if (unhandled.length > rejectionsBefore) throw new Error(`Unhandled rejection: ${String(unhandled.at(-1))}\n${describeRequest(req)}`);
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  await startServer();
  ops = await discoverOperations(path.resolve(import.meta.dirname));
  world = await seed();
}, 120_000);

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await stopServer();
});

describe("route fuzz", () => {
  it("finds every route handler on the file system", () => {
    // Spot checks that discovery reads nested dynamic segments and every exported method.
    const names = ops.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(["GET /api/jobs/{jobId}/events", "DELETE /api/conversations/{id}", "PATCH /api/plans/{planId}/tasks/{taskId}", "POST /api/runs/{runId}/approvals/{callId}", "GET /api/audit"]));
    expect(new Set(names).size).toBe(names.length);
    // Every operation found its OpenAPI entry, so its requests are shaped like its schemas.
    expect(ops.filter((o) => !o.documented).map((o) => o.name)).toEqual([]);
  });

  it(`${RUNS} generated requests: no 5xx, no unhandled rejection, nothing written by a rejected request`, async () => {
    const started = performance.now();
    await fc.assert(fc.asyncProperty(requestArb(ops, world), check), {
      numRuns: RUNS,
      seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      path: process.env.FUZZ_PATH,
      endOnFailure: true,
    });
    const seconds = (performance.now() - started) / 1000;
    const statuses = [...statusCounts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`[fuzz] ${RUNS} requests over ${ops.length} operations in ${seconds.toFixed(1)} s; statuses: ${statuses}`);
    await sleep(50);
    expect(unhandled).toEqual([]);
  }, 600_000);
});
