// GET /api/runs/{runId}/artifacts/{artifactId} – download a file a tool produced
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";
import { downloadArtifact } from "@/lib/server/runs/run-service";

export const GET = withRoute<{ runId: string; artifactId: string }>(async ({ viewer, params }) => downloadArtifact(getDeps(), viewer, params.runId, params.artifactId));
