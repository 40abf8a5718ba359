import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { backoffDelay } from "@/lib/shared/backoff";
import { errorFields, getLogger } from "../ops/logger.ts";

/** The one channel every instance LISTENs on. */
export const SIGNAL_CHANNEL = "planstream_signal";

/**
 * What instances tell each other. Hints only, never data (guarantee 2):
 * - `wake`: rows of `key` (a job id, or a plan's bus key) are committed up to `lastSeq`;
 * - `cancel`: whoever runs job `jobId` should abort it now (the row already carries `cancelRequestedAt`);
 * - `claim`: a job was enqueued; runners with room should look.
 */
export type Signal = { t: "wake"; key: string; lastSeq: number } | { t: "cancel"; jobId: string; reason: string } | { t: "claim" };

/** Handlers of signals from other instances (never this one's own). */
export type SignalHandlers = {
  onSignal(signal: Signal): void;
  /** The listener (re)connected after a failure: notifications may have been missed, so readers should re-read. */
  onReconnect(): void;
};

/** Options (ms): how often the heartbeat query runs, how long it may take, and the reconnect backoff's bounds. */
export type PgSignalsOptions = { heartbeatMs?: number; heartbeatTimeoutMs?: number; backoffBaseMs?: number; backoffMaxMs?: number };

/**
 * Cross-instance wake-ups over PostgreSQL LISTEN/NOTIFY, on one dedicated
 * connection per instance (never a pooled one: a pool hands connections back
 * and a LISTEN would go with them). Each payload is a small JSON object with
 * the sender's instance id, so an instance ignores its own. Notifications
 * are hints: a missed one only delays a reader until its safety poll.
 * The connection is checked by a heartbeat query every `heartbeatMs`
 * (default 5 s); on an error, an end or a heartbeat timeout it is dropped
 * and reconnected with exponential backoff and equal jitter (lib/shared/backoff.ts; AWS
 * Architecture Blog, "Exponential Backoff And Jitter"), and `onReconnect`
 * tells readers to re-read. pg-boss and graphile-worker use the same design.
 */
export class PgSignals {
  /** This instance's id in every payload it sends. */
  readonly instanceId = randomUUID();
  private client: pg.Client | undefined;
  private stopped = true;
  private failures = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private connectedOnce = false;
  /** Queries on the listener run one after another (node-postgres deprecates overlapping ones on a client). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: Required<PgSignalsOptions>;
  /** Connections made so far (the first and every reconnect), for tests and metrics. */
  connects = 0;

  constructor(
    private readonly url: string,
    private readonly handlers: SignalHandlers,
    options: PgSignalsOptions = {},
  ) {
    this.opts = { heartbeatMs: 5_000, heartbeatTimeoutMs: 3_000, backoffBaseMs: 100, backoffMaxMs: 5_000, ...options };
  }

  /** Whether the listener is connected and LISTENing now. */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Connects and LISTENs; resolves after the first attempt (a failure is retried in the background, not thrown). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  /** Stops listening and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * Sends `signal` to every other instance (pg_notify on the listener's
   * connection). Dropped silently while disconnected: the readers' safety
   * poll covers it. Never throws.
   */
  publish(signal: Signal): void {
    const client = this.client;
    if (!client) return;
    const payload = JSON.stringify({ i: this.instanceId, ...signal });
    this.run(client, "SELECT pg_notify($1, $2)", [SIGNAL_CHANNEL, payload]).catch(() => this.drop(client, "notify failed"));
  }

  /** PostgreSQL backend pid of the listener connection (tests terminate it), or null. */
  async backendPid(): Promise<number | null> {
    const client = this.client;
    if (!client) return null;
    const { rows } = await this.run<{ pid: number }>(client, "SELECT pg_backend_pid() AS pid");
    return rows[0].pid;
  }

  /** Runs one query on `client` after those already queued. */
  private run<R extends pg.QueryResultRow = pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    const result = this.queue.then(() => client.query<R>(sql, params));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, application_name: "planstream-listener", keepAlive: true });
    client.on("error", () => this.drop(client, "connection error"));
    client.on("end", () => this.drop(client, "connection ended"));
    client.on("notification", (msg) => this.receive(msg.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${SIGNAL_CHANNEL}`);
    } catch (error) {
      getLogger().warn({ component: "pg-signals", ...errorFields(error), failures: this.failures + 1 }, "listener could not connect; retrying");
      client.removeAllListeners("end");
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.queue = Promise.resolve();
    this.connects += 1;
    this.failures = 0;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => void this.beat(client), this.opts.heartbeatMs);
    this.heartbeat.unref();
    if (this.connectedOnce) {
      getLogger().info({ component: "pg-signals", event: "listener_reconnected" }, "listener reconnected");
      this.handlers.onReconnect();
    }
    this.connectedOnce = true;
  }

  private async beat(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("heartbeat timed out")), this.opts.heartbeatTimeoutMs)));
    try {
      await Promise.race([this.run(client, "SELECT 1"), late]);
    } catch {
      this.drop(client, "heartbeat failed");
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a failed connection (once) and schedules a reconnect. */
  private drop(client: pg.Client, why: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    if (this.stopped) return;
    getLogger().warn({ component: "pg-signals", event: "listener_lost", reason: why }, "listener connection lost; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, { baseMs: this.opts.backoffBaseMs, maxMs: this.opts.backoffMaxMs });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }

  private receive(payload: string | undefined): void {
    if (!payload) return;
    let parsed: ({ i?: unknown } & Signal) | undefined;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (!parsed || parsed.i === this.instanceId) return;
    const { i: _sender, ...signal } = parsed;
    void _sender;
    this.handlers.onSignal(signal as Signal);
  }
}
