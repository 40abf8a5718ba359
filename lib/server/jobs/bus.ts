import "server-only";

type Listener = (lastSeq: number) => void;
/** Sees every notification, of every job (metrics); not a subscription. */
type Observer = (jobId: string, lastSeq: number) => void;

/**
 * In-process wake-up bus: "job X has committed events up to seq N". It carries
 * no event data (guarantee 2: readers always read committed rows by cursor);
 * a missed wake-up only delays a reader until its next poll. One per
 * process, built in `deps.ts`.
 */
export class JobBus {
  private listeners = new Map<string, Set<Listener>>();
  private observers: Observer[] = [];
  private relay: Observer | undefined;

  /**
   * Sends every local notification on to other instances too (PostgreSQL:
   * db/pg-signals.ts); notifications they send come back through `deliver`.
   */
  relayTo(relay: Observer | undefined): void {
    this.relay = relay;
  }

  /** Adds a process-wide observer of every notification (the events-ingested counter). Not counted in listenerCount. */
  observe(observer: Observer): void {
    this.observers.push(observer);
  }

  /** Subscribes to wake-ups of one job; returns the unsubscribe function. */
  subscribe(jobId: string, listener: Listener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) this.listeners.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(jobId) === set) this.listeners.delete(jobId);
    };
  }

  /** Wakes the followers of `jobId` here and on other instances: rows up to `lastSeq` are committed (by this process). */
  notify(jobId: string, lastSeq: number): void {
    for (const o of this.observers) o(jobId, lastSeq);
    this.relay?.(jobId, lastSeq);
    this.wake(jobId, lastSeq);
  }

  /** Wakes this process's followers of `jobId` for a commit another instance made (not counted, not relayed). */
  deliver(jobId: string, lastSeq: number): void {
    this.wake(jobId, lastSeq);
  }

  /** Wakes every follower of every key with lastSeq 0 ("unknown"): notifications may have been missed (the listener reconnected), so all re-read. */
  wakeAll(): void {
    for (const set of [...this.listeners.values()]) for (const listener of [...set]) listener(0);
  }

  private wake(jobId: string, lastSeq: number): void {
    const set = this.listeners.get(jobId);
    if (!set) return;
    for (const listener of [...set]) listener(lastSeq);
  }

  /** Number of live subscriptions (for /api/metrics and leak tests). */
  get listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
