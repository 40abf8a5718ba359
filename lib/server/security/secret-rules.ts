import "server-only";
import { rules as presetRules } from "@secretlint/secretlint-rule-preset-recommend";
import type { SecretLintRuleContext, SecretLintRuleReportHandler, SecretLintSourceCode } from "@secretlint/types";

// The detectors behind redactSecrets: secretlint's recommended preset
// (@secretlint/secretlint-rule-preset-recommend, run synchronously through the
// rule API every secretlint rule implements) plus the few shapes the preset
// leaves out (JWTs, Google API keys, bearer tokens, passwords in any URL).
// docs/data-protection.md lists what each covers.

/** One secret found in a text: its half-open character range and the id of the rule that found it. */
export type SecretSpan = { start: number; end: number; ruleId: string };

/** A detector of our own: `pattern` (global) and which capture group is the secret (0: the whole match). */
type ExtraRule = { id: string; pattern: RegExp; group: number; source: string };

/**
 * Shapes the preset does not cover. Each keeps the secret's group only, so
 * the context around it (a URL's host, the word "Bearer") stays readable.
 */
const EXTRA_RULES: readonly ExtraRule[] = [
  {
    id: "jwt",
    // gitleaks' "jwt" rule (config/gitleaks.toml), with `_`/`-` allowed in the header too.
    pattern: /\bey[A-Za-z0-9_-]{17,}\.ey[A-Za-z0-9_/\\-]{17,}\.(?:[A-Za-z0-9_/\\-]{10,}={0,2})?/dg,
    group: 0,
    source: "gitleaks rule jwt",
  },
  {
    id: "gcp-api-key",
    // gitleaks' "gcp-api-key" rule: Google API keys start with AIza and have 39 characters.
    pattern: /\bAIza[\w-]{35}(?![\w-])/dg,
    group: 0,
    source: "gitleaks rule gcp-api-key",
  },
  {
    id: "bearer-token",
    // RFC 6750 §2.1 b64token after "Bearer " (an Authorization header value), 16+ characters.
    pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/dgi,
    group: 1,
    source: "RFC 6750 section 2.1",
  },
  {
    id: "url-password",
    // RFC 3986 §3.2.1 userinfo "user:password@" in a URL of any scheme; the preset's basicauth rule
    // only sees http(s)/ftp URLs whose host has a TLD and whose password is [-A-Za-z0-9_].
    pattern: /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/?#@:]{0,256}:([^\s/?#@]{1,256})@/dgi,
    group: 1,
    source: "RFC 3986 section 3.2.1",
  },
];

/**
 * Cheap test for any shape a rule could report: one case-insensitive scan of
 * literal anchors every rule's pattern needs. A text that fails it cannot hold
 * a secret the rules would find, so the rules run only on candidates (the job
 * log's hot path). redact.test.ts checks it passes a sample of every rule.
 */
const CANDIDATE = new RegExp(
  [
    // aws (ids, secret access key, account id)
    "A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|secret_?access_?key|account_?(?:id)?[\"']?\\s*(?::|=)",
    // privatekey, gcp (service-account JSON holds a PEM key)
    "PRIVATE KEY",
    // npm, slack, sendgrid, shopify, stripe
    "x-oauth-basic|_authToken|npm_|xox[bpaor]-|xapp-|hooks\\.slack\\.com|SG\\.|shp(?:pa|ca|at|ss)_|[rs]k_(?:live|test)_",
    // github, gitlab, grafana, openai, anthropic, groq, huggingface, linear, notion, 1password
    "gh[pousr]_|github_pat_|glpat-|glc_|glsa_|T3BlbkFJ|sk-ant-|gsk_|hf_|lin_api_|ntn_|ops_ey",
    // database connection strings, hashicorp vault, vercel, databricks, docker, figma, cloudflare, tailscale
    "mongodb|mysql|postgres|hv[sbr]\\.|vc[pciark]_|dapi|dckr_pat_|figd_|cf(?:k|ut|at)_|tskey-",
    // basicauth and url-password (user:password@ after //), jwt, gcp-api-key, bearer-token
    "//[^\\s/@]{0,256}:[^\\s/@]{1,256}@|eyJ|ey[A-Za-z0-9_-]{17,}\\.ey|AIza|bearer",
  ].join("|"),
  "i",
);

/** True when `text` may hold a secret (see CANDIDATE); false means it holds none the rules find. */
export function mayHoldSecret(text: string): boolean {
  return CANDIDATE.test(text);
}

/** `AWSAccessKeyID` / `SLACK_TOKEN` → `aws-access-key-id` / `slack-token`. */
function kebab(id: string): string {
  return id
    .replace(/_/g, "-")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase();
}

/** What the preset's rules report while one text is scanned (scans are synchronous, so one sink serves all). */
let sink: { content: string; spans: SecretSpan[] } | null = null;

/**
 * secretlint's comment filter is left out: it lets a text switch detection
 * off ("secretlint-disable"), which an attacker's text must not. The AWS rule
 * also scans access key ids (its `enableIDScanRule`).
 */
const SKIPPED = new Set(["@secretlint/secretlint-rule-filter-comments"]);
const RULE_OPTIONS: Record<string, object> = { "@secretlint/secretlint-rule-aws": { enableIDScanRule: true } };

/**
 * The reported range, extended to cover the secret itself: the AWS secret
 * access key rule reports the start of `aws_secret_access_key=` with the
 * length of the key, so the report's data (the secret) is located from there.
 */
function spanOf(content: string, range: readonly [number, number], data: unknown, ruleId: string): SecretSpan {
  let [start, end] = range;
  if (data && typeof data === "object") {
    for (const v of Object.values(data)) {
      if (typeof v !== "string" || v.length < 8) continue;
      const at = content.indexOf(v, start);
      if (at >= 0 && at <= end) {
        start = Math.min(start, at);
        end = Math.max(end, at + v.length);
      }
    }
  }
  return { start, end, ruleId };
}

const context: SecretLintRuleContext = {
  sharedOptions: {},
  // The message text would embed the secret: only the id and data are kept.
  createTranslator: () => ((messageId: string, data: unknown) => ({ message: messageId, messageId, data })) as never,
  report(descriptor) {
    if (!sink) return;
    const { messageId, data } = descriptor.message as { messageId: string; data: unknown };
    sink.spans.push(spanOf(sink.content, descriptor.range, data, kebab(messageId)));
  },
  ignore() {},
};

/** The preset's scanners, created once (creating is cheap but per-line is not free). */
const handlers: SecretLintRuleReportHandler[] = presetRules
  .filter((r) => !SKIPPED.has(r.meta.id))
  .map((r) => r.create(context, (RULE_OPTIONS[r.meta.id] ?? {}) as never));

function sourceOf(content: string): SecretLintSourceCode {
  // The scanners read `content`, `ext` and `filePath` only (the comment filter, skipped, reads positions).
  return { content, ext: ".txt", filePath: undefined, contentType: "text", hasBOM: false } as unknown as SecretLintSourceCode;
}

/**
 * Every secret span the rules find in `text` (unsorted, possibly overlapping).
 * Synchronous: each preset scanner's `file` handler is synchronous for text
 * sources (only the GCP rule's .p12 path is async, and it is never asked).
 */
export function findSecretSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  sink = { content: text, spans };
  try {
    const source = sourceOf(text);
    for (const h of handlers) void h.file?.(source);
  } finally {
    sink = null;
  }
  for (const rule of EXTRA_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      const at = m.indices?.[rule.group];
      if (at) spans.push({ start: at[0], end: at[1], ruleId: rule.id });
    }
  }
  return spans;
}
