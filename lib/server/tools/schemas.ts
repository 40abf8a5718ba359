// Input schemas of the built-in tools: the contract between the tools, the
// prompts that describe them and the offline model that calls them. Every
// field is always present (null when it does not apply), so strict
// structured-output providers accept the schemas.
import "server-only";
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** `calculate`: an arithmetic expression, units allowed (mathjs syntax), e.g. "12 * 45 EUR + 300 EUR", "3 days * 8 hours/day". */
export const calculateInput = z.object({
  expression: z.string().min(1).max(500),
});
export type CalculateInput = z.infer<typeof calculateInput>;
export type CalculateOutput = { expression: string; result: string; value: number | null; unit: string | null };

/**
 * `schedule`: date arithmetic.
 * - add / subtract: `date` ± `amount` `unit` (days, business_days, weeks, months) → `{date}`;
 *   a deadline back from an event date is `subtract` with business_days;
 * - between: `date` → `until` → `{days, businessDays}`.
 */
export const scheduleInput = z.object({
  operation: z.enum(["add", "subtract", "between"]),
  date: isoDate,
  amount: z.number().int().min(0).max(3650).nullable(),
  unit: z.enum(["days", "business_days", "weeks", "months"]).nullable(),
  until: isoDate.nullable(),
});
export type ScheduleInput = z.infer<typeof scheduleInput>;
export type ScheduleOutput = { operation: ScheduleInput["operation"]; date: string | null; weekday: string | null; days: number | null; businessDays: number | null; text: string };

/** `write_document`: a Markdown document stored as an artifact of the task; `filename` without a path (".md" added), null = from the title. */
export const writeDocumentInput = z.object({
  title: z.string().min(1).max(200),
  filename: z.string().max(100).nullable(),
  content: z.string().min(1).max(100_000),
});
export type WriteDocumentInput = z.infer<typeof writeDocumentInput>;
export type WriteDocumentOutput = { artifactId: string; name: string; bytes: number };

/** `create_calendar`: an iCalendar file of dated events (all-day when `time` is null), stored as an artifact of the run. */
export const createCalendarInput = z.object({
  title: z.string().min(1).max(200),
  events: z
    .array(
      z.object({
        title: z.string().min(1).max(200),
        date: isoDate,
        time: z.string().regex(/^\d{2}:\d{2}$/, "a time as HH:mm").nullable(),
        durationMinutes: z.number().int().min(1).max(60 * 24 * 14).nullable(),
        description: z.string().max(2000).nullable(),
        taskId: z.string().max(100).nullable(),
      }),
    )
    .min(1)
    .max(500),
});
export type CreateCalendarInput = z.infer<typeof createCalendarInput>;
export type CreateCalendarOutput = { artifactId: string; name: string; events: number; bytes: number };

/** `http_get`: fetches a URL from a host in TOOL_HTTP_ALLOWLIST. */
export const httpGetInput = z.object({
  url: z.string().url().max(2000),
});
export type HttpGetInput = z.infer<typeof httpGetInput>;
export type HttpGetOutput = { url: string; status: number; contentType: string | null; body: string; bytes: number; truncated: boolean };
