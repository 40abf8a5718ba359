import { describe, expect, it } from "vitest";
import { errorResponse } from "./http/route.ts";
import { AppError } from "./errors.ts";

/** An AppError as another bundle's copy of errors.ts builds it: same shape and brand, another class. */
function foreignAppError(code: string, status: number, message: string) {
  const brand = Symbol.for("planstream.AppError");
  class AppError extends Error {
    readonly [brand] = true;
    constructor(
      readonly code: string,
      readonly status: number,
      message: string,
    ) {
      super(message);
    }
    toResponse(): Response {
      return Response.json({ error: { code: this.code, message: this.message } }, { status: this.status });
    }
  }
  return new AppError(code, status, message);
}

describe("AppError across bundles", () => {
  it("is() knows its own and another copy's errors, and nothing else", () => {
    expect(AppError.is(new AppError("conflict", 409, "x"))).toBe(true);
    expect(AppError.is(foreignAppError("conflict", 409, "x"))).toBe(true);
    expect(AppError.is(new Error("x"))).toBe(false);
    expect(AppError.is({ code: "conflict", status: 409 })).toBe(false);
    expect(AppError.is(null)).toBe(false);
  });

  it("errorResponse answers another copy's AppError with its own status and body, not 500", async () => {
    const res = errorResponse(foreignAppError("conflict", 409, "Job already finished"));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "Job already finished" } });
  });
});
