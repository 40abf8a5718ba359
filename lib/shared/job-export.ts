// GET /api/jobs/{jobId}/export query (the route and the OpenAPI document read it),
// and the text export's lines, shared with the log panel's "copy line".
import stripAnsi from "strip-ansi";
import { z } from "zod";
import { formatLogLine, type JobDto, type JobEventDto } from "./jobs";

/** Download formats of a job's full log. */
export const EXPORT_FORMATS = ["json", "ndjson", "text"] as const;

export const exportQuerySchema = z.object({ format: z.enum(EXPORT_FORMATS).default("json") });

/**
 * The text export's first line: the job and the time zone of every time
 * that follows (ISO 8601 in UTC, "Z"), so a reader never guesses.
 * @example "Job j1 (plan_decompose) status=succeeded created=2026-11-21T06:00:00.000Z · times in UTC"
 */
export const textExportHeader = (job: Pick<JobDto, "id" | "jobType" | "status" | "createdAt">): string =>
  `Job ${job.id} (${job.jobType}) status=${job.status} created=${job.createdAt} · times in UTC`;

/**
 * One event as a line of the text export (and of "copy line"): formatLogLine
 * (UTC ISO time, `#seq`, level, kind, message, data) with ANSI colour codes
 * stripped (strip-ansi), since a text file is not a terminal.
 */
export const textExportLine = (e: JobEventDto): string => stripAnsi(formatLogLine(e));
