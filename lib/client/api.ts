// Browser-side fetch helpers: one error type for every non-2xx JSON answer.
import type { ErrorBody } from "@/lib/shared/errors";
import { getConnectivity, UNREACHABLE_STATUSES } from "./connectivity";
import { langStore, translator, type Translate } from "./i18n";

/** A non-2xx answer from our API (`status` 0 = the network failed). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds the server asked to wait before retrying (429 `rate_limited`, `token_budget_exhausted`; 503), when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Seconds to wait before retrying: `details.retryAfterSeconds` of the error
 * body, else a `Retry-After` header in delay-seconds (RFC 9110 §10.2.3; an
 * HTTP-date is converted from `now`). Undefined when neither says.
 */
export function retryAfterOf(details: unknown, retryAfter: string | null, now = Date.now()): number | undefined {
  const fromBody = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof fromBody === "number" && Number.isFinite(fromBody) && fromBody >= 0) return Math.ceil(fromBody);
  if (!retryAfter) return undefined;
  if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
  const at = Date.parse(retryAfter);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The sentence a person reads for an API error, in the UI language: the
 * limits' codes are localized (429 `rate_limited` → "Too many requests — try
 * again in N s", `token_budget_exhausted`, `too_many_jobs`); any other error
 * keeps the server's message.
 */
export function apiErrorText(code: string, message: string, retryAfterSeconds: number | undefined, t: Translate): string {
  if (code === "rate_limited") return t("limits.rateLimited", { seconds: retryAfterSeconds ?? 1 });
  if (code === "token_budget_exhausted") return t("limits.tokenBudget", { hours: Math.max(1, Math.ceil((retryAfterSeconds ?? 3600) / 3600)) });
  if (code === "too_many_jobs") return t("limits.tooManyJobs");
  return message;
}

/** The UI language's translator outside React (the stored choice; English on the server). */
function currentTranslator(): Translate {
  return translator(typeof window === "undefined" ? langStore.getServerSnapshot() : langStore.getSnapshot());
}

/**
 * The ApiError for a non-2xx `res` whose JSON body (if any) was read into
 * `body`: code, details, `retryAfterSeconds` (body, else `Retry-After`) and
 * the message `apiErrorText` gives in the UI language.
 */
export function apiErrorOf(res: Response, body: Partial<ErrorBody>, t: Translate = currentTranslator()): ApiError {
  const code = body.error?.code ?? "http_error";
  const retryAfterSeconds = retryAfterOf(body.error?.details, res.headers.get("retry-after"));
  const message = apiErrorText(code, body.error?.message ?? `HTTP ${res.status}`, retryAfterSeconds, t);
  return new ApiError(res.status, code, message, body.error?.details, retryAfterSeconds);
}

/**
 * fetch + JSON with the API's error shape mapped to ApiError. Tells the
 * tab's Connectivity what it saw: a network error or 502/503/504 is a
 * failure to reach the server, any other answer a success.
 * @throws ApiError (status 0 with code "network" when the request never completed).
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}), ...init?.headers } });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    getConnectivity().reportFailure();
    throw new ApiError(0, "network", "Network error: the server could not be reached");
  }
  if (UNREACHABLE_STATUSES.has(res.status)) getConnectivity().reportFailure();
  else getConnectivity().reportSuccess();
  if (res.ok) return (await res.json()) as T;
  let body: Partial<ErrorBody> = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    /* not JSON */
  }
  throw apiErrorOf(res, body);
}
