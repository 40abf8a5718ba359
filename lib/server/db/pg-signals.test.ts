// Runs on both suite runs: it needs only the PostgreSQL server (TEST_PG_URL), never skips.
import { afterEach, describe, expect, it } from "vitest";
import { TEST_PG_SERVER, withAdmin } from "@/test/pg-test-db";
import { PgSignals, type Signal } from "./pg-signals";

type Probe = { signals: PgSignals; got: Signal[]; reconnects: number };

const open: PgSignals[] = [];

function probe(options = {}): Probe {
  const p: Probe = { got: [], reconnects: 0, signals: undefined as unknown as PgSignals };
  p.signals = new PgSignals(TEST_PG_SERVER, { onSignal: (s) => p.got.push(s), onReconnect: () => (p.reconnects += 1) }, { backoffBaseMs: 20, backoffMaxMs: 200, ...options });
  open.push(p.signals);
  return p;
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});

describe("PgSignals (LISTEN/NOTIFY between instances)", () => {
  it("delivers another instance's signals in order, never an instance's own", async () => {
    const a = probe();
    const b = probe();
    await Promise.all([a.signals.start(), b.signals.start()]);
    a.signals.publish({ t: "wake", key: "job-1", lastSeq: 3 });
    a.signals.publish({ t: "cancel", jobId: "job-1", reason: "cancelled by request" });
    a.signals.publish({ t: "claim" });
    await until(() => b.got.length === 3);
    expect(b.got).toEqual([{ t: "wake", key: "job-1", lastSeq: 3 }, { t: "cancel", jobId: "job-1", reason: "cancelled by request" }, { t: "claim" }]);
    // Let a's own notifications arrive (they do: one channel), then check they were dropped.
    b.signals.publish({ t: "claim" });
    await until(() => a.got.length === 1);
    expect(a.got).toEqual([{ t: "claim" }]);
  });

  it("comes back after pg_terminate_backend on its connection, says so (onReconnect), and hears signals again", async () => {
    const a = probe();
    const b = probe();
    await Promise.all([a.signals.start(), b.signals.start()]);
    const pid = await b.signals.backendPid();
    expect(pid).toBeGreaterThan(0);
    await withAdmin((c) => c.query("SELECT pg_terminate_backend($1)", [pid]));
    await until(() => b.reconnects === 1 && b.signals.connected);
    expect(b.signals.connects).toBe(2);
    expect(await b.signals.backendPid()).not.toBe(pid);
    a.signals.publish({ t: "wake", key: "job-2", lastSeq: 9 });
    await until(() => b.got.length === 1);
    expect(b.got).toEqual([{ t: "wake", key: "job-2", lastSeq: 9 }]);
  });

  it("detects a silent dead connection with its heartbeat and reconnects", async () => {
    const b = probe({ heartbeatMs: 50, heartbeatTimeoutMs: 100 });
    await b.signals.start();
    const pid = (await b.signals.backendPid())!;
    // Freeze its backend process (the local server, same machine): the socket stays open and answers nothing,
    // so no error and no end event arrive, only the heartbeat's timeout tells.
    process.kill(pid, "SIGSTOP");
    try {
      await until(() => b.reconnects === 1 && b.signals.connected);
      expect(b.signals.connects).toBe(2);
      expect(await b.signals.backendPid()).not.toBe(pid);
    } finally {
      process.kill(pid, "SIGCONT");
    }
  });

  it("keeps retrying with backoff while the server is unreachable, without throwing", async () => {
    const unreachable = new PgSignals("postgres://postgres@127.0.0.1:1/none", { onSignal: () => {}, onReconnect: () => {} }, { backoffBaseMs: 10, backoffMaxMs: 20 });
    open.push(unreachable);
    await unreachable.start();
    expect(unreachable.connected).toBe(false);
    unreachable.publish({ t: "claim" }); // dropped, not thrown
    await new Promise((r) => setTimeout(r, 100));
    expect(unreachable.connected).toBe(false);
  });
});
