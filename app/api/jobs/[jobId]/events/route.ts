// GET /api/jobs/{jobId}/events?after=&before=&limit= – a page of the log (the polling fallback)
import { eventsQuerySchema } from "@/lib/shared/jobs";
import { auditSupportAccess } from "@/lib/server/audit/support-audit";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { getJobEvents } from "@/lib/server/jobs/job-queries";
import { recordPendingPoll } from "@/lib/server/ops/metrics";

export const GET = withRoute<{ jobId: string }>(async ({ request, viewer, params }) => {
  const deps = getDeps();
  const page = await getJobEvents(deps.store, viewer, params.jobId, readQuery(request, eventsQuerySchema));
  await auditSupportAccess(deps.db, viewer, { type: "job", id: page.job.id, ownerId: page.job.ownerId }, { request, details: { view: "events" } });
  if (page.job.status === "pending") recordPendingPoll("events");
  return Response.json(page);
});
