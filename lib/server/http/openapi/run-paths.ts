// Plan execution in the HTTP API: start a run, list runs, read one, download its files, decide approvals.
import "server-only";
import { z } from "zod";
import { JOB_STATUSES } from "@/lib/shared/jobs";
import { approvalDecisionSchema, executePlanSchema, type ArtifactRef, type RunDetail, type RunDto, type RunList, type ToolCallDto } from "@/lib/shared/runs";
import { errors, json, ok } from "./responses.ts";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<_Check extends true>(): void {}
const isoInstant = z.iso.datetime({ offset: true });

const artifactRefSchema = z.object({ artifactId: z.string(), name: z.string(), mediaType: z.string(), bytes: z.int() }).meta({ id: "ArtifactRef" });
sameShape<Same<z.output<typeof artifactRefSchema>, ArtifactRef>>();

export const runDtoSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    jobId: z.string().meta({ description: "The plan_execute job: its log is the run's record (GET /api/jobs/{jobId}, /stream, /export)" }),
    ownerId: z.string(),
    taskId: z.string().nullable().meta({ description: "The task whose subtree ran; null = the whole plan" }),
    status: z.enum(JOB_STATUSES).meta({ description: "The job's status" }),
    success: z.boolean().meta({ description: "True only when the job succeeded and `workflow_complete` is the last execution event" }),
    counts: z.object({
      tasksTotal: z.int(),
      tasksDone: z.int(),
      tasksManual: z.int().meta({ description: "Tasks no tool could do: their result is advice, and they stay as they were, for a person" }),
      tasksFailed: z.int(),
      tasksSkipped: z.int(),
      toolCalls: z.int(),
    }),
    createdAt: isoInstant,
    startedAt: isoInstant.nullable(),
    finishedAt: isoInstant.nullable(),
  })
  .meta({ id: "Run" });
sameShape<Same<z.output<typeof runDtoSchema>, RunDto>>();

const toolCallSchema = z
  .object({
    callId: z.string(),
    tool: z.string(),
    input: z.unknown(),
    status: z.enum(["awaiting_approval", "running", "succeeded", "failed", "denied"]),
    output: z.unknown().optional(),
    error: z.string().optional(),
    durationMs: z.number().optional(),
    truncated: z.boolean().optional(),
    artifacts: z.array(artifactRefSchema),
    approval: z
      .object({ status: z.enum(["pending", "approved", "denied"]), by: z.string().optional(), reason: z.string().optional(), expiresAt: z.string().optional() })
      .optional(),
    seq: z.int(),
  })
  .meta({ id: "ToolCall" });
sameShape<Same<z.output<typeof toolCallSchema>, ToolCallDto>>();

const runDetailSchema = z
  .object({
    run: runDtoSchema,
    steps: z.array(
      z.object({
        taskId: z.string(),
        title: z.string(),
        status: z.enum(["running", "completed", "failed", "skipped"]),
        result: z.string().nullable(),
        error: z.string().nullable(),
        skipReason: z.enum(["completed_earlier", "already_done", "stopped"]).nullable(),
        manual: z.boolean(),
        scheduledDate: z.string().nullable(),
        artifacts: z.array(artifactRefSchema),
        toolCalls: z.array(toolCallSchema),
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
      }),
    ),
    runToolCalls: z.array(toolCallSchema),
    artifacts: z.array(artifactRefSchema),
    lastExecutionKind: z.string().nullable(),
    pendingApprovals: z.array(toolCallSchema),
  })
  .meta({ id: "RunDetail" });
sameShape<Same<z.output<typeof runDetailSchema>, RunDetail>>();

const runListSchema = z.object({ runs: z.array(runDtoSchema) });
sameShape<Same<z.output<typeof runListSchema>, RunList>>();

const planPath = z.object({ planId: z.string().meta({ description: "Plan id" }) });
const runPath = z.object({ runId: z.string().meta({ description: "Run id" }) });

export const runPaths = {
  "/api/plans/{planId}/execute": {
    post: {
      tags: ["runs"],
      operationId: "executePlan",
      summary: "Execute the plan (or `taskId`'s subtree) with tools in a background plan_execute job",
      description: "Queued behind the plan's other writers (one writer per plan). An empty body runs the whole plan. Only the owner executes (support: 403).",
      requestParams: { path: planPath },
      requestBody: { content: json(executePlanSchema), required: false },
      responses: { ...ok("The run and its job, pending", z.object({ runId: z.string(), jobId: z.string() }), 202), ...errors(400, 403, 404, 413, 429) },
    },
  },
  "/api/plans/{planId}/runs": {
    get: {
      tags: ["runs"],
      operationId: "listRuns",
      summary: "The plan's runs, newest first",
      requestParams: { path: planPath },
      responses: { ...ok("The runs", runListSchema), ...errors(404) },
    },
  },
  "/api/runs/{runId}": {
    get: {
      tags: ["runs"],
      operationId: "getRun",
      summary: "A run with its steps, tool calls, approvals and artifacts, computed from its stored events",
      requestParams: { path: runPath },
      responses: { ...ok("The run", runDetailSchema), ...errors(404) },
    },
  },
  "/api/runs/{runId}/artifacts/{artifactId}": {
    get: {
      tags: ["runs"],
      operationId: "downloadArtifact",
      summary: "Download a file a tool produced (Markdown, iCalendar, a full tool output)",
      requestParams: { path: runPath.extend({ artifactId: z.string() }) },
      responses: { "200": { description: "The file, as an attachment", content: { "application/octet-stream": { schema: z.string() } } }, ...errors(404) },
    },
  },
  "/api/runs/{runId}/approvals/{callId}": {
    post: {
      tags: ["runs"],
      operationId: "decideToolCall",
      summary: "Approve or deny a tool call that waits for a person (TOOL_APPROVAL)",
      requestParams: { path: runPath.extend({ callId: z.string() }) },
      requestBody: { content: json(approvalDecisionSchema) },
      responses: { ...ok("The decision", z.object({ callId: z.string(), approved: z.boolean(), by: z.string() })), ...errors(400, 403, 404, 409, 413) },
    },
  },
};
