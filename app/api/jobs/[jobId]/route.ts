// GET /api/jobs/{jobId} – snapshot: the job and its latest ≤ 200 events
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { getJobSnapshot } from "@/lib/server/jobs/job-queries";
import { recordPendingPoll } from "@/lib/server/ops/metrics";

export const GET = withRoute<{ jobId: string }>(async ({ request, viewer, params }) => {
  const deps = getDeps();
  const snapshot = await getJobSnapshot(deps.store, viewer, params.jobId);
  await auditSupportAccess(deps.db, viewer, { type: "job", id: snapshot.job.id, ownerId: snapshot.job.ownerId }, { request });
  if (snapshot.job.status === "pending") recordPendingPoll("snapshot");
  return Response.json(snapshot);
});
