// GET /api/jobs/{jobId}/stream – SSE of one job's log from the Last-Event-ID / ?after= cursor
import { streamCursorSchema } from "@/lib/shared/streams";
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { limit } from "@/lib/server/http/rate-limit";
import { withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";
import { followJob } from "@/lib/server/jobs/follow-job";
import { requireJob } from "@/lib/server/jobs/job-queries";

export const GET = withRoute<{ jobId: string }>(async ({ request, viewer, params }) => {
  const deps = getDeps();
  const job = await requireJob(deps.store, viewer, params.jobId);
  // Cursor: Last-Event-ID, else ?after=, else 0 (docs/design.md "SSE contract").
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const cursor = streamCursorSchema.safeParse(raw);
  if (!cursor.success) throw AppError.badRequest("Cursor must be a non-negative integer", { cursor: [raw] });
  await limit(request, viewer, "stream");
  await auditSupportAccess(deps.db, viewer, { type: "job", id: job.id, ownerId: job.ownerId }, { request, details: { view: "stream" } });
  return sseResponse(request, {
    heartbeatMs: env().SSE_HEARTBEAT_MS,
    run: (sink) => followJob(deps, sink, params.jobId, cursor.data, { withIds: true }),
  });
});
