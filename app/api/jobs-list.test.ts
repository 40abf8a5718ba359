// Integration: the job history API (filters, keyset pages, ownership) and the
// support sign-in that sets the role on the session, through the real route
// handlers and a temporary SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getJob } from "@/app/api/jobs/[jobId]/route";
import { GET as getJobFacets } from "@/app/api/job-facets/route";
import { GET as listJobs } from "@/app/api/jobs/route";
import { GET as getSessionRoute } from "@/app/api/session/route";
import { DELETE as signOut, POST as signIn } from "@/app/api/session/support/route";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { emptyStats, type JobFacets, type JobHistoryPage, type JobType } from "@/lib/shared/jobs";
import type { SessionDto } from "@/lib/shared/session";
import { countRows } from "@/test/db";
import { TestUser } from "@/test/http";

const T0 = Date.parse("2026-03-01T00:00:00.000Z");
const HOUR = 3_600_000;

/** Writes a finished job row directly (the runner only claims pending jobs, so these stay as written). */
async function seedJob(ownerId: string, i: number, over: { jobType?: JobType; status?: string; planId?: string; parentJobId?: string; createdAt?: Date } = {}) {
  const db = getDeps().db;
  await db.user.upsert({ where: { id: ownerId }, create: { id: ownerId }, update: {} });
  return db.job.create({
    data: {
      id: `job-${ownerId.slice(0, 8)}-${String(i).padStart(3, "0")}`,
      jobType: over.jobType ?? "plan_decompose",
      status: over.status ?? "succeeded",
      ownerId,
      planId: over.planId ?? null,
      parentJobId: over.parentJobId ?? null,
      params: {},
      stats: emptyStats(),
      createdAt: over.createdAt ?? new Date(T0 + i * HOUR),
    },
  });
}

async function whoAmI(user: TestUser): Promise<SessionDto> {
  return (await user.call(getSessionRoute, { url: "/api/session" })).json();
}

async function list(user: TestUser, query: string, headers?: Record<string, string>): Promise<JobHistoryPage> {
  const res = await user.call(listJobs, { url: `/api/jobs?${query}`, headers });
  expect(res.status).toBe(200);
  return res.json();
}

const alice = new TestUser();
const bob = new TestUser();
let aliceId = "";
let bobId = "";

beforeAll(async () => {
  await startServer();
  aliceId = (await whoAmI(alice)).userId;
  bobId = (await whoAmI(bob)).userId;
  // Alice: 25 jobs an hour apart; every 5th failed, every 3rd a chat_actions job; 0–9 on plan-a.
  for (let i = 0; i < 25; i++) {
    await seedJob(aliceId, i, {
      status: i % 5 === 0 ? "failed" : "succeeded",
      jobType: i % 3 === 0 ? "chat_actions" : "plan_decompose",
      planId: i < 10 ? "plan-a" : undefined,
      parentJobId: i === 7 || i === 8 ? `job-${aliceId.slice(0, 8)}-006` : undefined,
    });
  }
  for (let i = 0; i < 3; i++) await seedJob(bobId, i, { planId: i === 1 ? "plan-b" : i === 2 ? "plan-gone" : undefined });
  // Plan rows for the titles and the plan filter; "plan-gone" has jobs but no row (deleted).
  await getDeps().db.plan.create({
    data: { id: "plan-a", ownerId: aliceId, title: "Move the intranet to a new host", goal: "g", updatedAt: new Date(T0 + 30 * HOUR) },
  });
  await getDeps().db.plan.create({ data: { id: "plan-b", ownerId: bobId, title: "Bob's garden", goal: "g", updatedAt: new Date(T0 + 40 * HOUR) } });
});

const SUPPORT = { authorization: "Bearer support-token-for-tests" };

async function facets(user: TestUser, query: string, headers?: Record<string, string>): Promise<JobFacets> {
  const res = await user.call(getJobFacets, { url: `/api/job-facets?${query}`, headers });
  expect(res.status).toBe(200);
  return res.json();
}
afterAll(async () => {
  await stopServer();
});

describe("GET /api/jobs", () => {
  it("pages newest first with a keyset cursor, every job exactly once", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    let pages = 0;
    while (cursor !== null) {
      const page = await list(alice, `limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(25);
      seen.push(...page.jobs.map((j) => j.id));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    const expected = Array.from({ length: 25 }, (_, i) => `job-${aliceId.slice(0, 8)}-${String(24 - i).padStart(3, "0")}`);
    expect(seen).toEqual(expected);
  });

  it("keeps pages stable when a newer job arrives between them", async () => {
    const first = await list(alice, "limit=5");
    await seedJob(aliceId, 900, { createdAt: new Date(T0 + 1000 * HOUR) });
    const second = await list(alice, `limit=5&cursor=${first.nextCursor}`);
    expect(second.jobs.map((j) => j.id.slice(-3))).toEqual(["019", "018", "017", "016", "015"]);
    expect(second.total).toBe(26);
    await getDeps().db.job.delete({ where: { id: `job-${aliceId.slice(0, 8)}-900` } });
  });

  it("filters by type, status, plan, parent, id prefix and creation time", async () => {
    const ids = (p: JobHistoryPage) => p.jobs.map((j) => Number(j.id.slice(-3)));
    expect(ids(await list(alice, "status=failed"))).toEqual([20, 15, 10, 5, 0]);
    expect(ids(await list(alice, "jobType=chat_actions&status=failed"))).toEqual([15, 0]);
    expect(ids(await list(alice, "planId=plan-a&jobType=chat_actions"))).toEqual([9, 6, 3, 0]);
    expect(ids(await list(alice, `parentJobId=job-${aliceId.slice(0, 8)}-006`))).toEqual([8, 7]);
    expect(ids(await list(alice, `q=job-${aliceId.slice(0, 8)}-01`))).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    // from inclusive, to exclusive; offsets are honoured (02:00+01:00 is 01:00Z).
    const from = new Date(T0 + 2 * HOUR).toISOString();
    expect(ids(await list(alice, `from=${from}&to=2026-03-01T05:00:00%2B01:00`))).toEqual([3, 2]);
    const page = await list(alice, `from=${from}&to=${new Date(T0 + 6 * HOUR).toISOString()}&limit=2`);
    expect([ids(page), page.total]).toEqual([[5, 4], 4]);
  });

  it("shows a user only their own jobs; support (bearer) sees everyone's", async () => {
    expect((await list(bob, "")).jobs.map((j) => j.ownerId)).toEqual([bobId, bobId, bobId]);
    const all = await list(bob, "limit=200", { authorization: "Bearer support-token-for-tests" });
    expect(all.total).toBe(28);
    expect(new Set(all.jobs.map((j) => j.ownerId))).toEqual(new Set([aliceId, bobId]));
    const wrong = await list(bob, "", { authorization: "Bearer not-the-token" });
    expect(wrong.total).toBe(3);
  });

  it("answers 400 for bad filters and a forged cursor, with field errors", async () => {
    for (const [query, field] of [
      ["status=exploded", "status"],
      ["jobType=nope", "jobType"],
      ["from=yesterday", "from"],
      ["from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to"],
      ["limit=0", "limit"],
      ["limit=500", "limit"],
      [`cursor=${Buffer.from("nonsense").toString("base64url")}`, "cursor"],
      // A valid JS date no cursor of ours holds, and PostgreSQL's timestamp cannot (the fuzz found it: 500 there).
      [`cursor=${Buffer.from("-116402-12-29T14:07:13.687Z|4b6cc472-c16c-4cec-92cf-6463a075046b").toString("base64url")}`, "cursor"],
      [`cursor=${Buffer.from("2026-03-01T00:00:00.000Z|a\u0000b").toString("base64url")}`, "cursor"],
    ]) {
      const res = await alice.call(listJobs, { url: `/api/jobs?${query}` });
      expect([query, res.status]).toEqual([query, 400]);
      const body = await res.json();
      expect(Object.keys(body.error.details ?? {})).toContain(field);
    }
  });
});

describe("GET /api/jobs: plan titles and the owner filter", () => {
  it("names the plans of the page's jobs, and only those", async () => {
    expect((await list(alice, "limit=200")).planTitles).toEqual({ "plan-a": "Move the intranet to a new host" });
    expect((await list(alice, "status=failed&jobType=plan_decompose")).planTitles).toEqual({ "plan-a": "Move the intranet to a new host" }); // job 5
    expect((await list(alice, "limit=3")).planTitles).toEqual({}); // jobs 24–22 have no plan
    // Support sees both owners' plans; a plan without a row is left out.
    expect((await list(bob, "limit=200", SUPPORT)).planTitles).toEqual({ "plan-a": "Move the intranet to a new host", "plan-b": "Bob's garden" });
    const bobs = await list(bob, "");
    expect(bobs.jobs.map((j) => j.planId)).toEqual(["plan-gone", "plan-b", null]);
    expect(bobs.planTitles).toEqual({ "plan-b": "Bob's garden" });
  });

  it("filters support's list by owner; a user's other owner matches nothing", async () => {
    const bobsOnly = await list(alice, `ownerId=${bobId}&limit=200`, SUPPORT);
    expect([bobsOnly.total, new Set(bobsOnly.jobs.map((j) => j.ownerId))]).toEqual([3, new Set([bobId])]);
    expect((await list(bob, `ownerId=${aliceId}&planId=plan-a&limit=200`, SUPPORT)).total).toBe(10);
    expect((await list(alice, `ownerId=${aliceId}`)).total).toBe(25);
    expect(await list(alice, `ownerId=${bobId}`)).toEqual({ jobs: [], nextCursor: null, total: 0, planTitles: {} });
    const res = await alice.call(listJobs, { url: `/api/jobs?ownerId=${"x".repeat(101)}` });
    expect(res.status).toBe(400);
    expect(Object.keys((await res.json()).error.details)).toEqual(["ownerId"]);
  });
});

describe("GET /api/job-facets", () => {
  it("lists every owner and plan for support, most recent first, and one owner's plans with ownerId", async () => {
    const all = await facets(bob, "", SUPPORT);
    expect(all.owners).toEqual([
      { id: aliceId, jobs: 25, lastJobAt: new Date(T0 + 24 * HOUR).toISOString() },
      { id: bobId, jobs: 3, lastJobAt: new Date(T0 + 2 * HOUR).toISOString() },
    ]);
    expect(all.plans).toEqual([
      { id: "plan-b", title: "Bob's garden", ownerId: bobId, updatedAt: new Date(T0 + 40 * HOUR).toISOString() },
      { id: "plan-a", title: "Move the intranet to a new host", ownerId: aliceId, updatedAt: new Date(T0 + 30 * HOUR).toISOString() },
    ]);
    const alices = await facets(bob, `ownerId=${aliceId}`, SUPPORT);
    expect([alices.owners.length, alices.plans.map((p) => p.id)]).toEqual([2, ["plan-a"]]);
  });

  it("shows a user only themselves and their own plans", async () => {
    const mine = await facets(alice, "");
    expect(mine.owners).toEqual([{ id: aliceId, jobs: 25, lastJobAt: new Date(T0 + 24 * HOUR).toISOString() }]);
    expect(mine.plans.map((p) => p.id)).toEqual(["plan-a"]);
    expect(await facets(alice, `ownerId=${bobId}`)).toEqual({ owners: mine.owners, plans: [] });
    expect(await facets(alice, `ownerId=${aliceId}`)).toEqual(mine);
    const res = await alice.call(getJobFacets, { url: `/api/job-facets?ownerId=${"x".repeat(101)}` });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });
});

describe("support sign-in (POST /api/session/support)", () => {
  it("sets the support role on this session only, and signing out drops it", async () => {
    const carol = new TestUser();
    const before = await countRows();
    const wrong = await carol.call(signIn, { url: "/api/session/support", body: { token: "guess" } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("wrong_token");
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith("ps_support="))).toBe(false);
    expect((await carol.call(signIn, { url: "/api/session/support", body: {} })).status).toBe(400);
    expect(await countRows()).toEqual(before);

    const ok = await carol.call(signIn, { url: "/api/session/support", body: { token: "support-token-for-tests" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ role: "support", supportSignIn: true });
    expect(await whoAmI(carol)).toMatchObject({ role: "support" });
    expect((await list(carol, "limit=200")).total).toBe(28);
    const alicesJob = `job-${aliceId.slice(0, 8)}-003`;
    expect((await carol.call(getJob, { url: `/api/jobs/${alicesJob}`, params: { jobId: alicesJob } })).status).toBe(200);

    // The role cookie is bound to Carol's session: on Dave's session it grants nothing.
    const dave = new TestUser();
    await whoAmI(dave);
    const supportPair = carol.cookie!.split("; ").find((c) => c.startsWith("ps_support="))!;
    dave.cookie = `${dave.cookie}; ${supportPair}`;
    expect(await whoAmI(dave)).toMatchObject({ role: "user" });
    expect((await dave.call(getJob, { url: `/api/jobs/${alicesJob}`, params: { jobId: alicesJob } })).status).toBe(404);
    // A tampered expiry breaks the signature.
    const [name, value] = supportPair.split("=");
    const tampered = new TestUser();
    tampered.cookie = carol.cookie!.replace(supportPair, `${name}=${Number(value.split(".")[0]) + 1000}.${value.split(".")[1]}`);
    expect(await whoAmI(tampered)).toMatchObject({ role: "user" });

    const out = await carol.call(signOut, { url: "/api/session/support", method: "DELETE" });
    expect(out.status).toBe(200);
    expect(await whoAmI(carol)).toMatchObject({ role: "user" });
    expect((await carol.call(getJob, { url: `/api/jobs/${alicesJob}`, params: { jobId: alicesJob } })).status).toBe(404);
  });
});
