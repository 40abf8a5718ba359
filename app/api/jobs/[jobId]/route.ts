// GET /api/jobs/{jobId} – snapshot: the job and its latest ≤ 200 events
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { getJobSnapshot } from "@/lib/server/jobs/job-queries";

export const GET = withRoute<{ jobId: string }>(async ({ viewer, params }) =>
  Response.json(await getJobSnapshot(getDeps().store, viewer, params.jobId)),
);
