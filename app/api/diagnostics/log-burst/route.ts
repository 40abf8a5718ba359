// POST /api/diagnostics/log-burst – start a job that writes N log lines at a rate (benchmarks; off unless DIAGNOSTICS_ENABLED=1)
import { ensureUser } from "@/lib/server/chat/chat-repo";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { readJson, withRoute } from "@/lib/server/http/route";
import { toJobDto } from "@/lib/server/jobs/job-dto";
import { logBurstJob, logBurstPayload } from "@/lib/server/jobs/handlers/log-burst";

export const POST = withRoute(async ({ request, viewer }) => {
  if (!env().DIAGNOSTICS_ENABLED) throw AppError.notFound("Route");
  const payload = await readJson(request, logBurstPayload);
  const deps = getDeps();
  await ensureUser(deps.db, viewer.userId);
  const job = await deps.queue.enqueue(logBurstJob, { ownerId: viewer.userId }, payload);
  return Response.json({ job: toJobDto(job) }, { status: 202 });
});
