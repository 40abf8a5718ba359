import "server-only";
import { Prisma } from "../db/generated/client.ts";
import { redactValue } from "./redact.ts";

/** Prisma operations that write rows, and the argument keys that carry the written values. */
const WRITE_ARGS: Record<string, readonly string[]> = {
  create: ["data"],
  createMany: ["data"],
  createManyAndReturn: ["data"],
  update: ["data"],
  updateMany: ["data"],
  updateManyAndReturn: ["data"],
  upsert: ["create", "update"],
};

/**
 * A Prisma client extension that redacts secrets (redactValue) from every
 * value written through the query API, nested writes included: messages,
 * conversation titles, plans and tasks, artifacts, turn events, task results,
 * approvals, job parameters and results. The database-level net under the
 * explicit redaction at each source (docs/data-protection.md); raw SQL
 * (the job log's INSERT in jobs-repo.ts) redacts on its own. Filters
 * (`where`) are left alone. Source: Prisma docs, "Client extensions: query".
 */
export const redactingExtension = Prisma.defineExtension({
  name: "planstream-secret-redaction",
  query: {
    $allModels: {
      $allOperations({ operation, args, query }) {
        const keys = WRITE_ARGS[operation];
        if (!keys) return query(args);
        const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
        for (const k of keys) if (k in out) out[k] = redactValue(out[k]);
        return query(out as typeof args);
      },
    },
  },
});
