// The log viewer's persisted choices, shared by every panel of the tab (and across tabs).
import { createPersistedStore } from "@/lib/client/persisted-store";
import { readTimeMode, type LogTimeMode } from "@/lib/client/log-time";

/** Local / UTC / elapsed timestamps, kept in localStorage `planstream.logTime` (older builds stored "clock" = local). */
export const timeModeStore = createPersistedStore<LogTimeMode>("planstream.logTime", readTimeMode, "local");

/** Wrap long lines ("wrap", the default) or scroll them sideways ("nowrap"), kept in localStorage `planstream.logWrap`. */
export const wrapStore = createPersistedStore<"wrap" | "nowrap">("planstream.logWrap", (v) => (v === "nowrap" ? "nowrap" : "wrap"), "wrap");
