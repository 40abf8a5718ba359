import "server-only";
// The built-in offline planner: a deterministic LanguageModelV4 that needs no
// network. It reads the `Field: value` header of prompts built by buildPrompt,
// decides what to produce from `responseFormat.name` (or the `Request:` field)
// and answers with one JSON text part matching chatReplySchema,
// planOutlineSchema or subtasksSchema — or, executing a plan (execute_task,
// finish_run), with calls of the built-in tools and then plain text. Plans are request-specific: a domain is
// detected from keywords, a duration and a subject/destination are extracted,
// and any variation is seeded from a hash of the goal, so the same request
// always gets the same answer.
//
// Reading order:
//   model-adapter.ts      LanguageModelV4: latency, abort, streaming
//   answer-call.ts        prompt → which request, in which language → JSON text
//   goal-analysis.ts      goal → domain, kind, duration, subject (with
//                         domain-detection.ts, duration.ts, subject-extraction.ts)
//   templates/*.ts        one plan template per domain, plus the city data
//   outline.ts            plan_outline (schedule.ts adds "Weeks 1–2:" prefixes)
//   subtasks.ts           subtasks (subtask-rules.ts for tasks no template knows)
//   chat-reply.ts         chat_reply: new plans, small talk, questions (gibberish.ts
//                         spots keyboard mash)
//   task-operations.ts    chat_reply on an existing plan: commands → add/update/
//                         move/status/delete/decompose/execute actions, with
//                         task-operation-phrases*.ts (EN/ZH phrasings, splitting),
//                         execution-phrases.ts ("execute the plan", "执行任务3"),
//                         task-references.ts + task-matching.ts (which task),
//                         plan-tree.ts (positions) and task-operation-replies.ts
//   execute-task.ts       execute_task / finish_run: tool calls, then a summary
//                         of the results (tool-summaries.ts); which tools and
//                         inputs in tool-choice.ts, with budget-expression.ts +
//                         execution-numbers.ts (calculate), execution-dates.ts
//                         (schedule) and documents.ts (write_document)
//   text.ts, seeded-random.ts   small shared helpers
export { createOfflinePlannerModel, OFFLINE_MODEL_ID, OFFLINE_PROVIDER } from "./model-adapter.ts";
export { analyzeGoal, type Analysis } from "./goal-analysis.ts";
export { extractDuration, type Duration } from "./duration.ts";
export { planTitle } from "./plan-title.ts";
export { planOutline } from "./outline.ts";
export { subtasks } from "./subtasks.ts";
export { chatReply } from "./chat-reply.ts";
export { chooseTools, taskContext, type ToolChoice, type TaskContext } from "./tool-choice.ts";
