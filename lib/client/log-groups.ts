// Collapsible groups of a job log: consecutive lines that share `data.taskId`
// (one task of a decomposition, say) fold under a header, like the steps of a
// GitHub Actions log. In a plan execution a task's node events open and close
// its group (docs/design.md "Event semantics"), so a run reads as a tree of steps.
import type { JobEventDto } from "@/lib/shared/jobs";
import type { StepStatus } from "@/lib/shared/runs";

/**
 * A group's state: failed (an error line, or its node failed), warning (a warn
 * line), running (the last group of a running job), skipped (its node was
 * skipped), else done.
 */
export type GroupStatus = "failed" | "warning" | "running" | "done" | "skipped";

/** A run of consecutive lines with the same `data.taskId`. `id` = "g" + its first seq (stable as lines arrive). */
export type LogGroup = {
  id: string;
  taskId: string;
  firstSeq: number;
  lastSeq: number;
  /** Lines in the group (loaded ones). */
  count: number;
  /** The first line's message. */
  title: string;
  /** First → last line timestamp, ms. */
  durationMs: number;
  status: GroupStatus;
  /**
   * Set when the group is one task's node of a plan execution (it starts with
   * `node_started`, or the `tasks_updated` just before it): how the node
   * stands — running until its `node_completed` / `node_failed` /
   * `node_skipped` line, wherever that comes (a parent's after its subtasks).
   */
  node?: StepStatus;
  /** A node completed as advice only: no tool could do its task, left for a person. */
  manual?: boolean;
  /** A node's depth in the run's task tree (0 = a top task of the run): its header and lines indent by it. */
  depth?: number;
};

/** How a node ended: a step status, completed as advice only (`manual`), or started again before it ended. */
type NodeOutcome = StepStatus | "manual" | "superseded";

const NODE_END: Record<string, StepStatus> = { node_completed: "completed", node_failed: "failed", node_skipped: "skipped" };
const NODE_GROUP_STATUS: Record<StepStatus, GroupStatus> = { running: "running", completed: "done", failed: "failed", skipped: "skipped" };

/** The one task a `tasks_updated` line names (`data.taskIds` of length 1), if so. */
function updatedTask(e: JobEventDto): string | undefined {
  if (e.kind !== "tasks_updated") return undefined;
  const ids = e.data?.taskIds;
  return Array.isArray(ids) && ids.length === 1 && typeof ids[0] === "string" ? ids[0] : undefined;
}

/**
 * The plan executor writes a task's status change just before its
 * `node_started` (one commit): that `tasks_updated` opens the task's group.
 * @returns the task whose node starts at `events[i]` (itself or right after it), else undefined.
 */
function nodeStartAt(events: JobEventDto[], i: number): { taskId: string; start: number } | undefined {
  const e = events[i];
  if (e.kind === "node_started") {
    const key = groupKey(e);
    return key ? { taskId: key, start: i } : undefined;
  }
  const id = updatedTask(e);
  const next = events[i + 1];
  return id && next?.kind === "node_started" && groupKey(next) === id ? { taskId: id, start: i + 1 } : undefined;
}

/**
 * How each `node_started` (by index) ended: its task's next node end event
 * (`completed`, `manual` — completed as advice, no tool could do it —,
 * `failed`, `skipped`), which for a parent task comes after its
 * subtasks' nodes; `superseded` when the task started again first (a retried
 * attempt); absent while it has not ended. And how deep each sits: the nodes
 * still open when it started (its ancestors; a `workflow_started`, a new
 * attempt, starts from the top again) — or the `depth` the executor wrote on
 * the `node_started`, when it did.
 */
function nodeOutcomes(events: JobEventDto[]): { outcomes: Map<number, NodeOutcome>; depths: Map<number, number> } {
  const outcomes = new Map<number, NodeOutcome>();
  const depths = new Map<number, number>();
  const open = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind === "workflow_started") open.clear();
    const key = groupKey(e);
    if (!key || !e.kind.startsWith("node_")) continue;
    const started = open.get(key);
    if (e.kind === "node_started") {
      if (started !== undefined) {
        outcomes.set(started, "superseded");
        open.delete(key);
      }
      depths.set(i, typeof e.data?.depth === "number" ? e.data.depth : open.size);
      open.set(key, i);
    } else if (started !== undefined && NODE_END[e.kind]) {
      outcomes.set(started, e.kind === "node_completed" && e.data?.manual === true ? "manual" : NODE_END[e.kind]);
      open.delete(key);
    }
  }
  return { outcomes, depths };
}

/**
 * End (exclusive) of the node group of task `key` whose `node_started` is at
 * `start`: every line up to and including that task's node end event. Lines
 * without a task id inside (a `tasks_updated`, a plain log line) belong to the
 * node; a line of another task, another task's opening `tasks_updated`, a
 * workflow event or the task starting again end it early (a parent task's
 * group holds its own opening lines; its subtasks' groups follow, and its end
 * line stays a line of its own after them).
 */
function nodeSpanEnd(events: JobEventDto[], start: number, key: string): number {
  let j = start + 1;
  while (j < events.length) {
    const e = events[j];
    const k = groupKey(e);
    if (k !== undefined && k !== key) break;
    if (k === undefined && (e.kind.startsWith("workflow_") || nodeStartAt(events, j))) break;
    if (e.kind === "node_started") break; // a retried attempt opens a group of its own
    j++;
    if (k === key && NODE_END[e.kind]) break;
  }
  return j;
}

/** A group's title from its first (or node_started) line: its message, else its `data.title`. */
function titleOf(e: JobEventDto): string {
  const title = e.data?.title;
  return e.message || (typeof title === "string" ? title : "");
}

/** A line's group key: `data.taskId` when it is a non-empty string. */
export function groupKey(e: JobEventDto): string | undefined {
  const id = e.data?.taskId;
  return typeof id === "string" && id ? id : undefined;
}

/**
 * The groups of `events` (sorted by seq): each maximal run of at least
 * `minLines` consecutive events with the same non-empty `data.taskId`, and
 * every node of a plan execution (below). A
 * line alone is no group (a list of created tasks, one id per line, stays
 * flat). `running`: the job still runs, so its last group (when it ends the
 * log) is "running" unless it has an error or warning. A `node_started` line
 * (with the `tasks_updated` written just before it) opens a node group
 * instead (see nodeSpanEnd), titled by the `node_started` line: its status is
 * the node's outcome (`node`), running while the job runs and the node has
 * not ended (nor started again).
 * @returns the groups in order and a map seq → group for their lines.
 */
export function buildGroups(events: JobEventDto[], running: boolean, minLines = 2): { groups: LogGroup[]; groupOf: Map<number, LogGroup> } {
  const groups: LogGroup[] = [];
  const groupOf = new Map<number, LogGroup>();
  const { outcomes, depths } = nodeOutcomes(events);
  let i = 0;
  while (i < events.length) {
    let key = groupKey(events[i]);
    let j = i + 1;
    let node: StepStatus | undefined;
    let manual = false;
    let titleAt = i;
    const nodeStart = nodeStartAt(events, i);
    if (nodeStart) {
      key = nodeStart.taskId;
      titleAt = nodeStart.start;
      j = nodeSpanEnd(events, nodeStart.start, key);
      const outcome = outcomes.get(nodeStart.start);
      manual = outcome === "manual";
      node = outcome === "superseded" ? undefined : outcome === "manual" ? "completed" : (outcome ?? (running ? "running" : undefined));
    } else if (key !== undefined) while (j < events.length && groupKey(events[j]) === key) j++;
    // A node is a step of the run's tree even with one line loaded.
    if (key !== undefined && (j - i >= minLines || nodeStart)) {
      let error = false;
      let warn = false;
      for (let k = i; k < j; k++) {
        if (events[k].level === "error") error = true;
        else if (events[k].level === "warn") warn = true;
      }
      const first = events[i];
      const last = events[j - 1];
      const isLast = j === events.length;
      const group: LogGroup = {
        id: `g${first.seq}`,
        taskId: key,
        firstSeq: first.seq,
        lastSeq: last.seq,
        count: j - i,
        title: titleOf(events[titleAt]),
        durationMs: Math.max(0, Date.parse(last.timestamp) - Date.parse(first.timestamp)) || 0,
        status: node ? NODE_GROUP_STATUS[node] : error ? "failed" : warn ? "warning" : running && isLast ? "running" : "done",
        ...(node ? { node } : {}),
        ...(manual ? { manual } : {}),
        ...(nodeStart ? { depth: depths.get(nodeStart.start) ?? 0 } : {}),
      };
      groups.push(group);
      for (let k = i; k < j; k++) groupOf.set(events[k].seq, group);
    }
    i = j;
  }
  return { groups, groupOf };
}

/** One row of the virtualized log: a group header or a line (with its group, if any). */
export type LogRow = { type: "group"; group: LogGroup } | { type: "line"; event: JobEventDto; group: LogGroup | undefined };

/** The rows of a log view: how many, the row at an index, and the index of a line (undefined when hidden). */
export type LogRows = { count: number; at: (index: number) => LogRow; indexOf: (seq: number) => number | undefined };

/** Index of `seq` in `events` (sorted by seq), by binary search; undefined when absent. */
export function seqIndex(events: JobEventDto[], seq: number): number | undefined {
  let lo = 0;
  let hi = events.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = events[mid].seq;
    if (s === seq) return mid;
    if (s < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * The rows to render from the shown (filtered) events: a header before the
 * first shown line of each group, then its lines unless `folded(group)`.
 * Without groups the rows are the events themselves, read lazily (no array
 * of 100,000 row objects rebuilt per streamed batch).
 */
export function buildRows(shown: JobEventDto[], groupOf: Map<number, LogGroup>, folded: (group: LogGroup) => boolean): LogRows {
  if (groupOf.size === 0)
    return { count: shown.length, at: (i) => ({ type: "line", event: shown[i], group: undefined }), indexOf: (seq) => seqIndex(shown, seq) };
  const rows: LogRow[] = [];
  const indexOfSeq = new Map<number, number>();
  let current: LogGroup | undefined;
  for (const event of shown) {
    const group = groupOf.get(event.seq);
    if (group && group !== current) rows.push({ type: "group", group });
    current = group;
    if (group && folded(group)) continue;
    indexOfSeq.set(event.seq, rows.length);
    rows.push({ type: "line", event, group });
  }
  return { count: rows.length, at: (i) => rows[i], indexOf: (seq) => indexOfSeq.get(seq) };
}
