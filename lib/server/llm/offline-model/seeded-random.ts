import "server-only";
// Deterministic "randomness": every variation in a plan is seeded from a hash
// of the input, so the same goal always gets the same plan (tests and retries
// rely on it) while different goals still get different mixes.

/** FNV-1a hash of the UTF-16 code units: an unsigned 32-bit integer, used as a seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item at `seed` modulo the length. `items` must not be empty (else undefined). */
export function pick<T>(items: readonly T[], seed: number): T {
  return items[seed % items.length];
}

/** A copy of `items` in a seeded (Fisher–Yates) order; the input is left untouched. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
