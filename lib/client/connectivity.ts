// Whether this tab can reach its server now (issue 10 "Recovery after an outage").
// navigator.onLine only knows about the network card: a server that restarts, a
// proxy answering 502 or a blocked path leave it true. Requests report what they
// saw; while unreachable a probe of GET /api/health backs off until it answers,
// and everything that waits (React Query through onlineManager, the stream hub,
// the plan stream) resumes on the one "reachable again" signal.
import { backoffDelay, type BackoffOptions } from "@/lib/shared/backoff";

/** Probe delays while the server is unreachable: 1 s doubling to 10 s, equal jitter (the app's one curve). */
export const PROBE_BACKOFF = { baseMs: 1000, maxMs: 10_000 } as const;
/** HTTP answers that mean "the server (or the way to it) is down", not "your request is wrong". */
export const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** A snapshot of the tab's connectivity. */
export type ConnectivityState = {
  /** The last request (or probe) reached the server. */
  online: boolean;
  /** When the next probe runs (epoch ms) while offline; undefined while online or probing. */
  nextProbeAt: number | undefined;
};

/** Options of Connectivity (tests pass their own probe and clock). */
export type ConnectivityOptions = {
  /** Resolves true when the server answered. Default: GET /api/health answered 2xx. */
  probe?: () => Promise<boolean>;
  backoff?: BackoffOptions;
};

const defaultProbe = async (): Promise<boolean> => {
  try {
    const res = await fetch("/api/health", { cache: "no-store", headers: { Accept: "application/json" } });
    void res.body?.cancel().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
};

/**
 * The tab's view of whether the server can be reached. `reportFailure()`
 * (a network error or UNREACHABLE_STATUSES) turns it offline and starts
 * probing with PROBE_BACKOFF; `reportSuccess()` (any answer that came back)
 * or a successful probe turns it online again and tells subscribers once.
 * `probeNow()` is the "Retry now" button and the browser's `online` event.
 * Subscribers are called only on changes (online ↔ offline, next probe time).
 */
export class Connectivity {
  private state: ConnectivityState = { online: true, nextProbeAt: undefined };
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private probing = false;
  private readonly probe: () => Promise<boolean>;
  private readonly backoff: BackoffOptions;

  constructor(options: ConnectivityOptions = {}) {
    this.probe = options.probe ?? defaultProbe;
    this.backoff = options.backoff ?? PROBE_BACKOFF;
  }

  /** The current state (a stable object until the next change: fit for useSyncExternalStore). */
  readonly getSnapshot = (): ConnectivityState => this.state;

  /** Calls `listener` after every change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get online(): boolean {
    return this.state.online;
  }

  /** A request could not reach the server: goes offline (once) and schedules the first probe. */
  reportFailure(): void {
    if (!this.state.online) return;
    this.attempt = 0;
    this.scheduleProbe();
  }

  /** A request reached the server: back online, probing stops. */
  reportSuccess(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.attempt = 0;
    if (!this.state.online || this.state.nextProbeAt !== undefined) this.set({ online: true, nextProbeAt: undefined });
  }

  /** Probes at once (backoff restarts) when offline; a no-op while online. */
  probeNow(): void {
    if (this.state.online) return;
    this.attempt = 0;
    clearTimeout(this.timer);
    void this.runProbe();
  }

  /** Stops probing and forgets the listeners (tests). */
  dispose(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  private scheduleProbe(): void {
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.backoff);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runProbe(), delay);
    this.set({ online: false, nextProbeAt: Date.now() + delay });
  }

  private async runProbe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    this.set({ online: false, nextProbeAt: undefined });
    let ok: boolean;
    try {
      ok = await this.probe();
    } catch {
      ok = false;
    } finally {
      this.probing = false;
    }
    if (ok) this.reportSuccess();
    else if (!this.state.online) this.scheduleProbe();
  }

  private set(next: ConnectivityState): void {
    if (next.online === this.state.online && next.nextProbeAt === this.state.nextProbeAt) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }
}

let shared: Connectivity | undefined;

/** The tab's Connectivity (created on first use). */
export function getConnectivity(): Connectivity {
  shared ??= new Connectivity();
  return shared;
}

/** Replaces the tab's Connectivity (tests start each from a fresh one); undefined: a default one on next use. */
export function replaceConnectivity(next?: Connectivity): void {
  shared?.dispose();
  shared = next;
}
