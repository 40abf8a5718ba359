// The canary search (issue 13, "Data that must not leak"): one fake secret of
// each kind is planted in chat messages (streamed and sync), in the plan they
// produce (its decomposition logs, its run's tool calls and documents) and in
// a task title edit; then the SQLite files, every API response and stream,
// every export and the server's own stdout/stderr are searched for each
// secret's random core. Zero hits. Its own `next start` (port E2E_PORT + 60),
// so the server's output is captured from the first line.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeCanaries } from "../test/secret-canaries";

const PORT = Number(process.env.E2E_PORT ?? 3210) + 60;
const BASE = `http://127.0.0.1:${PORT}`;
const canaries = makeCanaries();
const planted = canaries.map((c) => c.text).join("\n");

/** Everything fetched, by what it was (the search's haystack besides files and logs). */
const seen: { what: string; text: string }[] = [];
let child: ChildProcess | undefined;
let serverOutput = "";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "planstream-canary-"));
let cookie = "";

async function call(method: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${BASE}${url}`, {
    method,
    headers: { cookie, origin: BASE, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A request's whole body, remembered for the search. */
async function text(method: string, url: string, body?: unknown): Promise<string> {
  const res = await call(method, url, body);
  const t = await res.text();
  seen.push({ what: `${method} ${url} → ${res.status}`, text: t });
  expect(res.status, `${method} ${url}: ${t.slice(0, 300)}`).toBeLessThan(400);
  return t;
}

const json = async <T>(method: string, url: string, body?: unknown): Promise<T> => JSON.parse(await text(method, url, body)) as T;

/** Reads a stream until `done(textSoFar)` or the timeout; remembered for the search. */
async function stream(url: string, done: (t: string) => boolean, init?: { method: string; body: unknown }, timeoutMs = 60_000): Promise<string> {
  const res = await call(init?.method ?? "GET", url, init?.body);
  expect(res.status, url).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let t = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!done(t) && Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), deadline - Date.now()))]);
      if (next === "timeout" || next.done) break;
      t += next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  seen.push({ what: `stream ${url}`, text: t });
  return t;
}

type JobRef = { jobId: string; jobType: string };

/** Follows a job to its end: stream, detail, events, the three exports. */
async function followJob(jobId: string): Promise<void> {
  await stream(`/api/jobs/${jobId}/stream`, (t) => t.includes("event: end"), undefined, 90_000);
  await text("GET", `/api/jobs/${jobId}`);
  await text("GET", `/api/jobs/${jobId}/events?after=0&limit=1000`);
  for (const format of ["json", "ndjson", "text"]) await text("GET", `/api/jobs/${jobId}/export?format=${format}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  child = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production", LLM_OFFLINE_LATENCY_MS: "5", DIAGNOSTICS_ENABLED: "1", LOG_LEVEL: "debug" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (b: Buffer) => (serverOutput += b.toString("utf8")));
  child.stderr!.on("data", (b: Buffer) => (serverOutput += b.toString("utf8")));
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${BASE}/api/health`).catch(() => undefined);
    if (res?.ok) {
      const set = res.headers.getSetCookie().find((c) => c.startsWith("ps_session="));
      if (set) cookie = set.split(";")[0]!;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!cookie) {
    const page = await fetch(`${BASE}/`, { redirect: "manual" });
    cookie = page.headers.getSetCookie().find((c) => c.startsWith("ps_session="))?.split(";")[0] ?? "";
  }
  expect(cookie, "a session cookie").not.toBe("");
});

test.afterAll(() => {
  if (child?.pid) process.kill(-child.pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("no planted secret is stored, answered, streamed, exported or logged", async () => {
  test.setTimeout(300_000);
  const goal = `Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR. Keys for the venue system:\n${planted}`;

  // A streamed chat turn.
  const turn = await stream("/api/chat/agent", (t) => t.includes("event: conversation_end"), { method: "POST", body: { message: goal } });
  const end = turn.split("event: conversation_end\ndata: ")[1]?.split("\n")[0];
  expect(end, turn.slice(0, 2000)).toBeTruthy();
  const metadata = (JSON.parse(end!) as { metadata: { conversationId: string; planId?: string; jobs: JobRef[] } }).metadata;
  const { conversationId } = metadata;
  const turnId = /"turnId":"([^"]+)"/.exec(turn)![1]!;
  await stream(`/api/chat/turns/${turnId}/stream?after=0`, (t) => t.includes("event: conversation_end"));
  await text("GET", `/api/chat/turns/${turnId}`);
  await text("GET", `/api/chat/turns?conversationId=${conversationId}`);
  for (const j of metadata.jobs) await followJob(j.jobId);

  // A sync message in the same conversation (the non-streamed path).
  const sync = await json<{ metadata: { planId?: string; jobs: JobRef[] } }>("POST", "/api/chat/message", {
    conversationId,
    message: `Also note the staging credentials ${planted}`,
    mode: "sync",
  });
  for (const j of sync.metadata.jobs) await followJob(j.jobId);

  const planId = metadata.planId ?? sync.metadata.planId;
  expect(planId, "the goal made a plan").toBeTruthy();
  const plan = await json<{ tasks: { id: string; version: number }[] }>("GET", `/api/plans/${planId}`);
  // A task title carrying secrets (a plan edit: stored, logged, streamed).
  const first = plan.tasks[0]!;
  await text("PATCH", `/api/plans/${planId}/tasks/${first.id}`, { version: first.version, title: `Venue access ${canaries[2]!.text} ${canaries[6]!.text}` });

  // Run the plan: tool calls, their results and the documents they write.
  const run = await json<{ runId: string; jobId: string }>("POST", `/api/plans/${planId}/execute`, {});
  await followJob(run.jobId);
  const detail = await json<{ artifacts?: { artifactId: string }[] }>("GET", `/api/runs/${run.runId}`);
  const artifactIds = [...new Set([...JSON.stringify(detail).matchAll(/"artifactId":"([^"]+)"/g)].map((m) => m[1]!))];
  for (const id of artifactIds) await text("GET", `/api/runs/${run.runId}/artifacts/${id}`);
  await text("GET", `/api/plans/${planId}/runs`);
  for (const format of ["md", "json"]) await call("GET", `/api/plans/${planId}/export?format=${format}`).then(async (r) => seen.push({ what: `plan export ${format} → ${r.status}`, text: await r.text() }));

  // Everything readable about it.
  await text("GET", "/api/conversations");
  await text("GET", `/api/conversations/${conversationId}`);
  await text("GET", `/api/plans/${planId}`);
  await text("GET", "/api/jobs?limit=100");

  // The search.
  const dbFiles = fs.readdirSync(dataDir, { recursive: true, encoding: "utf8" }).filter((f) => /\.db(-wal|-shm|-journal)?$/.test(f));
  expect(dbFiles.length, `database files in ${dataDir}`).toBeGreaterThan(0);
  const haystacks = [
    ...dbFiles.map((f) => ({ what: `file ${f}`, text: fs.readFileSync(path.join(dataDir, f)).toString("latin1") })),
    ...seen,
    { what: "server stdout/stderr", text: serverOutput },
  ];
  const hits = haystacks.flatMap((h) => canaries.filter((c) => h.text.includes(c.core)).map((c) => `${c.kind} in ${h.what}`));
  expect(hits).toEqual([]);
  // The flow really carried the planted text through (so zero hits mean redaction, not absence).
  const all = seen.map((s) => s.text).join("\n");
  for (const c of canaries) expect(all, c.kind).toContain(`[REDACTED:${c.ruleId}]`);
});
