// GET /api/jobs/{jobId}/export?format=json|ndjson|text – download the full log
import { z } from "zod";
import { getDeps } from "@/lib/server/deps";
import { readQuery, withRoute } from "@/lib/server/http/route";
import { exportJob } from "@/lib/server/jobs/export-job";

const querySchema = z.object({ format: z.enum(["json", "ndjson", "text"]).default("json") });

export const GET = withRoute<{ jobId: string }>(async ({ request, session, params }) =>
  exportJob(getDeps().db, session, params.jobId, readQuery(request, querySchema).format),
);
