// `create_calendar`: an iCalendar file (RFC 5545) of the plan's dated events,
// built with ical-generator and saved as an artifact of the run. Times are
// floating (local wall-clock time, no zone): the server does not know the
// person's zone, and their calendar app shows 09:00 as 09:00. Dates are built
// as UTC instants and written with ical-generator's UTC getters, so the
// server's own zone never shifts a date.
import "server-only";
import ical from "ical-generator";
import { createCalendarInput, type CreateCalendarInput, type CreateCalendarOutput } from "../schemas.ts";
import { defineTool, type ToolContext } from "../types.ts";
import { safeFileName } from "./file-name.ts";

/** Media type of the saved calendar. */
export const CALENDAR_MEDIA_TYPE = "text/calendar; charset=utf-8";

/** Duration of a timed event without `durationMinutes`, minutes. */
export const DEFAULT_EVENT_MINUTES = 60;

const DAY_MS = 86_400_000;

type CalendarEvent = CreateCalendarInput["events"][number];

/** The UTC instant whose UTC fields are the wall-clock date and time. @throws Error naming the event when the date or time does not exist. */
function wallClock(event: CalendarEvent, index: number): number {
  const [year, month, day] = event.date.split("-").map(Number);
  const [hours, minutes] = event.time ? event.time.split(":").map(Number) : [0, 0];
  if (hours > 23 || minutes > 59) throw new Error(`events[${index}] "${event.title}": ${event.time} is not a time of day (00:00–23:59)`);
  const at = Date.UTC(year, month - 1, day, hours, minutes);
  const check = new Date(at);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`events[${index}] "${event.title}": ${event.date} is not a calendar date`);
  }
  return at;
}

/** A UID part from a task id: only characters that need no escaping. */
const uidPart = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-");

/**
 * The calendar as iCalendar text: named `title` (X-WR-CALNAME), one VEVENT
 * per event. All-day events (time null) last one day, or
 * ceil(durationMinutes / 1440) days; timed events start at the floating
 * local time and last `durationMinutes` (default 60). UID:
 * `${runId}-${taskId ?? index}@planstream` (index from 0; a task id used
 * twice gets "-{index}" added so UIDs stay unique), stable across re-runs.
 * @throws Error naming the event when a date or time does not exist.
 */
export function calendarText(input: CreateCalendarInput, runId: string): string {
  const calendar = ical({ name: input.title, prodId: { company: "Planstream", product: "Planstream", language: "EN" } });
  const seen = new Set<string>();
  input.events.forEach((event, index) => {
    let key = event.taskId === null ? String(index) : uidPart(event.taskId);
    if (seen.has(key)) key = `${key}-${index}`;
    seen.add(key);
    const start = wallClock(event, index);
    const allDay = event.time === null;
    const end = allDay ? start + Math.max(1, Math.ceil((event.durationMinutes ?? 0) / 1440)) * DAY_MS : start + (event.durationMinutes ?? DEFAULT_EVENT_MINUTES) * 60_000;
    calendar.createEvent({
      id: `${uidPart(runId)}-${key}@planstream`,
      start: new Date(start),
      end: new Date(end),
      allDay,
      floating: !allDay,
      summary: event.title,
      description: event.description,
    });
  });
  return calendar.toString();
}

/**
 * Saves the calendar through `ctx.saveArtifact` as "{slug of title}.ics"
 * ("calendar.ics" when the title has no letters or digits),
 * `text/calendar; charset=utf-8`.
 * @returns `{artifactId, name, events, bytes}`.
 */
export async function createCalendar(input: CreateCalendarInput, ctx: ToolContext): Promise<CreateCalendarOutput> {
  const content = calendarText(input, ctx.runId);
  const ref = await ctx.saveArtifact({ name: safeFileName(null, input.title, ".ics", "calendar"), mediaType: CALENDAR_MEDIA_TYPE, content });
  return { artifactId: ref.artifactId, name: ref.name, events: input.events.length, bytes: ref.bytes };
}

/**
 * Built-in tool `create_calendar` (input `createCalendarInput`, output
 * `CreateCalendarOutput`). No side effects in the approval sense: it only
 * writes the run's own artifact.
 */
export const createCalendarTool = defineTool({
  name: "create_calendar",
  description:
    "Creates an iCalendar (.ics) file with one event per dated item, for the person to import into their calendar app. time null = an all-day event; with a time (HH:mm, local) the event lasts durationMinutes (null = 60). taskId links an event to its task (null when none).",
  inputSchema: createCalendarInput,
  sideEffects: false,
  timeoutMs: 5_000,
  source: "builtin",
  execute: createCalendar,
});
