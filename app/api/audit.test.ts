// The audit log (docs/audit.md): one entry with exact fields per support
// action (sign-in, failed sign-in, sign-out, reading or cancelling another
// user's rows) and per job log export; GET /api/audit for support only, with
// filters and cursor pages; fail-closed writes; retention.
process.env.TRUST_PROXY_HOPS = "1";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getAudit } from "@/app/api/audit/route";
import { POST as postMessage } from "@/app/api/chat/message/route";
import { GET as getArtifact } from "@/app/api/artifacts/[artifactId]/route";
import { GET as getActionStatus } from "@/app/api/chat/action-status/[trackingId]/route";
import { GET as getTurn } from "@/app/api/chat/turns/[turnId]/route";
import { GET as getTurnStream } from "@/app/api/chat/turns/[turnId]/stream/route";
import { POST as postCancel } from "@/app/api/jobs/[jobId]/cancel/route";
import { GET as getJobStream } from "@/app/api/jobs/[jobId]/stream/route";
import { GET as getConversation } from "@/app/api/conversations/[id]/route";
import { GET as getEvents } from "@/app/api/jobs/[jobId]/events/route";
import { GET as getExport } from "@/app/api/jobs/[jobId]/export/route";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { POST as postExecute } from "@/app/api/plans/[planId]/execute/route";
import { GET as getPlan } from "@/app/api/plans/[planId]/route";
import { GET as getRun } from "@/app/api/runs/[runId]/route";
import { GET as getSession } from "@/app/api/session/route";
import { DELETE as signOut, POST as signIn } from "@/app/api/session/support/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { PEER_HEADER } from "@/lib/server/http/client-info";
import { sweepRetention } from "@/lib/server/jobs/retention";
import type { AuditEntryDto, AuditPage } from "@/lib/shared/audit";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { ExecutePlanResponse } from "@/lib/shared/runs";
import { TestUser } from "@/test/http";

const TOKEN = "support-token-for-tests";
/** The one trusted proxy (TRUST_PROXY_HOPS=1) as the server's peer hook records it, with the X-Forwarded-For it sent. */
const viaProxy = (xff: string) => ({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": xff });
const db = () => getDeps().db;

beforeAll(async () => {
  await startServer();
});
afterAll(async () => {
  await stopServer();
});

async function userIdOf(user: TestUser): Promise<string> {
  return ((await (await user.call(getSession, { url: "/api/session" })).json()) as { userId: string }).userId;
}

/** A user with a conversation, a plan, its chat jobs and a run, settled. */
async function owner() {
  const user = new TestUser();
  const res = await user.call(postMessage, { url: "/api/chat/message", body: { message: "Plan a birthday party for 20 guests on 2027-03-20", mode: "sync" } });
  const chat = (await res.json()) as SendMessageResponse;
  const planId = chat.metadata.planId!;
  const run = (await (await user.call(postExecute, { url: `/api/plans/${planId}/execute`, params: { planId } })).json()) as ExecutePlanResponse;
  await getDeps().queue.waitUntilSettled([run.jobId]);
  return { user, userId: await userIdOf(user), planId, conversationId: chat.metadata.conversationId, trackingId: chat.metadata.trackingId!, run };
}

/** A support session signed in through the form (its sign-in entry is removed so tests count their own). */
async function support(): Promise<{ user: TestUser; userId: string }> {
  const user = new TestUser();
  const res = await user.call(signIn, { url: "/api/session/support", body: { token: TOKEN } });
  expect(res.status).toBe(200);
  const userId = await userIdOf(user);
  await db().auditEntry.deleteMany({ where: { actorId: userId } });
  return { user, userId };
}

/** The entries of one actor, oldest first, as the API shows them (read straight from the table). */
async function entriesOf(actorId: string): Promise<Omit<AuditEntryDto, "id" | "at">[]> {
  const rows = await db().auditEntry.findMany({ where: { actorId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map(({ actorId, actorRole, clientAddress, action, targetType, targetId, outcome, details }) => ({
    actorId,
    actorRole: actorRole as AuditEntryDto["actorRole"],
    clientAddress,
    action: action as AuditEntryDto["action"],
    targetType: targetType as AuditEntryDto["targetType"],
    targetId,
    outcome: outcome as AuditEntryDto["outcome"],
    details: details as AuditEntryDto["details"],
  }));
}

describe("audit entries per support action", () => {
  it("sign-in, a wrong token and sign-out each write one entry with the client address of the trusted proxy", async () => {
    const user = new TestUser();
    const userId = await userIdOf(user);
    const xff = viaProxy("198.51.100.9, 203.0.113.7");
    expect((await user.call(signIn, { url: "/api/session/support", body: { token: "wrong-token-123" }, headers: xff })).status).toBe(401);
    expect((await user.call(signIn, { url: "/api/session/support", body: { token: TOKEN }, headers: xff })).status).toBe(200);
    expect((await user.call(signOut, { url: "/api/session/support", method: "DELETE", headers: viaProxy("not-an-ip") })).status).toBe(200);
    // A user's sign-out drops nothing and is not a support action.
    expect((await user.call(signOut, { url: "/api/session/support", method: "DELETE" })).status).toBe(200);
    const session = { targetType: "session", targetId: userId, details: null, actorId: userId } as const;
    expect(await entriesOf(userId)).toEqual([
      { ...session, actorRole: "user", clientAddress: "203.0.113.7", action: "support.sign_in_failed", outcome: "failure" },
      { ...session, actorRole: "user", clientAddress: "203.0.113.7", action: "support.sign_in", outcome: "success" },
      { ...session, actorRole: "support", clientAddress: null, action: "support.sign_out", outcome: "success" },
    ]);
  });

  it("the address is the rate limiter's: from the server's peer header, never from X-Forwarded-For alone", async () => {
    const user = new TestUser();
    const userId = await userIdOf(user);
    const failedSignIn = async (headers: Record<string, string>) =>
      expect((await user.call(signIn, { url: "/api/session/support", body: { token: "wrong-token-123" }, headers })).status).toBe(401);
    // No peer header (a client's own X-Forwarded-For, no server hook): nothing to trust.
    await failedSignIn({ "x-forwarded-for": "203.0.113.7" });
    // The trusted proxy sent no X-Forwarded-For: the peer itself, in canonical form.
    await failedSignIn({ [PEER_HEADER]: "::ffff:192.0.2.10" });
    expect((await entriesOf(userId)).map((e) => e.clientAddress)).toEqual([null, "192.0.2.10"]);
  });

  it("support reading another user's job, events, plan, conversation, action status and run writes one support.read each; the owner's reads write none", async () => {
    const o = await owner();
    const s = await support();
    const jobId = o.run.jobId;
    const reads: [string, () => Promise<Response>][] = [
      ["job", () => s.user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })],
      ["events", () => s.user.call(getEvents, { url: `/api/jobs/${jobId}/events`, params: { jobId } })],
      ["plan", () => s.user.call(getPlan, { url: `/api/plans/${o.planId}`, params: { planId: o.planId } })],
      ["conversation", () => s.user.call(getConversation, { url: `/api/conversations/${o.conversationId}`, params: { id: o.conversationId } })],
      ["tracking", () => s.user.call(getActionStatus, { url: `/api/chat/action-status/${o.trackingId}`, params: { trackingId: o.trackingId } })],
      ["run", () => s.user.call(getRun, { url: `/api/runs/${o.run.runId}`, params: { runId: o.run.runId } })],
    ];
    for (const [, read] of reads) expect((await read()).status).toBe(200);
    const read = (targetType: string, targetId: string, view?: string) => ({
      actorId: s.userId,
      actorRole: "support",
      clientAddress: null,
      action: "support.read",
      targetType,
      targetId,
      outcome: "success",
      details: view ? { ownerId: o.userId, view } : { ownerId: o.userId },
    });
    expect(await entriesOf(s.userId)).toEqual([
      read("job", jobId),
      read("job", jobId, "events"),
      read("plan", o.planId),
      read("conversation", o.conversationId),
      read("tracking", o.trackingId),
      read("run", o.run.runId),
    ]);
    // The owner reads the same rows: nothing is recorded.
    expect((await o.user.call(getJob, { url: `/api/jobs/${jobId}`, params: { jobId } })).status).toBe(200);
    expect((await o.user.call(getPlan, { url: `/api/plans/${o.planId}`, params: { planId: o.planId } })).status).toBe(200);
    expect(await entriesOf(o.userId)).toEqual([]);
  });

  it("support reading a turn, its stream, an artifact and a job stream, and cancelling a job, writes one entry each; a rejected one writes none", async () => {
    const o = await owner();
    const s = await support();
    const turn = await db().chatTurn.create({
      data: { id: crypto.randomUUID(), conversationId: o.conversationId, ownerId: o.userId, userMessageId: "u", messageId: "m", language: "en", status: "completed", finishedAt: new Date() },
    });
    const artifact = await db().artifact.create({ data: { ownerId: o.userId, name: "notes.md", mediaType: "text/markdown", bytes: 2, content: "hi" } });
    // A pending job the runner will not claim yet (runAfter tomorrow).
    const pending = await db().job.create({ data: { jobType: "plan_decompose", ownerId: o.userId, params: {}, stats: {}, runAfter: new Date(Date.now() + 86_400_000) } });
    const jobId = o.run.jobId;
    const turnId = turn.id;
    // Rejected first: a bad cursor on the turn stream is a 400 and records nothing.
    expect((await s.user.call(getTurnStream, { url: `/api/chat/turns/${turnId}/stream`, params: { turnId }, headers: { "last-event-id": "-1" } })).status).toBe(400);
    expect(await entriesOf(s.userId)).toEqual([]);
    expect((await s.user.call(getTurn, { url: `/api/chat/turns/${turnId}`, params: { turnId } })).status).toBe(200);
    const stream = await s.user.call(getTurnStream, { url: `/api/chat/turns/${turnId}/stream`, params: { turnId } });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    expect((await s.user.call(getArtifact, { url: `/api/artifacts/${artifact.id}`, params: { artifactId: artifact.id } })).status).toBe(200);
    const jobStream = await s.user.call(getJobStream, { url: `/api/jobs/${jobId}/stream`, params: { jobId } });
    expect(jobStream.status).toBe(200);
    await jobStream.body?.cancel();
    expect((await s.user.call(postCancel, { url: `/api/jobs/${pending.id}/cancel`, method: "POST", params: { jobId: pending.id } })).status).toBe(202);
    const entry = (action: string, targetType: string, targetId: string, details: Record<string, unknown>) => ({
      actorId: s.userId,
      actorRole: "support",
      clientAddress: null,
      action,
      targetType,
      targetId,
      outcome: "success",
      details: { ownerId: o.userId, ...details },
    });
    expect(await entriesOf(s.userId)).toEqual([
      entry("support.read", "turn", turnId, {}),
      entry("support.read", "turn", turnId, { view: "stream" }),
      entry("support.read", "artifact", artifact.id, {}),
      entry("support.read", "job", jobId, { view: "stream" }),
      entry("support.cancel", "job", pending.id, {}),
    ]);
  });

  it("every job log export is recorded, by the owner and by support, with the format", async () => {
    const o = await owner();
    const s = await support();
    const jobId = o.run.jobId;
    const exp = (u: TestUser, format: string) => u.call(getExport, { url: `/api/jobs/${jobId}/export?format=${format}`, params: { jobId }, headers: viaProxy("2001:db8::1") });
    const mine = await exp(o.user, "ndjson");
    expect(mine.status).toBe(200);
    await mine.text();
    const theirs = await exp(s.user, "text");
    expect(theirs.status).toBe(200);
    await theirs.text();
    const entry = (actorId: string, actorRole: string, owner: boolean, format: string) => ({
      actorId,
      actorRole,
      clientAddress: "2001:db8::1",
      action: "job.export",
      targetType: "job",
      targetId: jobId,
      outcome: "success",
      details: { ownerId: o.userId, owner, format },
    });
    expect(await entriesOf(o.userId)).toEqual([entry(o.userId, "user", true, "ndjson")]);
    expect(await entriesOf(s.userId)).toEqual([entry(s.userId, "support", false, "text")]);
    // A 404 (someone else's job, for a user) exports nothing and records nothing.
    const stranger = new TestUser();
    expect((await stranger.call(getExport, { url: `/api/jobs/${jobId}/export`, params: { jobId } })).status).toBe(404);
    expect(await entriesOf(await userIdOf(stranger))).toEqual([]);
  });

  it("fails closed: when the entry cannot be written, sign-in grants nothing, an export sends nothing and a support read answers nothing (503)", async () => {
    const o = await owner();
    const s = await support();
    const user = new TestUser();
    await db().$executeRawUnsafe('ALTER TABLE "AuditEntry" RENAME TO "AuditEntryOff"');
    try {
      const res = await user.call(signIn, { url: "/api/session/support", body: { token: TOKEN } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("audit_unavailable");
      expect(res.headers.get("retry-after")).toBe("5");
      expect(res.headers.getSetCookie().some((c) => c.startsWith("ps_support="))).toBe(false);
      const jobId = o.run.jobId;
      expect((await o.user.call(getExport, { url: `/api/jobs/${jobId}/export`, params: { jobId } })).status).toBe(503);
      expect((await s.user.call(getPlan, { url: `/api/plans/${o.planId}`, params: { planId: o.planId } })).status).toBe(503);
      // Sign-out fails open: the role is dropped all the same.
      const out = await s.user.call(signOut, { url: "/api/session/support", method: "DELETE" });
      expect(out.status).toBe(200);
      expect(out.headers.getSetCookie()).toContain("ps_support=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    } finally {
      await db().$executeRawUnsafe('ALTER TABLE "AuditEntryOff" RENAME TO "AuditEntry"');
    }
    expect(((await (await user.call(getSession, { url: "/api/session" })).json()) as { role: string }).role).toBe("user");
  });
});

describe("GET /api/audit", () => {
  it("is support's only: a user gets 403 forbidden, bad filters 400", async () => {
    const user = new TestUser();
    const res = await user.call(getAudit, { url: "/api/audit" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const s = await support();
    for (const q of ["action=delete_everything", "limit=0", "limit=201", "since=yesterday", "since=2026-12-02T00:00:00Z&until=2026-12-01T00:00:00Z", "cursor=bm9wZQ"]) {
      const bad = await s.user.call(getAudit, { url: `/api/audit?${q}` });
      expect([q, bad.status]).toEqual([q, 400]);
    }
  });

  it("filters by action, actor and time and pages newest first with a stable cursor", async () => {
    const s = await support();
    const actors = [new TestUser(), new TestUser()];
    for (const a of actors) for (let i = 0; i < 3; i++) await a.call(signIn, { url: "/api/session/support", body: { token: `wrong-${i}-xxxx` } });
    const [a0] = await Promise.all(actors.map(userIdOf));
    const seen: AuditEntryDto[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/audit?action=support.sign_in_failed&actor=${a0}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await s.user.call(getAudit, { url })).json()) as AuditPage;
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((e) => [e.actorId, e.action, e.outcome])).toEqual(Array(3).fill([a0, "support.sign_in_failed", "failure"]));
    const times = seen.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(seen.map((e) => e.id)).size).toBe(3);
    const future = (await (await s.user.call(getAudit, { url: `/api/audit?actor=${a0}&since=2099-01-01T00:00:00Z` })).json()) as AuditPage;
    expect(future).toEqual({ entries: [], nextCursor: null });
    const past = (await (await s.user.call(getAudit, { url: `/api/audit?actor=${a0}&until=2000-01-01T00:00:00Z` })).json()) as AuditPage;
    expect(past.entries).toEqual([]);
  });

  it("retention keeps entries AUDIT_RETENTION_DAYS, longer than jobs", async () => {
    const actorId = "retention-actor";
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await db().auditEntry.createMany({
      data: [40, 364, 366].map((d) => ({ actorId, actorRole: "support", action: "support.read", outcome: "success", at: daysAgo(d), targetId: `d${d}` })),
    });
    const deleted = await sweepRetention(getDeps(), { retentionDays: 30, auditRetentionDays: 365, now });
    expect(deleted.auditEntries).toBe(1);
    expect((await db().auditEntry.findMany({ where: { actorId }, orderBy: { at: "asc" } })).map((e) => e.targetId)).toEqual(["d364", "d40"]);
  });
});
