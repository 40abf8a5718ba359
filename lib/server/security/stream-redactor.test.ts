import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCanaries } from "@/test/secret-canaries";
import { redactSecrets } from "./redact.ts";
import { StreamRedactor } from "./stream-redactor.ts";

const canaries = makeCanaries();

function streamed(pieces: string[]): { out: string[]; joined: string } {
  const r = new StreamRedactor();
  const out = pieces.map((p) => r.push(p));
  out.push(r.end());
  return { out, joined: out.join("") };
}

describe("StreamRedactor", () => {
  it("never hands out a secret, whatever the split, and hands out clean text unchanged (property)", () => {
    const words = fc.constantFrom("the", "plan", "key:", "=", "AWS_SECRET_ACCESS_KEY", "Bearer", "\n", " ", ...canaries.map((c) => c.text));
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }), (ws, sizes) => {
        const whole = ws.join(" ");
        const pieces: string[] = [];
        for (let at = 0, k = 0; at < whole.length; k++) {
          const n = sizes[k % sizes.length]!;
          pieces.push(whole.slice(at, at + n));
          at += n;
        }
        const { joined, out } = streamed(pieces);
        const reference = redactSecrets(whole);
        if (reference.found.length === 0) expect(joined).toBe(whole);
        for (const c of canaries) expect(joined).not.toContain(c.core.slice(0, 12));
        for (const o of out) expect(o).not.toMatch(/PRIVATE KEY-----\n/);
      }),
      { numRuns: 300 },
    );
  });

  it("streams ordinary prose with only its unfinished last word held back", () => {
    const r = new StreamRedactor();
    expect(r.push("Here is your plan for the week ahead")).toBe("Here is your plan for the week ");
    expect(r.push(" and more ")).toBe("ahead and more ");
    expect(r.push("to")).toBe("");
    expect(r.end()).toBe("to");
  });

  it("holds the last three words while they may be a secret's context", () => {
    const r = new StreamRedactor();
    expect(r.push("Use the header Authorization: Bearer ")).toBe("Use the ");
    expect(r.push("abcdefghijkl")).toBe("header ");
    expect(r.push("mnopqrstuvwx now")).toBe("Authorization: ");
    expect(r.push(" please and thanks")).toBe("Bearer [REDACTED:bearer-token] now please and ");
    expect(r.end()).toBe("thanks");
  });

  it("holds an unterminated PEM block until it ends", () => {
    const pem = canaries.find((c) => c.kind === "private-key")!.text;
    const r = new StreamRedactor();
    const half = pem.length >> 1;
    expect(r.push(`one two three four ${pem.slice(0, half)}`)).toBe("one two three four ");
    expect(r.push(pem.slice(half))).toBe("");
    expect(r.push(" five six seven eight")).toBe("[REDACTED:private-key] five six seven ");
    expect(r.end()).toBe("eight");
  });
});
