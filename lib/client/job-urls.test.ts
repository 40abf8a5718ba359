import { describe, expect, it } from "vitest";
import {
  jobCancelUrl,
  jobEventsUrl,
  jobExportUrl,
  jobHistoryUrl,
  jobListUrl,
  jobPageUrl,
  jobStreamUrl,
  jobStreamsUrl,
  jobUrl,
} from "./job-urls";

describe("job URLs", () => {
  it("builds every job URL with the id encoded", () => {
    expect(jobUrl("a/b")).toBe("/api/jobs/a%2Fb");
    expect(jobEventsUrl("j1", { after: 42, limit: 1000 })).toBe("/api/jobs/j1/events?after=42&limit=1000");
    expect(jobEventsUrl("j1", { before: 103, limit: 1000 })).toBe("/api/jobs/j1/events?before=103&limit=1000");
    expect(jobStreamUrl("j1")).toBe("/api/jobs/j1/stream");
    expect(jobExportUrl("j1", "ndjson")).toBe("/api/jobs/j1/export?format=ndjson");
    expect(jobCancelUrl("j1")).toBe("/api/jobs/j1/cancel");
    expect(jobPageUrl("j 1")).toBe("/jobs/j%201");
  });

  it("puts the multiplexed stream's cursors in one encoded parameter", () => {
    expect(jobStreamsUrl([["j1", 0], ["j2", 17]])).toBe("/api/streams?jobs=j1%3A0%2Cj2%3A17");
    expect(jobStreamsUrl(new Map([["j1", 5]]))).toBe("/api/streams?jobs=j1%3A5");
  });

  it("leaves empty filters out of list and history URLs", () => {
    expect(jobListUrl()).toBe("/api/jobs");
    expect(jobListUrl({ status: "running", q: "", planId: undefined, limit: "20" })).toBe("/api/jobs?status=running&limit=20");
    expect(jobHistoryUrl({ planId: "p1" })).toBe("/jobs?planId=p1");
    expect(jobHistoryUrl()).toBe("/jobs");
  });
});
