// Audit entries for support actions (docs/audit.md): the calls the ownership
// checks, the sign-in route and the job export make.
import "server-only";
import ipaddr from "ipaddr.js";
import type { AuditAction, AuditTargetType } from "@/lib/shared/audit";
import type { Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import { clientAddress } from "../http/client-info.ts";
import { recordAudit } from "./audit-log.ts";

/**
 * The client's address for the audit log: the rate limiter's `clientAddress`
 * (the TCP peer from the server's private `x-planstream-peer` header, or with
 * TRUST_PROXY_HOPS = N the entry N hops left of it in `[X-Forwarded-For…, peer]`,
 * canonical form), kept only when it is an IP address.
 * @returns the address, e.g. "203.0.113.7"; null without a request (reads
 * recorded deep in the services), without the peer header (the hook is not
 * installed: a unit test, another server), or when the trusted entry is not an IP.
 */
export function auditClientAddress(request: Request | undefined): string | null {
  if (!request) return null;
  const address = clientAddress(request);
  return ipaddr.isValid(address) ? address : null;
}

/** A row a support viewer reads or acts on: what it is and whose. */
export type AuditTarget = { type: AuditTargetType; id: string; ownerId: string };

/**
 * Records `action` (default `support.read`) when a support viewer touches a
 * row another user owns; does nothing for owners and users. Called after the
 * ownership check passed and before the row is answered. Fails closed:
 * @throws AppError 503 `audit_unavailable` when the entry cannot be written
 * (the row is then not answered).
 */
export async function auditSupportAccess(
  db: Db,
  viewer: Viewer,
  target: AuditTarget,
  options: { action?: AuditAction; request?: Request; details?: Record<string, string | number | boolean | null> } = {},
): Promise<void> {
  if (viewer.role !== "support" || target.ownerId === viewer.userId) return;
  await recordAudit(db, {
    actorId: viewer.userId,
    actorRole: "support",
    clientAddress: auditClientAddress(options.request),
    action: options.action ?? "support.read",
    targetType: target.type,
    targetId: target.id,
    outcome: "success",
    details: { ownerId: target.ownerId, ...options.details },
  });
}
