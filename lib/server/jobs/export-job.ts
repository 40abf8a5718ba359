import "server-only";
import { textExportHeader, textExportLine } from "@/lib/shared/job-export";
import { recordAudit } from "../audit/audit-log.ts";
import { auditClientAddress } from "../audit/support-audit.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { Deps } from "../deps.ts";
import { toEventDto, toJobDto } from "./job-dto.ts";
import { requireJob } from "./job-queries.ts";
import { redactValue } from "../security/redact.ts";

export type ExportFormat = "json" | "ndjson" | "text";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
  text: "text/plain; charset=utf-8",
};

/** Rows per database page; the export streams, so memory stays flat for any log size. */
const PAGE = 1000;

/**
 * GET /api/jobs/{id}/export: the job's full log as a download.
 * json = `{job, exportedAt, events: [...]}`; ndjson = the job line then one
 * event per line; text = a header saying the times are UTC, then one readable
 * line per event (textExportLine: UTC ISO times, ANSI codes stripped); json
 * and ndjson keep messages as stored (docs/design.md's export contract). The file name carries
 * the job id and the date. Every export, by its owner or by support, is
 * written to the audit log (`job.export`, `details.owner`) before the first
 * byte; the audit write fails closed.
 * @throws 404 (unknown or not the viewer's); 503 `audit_unavailable`.
 */
export async function exportJob(deps: Pick<Deps, "store" | "db">, viewer: Viewer, jobId: string, format: ExportFormat, request?: Request): Promise<Response> {
  const { store } = deps;
  const job = await requireJob(store, viewer, jobId);
  await recordAudit(deps.db, {
    actorId: viewer.userId,
    actorRole: viewer.role,
    clientAddress: auditClientAddress(request),
    action: "job.export",
    targetType: "job",
    targetId: job.id,
    outcome: "success",
    details: { ownerId: job.ownerId, owner: job.ownerId === viewer.userId, format },
  });
  // Stored rows are redacted when written; rows older than that are redacted here (docs/data-protection.md).
  const dto = redactValue(toJobDto(job));
  const encoder = new TextEncoder();
  let cursor = 0;
  let first = true;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "json") controller.enqueue(encoder.encode(`{"job":${JSON.stringify(dto)},"exportedAt":"${new Date().toISOString()}","events":[`));
      else if (format === "ndjson") controller.enqueue(encoder.encode(`${JSON.stringify({ job: dto })}\n`));
      else controller.enqueue(encoder.encode(`${textExportHeader(dto)}\n`));
    },
    async pull(controller) {
      if (done) return;
      const rows = await store.eventsAfter(jobId, cursor, PAGE);
      let chunk = "";
      for (const row of rows) {
        const e = redactValue(toEventDto(row));
        cursor = e.seq;
        if (format === "json") {
          chunk += `${first ? "" : ","}${JSON.stringify(e)}`;
          first = false;
        } else if (format === "ndjson") chunk += `${JSON.stringify(e)}\n`;
        else chunk += `${textExportLine(e)}\n`;
      }
      if (rows.length < PAGE) {
        done = true;
        if (format === "json") chunk += "]}";
        if (chunk) controller.enqueue(encoder.encode(chunk));
        controller.close();
      } else controller.enqueue(encoder.encode(chunk));
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="job-${dto.id}-${date}.${format === "text" ? "txt" : format}"`,
      "Cache-Control": "no-store",
    },
  });
}
