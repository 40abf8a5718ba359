"use client";
// The one page-wide notice that the server cannot be reached (issue 10 "Recovery after an outage").
import { Alert, Button } from "antd";
import { useEffect, useState, useSyncExternalStore } from "react";
import { getConnectivity, PROBE_BACKOFF, type ConnectivityState } from "@/lib/client/connectivity";
import { useT } from "@/lib/client/i18n";
import styles from "./connection-status.module.css";

const ONLINE: ConnectivityState = { online: true, nextProbeAt: undefined };

/** Seconds left until `at` (epoch ms), re-rendered every second while set. */
function useSecondsUntil(at: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [at]);
  // Clamped to the probe backoff's cap: `now` may be from before `at` was set until the first tick.
  return at === undefined ? undefined : Math.max(0, Math.min(Math.ceil((at - now) / 1000), PROBE_BACKOFF.maxMs / 1000));
}

/**
 * A banner fixed to the top of the page while the tab's Connectivity is
 * offline: "Can't reach the server. Retrying in 8 s…" counting down to the
 * next health probe, with "Retry now" (probes at once). It disappears by
 * itself when any request or probe gets through; everything on the page
 * then refetches and streams resume from their cursors. Announced politely
 * (role="status"). No props.
 */
export function ConnectionStatus() {
  const t = useT();
  const connectivity = getConnectivity();
  const state = useSyncExternalStore(connectivity.subscribe, connectivity.getSnapshot, () => ONLINE);
  const seconds = useSecondsUntil(state.nextProbeAt);
  return (
    <div role="status" aria-live="polite" className={styles.holder} data-testid="connection-status" data-online={state.online ? "true" : "false"}>
      {!state.online && (
        <Alert
          className={styles.banner}
          type="warning"
          showIcon
          title={seconds === undefined ? t("connection.probing") : t("connection.offline", { s: seconds })}
          action={
            <Button size="small" onClick={() => connectivity.probeNow()} data-testid="connection-retry">
              {t("connection.retryNow")}
            </Button>
          }
        />
      )}
    </div>
  );
}
