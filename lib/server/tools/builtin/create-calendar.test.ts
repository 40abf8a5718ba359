// `create_calendar`: the saved .ics parsed back with node-ical (a different
// library than the one that wrote it): one event per input with its dates,
// times, summaries, descriptions and stable UIDs.
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import type { CreateCalendarInput } from "../schemas";
import { fakeToolContext } from "../fake-tool-context";
import { calendarText, createCalendarTool } from "./create-calendar";

type EventInput = CreateCalendarInput["events"][number];
const event = (partial: Partial<EventInput> & Pick<EventInput, "title" | "date">): EventInput => ({ time: null, durationMinutes: null, description: null, taskId: null, ...partial });

/** Local wall-clock fields of a parsed date (node-ical reads floating times and dates as local). */
const wall = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")} ${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;

function parseEvents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
}

describe("create_calendar", () => {
  const input: CreateCalendarInput = {
    title: "Wedding plan",
    events: [
      event({ title: "Book the venue", date: "2027-03-08", description: "Call Hall A, then sign; deposit 500 EUR\nBring ID", taskId: "task-venue" }),
      event({ title: "Menu tasting", date: "2027-03-10", time: "09:30", durationMinutes: 90, taskId: "task-menu" }),
      event({ title: "Send invitations", date: "2027-04-01", time: "18:00" }),
      event({ title: "Honeymoon", date: "2027-06-30", durationMinutes: 3 * 1440 }),
    ],
  };

  it("saves one event per input as an .ics artifact of the run", async () => {
    const { ctx, artifacts } = fakeToolContext({ runId: "run-42" });
    const output = await createCalendarTool.execute(input, ctx);
    expect(artifacts).toHaveLength(1);
    expect(artifacts[0]).toMatchObject({ name: "wedding-plan.ics", mediaType: "text/calendar; charset=utf-8" });
    expect(output).toEqual({ artifactId: "artifact-1", name: "wedding-plan.ics", events: 4, bytes: Buffer.byteLength(artifacts[0].content) });

    const parsed = ical.sync.parseICS(artifacts[0].content);
    expect(parsed.vcalendar).toMatchObject({ type: "VCALENDAR", "WR-CALNAME": "Wedding plan" });
    const events = parseEvents(artifacts[0].content);
    expect(events.map((e) => [e.uid, e.summary, wall(e.start), wall(e.end!), e.datetype])).toEqual([
      ["run-42-task-venue@planstream", "Book the venue", "2027-03-08 00:00", "2027-03-09 00:00", "date"],
      ["run-42-task-menu@planstream", "Menu tasting", "2027-03-10 09:30", "2027-03-10 11:00", "date-time"],
      ["run-42-2@planstream", "Send invitations", "2027-04-01 18:00", "2027-04-01 19:00", "date-time"],
      ["run-42-3@planstream", "Honeymoon", "2027-06-30 00:00", "2027-07-03 00:00", "date"],
    ]);
    expect(events[0].description).toBe("Call Hall A, then sign; deposit 500 EUR\nBring ID");
    expect(events[0].start.dateOnly).toBe(true);
  });

  it("writes floating local times and plain dates, whatever the server's zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Auckland";
      const text = calendarText(input, "run-1");
      expect(text).toContain("DTSTART;VALUE=DATE:20270308\r\nDTEND;VALUE=DATE:20270309");
      expect(text).toContain("DTSTART:20270310T093000\r\nDTEND:20270310T110000");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("keeps UIDs stable across runs of the same input and unique when a task has two events", () => {
    const twice: CreateCalendarInput = { title: "x", events: [event({ title: "A", date: "2027-01-01", taskId: "t 1" }), event({ title: "B", date: "2027-01-02", taskId: "t 1" })] };
    const uids = (text: string) => parseEvents(text).map((e) => e.uid);
    expect(uids(calendarText(twice, "run-7"))).toEqual(["run-7-t-1@planstream", "run-7-t-1-1@planstream"]);
    expect(uids(calendarText(twice, "run-7"))).toEqual(uids(calendarText(twice, "run-7")));
  });

  it("names the file 'calendar.ics' when the title has no letters or digits", async () => {
    const { ctx, artifacts } = fakeToolContext();
    await createCalendarTool.execute({ title: "!!!", events: [event({ title: "A", date: "2027-01-01" })] }, ctx);
    expect(artifacts[0].name).toBe("calendar.ics");
  });

  it("refuses dates and times that do not exist, naming the event", () => {
    expect(() => calendarText({ title: "x", events: [event({ title: "A", date: "2027-01-01" }), event({ title: "Leap", date: "2027-02-29" })] }, "r")).toThrow(
      'events[1] "Leap": 2027-02-29 is not a calendar date',
    );
    expect(() => calendarText({ title: "x", events: [event({ title: "Late", date: "2027-01-01", time: "24:30" })] }, "r")).toThrow('events[0] "Late": 24:30 is not a time of day (00:00–23:59)');
  });

  it("is a side-effect-free built-in tool with a 5 s timeout", () => {
    expect(createCalendarTool).toMatchObject({ name: "create_calendar", sideEffects: false, timeoutMs: 5_000, source: "builtin" });
    expect(createCalendarTool.inputSchema.safeParse({ title: "x", events: [] }).success).toBe(false);
  });
});
