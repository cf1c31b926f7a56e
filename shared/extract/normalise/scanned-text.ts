// A paper log photographed and read by a phone app comes back with letters for digits ("9/O9/26",
// "1:O5", "3O") and digits for letters ("Schoo1", "Dai1y", "MlN"). Where a text plainly shows that
// damage, the figures a careful reader can still read without doubt are read back; a character
// the scan lost ("5?") is left as it is, and so unread. Mail typed by a person is never touched.
import { allMatches } from '../all-matches';

/** Letters a scan puts where a digit was. */
const AS_DIGIT: Record<string, string> = { O: '0', o: '0', l: '1', I: '1' };

/** A figure, a date or a clock time in digits and the letters scans mistake for them: "2O26", "9/l6/26", "1:O5". */
const FIGURE = /(?<![\p{L}\p{N}])[\dOolI]{1,4}(?:[/:.-][\dOolI]{1,4}){0,2}(?![\p{L}\p{N}])/gu;

/** A figure of a column whose last digit the scan lost ("5?", "10:2?" before a column gap): unreadable as a whole. */
const LOST_FIGURE = /(?<![\p{L}\p{N}])[\dOolI:/.-]*\d[\dOolI:/.-]*\?+(?=\t| {2,}|$)/gmu;

/** A figure with a real digit and a letter among its digits. */
function damaged(token: string): boolean {
  return /\d/.test(token) && /[OolI]/.test(token);
}

/** Two or more damaged figures: the text came from a scan. */
export function looksScanned(text: string): boolean {
  let seen = 0;
  for (const m of allMatches(text.slice(0, 50_000), FIGURE)) {
    if (damaged(m[0]) && ++seen >= 2) return true;
  }
  return false;
}

/**
 * A figure read back: one with a real digit, or a date or time whose every part is one or two of
 * "0", "1", "O", "l" ("ll/lO"); a lone letter ("I", "O") or a word is no figure.
 */
function figureOf(token: string): string {
  const dateLike = /^[\dOl]{1,2}[/:][\dOl]{1,2}(?:\/[\dOl]{2,4})?$/.test(token);
  if (!/\d/.test(token) && !dateLike) return token;
  return token.replace(/[OolI]/g, (c) => AS_DIGIT[c] ?? c);
}

/**
 * A word with a digit a scan put for a letter: "1" or "0" between small letters or ending a word of
 * three or more ("Dai1y", "Schoo1"); small "l" among capitals ("MlN", "RlVER"), or opening a word
 * before "n" ("lnd", "lnstruction"), which no English word does.
 */
function wordOf(word: string): string {
  let out = word.replace(/(?<=\p{Ll})1(?=\p{Ll})|(?<=\p{Ll}{3})1$/gu, 'l').replace(/(?<=\p{Ll})0(?=\p{Ll})/gu, 'o');
  if (/^[\p{Lu}l]{2,}$/u.test(out) && /\p{Lu}.*\p{Lu}|\p{Lu}{2}/u.test(out)) out = out.replace(/l/g, 'I');
  return out.replace(/^ln(?=\p{L})/u, 'In').replace(/^lN(?=\p{Lu})/u, 'IN');
}

/** The text with a scan's figures and words read back, where the text looks scanned; else as it is. */
export function repairScannedText(text: string): string {
  if (!looksScanned(text)) return text;
  return text
    .replace(LOST_FIGURE, (lost) => '?'.padEnd(lost.length))
    .replace(FIGURE, figureOf)
    .replace(/[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*/gu, (word) => (/[01l]/.test(word) ? wordOf(word) : word));
}
