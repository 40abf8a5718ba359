import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCanaries } from "@/test/secret-canaries";
import { redactDeep, redactSecrets, redactionMarker } from "./redact.ts";
import { findSecretSpans, mayHoldSecret } from "./secret-rules.ts";

const canaries = makeCanaries();

describe("redactSecrets", () => {
  it.each(canaries.map((c) => [c.kind, c] as const))("replaces a %s with its rule's marker, keeping the text around it", (_kind, c) => {
    const r = redactSecrets(`before ${c.text} after`);
    expect(r.found).toEqual([c.ruleId]);
    expect(r.text).not.toContain(c.core);
    expect(r.text.startsWith(`before ${redactionMarker(c.ruleId)}`)).toBe(true);
    expect(r.text.endsWith(" after")).toBe(true);
  });

  it("replaces every secret of a text holding one of each, and reports each rule once", () => {
    const text = canaries.map((c) => `${c.kind}: ${c.text}`).join("\n");
    const r = redactSecrets(`${text}\n${text}`);
    for (const c of canaries) expect(r.text).not.toContain(c.core);
    expect(r.found).toEqual(canaries.map((c) => c.ruleId));
  });

  it("leaves text without secrets untouched (the same string)", () => {
    const text = "Writing 5 tasks for plan https://example.com/plans/42 (user@example.com), eyes open";
    expect(redactSecrets(text)).toEqual({ text, found: [] });
  });

  it("removes the whole AWS secret access key (secretlint reports the range from the key's name with the secret's length)", () => {
    const secret = canaries.find((c) => c.kind === "aws-secret-access-key")!.core;
    const r = redactSecrets(`export aws_secret_access_key = "abcd${secret}wxyz"`);
    expect(r.text).toBe(`export [REDACTED:aws-secret-access-key]"`);
  });

  it("keeps the host of a URL whose password it removes, for any scheme", () => {
    expect(redactSecrets("redis://:s3cr3t!pw@cache:6379/0").text).toBe("redis://:[REDACTED:url-password]@cache:6379/0");
    expect(redactSecrets("see https://u:p@host/x").text).toBe("see https://u:[REDACTED:url-password]@host/x");
    expect(redactSecrets("Authorization: Bearer abcdefghijklmnopqrstuvwx").text).toBe("Authorization: Bearer [REDACTED:bearer-token]");
  });

  it("cannot be switched off by the text itself (secretlint's disable comments are not honoured)", () => {
    const c = canaries.find((k) => k.kind === "github-token")!;
    expect(redactSecrets(`// secretlint-disable\n${c.text}`).text).toBe(`// secretlint-disable\n[REDACTED:github-token]`);
  });

  it("finds what secretlint itself (lintSource with the recommended preset) finds in each canary", async () => {
    for (const c of canaries) {
      const result = await lintSource({
        source: { content: `x ${c.text} y`, filePath: "canary.txt", ext: ".txt", contentType: "text" },
        options: {
          config: { rules: [{ id: recommended.meta.id, rule: recommended, rules: [{ id: "@secretlint/secretlint-rule-aws", options: { enableIDScanRule: true } }] }] },
          noPhysicFilePath: true,
        },
      });
      const ours = findSecretSpans(`x ${c.text} y`);
      for (const m of result.messages) expect(ours.some((s) => s.start <= m.range[0] && s.end >= m.range[1])).toBe(true);
      // Ours alone: the Google API key, the JWT, and the password of a URL without a TLD.
      if (!["gcp-api-key", "jwt"].includes(c.ruleId)) expect(result.messages.length).toBeGreaterThan(0);
    }
  });

  it("never leaves a canary in any text it is embedded in (property)", () => {
    const filler = fc.string({ unit: fc.constantFrom(..." \n\tabcxyzXYZ0189.,:;-_/\"'=()[]{}é中"), maxLength: 40 });
    fc.assert(
      fc.property(filler, fc.constantFrom(...canaries), filler, (a, c, b) => {
        const sep = (s: string) => (s === "" ? "" : `${s} `);
        const out = redactSecrets(`${sep(a)}${c.text} ${b}`).text;
        expect(out).not.toContain(c.core);
      }),
      { numRuns: 2000 },
    );
  });

  it("has a prefilter that passes every text in which the rules find something (property over random mixes)", () => {
    const piece = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...canaries.map((c) => c.text)), fc.constantFrom("AWS_SECRET_ACCESS_KEY=", "Bearer ", "https://a:", "@b.io"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const text = parts.join("");
        if (findSecretSpans(text).length > 0) expect(mayHoldSecret(text)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("redactDeep", () => {
  it("redacts every string of a JSON value, keys included, and returns the same object when nothing was found", () => {
    const [aws, gh, jwt] = [canaries[0]!, canaries[2]!, canaries[7]!];
    const at = new Date(0);
    const input = { a: 1, nested: [{ token: gh.text, ok: "fine" }], [jwt.text]: true, at, list: ["x", aws.text] };
    const { value, found } = redactDeep(input);
    expect(value).toEqual({ a: 1, nested: [{ token: "[REDACTED:github-token]", ok: "fine" }], "[REDACTED:jwt]": true, at, list: ["x", "[REDACTED:aws-access-key-id]"] });
    expect(value.at).toBe(at);
    expect(found.sort()).toEqual(["aws-access-key-id", "github-token", "jwt"]);
    expect(input.nested[0]!.token).toBe(gh.text);
    const clean = { a: "x", b: [1, "y"] };
    expect(redactDeep(clean).value).toBe(clean);
  });
});
