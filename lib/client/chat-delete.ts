// Deleting a conversation from the browser (DELETE /api/conversations/{id}), with
// the "cancel its work, wait until it settles, then delete" path for a 409.
import { ApiError, fetchJson } from "./api";

/** `details` of DELETE /api/conversations/{id}'s 409 (lib/server/chat/delete-conversation.ts). */
export type ConversationBusy = { busyJobs: number; jobIds: string[]; runningTurns: number; turnIds: string[] };

/** How often and how long cancelAndDelete waits for cancelled work to settle, ms. */
const SETTLE_POLL_MS = 400;
const SETTLE_TIMEOUT_MS = 30_000;

/**
 * DELETE /api/conversations/{id}.
 * @returns `{deleted: true}`, or `{deleted: false, busy}` when the server answered 409 (work in flight).
 * @throws ApiError for any other failure.
 */
export async function deleteConversationRequest(id: string): Promise<{ deleted: true } | { deleted: false; busy: ConversationBusy }> {
  try {
    await fetchJson(`/api/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
    return { deleted: true };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409 && err.code === "conversation_busy") return { deleted: false, busy: err.details as ConversationBusy };
    throw err;
  }
}

/**
 * Cancels the busy jobs (POST /api/jobs/{id}/cancel; a 409 "already finished"
 * is fine) and stops the running turns, then retries the delete until the
 * work has settled (every SETTLE_POLL_MS, at most SETTLE_TIMEOUT_MS).
 * @throws ApiError when a cancel fails otherwise, or Error when the work does not settle in time.
 */
export async function cancelAndDelete(id: string, busy: ConversationBusy): Promise<void> {
  const ignoreConflict = (err: unknown) => {
    if (!(err instanceof ApiError && (err.status === 409 || err.status === 404))) throw err;
  };
  await Promise.all([
    ...busy.jobIds.map((jobId) => fetchJson(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" }).catch(ignoreConflict)),
    ...busy.turnIds.map((turnId) => fetchJson(`/api/chat/turns/${encodeURIComponent(turnId)}/stop`, { method: "POST" }).catch(ignoreConflict)),
  ]);
  const until = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const r = await deleteConversationRequest(id);
    if (r.deleted) return;
    if (Date.now() > until) throw new Error(`${r.busy.busyJobs + r.busy.runningTurns} job(s) did not stop in time`);
    // Jobs that appeared since (a chat_actions job's children) are cancelled too.
    const fresh = r.busy.jobIds.filter((j) => !busy.jobIds.includes(j));
    if (fresh.length > 0) {
      await Promise.all(fresh.map((jobId) => fetchJson(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, { method: "POST" }).catch(ignoreConflict)));
      busy = { ...busy, jobIds: [...busy.jobIds, ...fresh] };
    }
    await new Promise((r2) => setTimeout(r2, SETTLE_POLL_MS));
  }
}
