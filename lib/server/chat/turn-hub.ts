import "server-only";
import type { ChatStreamFrame } from "@/lib/shared/chat-stream";

/** A committed event as followers send it: seq, SSE event name and its data serialized once. */
export type SentFrame = { seq: number; event: string; json: string };

/** Committed frames a live turn keeps in memory for its followers (older ones are read from the database). */
const WINDOW_FRAMES = 10_000;

/**
 * One turn running in this process: its AbortController (stop, shutdown),
 * the window of its committed frames, and the followers waiting for more.
 * Only committed frames enter the window (guarantee 2: write, then publish),
 * so a follower reading it sends exactly what a later replay from the
 * database sends.
 */
export class LiveTurn {
  readonly controller = new AbortController();
  private frames: SentFrame[] = [];
  private waiters = new Set<() => void>();
  /** Highest committed seq. */
  lastSeq: number;
  done = false;
  private resolveEnded!: () => void;
  /** Resolves when the turn has ended here (its last event committed). */
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(
    readonly id: string,
    lastSeq: number,
  ) {
    this.lastSeq = lastSeq;
  }

  /** Adds frames that just committed and wakes every follower. */
  publish(frames: ChatStreamFrame[]): void {
    for (const f of frames) this.frames.push({ seq: f.seq, event: f.event, json: JSON.stringify(f.data) });
    if (this.frames.length > WINDOW_FRAMES) this.frames.splice(0, this.frames.length - WINDOW_FRAMES);
    if (frames.length) this.lastSeq = frames[frames.length - 1].seq;
    this.wake();
  }

  /** Frames with seq > `cursor` from memory, or undefined when the window no longer reaches back to `cursor`. */
  after(cursor: number): SentFrame[] | undefined {
    const first = this.frames[0]?.seq ?? this.lastSeq + 1;
    if (cursor + 1 < first) return undefined;
    return this.frames.slice(Math.max(0, cursor + 1 - first));
  }

  /** Resolves when a frame after `cursor` is committed, the turn ends, `timeoutMs` passes or `signal` aborts. */
  waitForChange(cursor: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.lastSeq > cursor || this.done || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener("abort", done, { once: true });
      this.waiters.add(done);
    });
  }

  /** Marks the turn ended here and wakes every follower (they go on from the database). */
  finish(): void {
    this.done = true;
    this.resolveEnded();
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Followers waiting right now (leak tests). */
  get waiterCount(): number {
    return this.waiters.size;
  }
}

/**
 * The turns running in this process, by id. One per process (globalThis, as
 * the route bundles share it): the stop route aborts a turn through it, and
 * followers read a running turn's frames from it instead of polling.
 */
export class TurnHub {
  private live = new Map<string, LiveTurn>();

  /** Registers a turn that starts running here, after its first events committed. */
  register(turnId: string, lastSeq: number): LiveTurn {
    const t = new LiveTurn(turnId, lastSeq);
    this.live.set(turnId, t);
    return t;
  }

  get(turnId: string): LiveTurn | undefined {
    return this.live.get(turnId);
  }

  /** Forgets a turn that ended (after its last frame was published). */
  release(turnId: string): void {
    this.live.get(turnId)?.finish();
    this.live.delete(turnId);
  }

  /** Aborts a turn running here with `reason`. @returns whether it runs here. */
  abort(turnId: string, reason: unknown): boolean {
    const t = this.live.get(turnId);
    if (!t) return false;
    t.controller.abort(reason);
    return true;
  }

  /** Turns running here. */
  get size(): number {
    return this.live.size;
  }

  /** Every turn running here (shutdown, tests). */
  turns(): LiveTurn[] {
    return [...this.live.values()];
  }
}

const g = globalThis as unknown as { planstreamTurnHub?: TurnHub };

/** The process-wide hub. */
export function getTurnHub(): TurnHub {
  g.planstreamTurnHub ??= new TurnHub();
  return g.planstreamTurnHub;
}
