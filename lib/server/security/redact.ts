import "server-only";
import { findSecretSpans, mayHoldSecret, type SecretSpan } from "./secret-rules.ts";

// Secret redaction (issue 13 "Data that must not leak"; OWASP Top 10 for LLM
// applications, LLM02 sensitive information disclosure; OWASP ASVS V8.3
// sensitive private data, V7.1 log content). Everything a user, the model or
// a tool hands the server passes through here before it is stored, streamed,
// logged or exported. docs/data-protection.md describes the rule set.

/** What a secret is replaced with: the id of the rule that found it, never any part of the secret. */
export const redactionMarker = (ruleId: string): string => `[REDACTED:${ruleId}]`;

/** Result of redacting one text: the text with every secret replaced, and the ids of the rules that fired (once each, in order of appearance). */
export type Redacted = { text: string; found: string[] };

/** Overlapping spans merged; a merged span keeps the id of its earliest-starting part (the longest one when they start together). */
function merge(spans: SecretSpan[]): SecretSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** A replaced secret: its range in the original text and in the redacted one. */
export type Replacement = { start: number; end: number; redactedStart: number; redactedEnd: number; ruleId: string };

/** redactSecrets with where each replacement went (StreamRedactor maps positions with it). */
export function redactWithSpans(text: string): Redacted & { replacements: Replacement[] } {
  if (!text || !mayHoldSecret(text)) return { text, found: [], replacements: [] };
  const spans = findSecretSpans(text);
  if (spans.length === 0) return { text, found: [], replacements: [] };
  let out = "";
  let at = 0;
  const found: string[] = [];
  const replacements: Replacement[] = [];
  for (const s of merge(spans)) {
    out += text.slice(at, s.start);
    const marker = redactionMarker(s.ruleId);
    replacements.push({ start: s.start, end: s.end, redactedStart: out.length, redactedEnd: out.length + marker.length, ruleId: s.ruleId });
    out += marker;
    at = s.end;
    if (!found.includes(s.ruleId)) found.push(s.ruleId);
  }
  return { text: out + text.slice(at), found, replacements };
}

/**
 * Replaces every secret in `text` with `[REDACTED:<rule id>]`.
 * Rules: secretlint's recommended preset (AWS, GitHub, GitLab, Slack, npm,
 * OpenAI, Anthropic, Stripe, private keys, basic auth and database URLs, …)
 * plus JWTs, Google API keys, bearer tokens and passwords in URLs
 * (secret-rules.ts). Synchronous and cheap for text without a candidate shape
 * (one regex test), so it sits on the job log's hot path.
 * @example redactSecrets("key AKIA…") → { text: "key [REDACTED:aws-access-key-id]", found: ["aws-access-key-id"] }
 */
export function redactSecrets(text: string): Redacted {
  const { text: out, found } = redactWithSpans(text);
  return { text: out, found };
}

/** redactSecrets(text).text: for call sites that only need the text. */
export function redactText(text: string): string {
  return redactSecrets(text).text;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, found: string[]): unknown {
  if (typeof value === "string") {
    const r = redactSecrets(value);
    for (const id of r.found) if (!found.includes(id)) found.push(id);
    return r.text;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i], found);
      if (v !== value[i]) (copy ??= value.slice())[i] = v;
    }
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const key = walk(k, found) as string;
      const red = walk(v, found);
      if (key !== k || red !== v) {
        copy ??= { ...value };
        if (key !== k) delete copy[k];
        copy[key] = red;
      }
    }
    return copy ?? value;
  }
  return value;
}

/**
 * redactSecrets over a JSON-like value (tool inputs and outputs, event data,
 * Prisma write arguments): every string in plain objects and arrays, keys
 * included. Copy-on-write: returns `value` itself when nothing was found;
 * Dates, Buffers, class instances and other non-plain objects are left as they are.
 * @returns the redacted value (same shape) and the rule ids that fired.
 */
export function redactDeep<T>(value: T): { value: T; found: string[] } {
  const found: string[] = [];
  return { value: walk(value, found) as T, found };
}

/** redactDeep(value).value. */
export function redactValue<T>(value: T): T {
  return redactDeep(value).value;
}

/**
 * A cheap pre-test for a JSON-serialized value (the job log's `data` column):
 * false means no string in it can hold a secret, so the deep walk is skipped.
 * JSON escaping never turns a candidate shape into a non-candidate: the
 * anchors are letters, digits and `_-./:@`, which JSON leaves alone.
 */
export function jsonMayHoldSecret(json: string): boolean {
  return mayHoldSecret(json);
}
