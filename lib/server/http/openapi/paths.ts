// The operations of the HTTP API. Query and body schemas are the very zod
// objects the routes parse with.
import "server-only";
import { z } from "zod";
import { type ZodOpenApiOperationObject } from "zod-openapi";
import { renameConversationSchema, sendMessageSchema } from "@/lib/shared/chat";
import { exportQuerySchema } from "@/lib/shared/job-export";
import { eventsQuerySchema, jobFacetsQuerySchema, jobListQuerySchema } from "@/lib/shared/jobs";
import { supportSignInSchema } from "@/lib/shared/session";
import { streamCursorSchema, streamsQuerySchema } from "@/lib/shared/streams";
import { SUPPORT_COOKIE } from "../../auth/session.ts";
import { logBurstPayload } from "../../jobs/handlers/log-burst.ts";
import { actionStatusSchema, conversationDetailSchema, conversationDtoSchema, conversationListSchema, jobDtoSchema, jobEnvelopeSchema, jobEventSchema, jobEventsPageSchema, jobFacetsSchema, jobListPageSchema, jobSnapshotSchema, sendMessageResponseSchema, sessionDtoSchema } from "./schemas.ts";

import { AUDIT_UNAVAILABLE, auditPaths } from "./audit-paths.ts";
import { chatStreamPaths } from "./chat-stream-paths.ts";
import { opsPaths } from "./ops-paths.ts";
import { planPaths } from "./plan-paths.ts";
import { runPaths } from "./run-paths.ts";
import { errors, idempotencyKeyHeader, jobIdPath, json, ok, SSE_FRAMES, sseContent, type Method } from "./responses.ts";

/** Every operation of the HTTP API, by path (document.test.ts checks them against app/api). */
export const paths = {
  ...chatStreamPaths,
  ...planPaths,
  ...runPaths,
  ...auditPaths,
  ...opsPaths,
  "/api/chat/message": {
    post: {
      tags: ["chat"],
      operationId: "sendMessage",
      summary: "Send a chat message (two-phase)",
      description:
        "Answers with the agent's reply and the pending jobs at once (202, `mode: \"async\"`, the default) and runs the actions in the background; " +
        '`mode: "sync"` waits for them (200). With an `Idempotency-Key` header a repeat with the same key and body replays the first response ' +
        "(`Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 409.",
      requestParams: { header: idempotencyKeyHeader },
      requestBody: { required: true, content: json(sendMessageSchema) },
      responses: {
        ...ok('`mode: "sync"`: the reply after the actions ran', sendMessageResponseSchema),
        ...ok('`mode: "async"`: the reply, with the pending jobs in `metadata.jobs`', sendMessageResponseSchema, 202),
        ...errors(400, 404, 409, 413, 429),
      },
    },
  },
  "/api/chat/action-status/{trackingId}": {
    get: {
      tags: ["chat"],
      operationId: "getActionStatus",
      summary: "Live status of one message's actions",
      requestParams: { path: z.object({ trackingId: z.string().meta({ description: "`metadata.trackingId` of an assistant message" }) }) },
      responses: { ...ok("The actions' status", actionStatusSchema), ...errors(404) },
    },
  },
  "/api/conversations": {
    get: {
      tags: ["conversations"],
      operationId: "listConversations",
      summary: "The caller's conversations (support: everyone's), newest first",
      responses: { ...ok("The conversations", conversationListSchema), ...errors() },
    },
  },
  "/api/conversations/{id}": {
    get: {
      tags: ["conversations"],
      operationId: "getConversation",
      summary: "One conversation with its messages and their metadata",
      requestParams: { path: z.object({ id: z.string().meta({ description: "Conversation id" }) }) },
      responses: { ...ok("The conversation", conversationDetailSchema), ...errors(404) },
    },
    patch: {
      tags: ["conversations"],
      operationId: "renameConversation",
      summary: "Rename a conversation",
      description:
        "Until renamed, a conversation's title follows its newest plan's title (Markdown stripped); once renamed, the plans no longer change it. " +
        "Only the owner renames (support: 403).",
      requestParams: { path: z.object({ id: z.string().meta({ description: "Conversation id" }) }) },
      requestBody: { required: true, content: json(renameConversationSchema) },
      responses: { ...ok("The conversation as it is now", z.object({ conversation: conversationDtoSchema })), ...errors(400, 403, 404, 413) },
    },
    delete: {
      tags: ["conversations"],
      operationId: "deleteConversation",
      summary: "Delete a conversation with its messages, plans (and tasks), jobs (and events), runs, artifacts and turns",
      description:
        "Only the owner deletes (support: 403). While any of its jobs is pending or running, or a reply is still streaming, answers 409 `conversation_busy` " +
        "with `details: {busyJobs, jobIds, runningTurns, turnIds}`: cancel them (POST /api/jobs/{id}/cancel, POST /api/chat/turns/{turnId}/stop) and try again.",
      requestParams: { path: z.object({ id: z.string().meta({ description: "Conversation id" }) }) },
      responses: {
        ...ok(
          "Rows deleted, by kind",
          z.object({ deleted: z.object({ messages: z.int(), plans: z.int(), jobs: z.int(), runs: z.int(), artifacts: z.int(), turns: z.int() }) }),
        ),
        ...errors(403, 404, 409, 429),
      },
    },
  },
  "/api/jobs": {
    get: {
      tags: ["jobs"],
      operationId: "listJobs",
      summary: "A page of the caller's jobs (support: everyone's), newest first",
      description:
        "`q` matches the start of a job id; `from` (inclusive) and `to` (exclusive) bound `createdAt`; " +
        "`cursor` is the previous page's `nextCursor` (keyset pagination, stable while jobs are added). " +
        "`ownerId` narrows support's list to one user (a user's own id is a no-op; another's matches nothing). " +
        "`planTitles` names the plans of the page's jobs.",
      requestParams: { query: jobListQuerySchema },
      responses: { ...ok("A page of jobs", jobListPageSchema), ...errors(400) },
    },
  },
  "/api/job-facets": {
    get: {
      tags: ["jobs"],
      operationId: "getJobFacets",
      summary: "The owner and plan options of the job history filters",
      description:
        "Support: every user who owns a job (most recently active first, ≤ 200) and every plan (most recently changed first, ≤ 500), " +
        "or with `ownerId` that user's plans. A user: only themselves and their own plans.",
      requestParams: { query: jobFacetsQuerySchema },
      responses: { ...ok("The filter options", jobFacetsSchema), ...errors(400) },
    },
  },
  "/api/jobs/{jobId}": {
    get: {
      tags: ["jobs"],
      operationId: "getJob",
      summary: "Snapshot: the job and its latest ≤ 200 events",
      requestParams: { path: jobIdPath },
      responses: { ...ok("The snapshot", jobSnapshotSchema), ...errors(404) },
    },
  },
  "/api/jobs/{jobId}/events": {
    get: {
      tags: ["jobs"],
      operationId: "getJobEvents",
      summary: "A page of the log (the polling fallback)",
      description: "`after`: events with seq > after, oldest first; `before`: the page just before that seq (loading earlier lines). Not both.",
      requestParams: { path: jobIdPath, query: eventsQuerySchema },
      responses: { ...ok("A page of events", jobEventsPageSchema), ...errors(400, 404) },
    },
  },
  "/api/jobs/{jobId}/stream": {
    get: {
      tags: ["jobs", "streams"],
      operationId: "streamJob",
      summary: "SSE of one job's log",
      description: `Replays from the cursor (\`Last-Event-ID\`, else \`?after=\`, else 0), then follows live until the job has ended. ${SSE_FRAMES}`,
      requestParams: {
        path: jobIdPath,
        header: z.object({ "Last-Event-ID": streamCursorSchema.optional().meta({ description: "Resume after this seq (wins over `after`)" }) }),
        query: z.object({ after: streamCursorSchema.optional().meta({ description: "Resume after this seq; 0 = from the start" }) }),
      },
      responses: { "200": sseContent("The job's log as server-sent events"), ...errors(400, 404, 429) },
    },
  },
  "/api/jobs/{jobId}/export": {
    get: {
      tags: ["jobs"],
      operationId: "exportJob",
      summary: "Download the full log",
      requestParams: { path: jobIdPath, query: exportQuerySchema },
      responses: {
        "200": {
          description: "The log as an attachment (`Content-Disposition: attachment; filename=\"job-<id>-<date>.<ext>\"`), streamed",
          headers: z.object({ "Content-Disposition": z.string().meta({ description: "attachment with the file name" }) }),
          content: {
            "application/json": {
              schema: z.object({ job: jobDtoSchema, exportedAt: z.iso.datetime({ offset: true }), events: z.array(jobEventSchema) }),
            },
            "application/x-ndjson": { schema: { type: "string", description: "`format=ndjson`: the line `{\"job\": …}`, then one event (JSON) per line" } },
            "text/plain": { schema: { type: "string", description: "`format=text`: a header line, then one readable line per event" } },
          },
        },
        ...errors(400, 404),
        ...AUDIT_UNAVAILABLE,
      },
    },
  },
  "/api/jobs/{jobId}/resume": {
    post: {
      tags: ["jobs"],
      operationId: "resumeJob",
      summary: "Resume a cancelled or failed decomposition",
      description:
        "A new `plan_decompose` job (the plan's concurrency key, `params.resumeOf` = this job) splits the tasks the old job did not split yet; " +
        "no task gets a second set of subtasks. A job from a chat message is added to that message's `metadata.jobs` and `actions`. " +
        "409 when the job is not a failed or cancelled plan_decompose job or was already resumed; only the owner resumes (support: 403).",
      requestParams: { path: jobIdPath },
      responses: { ...ok("The new job, pending", z.object({ jobId: z.string(), job: jobDtoSchema }), 202), ...errors(403, 404, 409, 429) },
    },
  },
  "/api/jobs/{jobId}/cancel": {
    post: {
      tags: ["jobs"],
      operationId: "cancelJob",
      summary: "Stop a job",
      description: "Pending jobs end at once; running ones are aborted through their AbortSignal.",
      requestParams: { path: jobIdPath },
      responses: { ...ok("Cancellation accepted", jobEnvelopeSchema, 202), ...errors(404, 409) },
    },
  },
  "/api/streams": {
    get: {
      tags: ["streams"],
      operationId: "streamJobs",
      summary: "One SSE connection multiplexing many jobs (the browser app's)",
      description:
        `Frames are the per-job stream's without \`id:\` (\`data.job_id\` says which job); \`end\` comes once per job, ` +
        "`missing` (`data: {\"job_id\"}`) for a job that is unknown or not the caller's. The stream closes when every job has ended. " +
        SSE_FRAMES,
      requestParams: { query: streamsQuerySchema },
      responses: { "200": sseContent("The jobs' logs as server-sent events"), ...errors(400, 429) },
    },
  },
  "/api/session": {
    get: {
      tags: ["session"],
      operationId: "getSession",
      summary: "Who the caller is",
      responses: { ...ok("The session", sessionDtoSchema), ...errors() },
    },
  },
  "/api/session/support": {
    post: {
      tags: ["session"],
      operationId: "supportSignIn",
      summary: "Support sign-in",
      description: `A correct SUPPORT_TOKEN gives this session the support role: a signed \`${SUPPORT_COOKIE}\` cookie bound to the session, 12 h.`,
      requestBody: { required: true, content: json(supportSignInSchema) },
      responses: {
        "200": {
          description: "Signed in (sets the support cookie)",
          headers: z.object({ "Set-Cookie": z.string() }),
          content: json(sessionDtoSchema),
        },
        ...errors(400, 401, 403, 413, 429),
        ...AUDIT_UNAVAILABLE,
      },
    },
    delete: {
      tags: ["session"],
      operationId: "supportSignOut",
      summary: "Support sign-out",
      responses: {
        "200": { description: "Signed out (clears the support cookie)", headers: z.object({ "Set-Cookie": z.string() }), content: json(sessionDtoSchema) },
        ...errors(),
      },
    },
  },
  "/api/openapi.json": {
    get: {
      tags: ["ops"],
      operationId: "openapi",
      summary: "This document",
      responses: {
        "200": { description: "The HTTP API as OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } },
        ...errors(),
      },
    },
  },
  "/api/diagnostics/log-burst": {
    post: {
      tags: ["diagnostics"],
      operationId: "logBurst",
      summary: "Diagnostics only: start a job that writes N log lines at a rate",
      description: "Used by `npm run bench`. Answers 404 unless the server runs with DIAGNOSTICS_ENABLED=1.",
      "x-diagnostics": true,
      requestBody: { required: true, content: json(logBurstPayload) },
      responses: {
        ...ok("The job, pending (`jobType` is `log_burst`)", z.object({ job: jobDtoSchema.extend({ jobType: z.literal("log_burst") }) }), 202),
        ...errors(400, 404, 413),
      },
    },
  },
} satisfies Record<string, Partial<Record<Method, ZodOpenApiOperationObject>>>;
