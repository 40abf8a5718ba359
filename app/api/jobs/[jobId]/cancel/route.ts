// POST /api/jobs/{jobId}/cancel – stop a job
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const POST = withRoute<{ jobId: string }>(async ({ session, params }) =>
  Response.json({ job: await getDeps().queue.cancel(session, params.jobId) }, { status: 202 }),
);
