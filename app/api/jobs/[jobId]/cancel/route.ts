// POST /api/jobs/{jobId}/cancel – stop a job
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const POST = withRoute<{ jobId: string }>(async ({ viewer, params }) =>
  Response.json({ job: await getDeps().queue.cancel(viewer, params.jobId) }, { status: 202 }),
);
