// POST /api/jobs/{jobId}/cancel – stop a job
import { getRunner } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { cancelJob } from "@/lib/server/jobs/cancel-job";

export const POST = withRoute<{ jobId: string }>(async ({ session, params }) =>
  Response.json({ job: await cancelJob(getDeps().db, getRunner(), session, params.jobId) }, { status: 202 }),
);
