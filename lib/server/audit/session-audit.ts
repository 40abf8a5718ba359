// Audit entries for support sign-in and sign-out (POST/DELETE /api/session/support).
import "server-only";
import type { Viewer } from "../auth/viewer.ts";
import type { Db } from "../db/client.ts";
import { recordAudit } from "./audit-log.ts";
import { auditClientAddress } from "./support-audit.ts";

/**
 * Records a support sign-in attempt: `support.sign_in` (success) or
 * `support.sign_in_failed` (wrong token). `actorRole` is the role the request
 * carried. Fails closed: @throws AppError 503 `audit_unavailable`, and the
 * caller then neither grants the role nor answers 401 (OWASP ASVS 4.0 §7.2.1:
 * every authentication decision is logged).
 */
export async function auditSignIn(db: Db, request: Request, viewer: Viewer, success: boolean): Promise<void> {
  await recordAudit(db, {
    actorId: viewer.userId,
    actorRole: viewer.role,
    clientAddress: auditClientAddress(request),
    action: success ? "support.sign_in" : "support.sign_in_failed",
    targetType: "session",
    targetId: viewer.userId,
    outcome: success ? "success" : "failure",
  });
}

/**
 * Records a support sign-out (`support.sign_out`) when the request had the
 * support role; a user's sign-out drops nothing and is not recorded. Fails
 * open: a failed write is logged (recordAudit does) and the role is dropped
 * anyway, since refusing to drop a privilege is the worse outcome.
 */
export async function auditSignOut(db: Db, request: Request, viewer: Viewer): Promise<void> {
  if (viewer.role !== "support") return;
  await recordAudit(db, {
    actorId: viewer.userId,
    actorRole: viewer.role,
    clientAddress: auditClientAddress(request),
    action: "support.sign_out",
    targetType: "session",
    targetId: viewer.userId,
    outcome: "success",
  }).catch(() => undefined);
}
