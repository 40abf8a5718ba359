import "server-only";
import type { ChatStreamEvent } from "@/lib/shared/chat-stream";
import type { ChatTurn } from "../db/generated/client.ts";
import { inTransaction, type Db } from "../db/client.ts";
import type { FrameSink } from "../jobs/follow-job.ts";
import type { SentFrame, TurnHub } from "./turn-hub.ts";
import { appendTurnEvents, failExpiredTurn, findTurn, turnEventsAfter } from "./turn-repo.ts";

/** Rows read per database page while replaying. */
const PAGE = 500;
/** How often a follower re-reads a turn not running in this process, ms. */
export const TURN_POLL_MS = 250;

/**
 * Ends a running turn whose lease expired (the process running it stopped):
 * status `failed`, then an `error` {code: "interrupted"} and the closing
 * `conversation_end` events, in one transaction. No-op for a turn that is
 * live or was already ended (the update is conditional).
 * @returns the turn as it is now.
 */
export async function recoverExpiredTurn(db: Db, turn: ChatTurn, now = new Date()): Promise<ChatTurn> {
  if (turn.status !== "running" || !turn.leaseExpiresAt || turn.leaseExpiresAt >= now) return turn;
  const message = "The server stopped while this reply was being written";
  const failed = await inTransaction(db, async (tx) => {
    const t = await failExpiredTurn(tx, turn.id, now, { error: { code: "interrupted", message } });
    if (!t) return null;
    const events: ChatStreamEvent[] = [
      { event: "error", data: { code: "interrupted", message } },
      { event: "conversation_end", data: { status: "failed", metadata: null } },
    ];
    await appendTurnEvents(tx, t.id, t.lastSeq, events, null);
    return { ...t, lastSeq: t.lastSeq + events.length };
  });
  return failed ?? (await findTurn(db, turn.id)) ?? turn;
}

/**
 * Streams one turn's events to a sink from `cursor` (exclusive): every
 * committed event with seq > cursor in order, then live ones as they commit,
 * and returns after `conversation_end` (every turn's last event), or when
 * the client left. A turn running in this process is read from its live
 * window (no database reads per event); any other from the database, by
 * cursor, every TURN_POLL_MS, failing it first if its lease expired. Either
 * way only committed rows, so resuming by seq gives no gap and no repeat.
 */
export async function followTurn(deps: { db: Db; hub: TurnHub }, sink: FrameSink, turnId: string, cursor: number): Promise<void> {
  while (!sink.signal.aborted) {
    const live = deps.hub.get(turnId);
    let frames: SentFrame[] | undefined = live?.after(cursor);
    // Read before the events: a turn seen ended here has all its events committed (its end commits with them).
    let turn: ChatTurn | null | undefined;
    if (!frames) {
      turn = await findTurn(deps.db, turnId);
      const rows = await turnEventsAfter(deps.db, turnId, cursor, PAGE);
      frames = rows.map((r) => ({ seq: r.seq, event: r.event, json: JSON.stringify(r.data) }));
    }
    for (const f of frames) {
      sink.sendData(f.event, f.json, f.seq);
      cursor = f.seq;
      if (f.event === "conversation_end") return;
      await sink.ready();
      if (sink.signal.aborted) return;
    }
    if (frames.length > 0) continue;
    if (live && !live.done) {
      await live.waitForChange(cursor, TURN_POLL_MS * 4, sink.signal);
      continue;
    }
    if (turn === undefined) continue; // the live turn just ended here: read it from the database
    // Ended with nothing after the cursor (all sent, or its events deleted by retention).
    if (!turn || turn.status !== "running") return;
    if (!deps.hub.get(turnId) && (await recoverExpiredTurn(deps.db, turn)).status !== "running") continue;
    await sleep(TURN_POLL_MS, sink.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
