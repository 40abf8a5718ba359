// POST /api/diagnostics/log-burst – start a job that writes N log lines at a rate (benchmarks; off unless DIAGNOSTICS_ENABLED=1)
import { getRunner } from "@/lib/server/boot";
import { getDeps } from "@/lib/server/deps";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { readJson, withRoute } from "@/lib/server/http/route";
import { logBurstParams } from "@/lib/server/jobs/handlers/log-burst";
import { insertJob, toJobDto } from "@/lib/server/jobs/jobs-repo";

export const POST = withRoute(async ({ request, session }) => {
  if (!env().DIAGNOSTICS_ENABLED) throw AppError.notFound("Route");
  const params = await readJson(request, logBurstParams);
  const { db } = getDeps();
  const job = await db.$transaction(async (tx) => {
    await tx.user.upsert({ where: { id: session.userId }, create: { id: session.userId }, update: {} });
    return insertJob(tx, { jobType: "log_burst" as never, ownerId: session.userId, params });
  });
  getRunner().wake();
  return Response.json({ job: toJobDto(job) }, { status: 202 });
});

