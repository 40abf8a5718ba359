// GET /api/job-facets – the owner and plan options of the /jobs filters (support: everyone's; a user: their own): ?ownerId=
import { jobFacetsQuerySchema } from "@/lib/shared/jobs";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { getJobFacets } from "@/lib/server/jobs/job-queries";

export const GET = withRoute(async ({ request, viewer }) =>
  Response.json(await getJobFacets(getDeps().db, viewer, readQuery(request, jobFacetsQuerySchema))),
);
