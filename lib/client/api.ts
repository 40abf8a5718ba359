// Browser-side fetch helpers: one error type for every non-2xx JSON answer.
import type { ErrorBody } from "@/lib/shared/errors";
import { getConnectivity, UNREACHABLE_STATUSES } from "./connectivity";

/** A non-2xx answer from our API (`status` 0 = the network failed). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
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
  throw new ApiError(res.status, body.error?.code ?? "http_error", body.error?.message ?? `HTTP ${res.status}`, body.error?.details);
}
