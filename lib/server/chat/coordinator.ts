import "server-only";
import type { ActionKind } from "@/lib/shared/chat";
import type { ChatReply } from "../llm/schemas.ts";

export type GateContext = {
  /** The conversation's current plan, if any. */
  plan: { id: string } | null;
  /** Ids of that plan's tasks. */
  taskIds: ReadonlySet<string>;
};

export type GateDecision =
  | { kind: "create_plan"; accepted: true; title: string; goal: string }
  | { kind: "decompose_task"; accepted: true; taskId: string | null; title: string }
  | { kind: ActionKind; accepted: false; reason: string; title: string };

/**
 * The coordinator gate (seed 004): decides which proposed actions run. It is
 * pure, so a rejected action can write nothing (guarantee 6). Rules: at most
 * one create_plan, with a title and a goal; decompose_task needs a plan (the
 * one created by this message or the conversation's) and, when it names a
 * task, a task of that plan; duplicates are rejected.
 */
export function gateActions(actions: ChatReply["actions"], ctx: GateContext): GateDecision[] {
  const out: GateDecision[] = [];
  let planCreated = false;
  const decomposeTargets = new Set<string>();
  for (const a of actions) {
    if (a.kind === "create_plan") {
      if (planCreated) out.push({ kind: a.kind, accepted: false, reason: "Only one plan per message", title: a.title });
      else if (!a.title.trim() || !a.goal.trim())
        out.push({ kind: a.kind, accepted: false, reason: "A plan needs a title and a goal", title: a.title });
      else {
        planCreated = true;
        out.push({ kind: a.kind, accepted: true, title: a.title.trim(), goal: a.goal.trim() });
      }
      continue;
    }
    const target = a.taskId ?? "*";
    if (!planCreated && !ctx.plan) out.push({ kind: a.kind, accepted: false, reason: "There is no plan to decompose yet", title: a.title });
    else if (a.taskId && (planCreated || !ctx.taskIds.has(a.taskId)))
      out.push({ kind: a.kind, accepted: false, reason: `Task ${a.taskId} is not in this plan`, title: a.title });
    else if (decomposeTargets.has(target)) out.push({ kind: a.kind, accepted: false, reason: "Duplicate action", title: a.title });
    else {
      decomposeTargets.add(target);
      out.push({ kind: a.kind, accepted: true, taskId: a.taskId, title: a.title });
    }
  }
  return out;
}
