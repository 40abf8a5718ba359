// GET /api/streams?jobs=<id>:<cursor>,… – one SSE connection multiplexing many jobs (the browser app's)
import { z } from "zod";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { sseResponse } from "@/lib/server/http/sse";
import { followJob } from "@/lib/server/jobs/follow-job";
import { findJob } from "@/lib/server/jobs/jobs-repo";

const querySchema = z.object({
  jobs: z
    .string()
    .min(1)
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(z.string().regex(/^[\w-]{1,100}:\d{1,12}$/, "Expected <jobId>:<cursor>"))
        .min(1)
        .max(100),
    )
    .transform((items) => items.map((i) => ({ jobId: i.split(":")[0], cursor: Number(i.split(":")[1]) }))),
});

/**
 * Frames are the per-job stream's (`data.job_id` says which job); `end` comes
 * once per job, `missing` for a job that is unknown or not the caller's. The
 * stream closes when every job has ended.
 */
export const GET = withRoute(async ({ request, session }) => {
  const { jobs } = readQuery(request, querySchema);
  const deps = getDeps();
  return sseResponse(request, {
    heartbeatMs: env().SSE_HEARTBEAT_MS,
    run: async (sink) => {
      await Promise.all(
        jobs.map(async ({ jobId, cursor }) => {
          if (!(await findJob(deps.db, jobId, session))) return sink.send("missing", { job_id: jobId });
          await followJob(deps, sink, jobId, cursor, false);
        }),
      );
    },
  });
});
