// GET /api/openapi.json – the HTTP API as OpenAPI 3.1
import { openApiDocument } from "@/lib/server/http/openapi/document";
import { withRoute } from "@/lib/server/http/route";

export const GET = withRoute(async () => Response.json(openApiDocument()));
