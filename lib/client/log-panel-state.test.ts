import { describe, expect, it } from "vitest";
import { panelBodyState } from "./log-panel-state";

const base = { missing: false, hasJob: false, error: false, offline: false, collapsed: false };

describe("panelBodyState", () => {
  it("shows exactly one state, missing first", () => {
    expect(panelBodyState({ ...base, missing: true, error: true, offline: true })).toBe("missing");
    expect(panelBodyState({ ...base, error: true, offline: true })).toBe("offline");
    expect(panelBodyState({ ...base, error: true })).toBe("loadError");
    expect(panelBodyState(base)).toBe("loading");
    expect(panelBodyState({ ...base, hasJob: true, error: true, offline: true })).toBe("log");
    expect(panelBodyState({ ...base, hasJob: true, collapsed: true, offline: true })).toBe("collapsed");
  });
});
