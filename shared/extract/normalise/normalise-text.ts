// Rewrites the shorthand and the other languages a message is written in into the plain English
// words the reading rules know, before any rule reads it: "grp" → "group", "SW" → "social work",
// "n/h" → "not held", "terapia del habla" → "speech therapy", "6 de octubre" → "october 6".
// One vocabulary of data (vocabulary/normalise.json), matched word by word through a trie, so the
// cost is linear in the text and does not grow with the vocabulary. Lines are never joined or
// split: a finding's line number still points at the line as written.
import { z } from 'zod';
import { allMatches } from '../all-matches';
import { rememberingRecent } from '../recent-answers';
import normaliseJson from '../vocabulary/normalise.json';

const vocabularySchema = z.object({
  locales: z.record(z.string(), z.record(z.string(), z.string())),
  patterns: z.array(z.object({ match: z.string(), replace: z.string(), locale: z.string() })),
});

interface Node {
  next: Map<string, Node>;
  /** Replacement where a key ends here. */
  to: string | null;
}

interface Compiled {
  /** Keys matched ignoring case and accents. */
  loose: Node;
  /** The same, for keys that only a text written in Spanish means this way (locale `es-text`). */
  spanishOnly: Node;
  /** Keys written in capitals ("SW", "NS"): matched only as written, so "ns" in prose is left alone. */
  exact: Node;
  patterns: Array<{ re: RegExp; replace: string }>;
  /** Matches where any of the patterns does; null where the patterns cannot be joined into one. */
  anyPattern: RegExp | null;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const MAX_TEXT = 400_000;

/** Lower case without accents: the form keys are compared in ("sesión" and "sesion" alike). */
export function foldWord(word: string): string {
  // Most words are plain ASCII: skip the Unicode decomposition for them (it is the costly part).
  if (/^[ -~]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function insert(root: Node, tokens: string[], to: string): void {
  let node = root;
  for (const t of tokens) {
    let next = node.next.get(t);
    if (!next) {
      next = { next: new Map(), to: null };
      node.next.set(t, next);
    }
    node = next;
  }
  node.to = to;
}

let compiled: Compiled | null = null;

function vocabulary(): Compiled {
  if (compiled) return compiled;
  const v = vocabularySchema.parse(normaliseJson);
  const loose: Node = { next: new Map(), to: null };
  const exact: Node = { next: new Map(), to: null };
  const spanishOnly: Node = { next: new Map(), to: null };
  for (const [locale, entries] of Object.entries(v.locales)) {
    for (const [key, to] of Object.entries(entries)) {
      if (key.startsWith('$')) continue;
      const capitals = /\p{Lu}/u.test(key) && key === key.toUpperCase();
      if (locale === 'es-text') insert(spanishOnly, tokensOf(key).map(foldWord), to);
      else if (capitals) insert(exact, tokensOf(key), to);
      else insert(loose, tokensOf(key).map(foldWord), to);
    }
  }
  compiled = {
    loose,
    exact,
    spanishOnly,
    patterns: v.patterns.map((p) => ({ re: new RegExp(p.match, 'giu'), replace: p.replace })),
    anyPattern: joinedPattern(v.patterns.map((p) => p.match)),
  };
  return compiled;
}

/**
 * One pattern that matches where any of them does. Most lines match none (97 in 100 of the
 * corpora's), and one scan of such a line costs less than a scan per pattern; a line none matches
 * is left as it is, since no pattern changes it for the next to match. Patterns with named groups
 * or references to a group cannot be joined: then there is no joined pattern.
 */
export function joinedPattern(sources: readonly string[]): RegExp | null {
  // A group named twice is an error in one pattern; a number refers to another group once joined.
  if (sources.some((source) => /\\(?:[1-9]|k<)|\(\?<[^=!]/.test(source))) return null;
  return new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'iu');
}

interface Found {
  end: number;
  to: string;
}

/**
 * The longest key starting at token `i` of a line; tokens may be apart only by spaces, never a tab.
 * `words` are the tokens' texts as the trie compares them (folded or as written).
 */
function longestAt(root: Node, tokens: RegExpMatchArray[], words: string[], i: number, line: string): Found | null {
  let node: Node | undefined = root;
  let best: Found | null = null;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || !node) break;
    if (k > i) {
      const prev = tokens[k - 1];
      const gap = line.slice((prev?.index ?? 0) + (prev?.[0].length ?? 0), t.index ?? 0);
      if (gap.includes('\t') || gap.length > 3) break;
    }
    node = node.next.get(words[k] ?? '');
    if (!node) break;
    if (node.to !== null) best = { end: k, to: node.to };
  }
  return best;
}

const SPANISH_WORDS = new Set(
  'el la los las del que y en con por para una su sus es esta estaba fue hoy porque pero muy tambien no se le lo mi usted gracias semana'.split(
    ' ',
  ),
);
const ENGLISH_WORDS = new Set(
  'the and of to in is was for with on at that this his her he she we our you it'.split(' '),
);

/** True where a text is written mostly in Spanish (its common short words outnumber English ones). */
export function writtenInSpanish(text: string): boolean {
  let es = 0;
  let en = 0;
  for (const m of allMatches(text.slice(0, 20_000), /[\p{L}]+/gu)) {
    const w = foldWord(m[0]);
    if (SPANISH_WORDS.has(w)) es++;
    else if (ENGLISH_WORDS.has(w)) en++;
  }
  return es >= 3 && es > en;
}

/**
 * Day-first dates ("16/11", "5/10/2026") in a text written in Spanish, turned month-first as the
 * date reader expects, but only where the text shows it writes day first (a "16/11" somewhere):
 * a Spanish notice from a US district often still writes month first.
 */
function monthFirst(text: string): string {
  const SLASH = /\b(\d{1,2})\/(\d{1,2})(\/\d{2,4})?\b/g;
  const dayFirst = allMatches(text, SLASH).some((m) => Number(m[1]) > 12 && Number(m[2]) <= 12);
  if (!dayFirst) return text;
  return text.replace(SLASH, (all, d: string, m: string, y: string | undefined) =>
    Number(d) <= 31 && Number(m) <= 12 ? `${m}/${d}${y ?? ''}` : all,
  );
}

/** "W/" in day letters ("M/W/F", "W/F") is Wednesday, not "with": a slash on either side joins it to another capital. */
function insideDayLetters(line: string, start: number, end: number): boolean {
  if (line[end - 1] !== '/') return false;
  return line[start - 1] === '/' || /^\p{Lu}/u.test(line.slice(end, end + 1));
}

/**
 * A short form's own dot that also ends the sentence ("in the resource rm. He was ...", "no OT
 * Wed.") stays after the long form; before a day or a room number ("Wed. 11/4", "rm. B12") it goes.
 */
function keepsStop(line: string, last: RegExpMatchArray | undefined, to: string, end: number): boolean {
  if (last?.[0] !== '.' || to.endsWith('.')) return false;
  const after = line.slice(end);
  return /^\s*$/.test(after) || /^\s+\p{Lu}\p{Ll}/u.test(after);
}

function normaliseLine(line: string, v: Compiled, spanish = false, prose = true): string {
  if (line.trim() === '') return line;
  const tokens = allMatches(line, TOKEN);
  if (tokens.length === 0) return line;
  const written = tokens.map((t) => t[0]);
  const folded = written.map(foldWord);
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t) break;
    // A key starts at a word's start: never inside "ABS" of "TABS" (tokens are whole words already).
    const hit =
      longestAt(v.exact, tokens, written, i, line) ??
      (spanish ? longestAt(v.spanishOnly, tokens, folded, i, line) : null) ??
      longestAt(v.loose, tokens, folded, i, line);
    const last = hit ? tokens[hit.end] : undefined;
    const start = t.index ?? 0;
    const end = (last?.index ?? 0) + (last?.[0].length ?? 0);
    if (!hit || insideDayLetters(line, start, end)) {
      i++;
      continue;
    }
    out += line.slice(copied, start) + hit.to + (prose && keepsStop(line, last, hit.to, end) ? '.' : '');
    copied = end;
    i = hit.end + 1;
  }
  out += line.slice(copied);
  if (v.anyPattern?.test(out) === false) return out;
  for (const p of v.patterns) out = out.replace(p.re, p.replace);
  return out;
}

/** The text with every known shorthand and foreign phrase in plain English; line breaks kept as they are. */
export function normaliseText(text: string): string {
  if (!text) return text;
  const v = vocabulary();
  const bounded = text.slice(0, MAX_TEXT);
  const spanish = writtenInSpanish(bounded);
  return (spanish ? monthFirst(bounded) : bounded)
    .split('\n')
    .map((line) => normaliseLine(line, v, spanish))
    .join('\n');
}

/**
 * One table cell's words normalised (a cell is one line: "Grp", "SW office", "N/H"). The table
 * rules ask about the same cells again and again (nine times in ten a cell was asked before), so
 * the last answers are kept.
 */
export const normaliseCell: (cell: string) => string = rememberingRecent(
  (cell) => normaliseLine(cell, vocabulary(), false, false),
  4096,
);
