// GET /api/jobs/{jobId} – snapshot: the job and its latest ≤ 200 events
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { getJobSnapshot } from "@/lib/server/jobs/job-queries";
import { recordPendingPoll } from "@/lib/server/ops/metrics";

export const GET = withRoute<{ jobId: string }>(async ({ viewer, params }) => {
  const snapshot = await getJobSnapshot(getDeps().store, viewer, params.jobId);
  if (snapshot.job.status === "pending") recordPendingPoll("snapshot");
  return Response.json(snapshot);
});
