// GET /api/runs/{runId} – a run with its steps, computed from its stored events
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { getRun } from "@/lib/server/runs/run-service";

export const GET = withRoute<{ runId: string }>(async ({ viewer, params }) => Response.json(await getRun(getDeps(), viewer, params.runId)));
