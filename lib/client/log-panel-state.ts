// What a job log panel's body shows: exactly one state (issue 10, "one visible state per panel").

/** The one thing a panel body shows. */
export type PanelBodyState = "missing" | "loadError" | "offline" | "loading" | "collapsed" | "log";

/**
 * The body's single state from useJobLog's flags: missing (404) wins; with no
 * job loaded yet, offline (one compact "reconnecting" notice), else a load
 * error with Retry, else loading; with a job, the summary when collapsed,
 * else the log (which may carry the offline notice above its lines).
 * @example panelBodyState({ missing: false, hasJob: false, error: true, offline: true, collapsed: false }) // "offline"
 */
export function panelBodyState(s: { missing: boolean; hasJob: boolean; error: boolean; offline: boolean; collapsed: boolean }): PanelBodyState {
  if (s.missing) return "missing";
  if (!s.hasJob) return s.offline ? "offline" : s.error ? "loadError" : "loading";
  return s.collapsed ? "collapsed" : "log";
}
