import "server-only";
// Keyboard mash ("asdf qwer zxcv", "sdkfjh wpqo") is not a goal: it gets a
// clarifying question instead of a plan.

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];

/** A word that is no word: a run along a keyboard row, no vowel at all (acronyms aside), 5+ consonants in a row, or one letter repeated. */
function isMashWord(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 3 || /\d/.test(w)) return false;
  if (KEYBOARD_ROWS.some((row) => row.includes(w) || [...row].reverse().join("").includes(w))) return true;
  // Acronyms ("SQL", "NYC", "BBQ") are words.
  if (/^[A-Z]{2,5}s?$/.test(word)) return false;
  if (!/[aeiouy]/.test(w)) return true;
  if (/[bcdfghjklmnpqrstvwxz]{5,}/.test(w)) return true;
  return /^(.)\1+$/.test(w);
}

/**
 * True when a Latin-script message is mostly keyboard mash or random letters:
 * at least half of its words (of 3+ letters) look like no word. Messages with
 * Chinese characters, or without such words, are never gibberish.
 */
export function isGibberish(message: string): boolean {
  if (/\p{Script=Han}/u.test(message)) return false;
  const words = message.match(/[a-z]+/gi) ?? [];
  const long = words.filter((w) => w.length >= 3);
  if (long.length === 0) return false;
  const mash = long.filter(isMashWord).length;
  return mash * 2 >= long.length && mash * 2 >= words.length;
}
