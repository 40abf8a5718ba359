// The shared set-up of hook tests that run against the real server behind a
// fake network: the server boots once per file, every test gets a fresh
// RouteFetch (stubbed as `fetch`) and QueryClient, and after each test the
// stream hub and the tab's Connectivity are reset and every job has settled.
import { QueryClient } from "@tanstack/react-query";
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { replaceConnectivity } from "@/lib/client/connectivity";
import { startServer, stopServer } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { resetJobStreamHubForTests } from "@/test/job-stream-hub";
import { RouteFetch } from "@/test/route-fetch";

/** Registers the hooks; read `net` and `client` inside tests (they change per test). */
export function setUpServerHarness(): { readonly net: RouteFetch; readonly client: QueryClient } {
  const state = {} as { net: RouteFetch; client: QueryClient };
  beforeAll(async () => {
    await startServer();
  });
  beforeEach(() => {
    state.net = new RouteFetch();
    vi.stubGlobal("fetch", state.net.fetch);
    state.client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(async () => {
    cleanup();
    resetJobStreamHubForTests();
    replaceConnectivity();
    state.client.clear();
    vi.unstubAllGlobals();
    await getDeps().queue.waitUntilSettled(undefined, { timeoutMs: 20_000 });
  });
  afterAll(async () => {
    await stopServer();
  });
  return state;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (on real timers, yielding to them) until `cond()` holds. @throws after `timeoutMs`, naming `what`. */
export async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(5);
  }
}
