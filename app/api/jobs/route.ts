// GET /api/jobs – a page of the caller's jobs (support: all, or one owner's), newest first, with their plans' titles:
// ?planId=&ownerId=&parentJobId=&jobType=&status=&q=<id prefix>&from=&to=<ISO instants>&cursor=&limit=
import { jobListQuerySchema } from "@/lib/shared/jobs";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { listJobs } from "@/lib/server/jobs/job-queries";

export const GET = withRoute(async ({ request, viewer }) =>
  Response.json(await listJobs(getDeps(), viewer, readQuery(request, jobListQuerySchema))),
);
