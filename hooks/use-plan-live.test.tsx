// @vitest-environment dom-node
// usePlanLive: the plan's stream (a fake EventSource) invalidates the plan
// query only when the tree moved past the cached one and no edit of this tab
// is in flight, refreshes the plan's job lists, closes while the tab is
// hidden, on `missing` and on unmount.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getConnectivity, replaceConnectivity } from "@/lib/client/connectivity";
import { queries } from "@/lib/client/queries";
import type { PlanTree } from "@/lib/shared/plans";
import { planEditsKey } from "./use-plan-edits";
import { usePlanLive } from "./use-plan-live";

/** An EventSource that tests drive: `emit` delivers an event, `closed` tells whether it was closed. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  closed = false;
  readyState = FakeEventSource.OPEN;
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }

  addEventListener(type: string, fn: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }

  /** A connection error: the browser retries by itself (CONNECTING) or has given up (CLOSED, after an HTTP error answer). */
  fail(readyState: number): void {
    this.readyState = readyState;
    for (const fn of this.listeners.get("error") ?? []) fn(new MessageEvent("error"));
  }

  emit(type: string, data: unknown): void {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

/** A document whose visibility the test sets. */
class FakeVisibility extends EventTarget {
  hidden = false;
  set(hidden: boolean): void {
    this.hidden = hidden;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

const PLAN = "plan-1";
const tree = (updatedAt: string): PlanTree => ({
  plan: { id: PLAN, title: "P", goal: "G", language: "en", conversationId: null, createdAt: updatedAt, updatedAt },
  tasks: [],
});

let client: QueryClient;
let visibility: FakeVisibility;
const planKey = queries.plan(PLAN).queryKey;
const invalidated = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;
const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
const render = () => renderHook(() => usePlanLive({ planId: PLAN, document: visibility }), { wrapper });
const source = () => FakeEventSource.all.at(-1)!;

beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  visibility = new FakeVisibility();
  client.setQueryData(planKey, tree("2026-01-01T00:00:00.000Z"));
});
afterEach(() => {
  cleanup();
  replaceConnectivity();
  client.clear();
  vi.unstubAllGlobals();
});

describe("usePlanLive", () => {
  it("an error the browser retries itself (CONNECTING) opens nothing new; one it gave up on (CLOSED) is reopened with backoff", async () => {
    render();
    source().fail(FakeEventSource.CONNECTING);
    await new Promise((r) => setTimeout(r, 1200));
    expect(FakeEventSource.all).toHaveLength(1);
    source().fail(FakeEventSource.CLOSED);
    expect(FakeEventSource.all).toHaveLength(1);
    // The first reopen comes after 0.5–1 s (the app's backoff, equal jitter).
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2), { timeout: 2_000, interval: 20 });
    expect(FakeEventSource.all[1].url).toBe(`/api/plans/${PLAN}/stream`);
    expect(FakeEventSource.all[0].closed).toBe(false); // closed by the browser, not by us: nothing to close
    source().emit("plan", { planId: PLAN, updatedAt: "2026-01-01T00:00:09.000Z" });
    expect(invalidated(planKey)).toBe(true);
  });

  it("a stream waiting out its backoff reopens at once when the server is reachable again", () => {
    render();
    const connectivity = getConnectivity();
    connectivity.reportFailure();
    source().fail(FakeEventSource.CLOSED);
    expect(FakeEventSource.all).toHaveLength(1);
    connectivity.reportSuccess();
    expect(FakeEventSource.all).toHaveLength(2);
    expect(source().closed).toBe(false);
  });

  it("opens the plan's stream and refetches the plan only when it changed past the cached tree", () => {
    render();
    expect(FakeEventSource.all.map((s) => s.url)).toEqual([`/api/plans/${PLAN}/stream`]);
    source().emit("plan", { planId: PLAN, updatedAt: "2026-01-01T00:00:00.000Z" });
    expect(invalidated(planKey)).toBe(false);
    source().emit("plan", { planId: PLAN, updatedAt: "2026-01-01T00:00:05.000Z" });
    expect(invalidated(planKey)).toBe(true);
  });

  it("leaves the plan to the edits in flight, and refreshes the plan's job lists (not others)", () => {
    const mine = queries.jobs({ planId: PLAN, limit: "50" }).queryKey;
    const other = queries.jobs({ planId: "plan-2" }).queryKey;
    client.setQueryData(mine, { jobs: [], nextCursor: null, total: 0 });
    client.setQueryData(other, { jobs: [], nextCursor: null, total: 0 });
    void client
      .getMutationCache()
      .build(client, { mutationKey: planEditsKey(PLAN), mutationFn: () => new Promise<never>(() => {}) })
      .execute(undefined);
    render();
    source().emit("plan", { planId: PLAN, updatedAt: "2026-01-01T00:00:05.000Z" });
    expect(invalidated(planKey)).toBe(false);
    expect(invalidated(mine)).toBe(true);
    expect(invalidated(other)).toBe(false);
  });

  it("closes while the tab is hidden and reopens when it shows; closes on unmount", () => {
    const { unmount } = render();
    const first = source();
    visibility.set(true);
    expect(first.closed).toBe(true);
    visibility.set(false);
    expect(FakeEventSource.all).toHaveLength(2);
    expect(source().closed).toBe(false);
    unmount();
    expect(source().closed).toBe(true);
    visibility.set(false);
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it("stops for good when the plan is missing, letting the plan query show its 404", () => {
    render();
    source().emit("missing", { planId: PLAN });
    expect(source().closed).toBe(true);
    expect(invalidated(planKey)).toBe(true);
    visibility.set(true);
    visibility.set(false);
    expect(FakeEventSource.all).toHaveLength(1);
  });
});
