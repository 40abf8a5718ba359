// GET /api/jobs/{jobId}/export query (the route and the OpenAPI document read it).
import { z } from "zod";

/** Download formats of a job's full log. */
export const EXPORT_FORMATS = ["json", "ndjson", "text"] as const;

export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default("json") });
