// GET /api/jobs/{jobId}/events?after=&before=&limit= – a page of the log (the polling fallback)
import { eventsQuerySchema } from "@/lib/shared/jobs";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { getJobEvents } from "@/lib/server/jobs/job-queries";
import { recordPendingPoll } from "@/lib/server/ops/metrics";

export const GET = withRoute<{ jobId: string }>(async ({ request, viewer, params }) => {
  const page = await getJobEvents(getDeps().store, viewer, params.jobId, readQuery(request, eventsQuerySchema));
  if (page.job.status === "pending") recordPendingPoll("events");
  return Response.json(page);
});
