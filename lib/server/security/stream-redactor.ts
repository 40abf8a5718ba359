import "server-only";
import { redactWithSpans, type Replacement } from "./redact.ts";
import { mayHoldSecret } from "./secret-rules.ts";

/** Whitespace-separated words held back at the end of a streamed text (a secret and its context, e.g. `AWS_SECRET_ACCESS_KEY = <key>`, are at most three). */
const HELD_WORDS = 3;

/** A complete PEM end line (RFC 7468 §2). */
const PEM_END = /-----END[^-\n]*-----/;

/** Start of the last word of `text` (its length when it ends in whitespace). */
function lastWordStart(text: string): number {
  let at = text.length;
  while (at > 0 && !/\s/.test(text[at - 1]!)) at -= 1;
  return at;
}

/**
 * Where the stable prefix of a redacted, still growing text ends. Always
 * before its last word (it may still grow into a secret). Before its last
 * HELD_WORDS words when those hold a candidate shape (a secret's context such
 * as `Bearer` or `aws_secret_access_key =` must stay with it). Before a PEM
 * block that has begun but not ended. Never inside a `[REDACTED:…]` marker
 * (markers hold no whitespace; a PEM marker starts where its block did).
 */
function stableEnd(red: string): number {
  let cut = 0;
  let words = 0;
  let inWord = false;
  for (let i = red.length - 1; i >= 0; i--) {
    const space = /\s/.test(red[i]!);
    if (!space && !inWord) {
      inWord = true;
      words += 1;
    } else if (space && inWord) {
      inWord = false;
      if (words === HELD_WORDS) {
        cut = i + 1;
        break;
      }
    }
  }
  if (!mayHoldSecret(red.slice(cut))) cut = lastWordStart(red);
  const begin = red.lastIndexOf("-----BEGIN");
  if (begin >= 0 && !PEM_END.test(red.slice(begin))) cut = Math.min(cut, begin);
  return cut;
}

/** The position in the redacted text of position `at` of the original text (`at` outside every replaced range). */
function redactedIndex(at: number, replacements: Replacement[]): number {
  let shift = 0;
  for (const r of replacements) {
    if (r.end > at) break;
    shift += r.redactedEnd - r.redactedStart - (r.end - r.start);
  }
  return at + shift;
}

/**
 * Where the text that must stay raw begins: the last word (it may still
 * grow into a secret, or into a longer one) or, earlier, the first replaced
 * range that reaches into it (a secret whose context precedes it).
 */
function rawFrom(text: string, replacements: Replacement[]): number {
  let at = lastWordStart(text);
  for (const r of replacements) if (r.end > at) at = Math.min(at, r.start);
  return at;
}

/**
 * Redacts text that arrives in pieces (a model's reply deltas), where a secret
 * can straddle two pieces. It holds back the text that may still turn out to be
 * (part of) a secret or its context: the last word, the last three when they
 * hold a candidate shape (see stableEnd), and an unterminated PEM block. Every
 * other shape the rules know has no whitespace, or its context is within those
 * three words. Prose streams with only its unfinished last word held back. The held-back words keep the replacements
 * already decided (complete words), so a secret's context leaving the window
 * does not undo its redaction; the last word stays raw. Each push redacts only
 * the held-back text plus the new piece, so a long reply costs linear time.
 * @example r.push("key: ghp_12"); r.push("34…"); r.end() — the token comes out as [REDACTED:github-token]
 */
export class StreamRedactor {
  /** Held-back text: decided replacements applied, then the raw tail. */
  private held = "";

  /** Adds a piece. @returns the redacted text that is final now ("" when none). */
  push(piece: string): string {
    const r = redactWithSpans(this.held + piece);
    const raw = rawFrom(this.held + piece, r.replacements);
    const mixed = r.text.slice(0, redactedIndex(raw, r.replacements)) + (this.held + piece).slice(raw);
    const cut = Math.min(stableEnd(r.text), redactedIndex(raw, r.replacements));
    this.held = mixed.slice(cut);
    return mixed.slice(0, cut);
  }

  /** Hands out the rest, redacted, and starts over. */
  end(): string {
    const out = redactWithSpans(this.held).text;
    this.held = "";
    return out;
  }
}
