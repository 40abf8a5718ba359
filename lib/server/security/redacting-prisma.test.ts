// The database-level net: every value written through the Prisma client
// (createDb) and the job log's raw INSERT has its secrets redacted, in plain
// writes, nested writes, batch and interactive transactions; the job export
// redacts rows stored before redaction existed.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { applyMigrations } from "@/lib/server/db/migrate";
import { env } from "@/lib/server/env";
import { JobBus } from "@/lib/server/jobs/bus";
import { exportJob } from "@/lib/server/jobs/export-job";
import { JobLogger } from "@/lib/server/jobs/job-logger";
import { createJobStore, insertJob } from "@/lib/server/jobs/jobs-repo";
import { emptyStats } from "@/lib/shared/jobs";
import { makeCanaries } from "@/test/secret-canaries";

const db = createDb(env().DATABASE_URL);
const canaries = makeCanaries();
const all = canaries.map((c) => c.text).join(" | ");
const OWNER = "redaction-owner";

/** Every stored byte of the database file's tables, as text, via SQL (no client read path in between). */
async function dump(): Promise<string> {
  const tables = ["User", "Conversation", "Message", "Job", "JobEvent", "ChatTurn", "ChatTurnEvent", "Artifact"];
  const parts: string[] = [];
  for (const t of tables) parts.push(JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "${t}"`), (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)));
  return parts.join("\n");
}

function expectNoCanary(text: string): void {
  for (const c of canaries) expect(text, c.kind).not.toContain(c.core);
}

beforeAll(async () => {
  await applyMigrations(env().DATABASE_URL);
  await db.user.create({ data: { id: OWNER } });
});

describe("redaction at the database", () => {
  it("redacts plain, nested, batch-transaction and interactive-transaction writes", async () => {
    const conversationId = randomUUID();
    await db.conversation.create({ data: { id: conversationId, ownerId: OWNER, title: `Keys ${canaries[2]!.text}` } });
    await db.$transaction([db.message.create({ data: { conversationId, role: "user", content: all } })]);
    await db.$transaction(async (tx) => {
      await tx.message.create({ data: { conversationId, role: "assistant", content: `echo ${all}`, metadata: { note: canaries[7]!.text } } });
      await tx.conversation.update({ where: { id: conversationId }, data: { title: `Renamed ${canaries[4]!.text}` } });
    });
    const turnId = randomUUID();
    const message = await db.message.findFirstOrThrow({ where: { conversationId, role: "user" } });
    await db.chatTurn.create({
      data: {
        id: turnId, conversationId, ownerId: OWNER, userMessageId: message.id, messageId: randomUUID(), language: "en", lastSeq: 1,
        events: { create: [{ seq: 1, event: "assistant_message_chunk", data: { delta: all } }] },
      },
    });
    await db.user.upsert({ where: { id: "someone" }, create: { id: "someone" }, update: {} });
    const stored = await dump();
    expectNoCanary(stored);
    expect(stored).toContain(`Renamed [REDACTED:openai-token]`);
    expect((await db.message.findFirstOrThrow({ where: { conversationId, role: "user" } })).content).toBe(
      canaries.map((c) => (c.ruleId === "basic-auth" ? "[REDACTED:basic-auth]/reports" : `[REDACTED:${c.ruleId}]`)).join(" | "),
    );
  });

  it("redacts job log lines (message, data, msgParams), job parameters and status results", async () => {
    const store = createJobStore(db, env().DATABASE_URL);
    const job = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: OWNER, payload: { goal: all } }));
    const logger = new JobLogger(store, new JobBus(), job.id, emptyStats());
    logger.write("info", "log", `Calling with ${canaries[0]!.text}`, { msgKey: "x", msgParams: { title: canaries[8]!.text }, list: [canaries[5]!.text] });
    logger.write("warn", "log", "clean line", { i: 1 });
    await logger.flush();
    await db.job.update({ where: { id: job.id }, data: { result: { summary: canaries[1]!.text } } });
    const stored = await dump();
    expectNoCanary(stored);
    const rows = await db.jobEvent.findMany({ where: { jobId: job.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.message)).toEqual(["Calling with [REDACTED:aws-access-key-id]", "clean line"]);
    expect(rows[0]!.data).toEqual({ msgKey: "x", msgParams: { title: "[REDACTED:private-key]" }, list: ["[REDACTED:anthropic-api-key]"] });
  });

  it("the job export redacts rows stored before redaction (written here without it)", async () => {
    const store = createJobStore(db, env().DATABASE_URL, { redact: false });
    const job = await db.$transaction((tx) => insertJob(tx, { jobType: "log_burst", ownerId: OWNER, payload: {} }));
    const logger = new JobLogger(store, new JobBus(), job.id, emptyStats());
    logger.write("info", "log", `old line ${all}`, { old: all });
    await logger.flush();
    expect(await dump()).toContain(canaries[0]!.core); // the old row really holds it
    for (const format of ["json", "ndjson", "text"] as const) {
      const res = await exportJob({ store, db }, { userId: OWNER, role: "user" } as never, job.id, format);
      const body = await res.text();
      expect(body).toContain("[REDACTED:github-token]");
      expectNoCanary(body);
    }
  });
});
