// GET /api/jobs – the caller's jobs (support: all), filtered by planId, jobType, status
import { jobListQuerySchema } from "@/lib/shared/jobs";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { listJobs } from "@/lib/server/jobs/job-queries";

export const GET = withRoute(async ({ request, session }) =>
  Response.json({ jobs: await listJobs(getDeps().db, session, readQuery(request, jobListQuerySchema)) }),
);
