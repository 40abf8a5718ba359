// The canary search (issue 13, "Data that must not leak"; docs/data-protection.md):
// one fake secret of each kind is planted where a person, a model or a tool
// could put it; then the SQLite files (and WAL), every API response and
// stream, every export and the server's own stdout/stderr are searched for
// each secret's random core: zero hits. Each test runs its own `next start`
// (E2E_PORT + 60, + 61), so the server's output is captured from its first line.
import { expect, test } from "@playwright/test";
import { startOpenAIFakeServer, type OpenAIFakeServer } from "../test/openai-fake-server";
import { makeCanaries } from "../test/secret-canaries";
import { CanaryServer } from "./canary-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const canaries = makeCanaries();
const planted = canaries.map((c) => c.text).join("\n");
type JobRef = { jobId: string; jobType: string };

/** The one check: zero hits, and one marker per kind (the plants went through, so zero hits mean redaction). */
function expectRedactedEverywhere(server: CanaryServer): void {
  expect(server.hits(canaries)).toEqual([]);
  const all = server.seen.map((s) => s.text).join("\n");
  for (const c of canaries) expect(all, c.kind).toContain(`[REDACTED:${c.ruleId}]`);
}

test.describe("secret canaries", () => {
  let server: CanaryServer | undefined;
  let fake: OpenAIFakeServer | undefined;
  test.afterEach(async () => {
    server?.stop();
    await fake?.close();
    server = fake = undefined;
  });

  test("planted in chat, a task title, a plan's logs and its run: not stored, answered, streamed, exported or logged", async () => {
    test.setTimeout(300_000);
    const s = (server = new CanaryServer(E2E_PORT + 60, {}));
    await s.start();
    const goal = `Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR. Keys for the venue system:\n${planted}`;

    // A streamed chat turn, replayed, and its turn list.
    const turn = await s.stream("/api/chat/agent", (t) => t.includes("event: conversation_end"), { method: "POST", body: { message: goal } });
    const end = turn.split("event: conversation_end\ndata: ")[1]?.split("\n")[0];
    expect(end, turn.slice(0, 2000)).toBeTruthy();
    const metadata = (JSON.parse(end!) as { metadata: { conversationId: string; planId?: string; jobs: JobRef[] } }).metadata;
    const { conversationId } = metadata;
    const turnId = /"turnId":"([^"]+)"/.exec(turn)![1]!;
    await s.stream(`/api/chat/turns/${turnId}/stream?after=0`, (t) => t.includes("event: conversation_end"));
    await s.text("GET", `/api/chat/turns/${turnId}`);
    await s.text("GET", `/api/chat/turns?conversationId=${conversationId}`);
    for (const j of metadata.jobs) await s.followJob(j.jobId);

    // A sync message in the same conversation (the non-streamed path).
    const sync = await s.json<{ metadata: { planId?: string; jobs: JobRef[] } }>("POST", "/api/chat/message", {
      conversationId,
      message: `Also note the staging credentials ${planted}`,
      mode: "sync",
    });
    for (const j of sync.metadata.jobs) await s.followJob(j.jobId);

    const planId = metadata.planId ?? sync.metadata.planId;
    expect(planId, "the goal made a plan").toBeTruthy();
    const plan = await s.json<{ tasks: { id: string; version: number }[] }>("GET", `/api/plans/${planId}`);
    // A task title carrying secrets (a plan edit: stored, logged, streamed).
    const first = plan.tasks[0]!;
    await s.text("PATCH", `/api/plans/${planId}/tasks/${first.id}`, { version: first.version, title: `Venue access ${canaries[2]!.text} ${canaries[6]!.text}` });

    // Run the plan: tool calls, their results and the documents they write.
    const run = await s.json<{ runId: string; jobId: string }>("POST", `/api/plans/${planId}/execute`, {});
    await s.followJob(run.jobId);
    const detail = await s.text("GET", `/api/runs/${run.runId}`);
    const artifactIds = [...new Set([...detail.matchAll(/"artifactId":"([^"]+)"/g)].map((m) => m[1]!))];
    expect(artifactIds.length, "the run wrote files").toBeGreaterThan(0);
    for (const id of artifactIds) await s.text("GET", `/api/runs/${run.runId}/artifacts/${id}`);
    await s.text("GET", `/api/plans/${planId}/runs`);
    for (const format of ["md", "json"]) await s.text("GET", `/api/plans/${planId}/export?format=${format}`);

    // Everything readable about it.
    await s.text("GET", "/api/conversations");
    await s.text("GET", `/api/conversations/${conversationId}`);
    await s.text("GET", `/api/plans/${planId}`);
    await s.text("GET", "/api/jobs?limit=100");

    expectRedactedEverywhere(s);
  });

  test("repeated by the model in its streamed reply (16-character chunks, secrets straddling them): not streamed, stored or logged", async () => {
    test.setTimeout(180_000);
    // An OpenAI-compatible model that repeats every secret in its streamed reply; its other calls get an answer that fits no schema.
    fake = await startOpenAIFakeServer((body) => (body.stream ? `Noted. Here they are again:\n${planted}\nAnything else?` : "{}"));
    const s = (server = new CanaryServer(E2E_PORT + 61, { LLM_BASE_URL: fake.baseUrl, LLM_API_KEY: "fake-key", LLM_MODEL: "fake-model" }));
    await s.start();
    const turn = await s.stream("/api/chat/agent", (t) => t.includes("event: conversation_end"), { method: "POST", body: { message: "Repeat my keys back to me." } });
    expect(turn).toContain("event: assistant_message_chunk");
    expect(fake.responses.some((r) => r.stream && r.content.includes(canaries[0]!.text)), "the model really sent the secrets").toBe(true);
    const turnId = /"turnId":"([^"]+)"/.exec(turn)![1]!;
    const conversationId = /"conversationId":"([^"]+)"/.exec(turn)![1]!;
    await s.stream(`/api/chat/turns/${turnId}/stream?after=0`, (t) => t.includes("event: conversation_end"));
    await s.text("GET", `/api/conversations/${conversationId}`);
    await s.text("GET", `/api/chat/turns?conversationId=${conversationId}`);
    expectRedactedEverywhere(s);
  });
});
