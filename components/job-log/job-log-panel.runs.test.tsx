// @vitest-environment dom-node
// The log panel of a plan execution in happy-dom, against the real server
// (plan executor, offline model, built-in tools, temporary SQLite) behind a
// fake network: with TOOL_APPROVAL=always the first tool call waits, the
// owner's panel offers Approve / Deny on its line and a read-only one does
// not; after Approve the call and its result are one row that expands in
// place into its input and output, and the result's line leads back to it.
import { vi } from "vitest";

vi.hoisted(() => {
  process.env.TOOL_APPROVAL = "always";
});

import { QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, within } from "@testing-library/react";
import { App } from "antd";
import type { ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobLogPanel } from "@/components/job-log/job-log-panel";
import type { SendMessageResponse } from "@/lib/shared/chat";
import type { JobSnapshot } from "@/lib/shared/jobs";
import type { ExecutePlanResponse, RunDetail } from "@/lib/shared/runs";
import { setUpServerHarness, until } from "@/test/hook-harness";

const harness = setUpServerHarness();

// happy-dom lays nothing out: the log body (the virtualizer's scroll box, read through
// clientHeight) is given a height, so its rows render as in a browser.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight")!;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "job-log-body" ? 2000 : clientHeight.get!.call(this);
    },
  });
});
afterAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
});

const wrap = (children: ReactNode) => (
  <QueryClientProvider client={harness.client}>
    <App>{children}</App>
  </QueryClientProvider>
);

/** A plan of the session, executing; resolves once its first tool call waits for approval. */
async function runWaitingForApproval(): Promise<ExecutePlanResponse & { callId: string; requestSeq: number }> {
  const chat = await harness.net.api<SendMessageResponse>("/api/chat/message", {
    body: { message: "Plan a birthday party for 20 guests on 2027-03-20 with a budget in EUR", mode: "sync" },
  });
  const planId = chat.body.metadata.planId!;
  const { body: started } = await harness.net.api<ExecutePlanResponse>(`/api/plans/${planId}/execute`, { body: {} });
  let pending: RunDetail["pendingApprovals"] = [];
  await until("the first approval", () => {
    void harness.net.api<RunDetail>(`/api/runs/${started.runId}`).then(({ body }) => (pending = body.pendingApprovals));
    return pending.length > 0;
  }, 20_000);
  return { ...started, callId: pending[0].callId, requestSeq: pending[0].seq };
}

const line = (root: HTMLElement, seq: number) => root.querySelector<HTMLElement>(`[data-testid="job-log-line"][data-seq="${seq}"]`);

describe("JobLogPanel of a plan execution", () => {
  it("Approve on the waiting call's line; then call and result are one expandable row, the result's line opens its call", async () => {
    const { jobId, runId, callId, requestSeq } = await runWaitingForApproval();
    const view = render(wrap(<JobLogPanel jobId={jobId} jobType="plan_execute" height={2000} />));
    const root = view.container;

    // The owner sees the buttons on the approval line (the session is read once an approval shows).
    await until("the approval line with its buttons", () => !!line(root, requestSeq)?.querySelector('[data-testid="approval-approve"]'), 15_000);
    const request = line(root, requestSeq)!;
    expect(within(request).getByTestId("approval-state").getAttribute("data-approval")).toBe("pending");
    expect(within(request).getByTestId("approval-deny")).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(request).getByTestId("approval-approve"));
    });

    // The decision arrives on the log: the line says who approved; the call runs and its result pairs with it.
    await until("the decision on the line", () => line(root, requestSeq)?.querySelector('[data-testid="approval-state"]')?.getAttribute("data-approval") === "approved", 15_000);
    expect(line(root, requestSeq)!.querySelector('[data-testid="approval-approve"]')).toBeNull();
    const callRow = () => root.querySelector<HTMLElement>(`[data-testid="tool-call"][data-call-id="${callId}"]`);
    await until("the call's result", () => callRow()?.getAttribute("data-status") === "succeeded", 15_000);
    const snapshot = (await harness.net.api<JobSnapshot>(`/api/jobs/${jobId}`)).body;
    const callEvent = snapshot.events.find((e) => e.kind === "tool_call" && e.data?.callId === callId)!;
    const resultEvent = snapshot.events.find((e) => e.kind === "tool_result" && e.data?.callId === callId)!;
    expect(callRow()!.closest('[data-testid="job-log-line"]')!.getAttribute("data-seq")).toBe(String(callEvent.seq));
    expect(callRow()!.textContent).toContain(`${resultEvent.data!.durationMs} ms`);

    // Closed until asked; open, it shows the input and the output as JSON.
    const toggle = within(callRow()!).getByTestId("tool-call-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(root.querySelector('[data-testid="tool-call-details"]')).toBeNull();
    await act(async () => {
      fireEvent.click(toggle);
    });
    const details = root.querySelector<HTMLElement>('[data-testid="tool-call-details"]')!;
    expect(within(callRow()!).getByTestId("tool-call-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(details.textContent).toContain(JSON.stringify(callEvent.data!.input, null, 2));
    expect(within(details).getByTestId("tool-call-output").textContent).toContain(JSON.stringify(resultEvent.data!.output, null, 2).slice(0, 40));
    await act(async () => {
      fireEvent.click(within(callRow()!).getByTestId("tool-call-toggle"));
    });
    expect(root.querySelector('[data-testid="tool-call-details"]')).toBeNull();

    // The result line: a compact line of the same call, whose link opens the call in place.
    const result = line(root, resultEvent.seq)!.querySelector<HTMLElement>('[data-testid="tool-result"]')!;
    expect(result.getAttribute("data-call-id")).toBe(callId);
    expect(result.getAttribute("data-status")).toBe("succeeded");
    const link = within(result).getByTestId("tool-result-call");
    expect(link.textContent).toBe(`call #${callEvent.seq}`);
    await act(async () => {
      fireEvent.click(link);
    });
    expect(within(callRow()!).getByTestId("tool-call-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(root.querySelectorAll('[data-testid="tool-call-details"]')).toHaveLength(1);

    // Let the run finish (the rest approved through the API) so the harness settles.
    await approveRest(runId);
  }, 60_000);

  it("read only: the waiting call's line says whom it waits for, without buttons", async () => {
    const { jobId, runId, requestSeq } = await runWaitingForApproval();
    const view = render(wrap(<JobLogPanel jobId={jobId} jobType="plan_execute" height={2000} readOnly />));
    await until("the approval line", () => !!line(view.container, requestSeq)?.querySelector('[data-testid="approval-state"]'), 15_000);
    const state = line(view.container, requestSeq)!.querySelector('[data-testid="approval-state"]')!;
    expect(state.textContent).toBe("Waiting for the owner's approval");
    expect(view.container.querySelector('[data-testid="approval-approve"]')).toBeNull();
    await approveRest(runId);
  }, 60_000);
});

/** Approves every waiting call of the run until it ends. */
async function approveRest(runId: string): Promise<void> {
  for (;;) {
    const { body } = await harness.net.api<RunDetail>(`/api/runs/${runId}`);
    if (["succeeded", "failed", "cancelled"].includes(body.run.status)) return;
    for (const c of body.pendingApprovals) await harness.net.api(`/api/runs/${runId}/approvals/${c.callId}`, { body: { approve: true } });
    await new Promise((r) => setTimeout(r, 20));
  }
}
