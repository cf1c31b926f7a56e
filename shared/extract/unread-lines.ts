// What looked like a session report but gave no record: every table row, log line or sentence of
// the reading context (the author's text, the parent's note, attachments' text and tables; quoted
// history and forwarded headers are not in it or are cut here) that has a date and a service,
// session, minutes or status word, where no record of any list came from its row, line or unit.
// The guardian's answer quotes these back so nothing is dropped silently. Pure, and it reads only
// the context already built: no message is parsed again.
import { isWroteHeader } from '../mail/strip-reply';
import { readHeaderLine } from '../mail/unwrap-forward';
import type { ExtractionWithProvenance, IsoDate, ServiceCode } from '../records/types';
import { problemInEnglish } from '../render/problem-words';
import { BULLET_PREFIX, LIST_ITEM } from './list-marks';
import { normaliseCell } from './normalise/normalise-text';
import type { ReadingContext, TablePart, TextPart } from './reading-context';
import type { ReadingProblem } from './reading-problem';
import { dateFromCell, findDateMentions, tenseOf } from './resolve-dates';
import { sentencesOfLine } from './sentences';
import { findServiceMentions } from './service-words';
import reportWords from './vocabulary/session-report-words.json';

/** One line the guardian is told was not read, with what could be read of it to suggest the reply that adds it. */
export interface UnreadLine {
  /** `body`, `note`, or an attachment's file name. */
  part: string;
  /** 1-based line or row in that part; null for an attachment that could not be read at all. */
  line: number | null;
  /** The words as written, trimmed to about 200 characters (inbound text: escape when shown). */
  text: string;
  /** The day it names, when one was read. */
  date: IsoDate | null;
  service: ServiceCode | null;
  minutes: number | null;
  /** True where it says the session did not happen (absent, cancelled, not held). */
  missed: boolean;
  /** For an attachment not read at all: why, so the answer can say it in the family's language. */
  problem?: ReadingProblem;
}

const MAX_QUOTE = 200;
const MAX_UNREAD = 100;
const MAX_TEXT = 100_000;
const MAX_DATE_CELL = 28;
const SPREADSHEET = /\.(csv|tsv|xlsx|xls)$/i;

function wordsPattern(words: readonly string[]): RegExp {
  const body = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'iu');
}

const SESSION_WORD = wordsPattern(reportWords.sessionWords);
const MISSED_WORD = wordsPattern(reportWords.missedWords);
const HEADER_WORD = wordsPattern(reportWords.headerWords);
const EVENT_WORD = wordsPattern(reportWords.eventWords);
const FREQUENCY = wordsPattern(reportWords.frequencyWords);
const FRACTION_WORD = new RegExp(`^\\s*${wordsPattern(reportWords.fractionWords).source}`, 'iu');
const MINUTES = new RegExp(
  `(?<![\\p{N}])(\\d{1,3})\\s*-?\\s*(?:${reportWords.minuteUnits.map((u) => u.replace('.', '\\.')).join('|')})(?![\\p{L}/])`,
  'iu',
);
const FRACTION_CELL = new RegExp(`\\d\\s*${wordsPattern(reportWords.fractionWords).source}`, 'iu');
const NOT_A_DAY_BEFORE = new RegExp(`${wordsPattern(reportWords.notADayBefore).source}\\W{0,3}$`, 'iu');
const MINUTES_HEADER = /^\s*(?:min|mins|minutes|duration|time|length)\b/i;
const ANY_DIGIT = /\d/;

/** The quoted words: spaces collapsed, capped. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > MAX_QUOTE ? `${chars.slice(0, MAX_QUOTE - 1).join('')}…` : flat;
}

/** The content of a row or line, for telling a table row and its text line apart: cells joined by one space. */
function sameContent(text: string): string {
  return text
    .replace(/[\s|]+/g, ' ')
    .trim()
    .toLowerCase();
}

function firmService(words: string): ServiceCode | null {
  return findServiceMentions(words).find((m) => !m.conditional)?.service ?? null;
}

function minutesIn(words: string): number | null {
  const m = MINUTES.exec(words);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 5 && n <= 240 ? n : null;
}

/** Lines of every part that gave a record: a unit or row is read when a record's line falls in it. */
function recordLines(extraction: ExtractionWithProvenance): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  const lists = [extraction.sessions, extraction.requirements, extraction.settingEvents, extraction.dates];
  for (const list of lists) {
    for (const { source } of list) {
      if (source.line === null) continue;
      const known = lines.get(source.part) ?? [];
      known.push(source.line);
      lines.set(source.part, known);
    }
  }
  return lines;
}

function coveredWithin(lines: number[] | undefined, first: number, last: number): boolean {
  return lines?.some((line) => line >= first && line <= last) ?? false;
}

// ---------- tables ----------

function rowText(row: TablePart['table']['rows'][number]): string[] {
  return row.map((cell) =>
    cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim(),
  );
}

/** A part's table rows as its text shows them: by content, and (a PDF's text layer) by line. */
interface TableRows {
  contents: Set<string>;
  lines: Set<number>;
}

function tableRowsOf(tables: TablePart[]): Map<string, TableRows> {
  const byPart = new Map<string, TableRows>();
  for (const { part, table } of tables) {
    const rows = byPart.get(part) ?? { contents: new Set<string>(), lines: new Set<number>() };
    rows.contents.add(sameContent(table.headers.join(' ')));
    for (const row of table.rows) rows.contents.add(sameContent(rowText(row).join(' ')));
    // A PDF's tables are numbered by the lines of its text layer, where their words are run together.
    if (/\.pdf$/i.test(part)) for (const n of table.rowNumbers) rows.lines.add(n);
    byPart.set(part, rows);
  }
  return byPart;
}

function unreadRows(part: TablePart, covered: number[] | undefined, out: UnreadLine[]): void {
  const { table } = part;
  const headers = table.headers.map(normaliseCell);
  const headerSays = headers.some((h) => HEADER_WORD.test(h) || firmService(h) !== null);
  const minutesColumn = headers.findIndex((h) => MINUTES_HEADER.test(h));
  for (const [r, row] of table.rows.entries()) {
    if (out.length >= MAX_UNREAD) return;
    const cells = rowText(row);
    const written = cells.filter((c) => c !== '');
    if (written.length < 2) continue;
    const line = table.rowNumbers[r] ?? null;
    if (line !== null && coveredWithin(covered, line, line)) continue;
    const words = cells.map(normaliseCell).join(' \t ');
    if (FREQUENCY.test(words)) continue;
    const service = firmService(words);
    const says = SESSION_WORD.test(words) || MISSED_WORD.test(words) || minutesIn(words) !== null;
    if (!headerSays && service === null && !says) continue;
    let date: IsoDate | null = null;
    for (const cell of row) {
      // A date cell is short and no score ("8/10 trials", "4/5 samples").
      if (
        typeof cell === 'string' &&
        (!ANY_DIGIT.test(cell) || cell.length > MAX_DATE_CELL || FRACTION_CELL.test(cell))
      )
        continue;
      date = dateFromCell(cell, part.anchor);
      if (date) break;
    }
    if (!date) continue;
    const minutesCell = minutesColumn >= 0 ? Number(cells[minutesColumn]) : Number.NaN;
    out.push({
      part: part.part,
      line,
      text: quote(written.join(' | ')),
      date,
      service,
      minutes: Number.isInteger(minutesCell) && minutesCell >= 5 && minutesCell <= 240 ? minutesCell : minutesIn(words),
      missed: MISSED_WORD.test(words),
    });
  }
}

// ---------- text ----------

interface Segment {
  first: number;
  last: number;
  /** Lines as written and as the rules read them (shorthand rewritten), one entry per line. */
  written: string[];
  read: string[];
}

const LABEL = /^\s*[\p{L}][\p{L}/&'’.-]*(?:\s+[\p{L}][\p{L}/&'’.-]*){0,3}:\s/u;
const DATED = new RegExp(
  String.raw`^\s*${BULLET_PREFIX}(?:\p{L}{2,10}\.?,?\s+)?\d{1,4}[/.-]\d{1,2}\b|^\s*\d{1,2}-\p{L}{3}`,
  'u',
);
const SEPARATOR = /^\s*-{2,}\s*[^-]{3,60}?\s*-{2,}\s*$/;

/** Where quoted history or a forward's header block begins: nothing from there on is read. */
function startsHistory(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (SEPARATOR.test(line) || isWroteHeader(line)) return true;
  if (readHeaderLine(line)?.field !== 'from') return false;
  for (let k = i + 1; k <= i + 3 && k < lines.length; k++) if (readHeaderLine(lines[k] ?? '')) return true;
  return false;
}

/** A line that stands alone in the rules' reading: a bullet, a tab row, a label, a line opening with a date. */
function standsAlone(line: string): boolean {
  return LIST_ITEM.test(line) || line.includes('\t') || LABEL.test(line) || DATED.test(line);
}

/** The part's segments; a line that is a table row is judged as the row, never again as text. */
function segmentsOf(part: TextPart, rows: TableRows | undefined): Segment[] {
  const written = (part.original ?? part.text).slice(0, MAX_TEXT).split('\n');
  const read = part.text.split('\n');
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const [i, raw] of written.entries()) {
    if (startsHistory(written, i)) break;
    const line = raw.replace(/\r$/, '');
    const row = rows !== undefined && (rows.lines.has(i + 1) || rows.contents.has(sameContent(line)));
    if (row || line.trim() === '' || /^\s*>/.test(line)) {
      current = null;
      continue;
    }
    const rules = read[i] ?? line;
    if (current && !standsAlone(line)) {
      current.last = i + 1;
      current.written.push(line.trim());
      current.read.push(rules.trim());
      continue;
    }
    current = { first: i + 1, last: i + 1, written: [line.trim()], read: [rules.trim()] };
    segments.push(current);
  }
  return segments;
}

/** How strongly prose words say a session happened or not: `strong` (therapy, seen, 30 min), `weak` (a service only), or not. */
function reportStrength(words: string): 'strong' | 'weak' | null {
  if (!ANY_DIGIT.test(words) && !/\b(?:today|yesterday)\b/i.test(words)) return null;
  // Plans and promises ("speech will be on 10/12") are not reports; a frequency is a service required.
  if (tenseOf(words) === 'future' || FREQUENCY.test(words)) return null;
  if (SESSION_WORD.test(words)) return 'strong';
  // Offers, events and meetings name services and minutes too ("book a free 15-minute speech screening").
  if (EVENT_WORD.test(words)) return null;
  if (minutesIn(words) !== null) return 'strong';
  return firmService(words) !== null ? 'weak' : null;
}

/** The one day the words report: not a span ("log for Nov 2-13"), not a score ("8/10 trials"); a weekday alone only beside a service and a session word. */
function reportedDay(words: string, anchor: IsoDate | null, strength: 'strong' | 'weak'): IsoDate | null {
  const mentions = findDateMentions(words, anchor ?? '2000-01-01').filter(
    (m) =>
      m.end === null &&
      !FRACTION_WORD.test(words.slice(m.index + m.text.length)) &&
      !NOT_A_DAY_BEFORE.test(words.slice(Math.max(0, m.index - 16), m.index)),
  );
  const firm = mentions.find((m) => !m.relative);
  if (firm) return firm.date;
  const relative = mentions[0];
  return relative && anchor && strength === 'strong' && firmService(words) !== null ? relative.date : null;
}

function unreadOf(part: TextPart, words: string, written: string, line: number): UnreadLine | null {
  const strength = reportStrength(words);
  if (!strength) return null;
  const date = reportedDay(words, part.anchor, strength);
  if (!date) return null;
  return {
    part: part.part,
    line,
    text: quote(written),
    date,
    service: firmService(words),
    minutes: minutesIn(words),
    missed: MISSED_WORD.test(words),
  };
}

function unreadText(part: TextPart, covered: number[] | undefined, out: UnreadLine[], rows?: TableRows): void {
  for (const segment of segmentsOf(part, rows)) {
    if (out.length >= MAX_UNREAD) return;
    if (coveredWithin(covered, segment.first, segment.last)) continue;
    const written = segment.written.join(' ');
    const words = segment.read.join(' ');
    if (!reportStrength(words)) continue;
    if (Array.from(written).length <= MAX_QUOTE) {
      const found = unreadOf(part, words, written, segment.first);
      if (found) out.push(found);
      continue;
    }
    // A long paragraph: each sentence that reads like a report, on the line it starts.
    let from = 0;
    for (const sentence of sentencesOfLine(written)) {
      if (out.length >= MAX_UNREAD) return;
      const at = written.indexOf(sentence, from);
      from = at < 0 ? from : at + sentence.length;
      const found = unreadOf(part, normaliseCell(sentence), sentence, segment.first + lineOffset(segment, at));
      if (found) out.push(found);
    }
  }
}

/** Which line of the segment the character at `at` of its joined text is on. */
function lineOffset(segment: Segment, at: number): number {
  let end = 0;
  for (const [k, line] of segment.written.entries()) {
    end += line.length + 1;
    if (at < end) return k;
  }
  return 0;
}

/**
 * The rows, lines and sentences of the context that look like session reports and gave no
 * record of any list, tables first (a log pasted as text is told once, as its row).
 */
export function unreadLines(ctx: ReadingContext, extraction: ExtractionWithProvenance): UnreadLine[] {
  const covered = recordLines(extraction);
  const out: UnreadLine[] = [];
  for (const table of ctx.tables) unreadRows(table, covered.get(table.part), out);
  const rows = tableRowsOf(ctx.tables);
  for (const part of ctx.texts) {
    if (part.kind === 'attachment' && SPREADSHEET.test(part.part)) continue;
    unreadText(part, covered.get(part.part), out, rows.get(part.part));
  }
  return out.filter((line) => !toldElsewhere(line, extraction)).slice(0, MAX_UNREAD);
}

/**
 * The same fact read from another part (the parent's note says what the attendance notice says,
 * a closure explains the day): a session of that day and service, or a school closure over it.
 */
function toldElsewhere(line: UnreadLine, extraction: ExtractionWithProvenance): boolean {
  const day = line.date;
  if (day === null) return false;
  return (
    extraction.sessions.some((s) => s.date === day && (line.service === null || line.service === s.service)) ||
    extraction.dates.some((d) => d.type === 'school-closure' && d.date <= day && day <= (d.end ?? d.date))
  );
}

/** An attachment that could not be read at all, told under the same heading as the lines. */
export function unreadAttachment(filename: string, problem: ReadingProblem): UnreadLine {
  const text = quote(problemInEnglish(problem));
  return { part: filename, line: null, text, date: null, service: null, minutes: null, missed: false, problem };
}
