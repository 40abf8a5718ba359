import { afterEach, describe, expect, it } from "vitest";
import { sleep, until } from "@/test/hook-harness";
import { Connectivity } from "./connectivity";

/** A probe whose answer the test sets; counts its calls. */
function fakeProbe(initial: boolean) {
  const probe = { answer: initial, calls: 0, fn: async () => (probe.calls++, probe.answer) };
  return probe;
}

const made: Connectivity[] = [];
const make = (probe: ReturnType<typeof fakeProbe>, baseMs = 20, maxMs = 80) => {
  const c = new Connectivity({ probe: probe.fn, backoff: { baseMs, maxMs, random: () => 1 } });
  made.push(c);
  return c;
};
afterEach(() => made.splice(0).forEach((c) => c.dispose()));

describe("Connectivity", () => {
  it("starts online and does not probe until a request fails", async () => {
    const probe = fakeProbe(true);
    const c = make(probe);
    await sleep(60);
    expect(c.getSnapshot()).toEqual({ online: true, nextProbeAt: undefined });
    expect(probe.calls).toBe(0);
  });

  it("a failure turns it offline once, probes with doubling delays capped at maxMs, and a successful probe brings it back", async () => {
    const probe = fakeProbe(false);
    const c = make(probe);
    const seen: boolean[] = [];
    c.subscribe(() => seen.push(c.online));
    c.reportFailure();
    c.reportFailure(); // a second failure while offline changes nothing
    expect(c.online).toBe(false);
    expect(c.getSnapshot().nextProbeAt).toBeGreaterThan(Date.now());
    await until("four probes", () => probe.calls >= 4, 2_000);
    expect(c.online).toBe(false);
    probe.answer = true;
    await until("online again", () => c.online, 2_000);
    expect(c.getSnapshot()).toEqual({ online: true, nextProbeAt: undefined });
    const calls = probe.calls;
    await sleep(200);
    expect(probe.calls).toBe(calls); // no probing while online
    expect(seen[0]).toBe(false);
    expect(seen.at(-1)).toBe(true);
    expect(seen.filter((v, i) => i > 0 && v && !seen[i - 1])).toHaveLength(1); // one offline→online change
  });

  it("a request that gets through while offline ends the spell without waiting for the probe", async () => {
    const probe = fakeProbe(false);
    const c = make(probe, 5_000, 5_000);
    c.reportFailure();
    expect(c.online).toBe(false);
    c.reportSuccess();
    expect(c.getSnapshot()).toEqual({ online: true, nextProbeAt: undefined });
    await sleep(50);
    expect(probe.calls).toBe(0);
  });

  it("probeNow() probes at once while offline and is a no-op while online", async () => {
    const probe = fakeProbe(true);
    const c = make(probe, 5_000, 5_000);
    c.probeNow();
    await sleep(10);
    expect(probe.calls).toBe(0);
    c.reportFailure();
    c.probeNow();
    await until("online", () => c.online, 1_000);
    expect(probe.calls).toBe(1);
  });

  it("a probe that throws counts as a failed one", async () => {
    let calls = 0;
    const c = new Connectivity({
      probe: async () => {
        calls++;
        if (calls < 3) throw new Error("boom");
        return true;
      },
      backoff: { baseMs: 10, maxMs: 10, random: () => 1 },
    });
    made.push(c);
    c.reportFailure();
    await until("online", () => c.online, 2_000);
    expect(calls).toBe(3);
  });
});
