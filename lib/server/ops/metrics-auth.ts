import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.ts";

/**
 * Guards GET /api/metrics when a METRICS_TOKEN is configured: the request must
 * carry `Authorization: Bearer <token>`. Compared in constant time on SHA-256
 * digests (equal lengths whatever was sent; OWASP ASVS V2.9 / V6).
 * @throws AppError 401 `unauthorized` with `WWW-Authenticate: Bearer`.
 */
export function requireMetricsToken(request: Request, token: string | undefined): void {
  if (!token) return;
  const header = request.headers.get("authorization") ?? "";
  const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
  const digest = (v: string) => createHash("sha256").update(v).digest();
  if (given && timingSafeEqual(digest(given), digest(token))) return;
  throw new AppError("unauthorized", 401, "Metrics need Authorization: Bearer <METRICS_TOKEN>", undefined, { "WWW-Authenticate": 'Bearer realm="metrics"' });
}
