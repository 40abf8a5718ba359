// Audit entries for support actions (docs/audit.md): the calls the ownership
// checks, the sign-in route and the job export make.
import "server-only";
import ipaddr from "ipaddr.js";
import type { AuditAction, AuditTargetType } from "@/lib/shared/audit";
import type { Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { recordAudit } from "./audit-log.ts";

/**
 * The client's address for the audit log, or null. Only when TRUST_PROXY_HOPS
 * > 0: the address the nearest trusted proxy saw is the entry that many places
 * from the right of `X-Forwarded-For` (Express's numeric `trust proxy`);
 * with no trusted proxy the header is the client's own claim and is ignored
 * (route handlers do not see the socket address). Not a valid IP → null.
 */
export function auditClientAddress(request: Request | undefined): string | null {
  const hops = env().TRUST_PROXY_HOPS;
  const header = request?.headers.get("x-forwarded-for");
  if (!hops || !header) return null;
  const parts = header.split(",").map((p) => p.trim());
  const candidate = parts[parts.length - hops];
  return candidate && ipaddr.isValid(candidate) ? ipaddr.process(candidate).toString() : null;
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
