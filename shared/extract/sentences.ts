// Cuts a text part into the units the record rules read: lines (a services grid row, a calendar
// bullet) and sentences within them (tab-separated cells count as sentences of their own), and
// finds vocabulary phrases in them. Everything is one pass over the text: no backtracking.
import { allMatches } from './all-matches';
import { rememberingRecent } from './recent-answers';

export interface Line {
  /** The line as written, without a leading `>` quote mark. */
  text: string;
  /** 1-based line number in the part. */
  line: number;
  /** Paragraph number: lines separated by a blank line are in different paragraphs. */
  paragraph: number;
}

export interface Sentence {
  text: string;
  line: number;
  paragraph: number;
}

const MAX_PART = 200_000;
const MAX_LINE = 4_000;

/** Words after which a full stop does not end the sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'vs',
  'no',
  'rm',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'a.m',
  'p.m',
  'e.g',
  'i.e',
  'etc',
  'approx',
  'min',
  'mins',
]);

/** The lines of a text, quote marks dropped, blank lines counted as paragraph breaks. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const raw = text.length > MAX_PART ? text.slice(0, MAX_PART) : text;
  let paragraph = 0;
  let number = 0;
  for (const rawLine of raw.split('\n')) {
    number++;
    let t = rawLine.replace(/\r$/, '');
    while (t.startsWith('>')) t = t.slice(1).trimStart();
    if (t.length > MAX_LINE) t = t.slice(0, MAX_LINE);
    if (t.trim() === '') {
      paragraph++;
      continue;
    }
    lines.push({ text: t, line: number, paragraph });
  }
  return lines;
}

function isUpperStart(c: string | undefined): boolean {
  return c !== undefined && /[\p{Lu}\p{N}"'“‘(•*-]/u.test(c);
}

/** A cell holding only a weekday name ("Tue", "Thursday"): a log's Day column. */
const WEEKDAY_CELL = /^\s*(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|sday|nesday|rsday|urday)?\.?\s*$/i;

/**
 * Cells of a tab-separated line, a label cell ("Next Review:") joined to the value after it, and a
 * Day cell joined to the date before it ("11/24<TAB>Tue" is one day, not a date and a weekday).
 */
function labelledCells(cells: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    const next = cells[i + 1];
    if (next !== undefined && /\d\s*$/.test(cell) && WEEKDAY_CELL.test(next)) {
      out.push(`${cell.trimEnd()} ${next.trim()}`);
      i++;
    } else if (next !== undefined && /:\s*$/.test(cell) && !/:\s*$/.test(next)) {
      out.push(`${cell.trimEnd()} ${next.trim()}`);
      i++;
    } else {
      out.push(cell);
    }
  }
  return out;
}

/** The sentences of one line: cut at tabs and at `.`, `!`, `?` followed by a capital. */
export function sentencesOfLine(text: string): string[] {
  const out: string[] = [];
  for (const cell of labelledCells(text.split('\t'))) {
    let start = 0;
    for (let i = 0; i < cell.length; i++) {
      const c = cell[i];
      if (c !== '.' && c !== '!' && c !== '?') continue;
      const next = cell[i + 1];
      if (next !== ' ' && next !== undefined) continue;
      if (next === undefined) break;
      let j = i + 1;
      while (cell[j] === ' ') j++;
      if (!isUpperStart(cell[j])) continue;
      if (c === '.') {
        let k = i - 1;
        while (k >= 0 && /[\p{L}.]/u.test(cell[k] ?? '')) k--;
        const word = cell.slice(k + 1, i).toLowerCase();
        if (ABBREVIATIONS.has(word) || word.length === 1) continue;
      }
      const piece = cell.slice(start, i + 1).trim();
      if (piece) out.push(piece);
      start = j;
    }
    const rest = cell.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/** A line that opens with the same word as the line before and names a day right after it: a log's next row. */
function rowLikeTheOneBefore(before: string, line: string): boolean {
  const lead = /^\S+/.exec(line)?.[0]?.toLowerCase();
  return (
    lead !== undefined &&
    before.trimStart().toLowerCase().startsWith(`${lead} `) &&
    /\d{1,2}\/\d{1,2}/.test(line.slice(0, 30))
  );
}

/**
 * The sentences of a text. A line that continues a sentence wrapped by the mail client
 * (the previous line has no closing mark and this one starts in lower case) is joined to it.
 * The setting and the date readers each cut the same parts: the last texts' sentences are kept.
 */
export const splitSentences: (text: string) => ReadonlyArray<Readonly<Sentence>> = rememberingRecent(
  sentencesOfText,
  64,
);

function sentencesOfText(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lines = splitLines(text);
  let carry: Line | undefined;
  const flush = (l: Line) => {
    for (const s of sentencesOfLine(l.text)) sentences.push({ text: s, line: l.line, paragraph: l.paragraph });
  };
  for (const l of lines) {
    const trimmed = l.text.trim();
    if (
      carry &&
      carry.paragraph === l.paragraph &&
      !carry.text.includes('\t') &&
      !l.text.includes('\t') &&
      carry.text.length > 40 &&
      !/[.!?:;]\s*$/.test(carry.text) &&
      /^[\p{Ll}]/u.test(trimmed) &&
      !rowLikeTheOneBefore(carry.text, trimmed)
    ) {
      carry = { text: `${carry.text.trimEnd()} ${trimmed}`, line: carry.line, paragraph: carry.paragraph };
      continue;
    }
    if (carry) flush(carry);
    carry = l;
  }
  if (carry) flush(carry);
  return sentences;
}

// ---------- phrases ----------

/** The text as a pattern that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern that finds any of the phrases as whole words, case-insensitively, longest first.
 * Spaces in a phrase match any run of spaces or a hyphen-free gap; phrases are plain text.
 */
export function phrasePattern(phrases: readonly string[]): RegExp {
  const sorted = [...new Set(phrases.map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (sorted.length === 0) return /(?!)/g;
  const body = sorted.map((p) => escapeRegExp(p).replace(/ /g, '[ \\u00a0]+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu');
}

export interface PhraseHit {
  phrase: string;
  index: number;
  end: number;
}

/** Every non-overlapping place the pattern matches, in order. */
export function findPhrases(text: string, pattern: RegExp): PhraseHit[] {
  const hits: PhraseHit[] = [];
  pattern.lastIndex = 0;
  for (const m of allMatches(text, pattern)) {
    const index = m.index ?? 0;
    hits.push({ phrase: m[0].toLowerCase(), index, end: index + m[0].length });
  }
  return hits;
}

/** True where the pattern matches anywhere in the text. */
export function hasPhrase(text: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/** Typographic apostrophes and dashes made plain, so vocabulary written plainly matches. */
export function plainText(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u2013\u2014]/g, '-');
}
