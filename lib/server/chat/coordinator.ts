import "server-only";
import { randomUUID } from "node:crypto";
import type { ActionKind } from "@/lib/shared/chat";
import { PLAN_LIMITS } from "@/lib/shared/plans";
import type { ProposedAction } from "../llm/schemas.ts";
import { PlanSimulation, type ProposedOperation, type TaskOperation, type TaskSnapshot } from "../plans/task-operations.ts";

export type GateContext = {
  /** The plan the message acts on (the conversation's), if any; its tasks as read now. */
  plan: { id: string; tasks: TaskSnapshot[] } | null;
};

/** One proposed action, decided. `title` names the action on its tag. */
export type GateDecision =
  | { kind: "create_plan"; accepted: true; title: string; goal: string }
  | { kind: "decompose_task"; accepted: true; taskId: string | null; title: string }
  | { kind: "execute_plan" | "execute_task"; accepted: true; taskId: string | null; title: string }
  | { kind: Exclude<ActionKind, "create_plan" | "decompose_task" | "execute_plan" | "execute_task">; accepted: true; operation: TaskOperation; title: string }
  | { kind: ActionKind; accepted: false; reason: string; title: string };

const text = (v: string | null) => (v ?? "").trim();

/** A proposed action as an operation on the tree (before the gate). */
function toProposed(a: ProposedAction): ProposedOperation | string {
  const need = (id: string | null) => id ?? "";
  switch (a.kind) {
    case "add_task":
      return { op: "add_task", taskId: randomUUID(), parentId: a.parentId, position: a.position, title: text(a.title), description: text(a.description) };
    case "update_task":
      return { op: "update_task", taskId: need(a.taskId), ...(a.title !== null ? { title: a.title } : {}), ...(a.description !== null ? { description: a.description } : {}) };
    case "move_task":
      return { op: "move_task", taskId: need(a.taskId), parentId: a.parentId, position: a.position };
    case "set_task_status":
      return a.status ? { op: "set_task_status", taskId: need(a.taskId), status: a.status } : "A status is needed";
    case "delete_task":
      return { op: "delete_task", taskId: need(a.taskId) };
    case "decompose_task":
      return { op: "decompose_task", taskId: a.taskId };
    case "create_plan":
    case "execute_plan":
    case "execute_task":
      return "unreachable";
  }
}

/**
 * The coordinator gate (seed 004): decides which proposed actions run, in
 * order, before anything is written. It is pure (ids of tasks to add are
 * chosen here), so a rejected action writes nothing (guarantee 6). Rules:
 * - at most one create_plan, with a title and a goal; a message that creates
 *   a plan may only decompose that new plan;
 * - plan and task operations need the conversation's plan, and name tasks of
 *   it (or tasks added earlier in the same message);
 * - no cycle on move; a plan keeps ≤ 500 tasks, ≤ 5 levels, titles ≤ 200
 *   characters; at most 50 operations per message; no duplicate decompose.
 * Each accepted operation is applied to a simulation of the tree, so later
 * ones are checked against the tree as it will be.
 */
export function gateActions(actions: ProposedAction[], ctx: GateContext): GateDecision[] {
  const out: GateDecision[] = [];
  const sim = new PlanSimulation(ctx.plan?.tasks ?? []);
  let planCreated = false;
  let accepted = 0;
  const decomposeTargets = new Set<string>();
  let executing = false;
  // The tag names the task acted on as it is now; a new task or plan by its proposed title.
  const titleOf = (a: ProposedAction) => (a.taskId && sim.get(a.taskId)?.title) || text(a.title);
  for (const a of actions) {
    const title = titleOf(a);
    const reject = (reason: string) => out.push({ kind: a.kind, accepted: false, reason, title });
    if (accepted >= PLAN_LIMITS.maxOperations) {
      reject(`At most ${PLAN_LIMITS.maxOperations} operations per message`);
      continue;
    }
    if (a.kind === "create_plan") {
      if (planCreated) reject("Only one plan per message");
      else if (!text(a.title) || !text(a.goal)) reject("A plan needs a title and a goal");
      else {
        planCreated = true;
        accepted += 1;
        out.push({ kind: a.kind, accepted: true, title: text(a.title), goal: text(a.goal) });
      }
      continue;
    }
    if (!planCreated && !ctx.plan) {
      reject(
        a.kind === "decompose_task" ? "There is no plan to decompose yet" : a.kind.startsWith("execute_") ? "There is no plan to execute yet" : "There is no plan to change yet",
      );
      continue;
    }
    if (planCreated && a.kind !== "decompose_task") {
      reject("This message creates a new plan; change it in a next message");
      continue;
    }
    if (planCreated && a.taskId) {
      reject(`Task ${a.taskId} is not in this plan`);
      continue;
    }
    if (a.kind === "execute_plan" || a.kind === "execute_task") {
      // One run per message, after the message's edits (checked against the tree as it will be).
      if (executing) reject("Only one execution per message");
      else if (a.kind === "execute_task" && !(a.taskId && sim.get(a.taskId))) reject(a.taskId ? `Task ${a.taskId} is not in this plan` : "Which task should run?");
      else if (a.kind === "execute_plan" && sim.size === 0) reject("The plan has no tasks to execute yet");
      else {
        executing = true;
        accepted += 1;
        out.push({ kind: a.kind, accepted: true, taskId: a.kind === "execute_task" ? a.taskId : null, title: a.kind === "execute_task" ? title : "" });
      }
      continue;
    }
    const proposed = toProposed(a);
    if (typeof proposed === "string") {
      reject(proposed);
      continue;
    }
    if (proposed.op === "decompose_task") {
      const target = proposed.taskId ?? "*";
      if (decomposeTargets.has(target)) {
        reject("Duplicate action");
        continue;
      }
      const d = planCreated ? ({ accepted: true } as const) : sim.decide(proposed);
      if (!d.accepted) reject(d.reason);
      else {
        decomposeTargets.add(target);
        accepted += 1;
        out.push({ kind: "decompose_task", accepted: true, taskId: proposed.taskId, title });
      }
      continue;
    }
    const d = sim.decide(proposed);
    if (!d.accepted) reject(d.reason);
    else if (d.operation.op !== "decompose_task") {
      accepted += 1;
      out.push({ kind: proposed.op, accepted: true, operation: d.operation, title: title || ("title" in d.operation ? (d.operation.title ?? "") : "") });
    }
  }
  return out;
}
