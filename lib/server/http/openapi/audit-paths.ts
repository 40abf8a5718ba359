// GET /api/audit in the OpenAPI document (docs/audit.md), and the 503 an
// audited action answers when its audit entry cannot be written.
import "server-only";
import { z } from "zod";
import { type ZodOpenApiOperationObject } from "zod-openapi";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditQuerySchema } from "@/lib/shared/audit";
import { errorResponse, errors, ok, type Method } from "./responses.ts";

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime({ offset: true }),
    actorId: z.string().meta({ description: "The session's user id" }),
    actorRole: z.enum(["user", "support"]).meta({ description: "The role the request carried" }),
    clientAddress: z.string().nullable().meta({ description: "The client's IP as the rate limits see it: the TCP peer, or with TRUST_PROXY_HOPS = N the entry N hops left of it in X-Forwarded-For; null when not an IP or not known" }),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.enum(AUDIT_TARGET_TYPES).nullable(),
    targetId: z.string().nullable(),
    outcome: z.enum(["success", "failure"]),
    details: z.record(z.string(), z.unknown()).nullable().meta({ description: "Small JSON, e.g. `{ownerId, owner, format}`" }),
  })
  .meta({ id: "AuditEntry" });

/** 503 `audit_unavailable`: an audited action whose entry could not be written was not performed. */
export const AUDIT_UNAVAILABLE = {
  "503": errorResponse("AuditUnavailable", "The audit entry could not be written, so the action was not performed (`audit_unavailable`; `Retry-After`)"),
};

export const auditPaths = {
  "/api/audit": {
    get: {
      tags: ["ops"],
      operationId: "listAudit",
      summary: "The audit log, newest first (support only)",
      description:
        "Support sign-ins (and failed ones), sign-outs, support reading or cancelling another user's rows, and every job log export. " +
        "`since` (inclusive) and `until` (exclusive) bound `at`; `actor` is a user id; `cursor` is the previous page's `nextCursor`.",
      requestParams: { query: auditQuerySchema },
      responses: {
        ...ok("A page of entries", z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() })),
        ...errors(400),
        "403": errorResponse("AuditForbidden", "The caller is not support (`forbidden`)"),
      },
    },
  },
} satisfies Record<string, Partial<Record<Method, ZodOpenApiOperationObject>>>;
