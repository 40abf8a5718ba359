import "server-only";
import { AppError } from "../errors.ts";

/**
 * Opaque keyset cursor of a list ordered by (instant, id), newest first:
 * base64url of `<instant ISO>|<id>` of the last row on a page. Used by
 * GET /api/jobs and GET /api/audit.
 */
export function encodeKeysetCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

/** `Date.toISOString()` of a year 0000–9999. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The (instant, id) of a cursor `encodeKeysetCursor` made. Only what it can
 * produce is accepted: an ISO instant of a 4-digit year that reads back to
 * itself ("-116402-12-29T…" is a valid JS date that PostgreSQL's timestamp
 * cannot hold) and an id without `|` or U+0000.
 * @throws AppError 400 for anything else.
 */
export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  const [iso, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  const valid = !!id && extra === undefined && !id.includes("\u0000") && ISO_INSTANT.test(iso ?? "") && !Number.isNaN(at.getTime()) && at.toISOString() === iso;
  if (!valid) throw AppError.badRequest("Invalid cursor", { cursor: ["Not a cursor from this API"] });
  return { at, id };
}
