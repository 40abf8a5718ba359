import "server-only";
// Keyboard mash ("asdf qwer zxcv", "sdkfjh wpqo"), placeholder text ("lorem
// ipsum", "foo bar", "test test") and their Chinese counterparts (a chunk typed
// over and over, pinyin keyboard mash such as 阿斯顿 = "asd") are not goals:
// they get a clarifying question instead of a plan.

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

/** Words people type to try a box out (placeholders, fillers), not to say what they want. */
const FILLER_WORDS = new Set(
  (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor foo bar baz qux quux blah bla meh " +
    "test tests testing tested tester abc xyz xxx yyy zzz aaa bbb ccc etc something anything whatever stuff thing things random hello world dummy sample"
  ).split(" "),
);
/** Pangrams and other sentences typed to fill a box. */
const FILLER_SENTENCES = [/\bquick brown fox\b/i, /\blorem ipsum\b/i, /\bhello,? world\b/i];
/** Pinyin keyboard mash: what an IME offers for "asdf", "sdf", "asd", "qwe", "zxc" typed at random. */
const ZH_MASH = /阿斯顿|啊实打实|撒旦法|水电费|士大夫|发斯蒂芬|大师傅|阿萨德|去问问|请问请问|自行车自行车|爱仕达|奥术大师|手动阀/;

/**
 * True when a message is filler rather than a request: mostly placeholder
 * words ("lorem ipsum dolor", "foo bar baz", "test test"), a pangram, a
 * chunk of 1–6 characters repeated to make up the whole message ("水电费水电费",
 * "haha haha"), or pinyin keyboard mash ("阿斯顿发生的发").
 */
export function isFiller(message: string): boolean {
  const compact = message.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  if (compact.length === 0) return false;
  if (/^(.{1,6}?)\1+$/u.test(compact)) return true;
  if (FILLER_SENTENCES.some((r) => r.test(message))) return true;
  if (/\p{Script=Han}/u.test(message)) return ZH_MASH.test(compact);
  const words = message.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.length > 0 && words.filter((w) => FILLER_WORDS.has(w)).length * 2 >= words.length;
}
