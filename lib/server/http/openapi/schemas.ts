// Response bodies of the HTTP API as zod schemas, for the OpenAPI document
// only (the routes answer with the TypeScript types of lib/shared). Each one is
// checked at compile time against its type, so the two cannot drift apart.
import "server-only";
import { z } from "zod";
import { type ActionStatusDto, type ConversationDetail, type ConversationDto, type MessageDto, type SendMessageResponse } from "@/lib/shared/chat";
import { chatActionSchema, messageMetadataSchema } from "@/lib/shared/chat-stream";
import type { ErrorBody } from "@/lib/shared/errors";
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  JOB_STATUSES,
  JOB_TYPES,
  type JobDto,
  type JobEventDto,
  type JobEventsPage,
  type JobFacets,
  type JobHistoryPage,
  type JobSnapshot,
  type JobStats,
  type StreamEnd,
  type StreamFrame,
} from "@/lib/shared/jobs";
import { TASK_STATUSES, type DeleteTaskResponse, type PlanDto, type PlanTree, type TaskNode, type TaskResponse } from "@/lib/shared/plans";
import type { SessionDto } from "@/lib/shared/session";

/** Compiles only when `A` and `B` are assignable both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<_Check extends true>(): void {}

const isoInstant = z.iso.datetime({ offset: true });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: "Machine-readable error code, e.g. `not_found`, `bad_request`, `conflict`" }),
    message: z.string().meta({ description: "Human-readable message" }),
    details: z.unknown().optional().meta({ description: "On a 400: the field errors, `{field: [message, …]}`" }),
  }),
});
sameShape<Same<z.output<typeof errorBodySchema>, ErrorBody>>();

// ---------- jobs ----------

export const jobStatsSchema = z.object({
  llmCalls: z.int(),
  inputTokens: z.int(),
  outputTokens: z.int(),
  createdTasks: z.int(),
  events: z.int(),
  warnings: z.int(),
  errors: z.int(),
  suppressed: z.int().meta({ description: "Lines beyond the per-job event cap: counted, not stored" }),
});
sameShape<Same<z.output<typeof jobStatsSchema>, JobStats>>();

export const jobDtoSchema = z.object({
  id: z.string(),
  jobType: z.enum(JOB_TYPES),
  status: z.enum(JOB_STATUSES),
  ownerId: z.string(),
  planId: z.string().nullable(),
  taskId: z.string().nullable(),
  parentJobId: z.string().nullable(),
  params: z.unknown(),
  result: z.unknown(),
  error: z.string().nullable(),
  stats: jobStatsSchema,
  attempt: z.int(),
  lastSeq: z.int().meta({ description: "Seq of the job's latest stored event (0 = none)" }),
  createdAt: isoInstant,
  startedAt: isoInstant.nullable(),
  finishedAt: isoInstant.nullable(),
});
sameShape<Same<z.output<typeof jobDtoSchema>, JobDto>>();

export const jobEventSchema = z.object({
  seq: z.int().meta({ description: "Gapless per job, starting at 1" }),
  timestamp: isoInstant,
  level: z.enum(EVENT_LEVELS),
  kind: z.enum(EVENT_KINDS),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
sameShape<Same<z.output<typeof jobEventSchema>, JobEventDto>>();

export const jobSnapshotSchema = z.object({
  job: jobDtoSchema,
  events: z.array(jobEventSchema).meta({ description: "The latest ≤ 200 events, oldest first" }),
  firstSeq: z.int(),
  lastSeq: z.int(),
  hasEarlier: z.boolean(),
});
sameShape<Same<z.output<typeof jobSnapshotSchema>, JobSnapshot>>();

export const jobEventsPageSchema = z.object({
  job: jobDtoSchema,
  events: z.array(jobEventSchema),
  lastSeq: z.int(),
  hasMore: z.boolean(),
});
sameShape<Same<z.output<typeof jobEventsPageSchema>, JobEventsPage>>();

export const jobListPageSchema = z.object({
  jobs: z.array(jobDtoSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  total: z.int(),
  planTitles: z
    .record(z.string(), z.string())
    .meta({ description: "The title of each plan the page's jobs belong to, by plan id (plans since deleted are absent)" }),
});
sameShape<Same<z.output<typeof jobListPageSchema>, JobHistoryPage>>();

/** GET /api/job-facets: the owner and plan options of the /jobs filters. */
export const jobFacetsSchema = z.object({
  owners: z.array(
    z.object({
      id: z.string().meta({ description: "User id" }),
      jobs: z.int().meta({ description: "Jobs this user owns" }),
      lastJobAt: isoInstant.nullable().meta({ description: "Creation time of their newest job" }),
    }),
  ),
  plans: z.array(z.object({ id: z.string(), title: z.string(), ownerId: z.string(), updatedAt: isoInstant })),
});
sameShape<Same<z.output<typeof jobFacetsSchema>, JobFacets>>();

/** `{job}`: POST /api/jobs/{jobId}/cancel. */
export const jobEnvelopeSchema = z.object({ job: jobDtoSchema });

/** `data:` of an SSE event frame (`id:` = seq, `event:` = the event's kind). */
export const streamFrameSchema = z.object({
  job_id: z.string(),
  seq: z.int(),
  status: z.enum(JOB_STATUSES).meta({ description: "The job's status when this event was committed" }),
  event: jobEventSchema.omit({ seq: true }),
  stats: jobStatsSchema,
});
sameShape<Same<z.output<typeof streamFrameSchema>, StreamFrame>>();

/** `data:` of the `end` frame, sent after the terminal status event. */
export const streamEndSchema = z.object({ job_id: z.string(), status: z.enum(JOB_STATUSES), lastSeq: z.int() });
sameShape<Same<z.output<typeof streamEndSchema>, StreamEnd>>();

/** `data:` of the multiplexed stream's `missing` frame (unknown job, or not the caller's). */
export const streamMissingSchema = z.object({ job_id: z.string() });

// ---------- plans ----------

export const planDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  goal: z.string(),
  language: z.string(),
  conversationId: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
sameShape<Same<z.output<typeof planDtoSchema>, PlanDto>>();

const taskNodeShape = {
  id: z.string(),
  planId: z.string(),
  parentId: z.string().nullable(),
  position: z.int(),
  title: z.string(),
  description: z.string(),
  status: z.enum(TASK_STATUSES),
  version: z.int().min(1),
};
/** A task with its children, ordered by position (recursive). */
export const taskNodeSchema: z.ZodType<TaskNode> = z.object({
  ...taskNodeShape,
  get children(): z.ZodArray<z.ZodType<TaskNode>> {
    return z.array(taskNodeSchema);
  },
}).meta({ id: "TaskNode" });

export const planTreeSchema = z.object({ plan: planDtoSchema, tasks: z.array(taskNodeSchema) });
sameShape<Same<z.output<typeof planTreeSchema>, PlanTree>>();

export const planListSchema = z.object({ plans: z.array(planDtoSchema) });

const taskDtoSchema = z.object(taskNodeShape).meta({ id: "Task" });
export const taskResponseSchema = z.object({ task: taskDtoSchema });
sameShape<Same<z.output<typeof taskResponseSchema>, TaskResponse>>();
export const deleteTaskResponseSchema = z.object({ deletedTaskIds: z.array(z.string()) });
sameShape<Same<z.output<typeof deleteTaskResponseSchema>, DeleteTaskResponse>>();
/** A stale version's 409: the error shape with the current task in `details.task`. */
export const staleTaskErrorSchema = errorBodySchema.extend({
  error: errorBodySchema.shape.error.extend({ details: z.object({ task: taskDtoSchema }) }),
});

// ---------- chat and conversations ----------

// The action and metadata schemas are the chat stream's (lib/shared/chat-stream.ts): one definition for both.
export { chatActionSchema, messageMetadataSchema };

export const sendMessageResponseSchema = z.object({
  response: z.string().meta({ description: "The agent's reply" }),
  actions: z.array(chatActionSchema),
  metadata: messageMetadataSchema,
});
sameShape<Same<z.output<typeof sendMessageResponseSchema>, SendMessageResponse>>();

export const conversationDtoSchema = z.object({
  id: z.string(),
  title: z.string().meta({ description: "The owner's title once renamed, else the newest plan's title (Markdown stripped), else from the first message" }),
  titleSource: z.enum(["plan", "user", "message"]),
  readOnly: z.boolean().meta({ description: "The caller may read but not write it (support viewing another user's conversation)" }),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
sameShape<Same<z.output<typeof conversationDtoSchema>, ConversationDto>>();

export const conversationListSchema = z.object({ conversations: z.array(conversationDtoSchema) });

export const messageDtoSchema = z.object({
  id: z.string(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  metadata: messageMetadataSchema.nullable(),
  createdAt: isoInstant,
});
sameShape<Same<z.output<typeof messageDtoSchema>, MessageDto>>();

export const conversationDetailSchema = z.object({
  conversation: conversationDtoSchema,
  messages: z.array(messageDtoSchema),
  planIds: z.array(z.string()),
});
sameShape<Same<z.output<typeof conversationDetailSchema>, ConversationDetail>>();

export const actionStatusSchema = z.object({
  trackingId: z.string(),
  status: z.enum(JOB_STATUSES),
  planId: z.string().nullable(),
  actions: z.array(chatActionSchema),
  results: z.object({ createdTaskCount: z.int(), errors: z.array(z.string()) }),
  startedAt: isoInstant.nullable(),
  finishedAt: isoInstant.nullable(),
  durationMs: z.number().nullable().meta({ description: "From the request's arrival to the last job's end, ms; null while open" }),
  llmCalls: z.int().meta({ description: "Model calls: the phase-one reply plus every job's" }),
  queueWaitMs: z.number().nullable().meta({ description: "How long the tracking job waited in the queue, ms; null while pending" }),
});
sameShape<Same<z.output<typeof actionStatusSchema>, ActionStatusDto>>();

// ---------- session and ops ----------

export const sessionDtoSchema = z.object({
  userId: z.string(),
  role: z.enum(["user", "support"]),
  supportSignIn: z.boolean().meta({ description: "The server has a SUPPORT_TOKEN, so the sign-in form can work" }),
});
sameShape<Same<z.output<typeof sessionDtoSchema>, SessionDto>>();
