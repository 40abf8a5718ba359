// GET /api/jobs/{jobId}/export?format=json|ndjson|text – download the full log
import { exportQuerySchema } from "@/lib/shared/job-export";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { exportJob } from "@/lib/server/jobs/export-job";

export const GET = withRoute<{ jobId: string }>(async ({ request, viewer, params }) =>
  exportJob(getDeps(), viewer, params.jobId, readQuery(request, exportQuerySchema).format, request),
);
