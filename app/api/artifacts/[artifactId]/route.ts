// GET /api/artifacts/{artifactId} – a stored file (e.g. a chat turn's design document) as a download, or `?inline=1` to view
import { readArtifact } from "@/lib/server/chat/turn-service";
import { getDeps } from "@/lib/server/deps";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute<{ artifactId: string }>(async ({ request, viewer, params }) =>
  readArtifact(getDeps(), viewer, params.artifactId, new URL(request.url).searchParams.get("inline") === "1"),
);
