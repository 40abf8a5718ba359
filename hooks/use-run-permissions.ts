"use client";
import { useQuery } from "@tanstack/react-query";
import { queries } from "@/lib/client/queries";

/**
 * Whether the viewer may decide the approvals of a job or run owned by
 * `ownerId`: only its owner may (the server answers anyone else 403), and
 * never where the caller says `readOnly` (support reading another user's
 * conversation). False while the session (GET /api/session, cached) or the
 * owner is unknown.
 * @example const canDecide = useCanDecide(job?.ownerId, readOnly);
 */
export function useCanDecide(ownerId: string | undefined, readOnly = false): boolean {
  const session = useQuery({ ...queries.session(), enabled: !readOnly && ownerId !== undefined }).data;
  return !readOnly && ownerId !== undefined && session?.userId === ownerId;
}

/**
 * Whether the plan on screen is another user's, so the viewer may read but
 * not change or execute it: a user only ever sees their own plans; support
 * sees everyone's, and a plan of a conversation support does not own is read
 * only (the conversation says so, `readOnly`). A plan without a conversation
 * counts as writable (the server still refuses what is not the viewer's).
 * `conversationId` is the plan's (`plan.conversationId`).
 * @example const readOnly = usePlanReadOnly(data?.plan.conversationId);
 */
export function usePlanReadOnly(conversationId: string | null | undefined): boolean {
  const session = useQuery(queries.session()).data;
  const support = session?.role === "support";
  const conversation = useQuery({ ...queries.conversation(conversationId ?? ""), enabled: support && !!conversationId }).data;
  return support && conversation?.conversation.readOnly === true;
}
