// The audit log (docs/audit.md): who did what to which row, when, and how it
// ended. Entries are appended, never updated; read by support through
// GET /api/audit; swept after AUDIT_RETENTION_DAYS. Shape after OWASP ASVS
// 4.0 §7.1–7.2 (log security events with who, what, when, where, outcome).
import "server-only";
import type { AuditAction, AuditEntryDto, AuditPage, AuditQuery, AuditTargetType } from "@/lib/shared/audit";
import type { Db } from "../db/client.ts";
import type { AuditEntry, Prisma } from "../db/generated/client.ts";
import { AppError } from "../errors.ts";
import { decodeKeysetCursor, encodeKeysetCursor } from "../http/keyset-cursor.ts";
import { errorFields, getLogger } from "../ops/logger.ts";

/** What `recordAudit` writes. `details` stays small (ids, a format, a route): never a secret or a body. */
export type AuditDraft = {
  actorId: string;
  actorRole: "user" | "support";
  clientAddress?: string | null;
  action: AuditAction;
  targetType?: AuditTargetType | null;
  targetId?: string | null;
  outcome: "success" | "failure";
  details?: Record<string, string | number | boolean | null>;
};

/** Longest string kept in a field (ids from the URL can be anything; the entry stays small). */
const MAX_FIELD = 200;
const clip = (s: string | null | undefined): string | null => (s == null ? null : s.slice(0, MAX_FIELD));

/**
 * Appends one entry. Fails closed: a failed write throws AppError 503
 * `audit_unavailable` (the action it records must not happen unrecorded;
 * docs/audit.md "Failure"). The original error is logged.
 * @returns the entry's id.
 */
export async function recordAudit(db: Db, entry: AuditDraft): Promise<string> {
  try {
    const row = await db.auditEntry.create({
      data: {
        actorId: clip(entry.actorId)!,
        actorRole: entry.actorRole,
        clientAddress: clip(entry.clientAddress),
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: clip(entry.targetId),
        outcome: entry.outcome,
        details: entry.details ? (Object.fromEntries(Object.entries(entry.details).map(([k, v]) => [k, typeof v === "string" ? clip(v) : v])) as Prisma.InputJsonObject) : undefined,
      },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    getLogger().error({ component: "audit", action: entry.action, ...errorFields(error) }, "audit write failed");
    throw new AppError("audit_unavailable", 503, "The audit log cannot be written; the action was not performed", undefined, { "Retry-After": "5" });
  }
}

/** The entry as the API answers it. */
export function toAuditDto(e: AuditEntry): AuditEntryDto {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole as AuditEntryDto["actorRole"],
    clientAddress: e.clientAddress,
    action: e.action as AuditAction,
    targetType: e.targetType as AuditTargetType | null,
    targetId: e.targetId,
    outcome: e.outcome as AuditEntryDto["outcome"],
    details: (e.details as Record<string, unknown> | null) ?? null,
  };
}

/**
 * A page of entries, newest first, filtered by action, actor and time
 * (`since` inclusive, `until` exclusive). Keyset pagination on (at, id), so
 * pages stay stable while entries are appended.
 * @throws AppError 400 for a malformed cursor.
 */
export async function queryAudit(db: Db, q: AuditQuery): Promise<AuditPage> {
  const after = q.cursor ? decodeKeysetCursor(q.cursor) : undefined;
  const at: Prisma.DateTimeFilter = {};
  if (q.since) at.gte = new Date(q.since);
  if (q.until) at.lt = new Date(q.until);
  const where: Prisma.AuditEntryWhereInput = {
    action: q.action,
    actorId: q.actor,
    at,
    ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return { entries: page.map(toAuditDto), nextCursor: more ? encodeKeysetCursor(page.at(-1)!.at, page.at(-1)!.id) : null };
}

/** Deletes entries older than `cutoff` (the retention sweep). @returns how many. */
export async function deleteAuditEntriesBefore(db: Db, cutoff: Date): Promise<number> {
  return (await db.auditEntry.deleteMany({ where: { at: { lt: cutoff } } })).count;
}
