// Cursors of the SSE routes (docs/design.md "SSE contract"): GET /api/jobs/{jobId}/stream
// and the multiplexed GET /api/streams (the routes and the OpenAPI document read them).
import { z } from "zod";

/** A stream cursor: the last seq the client has (Last-Event-ID or `?after=`); 0 = from the start. */
export const streamCursorSchema = z.coerce.number().int().min(0);

/**
 * The largest seq a job or a turn can have: seqs are 32-bit `integer`
 * columns on PostgreSQL (and never reach this on SQLite). A cursor beyond it
 * is valid and means "after everything"; stores clamp to it before querying,
 * so such a cursor reads as on SQLite instead of failing on PostgreSQL.
 */
export const MAX_SEQ = 2_147_483_647;

/** `seq` clamped to [0, MAX_SEQ] for a database query. */
export const clampSeq = (seq: number): number => Math.min(Math.max(seq, 0), MAX_SEQ);

/** GET /api/streams `?jobs=<jobId>:<cursor>,…` (1–100 jobs), parsed to `[{jobId, cursor}]`. */
export const streamsQuerySchema = z.object({
  jobs: z
    .string()
    .min(1)
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(z.string().regex(/^[\w-]{1,100}:\d{1,12}$/, "Expected <jobId>:<cursor>"))
        .min(1)
        .max(100),
    )
    .transform((items) => items.map((i) => ({ jobId: i.split(":")[0], cursor: Number(i.split(":")[1]) })))
    .meta({ description: "Comma-separated `<jobId>:<cursor>` pairs (1–100); cursor = the last seq the client has", example: "job-a:0,job-b:42" }),
});
