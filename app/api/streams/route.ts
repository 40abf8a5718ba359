// GET /api/streams?jobs=<id>:<cursor>,… – one SSE connection multiplexing many jobs (the browser app's)
import { streamsQuerySchema } from "@/lib/shared/streams";
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { limit } from "@/lib/server/http/rate-limit";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";
import { followJob } from "@/lib/server/jobs/follow-job";
import { findVisibleJob } from "@/lib/server/jobs/job-queries";

/**
 * Frames are the per-job stream's (`data.job_id` says which job); `end` comes
 * once per job, `missing` for a job that is unknown or not the caller's. The
 * stream closes when every job has ended.
 */
export const GET = withRoute(async ({ request, viewer }) => {
  const { jobs } = readQuery(request, streamsQuerySchema);
  const deps = getDeps();
  await limit(request, viewer, "stream");
  return sseResponse(request, {
    heartbeatMs: env().SSE_HEARTBEAT_MS,
    run: async (sink) => {
      await Promise.all(
        jobs.map(async ({ jobId, cursor }) => {
          const job = await findVisibleJob(deps.store, viewer, jobId);
          if (!job) return sink.send("missing", { job_id: jobId });
          await auditSupportAccess(deps.db, viewer, { type: "job", id: job.id, ownerId: job.ownerId }, { request, details: { view: "streams" } });
          await followJob(deps, sink, jobId, cursor, { withIds: false });
        }),
      );
    },
  });
});
