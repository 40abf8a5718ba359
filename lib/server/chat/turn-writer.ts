import "server-only";
import type { ChatStreamData, ChatStreamEvent, ChatStreamEventName, ChatStreamFrame } from "@/lib/shared/chat-stream";
import { inTransaction, type Db, type Tx } from "../db/client.ts";
import { appendTurnEvents, appendTurnEventsBatch } from "./turn-repo.ts";
import { redactValue } from "../security/redact.ts";
import { StreamRedactor } from "../security/stream-redactor.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

/** How long emitted events wait to be committed together, ms: streaming is not one transaction per token. */
export const TURN_FLUSH_MS = 25;
/** A running turn's lease, ms; renewed by every commit and every third of it. */
export const TURN_LEASE_MS = 15_000;

/**
 * The one writer of a turn's events. `emit` queues an event; queued events
 * are committed together (at most every `flushMs`: the first after a quiet
 * spell at once, the rest batched), consecutive `assistant_message_chunk`
 * deltas merged into one event. `commitWith` commits the queue together with
 * the caller's own writes and events in one transaction. Seqs are assigned at
 * commit, gapless from the turn's `lastSeq`; committed frames go to
 * `onCommit` (the live window), never before. Writes are serialized.
 */
export class TurnWriter {
  private pending: ChatStreamEvent[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private writing = false;
  /** The last commit failed: no more timed flushes (the turn's next explicit commit retries, or fails the turn). */
  private failed = false;
  private lastFlushAt = 0;
  /** Redacts the reply's deltas, holding back what may be part of a secret (docs/data-protection.md). */
  private readonly reply = new StreamRedactor();

  constructor(
    private readonly db: Db,
    private readonly turnId: string,
    private lastSeq: number,
    private readonly onCommit: (frames: ChatStreamFrame[]) => void,
    private readonly options: { flushMs?: number; leaseMs?: number } = {},
  ) {}

  /** Queues one event (committed within `flushMs`), secrets redacted; a reply delta may be held back until its words are complete. */
  emit<K extends ChatStreamEventName>(event: K, data: ChatStreamData<K>): void {
    if (event === "assistant_message_chunk") {
      const delta = this.reply.push((data as ChatStreamData<"assistant_message_chunk">).delta);
      if (delta) this.queue(event, { delta } as ChatStreamData<K>);
      return;
    }
    this.releaseReply();
    this.queue(event, redactValue(data));
  }

  /** Queues what the reply redactor still holds, as a chunk before the next event. */
  private releaseReply(): void {
    const rest = this.reply.end();
    if (rest) this.queue("assistant_message_chunk", { delta: rest });
  }

  private queue<K extends ChatStreamEventName>(event: K, data: ChatStreamData<K>): void {
    const last = this.pending.at(-1);
    if (event === "assistant_message_chunk" && last?.event === "assistant_message_chunk") {
      last.data = { delta: last.data.delta + (data as ChatStreamData<"assistant_message_chunk">).delta };
    } else {
      this.pending.push({ event, data } as ChatStreamEvent);
    }
    this.schedule();
  }

  /** Commits whatever is queued (a batch transaction: no other writes). @throws the database's error (the events stay queued). */
  flush(): Promise<void> {
    const run = this.chain.then(() => this.commitNow<void>(null));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Commits the queued events, then what `write` writes and the events it
   * returns, in one transaction (all or nothing; on failure the queued
   * events stay queued).
   */
  commitWith<T>(write: (tx: Tx) => Promise<{ value: T; events: ChatStreamEvent[] }>): Promise<T> {
    this.releaseReply();
    const run = this.chain.then(() => this.commitNow(write));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Seq of the last committed event. */
  get committedSeq(): number {
    return this.lastSeq;
  }

  private async commitNow<T>(write: ((tx: Tx) => Promise<{ value: T; events: ChatStreamEvent[] }>) | null): Promise<T> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = true;
    const queued = this.pending.splice(0);
    const from = this.lastSeq;
    const lease = new Date(Date.now() + (this.options.leaseMs ?? TURN_LEASE_MS));
    try {
      const { value, batch } = write
        ? await inTransaction(this.db, async (tx) => {
            const own = await write(tx);
            const batch = [...queued, ...own.events.map((e) => ({ ...e, data: redactValue(e.data) }) as ChatStreamEvent)];
            await appendTurnEvents(tx, this.turnId, from, batch, lease);
            return { value: own.value, batch };
          })
        : { value: undefined as T, batch: await appendTurnEventsBatch(this.db, this.turnId, from, queued, lease) };
      this.lastSeq = from + batch.length;
      this.lastFlushAt = performance.now();
      this.failed = false;
      if (batch.length) this.onCommit(batch.map((e, i) => ({ ...e, seq: from + i + 1 }) as ChatStreamFrame));
      return value;
    } catch (error) {
      this.pending.unshift(...queued);
      this.failed = true;
      throw error;
    } finally {
      this.writing = false;
      if (this.pending.length) this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer || this.writing || this.failed) return;
    const wait = (this.options.flushMs ?? TURN_FLUSH_MS) - (performance.now() - this.lastFlushAt);
    const go = () => {
      this.timer = undefined;
      this.flush().catch((error) => getLogger().error({ component: "chat", ...errorFields(error) }, "chat turn: committing events failed"));
    };
    if (wait <= 0) {
      // Still asynchronous, so the events emitted in this tick go together.
      this.timer = setTimeout(go, 0);
    } else this.timer = setTimeout(go, wait);
  }
}
