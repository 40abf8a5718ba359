import "server-only";
import type { Deps } from "../deps.ts";
import type { JobBus } from "../jobs/bus.ts";
import type { FrameSink } from "../jobs/follow-job.ts";
import { findPlanById } from "./plans-repo.ts";

/** Re-read the plan this often even without a wake-up (writers in other processes), ms. */
export const PLAN_POLL_MS = 2000;

const planKey = (planId: string) => `plan:${planId}`;

/** Wakes every stream watching `planId` (after a committed change to its tree). */
export function notifyPlanChanged(bus: JobBus, planId: string): void {
  bus.notify(planKey(planId), 0);
}

/** `data:` of a `plan` frame: the plan's tree changed; read it again. */
export type PlanChangedFrame = { planId: string; updatedAt: string };

/**
 * Streams "the plan changed" to a sink: one `plan` frame at once, then one
 * whenever the plan's `updatedAt` moves (every committed tree change bumps
 * it), woken by `notifyPlanChanged` in this process and by a 2 s re-read for
 * writers elsewhere. Carries no tree: the client refetches `GET
 * /api/plans/{planId}` (one source of truth). `missing` when the plan is gone.
 * Returns when the client leaves.
 */
export async function followPlan(deps: Pick<Deps, "db" | "bus">, sink: FrameSink, planId: string): Promise<void> {
  let wake: (() => void) | undefined;
  const unsubscribe = deps.bus.subscribe(planKey(planId), () => wake?.());
  try {
    let sent = "";
    while (!sink.signal.aborted) {
      const plan = await findPlanById(deps.db, planId);
      if (!plan) {
        sink.send("missing", { planId });
        return;
      }
      const updatedAt = plan.updatedAt.toISOString();
      if (updatedAt !== sent) {
        sink.send("plan", { planId, updatedAt } satisfies PlanChangedFrame);
        sent = updatedAt;
        await sink.ready();
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sink.signal.removeEventListener("abort", done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, PLAN_POLL_MS);
        wake = done;
        sink.signal.addEventListener("abort", done, { once: true });
      });
    }
  } finally {
    unsubscribe();
  }
}
