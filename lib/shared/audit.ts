// The audit log's wire shapes (GET /api/audit), shared by the route, the
// OpenAPI document and any client. docs/audit.md describes the actions.
import { z } from "zod";

/** Every action the audit log records (docs/audit.md "What is recorded"). */
export const AUDIT_ACTIONS = [
  "support.sign_in",
  "support.sign_in_failed",
  "support.sign_out",
  "support.read",
  "support.cancel",
  "job.export",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audited action touched. `session` = the caller's own session (sign-in, sign-out). */
export const AUDIT_TARGET_TYPES = ["session", "job", "plan", "conversation", "turn", "run", "artifact", "tracking"] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** One entry as GET /api/audit answers it (times: ISO 8601 UTC). */
export type AuditEntryDto = {
  id: string;
  at: string;
  actorId: string;
  actorRole: "user" | "support";
  clientAddress: string | null;
  action: AuditAction;
  targetType: AuditTargetType | null;
  targetId: string | null;
  outcome: "success" | "failure";
  details: Record<string, unknown> | null;
};

/** GET /api/audit answer: newest first; `nextCursor` is null on the last page. */
export type AuditPage = { entries: AuditEntryDto[]; nextCursor: string | null };

/**
 * GET /api/audit query. `since` (inclusive) and `until` (exclusive) bound
 * `at`; `actor` is a user id; `cursor` is the previous page's `nextCursor`.
 */
export const auditQuerySchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    actor: z.string().min(1).max(100).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.since || !q.until || new Date(q.since) < new Date(q.until), { message: "since must be before until", path: ["until"] });
export type AuditQuery = z.output<typeof auditQuerySchema>;
