// Turns the dates a school message writes ("tomorrow", "Tuesday (9/29)", "Nov 23-27", "11/3/26")
// into calendar days, resolved against the day the words were written (the anchor).
//
// Rules (eval/EXTRACT.md):
// - "today" is the anchor, "tomorrow" anchor + 1, "yesterday" anchor - 1.
// - A bare weekday name in words about the past is the latest such day on or before the anchor;
//   in words about the future, the next such day after it. "last Monday" is always before the
//   anchor, "next Monday" always after it.
// - A weekday written beside a date ("Tuesday (9/29)", "Mon 9/14") is that date.
// - A date without a year ("9/29") takes the year that puts it nearest the anchor.
// - A range ("Nov 23-27", "11/23 - 11/27", "Dec 21 through Jan 1") gives start and end.
// Words that name no single day ("next week", "in November", a clock time) give nothing.
//
// Everything is plain calendar arithmetic on `YYYY-MM-DD` strings; no time zones are involved
// once the anchor is known.
import * as chrono from 'chrono-node';
import { addDays, DAY_MS, daysBetween, isoWeekday, mondayOf } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';
import { allMatches } from './all-matches';

export type Tense = 'past' | 'future';

export interface ResolveOptions {
  /** Tense of the words around the date; decides bare weekday names. Default: `tenseOf(text)`, else past. */
  tense?: Tense;
  /** Which year a date without one takes: nearest the anchor (default), or the first on/after or on/before it. */
  yearPreference?: 'nearest' | 'future' | 'past';
}

/** One date written in a text, resolved to calendar days. */
export interface DateMention {
  /** The words that named the date, as written. */
  text: string;
  /** Offset of those words in the text given. */
  index: number;
  date: IsoDate;
  /** Last day of a range, else null. */
  end: IsoDate | null;
  /** True where only a weekday name (or today/tomorrow/yesterday) named the day. */
  relative: boolean;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

// ---------- calendar arithmetic ----------

// A message's dates are read against one or two anchors and fall on a few hundred days, asked
// about thousands of times: the answers of the two helpers below are kept (dropped when too many).
const DAYS_KEPT = 4096;
const partsOfDay = new Map<string, Readonly<{ y: number; m: number; d: number }>>();
const daysOfParts = new Map<string, IsoDate | null>();

function parseIso(date: IsoDate): Readonly<{ y: number; m: number; d: number }> {
  const known = partsOfDay.get(date);
  if (known) return known;
  const [y, m, d] = date.split('-').map(Number);
  const parts = Object.freeze({ y: y ?? 1970, m: m ?? 1, d: d ?? 1 });
  if (partsOfDay.size >= DAYS_KEPT) partsOfDay.clear();
  partsOfDay.set(date, parts);
  return parts;
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  const key = `${year}|${month}|${day}`;
  const known = daysOfParts.get(key);
  if (known !== undefined) return known;
  const found = dayOfParts(year, month, day);
  if (daysOfParts.size >= DAYS_KEPT) daysOfParts.clear();
  daysOfParts.set(key, found);
  return found;
}

/** A year written with two figures ("26") is this century's. */
function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function dayOfParts(year: number, month: number, day: number): IsoDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return fromUtcMs(ms);
}

/** An ISO weekday (1 = Monday … 7 = Sunday) resolved by tense: past → latest on/before the anchor; future → next after it. */
export function resolveWeekday(weekday: number, anchor: IsoDate, tense: Tense): IsoDate {
  const a = isoWeekday(anchor);
  if (tense === 'past') return addDays(anchor, -((a - weekday + 7) % 7));
  const ahead = (weekday - a + 7) % 7;
  return addDays(anchor, ahead === 0 ? 7 : ahead);
}

/** A month/day without a year, placed in the year the preference picks around the anchor. */
export function placeMonthDay(
  month: number,
  day: number,
  anchor: IsoDate,
  preference: 'nearest' | 'future' | 'past' = 'nearest',
): IsoDate | null {
  const { y } = parseIso(anchor);
  const candidates = [y - 1, y, y + 1].map((year) => isoDate(year, month, day)).filter((d): d is IsoDate => d !== null);
  if (candidates.length === 0) return null;
  if (preference === 'future') return candidates.find((c) => c >= anchor) ?? null;
  if (preference === 'past') return [...candidates].reverse().find((c) => c <= anchor) ?? null;
  let best = candidates[0] ?? null;
  for (const c of candidates) {
    if (best === null || Math.abs(daysBetween(anchor, c)) < Math.abs(daysBetween(anchor, best))) best = c;
  }
  return best;
}

/** The dot at `i` joins a month and a day ("9.9 (Wed)") whose weekday, written after, is the day's. */
function dottedDayBeforeWeekday(text: string, i: number, anchor: IsoDate): boolean {
  const month = /(?:^|[^\d.,])(1[0-2]|0?[1-9])$/.exec(text.slice(Math.max(0, i - 4), i));
  const rest =
    /^(3[01]|[12]\d|0?[1-9])\s*\(?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)?(?![a-z])/i.exec(
      text.slice(i + 1, i + 20),
    ) ?? /^(3[01]|[12]\d|0?[1-9])\s*\((M|Tu|T|W|Th|R|F)\)/.exec(text.slice(i + 1, i + 20));
  if (!month || !rest) return false;
  const day = placeMonthDay(Number(month[1]), Number(rest[1]), anchor);
  return day !== null && isoWeekday(day) === weekdayOfName(rest[2] ?? '');
}

/** The ISO weekday of a day's name, short name or capital letter ("Wed", "Th", "R", "M"), else 0. */
export function weekdayOfName(name: string): number {
  const letters = LETTER_DAY[name.toLowerCase()];
  if (letters !== undefined) return letters;
  const lower = name.toLowerCase();
  return lower.length >= 3 ? WEEKDAYS.findIndex((w) => w.startsWith(lower.slice(0, 3))) + 1 : 0;
}

// ---------- tense ----------

const FUTURE_WORDS =
  /\b(will|won't|wont|shall|going to|tomorrow|upcoming|next|scheduled for|is scheduled|are scheduled|plan to|planning|see you|looking forward|coming up|reminder|let's|lets meet|will be|can we|could we|would like to meet|are you available|is set for|set for)\b|'ll\b/i;
const PAST_WORDS =
  /\b(was|were|did|didn't|had|hadn't|yesterday|last|ago|missed|attended|worked|completed|held|met|went|came|ate|spent|practiced|received|signed|absent|this past|talked|discussed|agreed|decided)\b/i;

/** Closure words with the day they close after them ("no school Monday", "there's no school Thu/Fri"). */
const CLOSED_DAY_AFTER =
  /\bno\s+(?:school|classes)\s+(?:on\s+|this\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri)[a-z]*\b(?!\s*\.?\s*\d)/i;

/**
 * The tense of a sentence, where its verbs show none taking a day without school stated without a
 * verb that tells when ("no school Monday!", "since there's no school Wednesday through Friday") as
 * an announcement of the coming day, whatever the mail around it tells of the past. A log line
 * naming the day first ("Monday - no school") is not one.
 */
export function tenseOrClosureAhead(text: string): Tense | null {
  return tenseOf(text) ?? (CLOSED_DAY_AFTER.test(text) ? 'future' : null);
}

/** The tense of a sentence as its verbs and time words show it, or null where it does not show. */
export function tenseOf(text: string): Tense | null {
  const f = FUTURE_WORDS.exec(text);
  const p = PAST_WORDS.exec(text);
  if (f && !p) return 'future';
  if (p && !f) return 'past';
  if (f && p) return f.index <= p.index ? 'future' : 'past';
  return null;
}

// ---------- normalisation that keeps offsets ----------

interface Normalised {
  text: string;
  /** Original offset of each normalised character. */
  map: number[];
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Dashes that chrono misses become " - "; "through"/"thru"/"until" between dates become " - ". */
function normalise(text: string, anchor?: IsoDate): Normalised {
  let out = '';
  const map: number[] = [];
  const push = (s: string, at: number) => {
    out += s;
    for (let k = 0; k < s.length; k++) map.push(at);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '–' || c === '—' || c === '−') {
      push(' - ', i);
      continue;
    }
    // "Mon 11.2", "Thu. 10.15": a month and day written with a dot after a weekday (never a decimal).
    if (
      c === '.' &&
      /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+\d{1,2}$/i.test(
        text.slice(Math.max(0, i - 16), i),
      ) &&
      /^\d{1,2}(?![\d.]\d)/.test(text.slice(i + 1, i + 4))
    ) {
      push('/', i);
      continue;
    }
    // "9.9 (Wed)", "10.15 Thu": a month and day with a dot, the weekday after it agreeing (a score,
    // "2.5 Wed", seldom falls on its weekday).
    if (c === '.' && anchor && dottedDayBeforeWeekday(text, i, anchor)) {
      push('/', i);
      continue;
    }
    // "Tues": chrono knows "Tue" and "Tuesday" only; the case stays as written (a lowercase short name is no day).
    if (
      (c === 's' || c === 'S') &&
      /\btue$/i.test(text.slice(Math.max(0, i - 4), i)) &&
      !/^[\p{L}\p{N}]/u.test(text[i + 1] ?? '')
    ) {
      push(' ', i);
      continue;
    }
    if (c === '-' && isDigit(text[i + 1])) {
      // "11/26-27": a range within the month of the slash date before it.
      const before = /(\d{1,2})\/\d{1,2}$/.exec(text.slice(Math.max(0, i - 5), i));
      const afterDay = /^(\d{1,2})(?![\d/])/.exec(text.slice(i + 1, i + 4));
      if (before && afterDay) {
        push(` - ${before[1]}/`, i);
        continue;
      }
      // "11/23-11/27": a slash date before the dash (but not an ISO date's own dashes).
      let j = i - 1;
      while (j >= 0 && isDigit(text[j])) j--;
      if (j < i - 1 && text[j] === '/') {
        push(' - ', i);
        continue;
      }
      // "Nov 23rd-25th"
      if (/(st|nd|rd|th)$/i.test(text.slice(Math.max(0, i - 2), i))) {
        push(' - ', i);
        continue;
      }
    }
    push(c, i);
  }
  map.push(text.length);
  return { text: maskDurations(out), map };
}

const DURATION = /\b(?:(?:last|past|next|for)\s+)?\d+\s+(?:days?|weeks?|months?|years?)\b/gi;

/**
 * "this week Tuesday": the week before its day only says the day is this week's, which a weekday
 * read by tense already is; chrono would read the two as one vague date and drop the day.
 */
const THIS_WEEK_BEFORE_DAY = /\bthis\s+week,?\s+(?=(?:mon|tues|wednes|thurs|fri)day\b)/gi;

/** "the last 3 days", "2 weeks" name spans, not days: blanked so chrono does not read them as dates. */
function maskDurations(text: string): string {
  return text.replace(DURATION, (m) => ' '.repeat(m.length)).replace(THIS_WEEK_BEFORE_DAY, (m) => ' '.repeat(m.length));
}

// ---------- mentions ----------

const EXPLICIT_DATE =
  /\d{1,2}\/\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const RELATIVE_DAY = /\b(today|tonight|this morning|this afternoon|this evening|tomorrow|yesterday)\b/i;
const WEEKDAY_WORD = /\b(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(day|sday|nesday|rsday|urday)?\b\.?/i;
const WEEKDAY_AS_NAME =
  /^\s*(folders?|envelopes?|binders?|packets?|newsletters?|bags?|notes?|schedules?|routines?|clubs?)\b/i;
/** What follows a score or a count, not a date: "4/5 questions", "3/4 opps w/o prompt", "8/10 "why" questions". */
const NOT_A_DATE_AFTER =
  /^\s*(?:hours?|hrs?|of\b|days?\b|inch|cups?|mile)|^\s*(?:["\u201c'][^"\u201d']{0,16}["\u201d']\s*)?(?:questions?|trials?|opps?\b|opportunities|correct|accuracy|items?|words?|attempts?|targets?|prompts?|goals?|times\b|tries|sounds?|responses?|answers?)/i;

function componentDate(
  c: chrono.ParsedComponents,
  anchor: IsoDate,
  preference: 'nearest' | 'future' | 'past',
): IsoDate | null {
  const month = c.get('month');
  const day = c.get('day');
  if (month === null || day === null) return null;
  if (c.isCertain('year')) {
    const year = c.get('year');
    return year === null ? null : isoDate(year, month, day);
  }
  return placeMonthDay(month, day, anchor, preference);
}

function weekdayModifier(before: string): 'last' | 'next' | 'this' | null {
  const m = /\b(last|next|this|coming|past)\s*$/i.exec(before);
  if (!m) return null;
  const w = (m[1] ?? '').toLowerCase();
  if (w === 'last' || w === 'past') return 'last';
  if (w === 'next' || w === 'coming') return 'next';
  return 'this';
}

function weekdayDate(
  weekday: number,
  modifier: 'last' | 'next' | 'this' | null,
  anchor: IsoDate,
  tense: Tense,
): IsoDate {
  if (modifier === 'last') {
    const back = (isoWeekday(anchor) - weekday + 7) % 7;
    return addDays(anchor, -(back === 0 ? 7 : back));
  }
  if (modifier === 'next') return resolveWeekday(weekday, anchor, 'future');
  if (modifier === 'this' && tense === 'future') {
    const ahead = (weekday - isoWeekday(anchor) + 7) % 7;
    return addDays(anchor, ahead);
  }
  return resolveWeekday(weekday, anchor, tense);
}

/** chrono numbers weekdays from Sunday = 0; days here are ISO (Sunday = 7). */
function isoFromChrono(weekday: number): number {
  return weekday === 0 ? 7 : weekday;
}

/** The ISO weekday a weekday word names. */
function weekdayNumber(text: string): number | null {
  const m = WEEKDAY_WORD.exec(text);
  if (!m) return null;
  const stem = (m[1] ?? '').toLowerCase().slice(0, 3);
  const i = WEEKDAYS.findIndex((w) => w.startsWith(stem));
  return i < 0 ? null : i + 1;
}

/**
 * Every date the text names, in order, resolved against `anchor`.
 * Give it one sentence or line at a time so the tense is the sentence's own.
 */
export function findDateMentions(text: string, anchor: IsoDate, options: ResolveOptions = {}): DateMention[] {
  if (text.length === 0 || !DATE_HINT.test(text)) return [];
  // The same sentence is read by several rules: remember the last few answers.
  const key = `${anchor}|${options.tense ?? ''}|${options.yearPreference ?? ''}|${text}`;
  const known = recent.get(key);
  if (known) return known.map((m) => ({ ...m }));
  const found = mentionsOf(text, anchor, options);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(key, found);
  return found.map((m) => ({ ...m }));
}

const RECENT_LIMIT = 512;
const recent = new Map<string, DateMention[]>();
/** Text that names no day has a digit, a weekday, a month or a relative-day word somewhere; else chrono is skipped. */
const DATE_HINT =
  /\d|\b(today|tonight|tomorrow|yesterday|this (morning|afternoon|evening)|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/**
 * What a text must hold for `mentionsOf` to keep any of chrono's results: a relative day, an
 * explicit date or a weekday (chrono gives a weekday without a day only for a weekday name,
 * "weekend" or "weekday"). The tests on each result's text below, without their word boundaries,
 * so that whatever matches inside a result matches the whole text. Without one, every result
 * would be dropped, so chrono is not run.
 */
const USABLE_CUE =
  /today|tonight|this morning|this afternoon|this evening|tomorrow|yesterday|\d{1,2}\/\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|sun|mon|tue|wed|thu|fri|sat|weekend|weekday/i;

/**
 * chrono's reading of a text (normalised) against an anchor, whatever the rule's tense and year
 * preference: the rules read one sentence with several options, chrono runs once for them all.
 */
const chronoReadings = new Map<string, { norm: Normalised; results: chrono.ParsedResult[] } | null>();

function chronoParse(text: string, anchor: IsoDate): { norm: Normalised; results: chrono.ParsedResult[] } | null {
  const key = `${anchor}|${text}`;
  const known = chronoReadings.get(key);
  if (known !== undefined) return known;
  const norm = normalise(text, anchor);
  const { y, m, d } = parseIso(anchor);
  let reading: { norm: Normalised; results: chrono.ParsedResult[] } | null;
  try {
    const usable = USABLE_CUE.test(norm.text);
    reading = { norm, results: usable ? chrono.parse(norm.text, new Date(y, m - 1, d, 12, 0, 0)) : [] };
  } catch {
    reading = null;
  }
  if (chronoReadings.size >= RECENT_LIMIT) chronoReadings.clear();
  chronoReadings.set(key, reading);
  return reading;
}

function mentionsOf(text: string, anchor: IsoDate, options: ResolveOptions): DateMention[] {
  const bounded = text.length > 4000 ? text.slice(0, 4000) : text;
  const statedTense = options.tense ?? tenseOf(bounded);
  const tense: Tense = statedTense ?? 'past';
  const preference = options.yearPreference ?? 'nearest';
  const parsed = chronoParse(bounded, anchor);
  if (!parsed) return [];
  const { norm, results } = parsed;
  const mentions: DateMention[] = [];
  for (let k = 0; k < results.length; k++) {
    const r = results[k];
    if (!r) continue;
    const start = r.start;
    const after = norm.text.slice(r.index + r.text.length, r.index + r.text.length + 30);
    const index = norm.map[r.index] ?? 0;
    const endIndex = norm.map[r.index + r.text.length] ?? bounded.length;
    const written = bounded.slice(index, endIndex);
    if (RELATIVE_DAY.test(r.text)) {
      const word = (RELATIVE_DAY.exec(r.text)?.[1] ?? '').toLowerCase();
      const offset = word === 'tomorrow' ? 1 : word === 'yesterday' ? -1 : 0;
      mentions.push({ text: written, index, date: addDays(anchor, offset), end: null, relative: true });
      continue;
    }
    if (start.isCertain('day') && start.isCertain('month') && EXPLICIT_DATE.test(r.text)) {
      if (/^\d{1,2}\/\d{1,2}$/.test(r.text.trim()) && NOT_A_DATE_AFTER.test(after)) continue;
      // "rated 4.9/5", "scored 3.5/4": a decimal over its scale, not a month and day.
      if (/^\d{1,2}\/\d{1,2}$/.test(r.text.trim()) && /\d\.$/.test(norm.text.slice(Math.max(0, r.index - 2), r.index)))
        continue;
      const date = componentDate(start, anchor, preference);
      if (date === null) continue;
      let end: IsoDate | null = null;
      if (r.end) {
        end = componentDate(r.end, date, 'future');
        if (end !== null && end < date) end = null;
        if (end === date) end = null;
      }
      mentions.push({ text: written, index, date, end, relative: false });
      continue;
    }
    if (start.isCertain('weekday') && !start.isCertain('day')) {
      // "Tuesday (9/29)": the date beside the weekday decides.
      const next = results[k + 1];
      if (next?.start.isCertain('day') && onlySpaceBetween(norm.text, r.index + r.text.length, next.index)) continue;
      // "11/24/2026<TAB>Tue", "9/7    Mon" (a log's Date and Day columns): the date before the weekday decides too.
      const previous = results[k - 1];
      if (
        previous?.start.isCertain('day') &&
        onlySpaceBetween(norm.text, previous.index + previous.text.length, r.index)
      )
        continue;
      const chronoWeekday = start.get('weekday');
      if (chronoWeekday === null) continue;
      // "her Friday folder", "the Monday newsletter": a weekday naming a thing, not a day.
      if (WEEKDAY_AS_NAME.test(after)) continue;
      // "Sam sat with", "the sun": a short weekday name counts only when written with a capital.
      const token = WEEKDAY_WORD.exec(r.text)?.[0] ?? '';
      if (!/day\.?$/i.test(token) && /^[a-z]/.test(token)) continue;
      // "every Tuesday", "Tuesday mornings": a recurring schedule, not a day.
      if (/\b(every|each)\s+$/i.test(norm.text.slice(Math.max(0, r.index - 7), r.index))) continue;
      if (/^\s*(mornings|afternoons|evenings|nights)\b/i.test(after)) continue;
      const wd = weekdayNumber(r.text) ?? isoFromChrono(chronoWeekday);
      const before = norm.text.slice(Math.max(0, r.index - 12), r.index);
      const modifier = weekdayModifier(before) ?? weekdayModifier(r.text.replace(WEEKDAY_WORD, ''));
      const date = weekdayDate(wd, modifier, anchor, tense);
      let end: IsoDate | null = null;
      const endWeekday = r.end?.get('weekday');
      if (r.end && endWeekday !== null && endWeekday !== undefined) {
        const span = (isoFromChrono(endWeekday) - wd + 7) % 7;
        end = span === 0 ? null : addDays(date, span);
      }
      mentions.push({ text: written, index, date, end, relative: true });
    }
  }
  const ordinals = ordinalDays(bounded, anchor, statedTense);
  if (ordinals.length === 0) return mentions;
  const kept = mentions.filter(
    (mention) =>
      !ordinals.some((o) => mention.index < o.index + o.text.length && o.index < mention.index + mention.text.length),
  );
  return [...kept, ...ordinals].sort((a, b) => a.index - b.index);
}

/** Two readings side by side: at most three characters apart, or only white space between (columns). */
function onlySpaceBetween(text: string, from: number, to: number): boolean {
  return to - from <= 3 || (to - from <= 12 && /^\s+$/.test(text.slice(from, to)));
}

const ORDINAL_DAY =
  /\b(?:(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:grade|grader|graders|period|hour|floor|place|time|row|century|percentile)\b)/gi;

/**
 * "Tuesday 29": a weekday with a bare day of the month (the way Spanish writes "el martes 29"), the
 * month being the nearby one whose 29th is a Tuesday. Not a count ("Tuesday 3 students", "Monday 30 minutes").
 */
const WEEKDAY_DAY =
  /\b(sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)(?:day|sday|nesday|rsday|urday)?\.?,?\s+()(\d{1,2})\b(?!\s*(?:[:/%]|\.\d|-\d|st\b|nd\b|rd\b|th\b|[ap]\.?m\b|x\b|minutes?|mins?\b|hours?|hrs?\b|sessions?|students?|kids|children|times|of\b))/gi;

/** "on the 15th", "Thursday the 19th", "Tuesday 29": a day of the month without the month, placed around the anchor. */
function ordinalDays(text: string, anchor: IsoDate, tense: Tense | null): DateMention[] {
  const found: DateMention[] = [];
  const { y, m } = parseIso(anchor);
  const matches = [...allMatches(text, ORDINAL_DAY), ...allMatches(text, WEEKDAY_DAY)];
  for (const match of matches) {
    const day = Number(match[2] || match[3]);
    const candidates: IsoDate[] = [];
    for (let k = -1; k <= 1; k++) {
      const month = ((m - 1 + k + 12) % 12) + 1;
      const year = y + (m - 1 + k < 0 ? -1 : m - 1 + k > 11 ? 1 : 0);
      const date = isoDate(year, month, day);
      if (date) candidates.push(date);
    }
    let date: IsoDate | undefined;
    const weekday = match[1] ? weekdayNumber(match[1]) : null;
    // A bare "Tuesday 29" counts only where a nearby month's 29th is a Tuesday.
    if (match[3] && weekday === null) continue;
    if (weekday !== null) {
      const fitting = candidates.filter((c) => isoWeekday(c) === weekday);
      date = fitting.sort((a, b) => Math.abs(daysBetween(anchor, a)) - Math.abs(daysBetween(anchor, b)))[0];
    } else if (tense === 'future') {
      date = candidates.find((c) => c >= anchor);
    } else if (tense === 'past') {
      date = [...candidates].reverse().find((c) => c <= anchor);
    } else {
      date = [...candidates].sort((a, b) => Math.abs(daysBetween(anchor, a)) - Math.abs(daysBetween(anchor, b)))[0];
    }
    if (date) found.push({ text: match[0], index: match.index ?? 0, date, end: null, relative: false });
  }
  return found;
}

// ---------- a named week and its day letters ----------

const WEEK_OF = /\b(?:the\s+)?week\s+of\s+((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?/gi;
const THIS_WEEK = /\b(?:this|this past|all)\s+week\b/i;

/**
 * The Monday of the week a text names: "week of 11/16" (also "wk of" once normalised), else the
 * anchor's own week where the text says "this week" or "all week". Null where it names none, or a
 * week still to come.
 */
export function namedWeek(text: string, anchor: IsoDate): IsoDate | null {
  const bounded = text.slice(0, 4000);
  for (const m of allMatches(bounded, WEEK_OF)) {
    const at = (m.index ?? 0) + m[0].length;
    // The week's day ends its line: what the next line starts with is no part of it.
    const rest = bounded.slice(at, at + 24).split('\n')[0] ?? '';
    const day = findDateMentions(rest, anchor).find((d) => !d.relative && d.index === 0);
    if (!day) continue;
    const monday = mondayOf(day.date);
    return monday <= anchor ? monday : null;
  }
  return THIS_WEEK.test(bounded) ? mondayOf(anchor) : null;
}

const DAY_LETTER = '(?:Mon|Mo|M|Tues|Tue|Tu|T|Wed|We|W|Thurs|Thur|Thu|Th|R|Fri|Fr|F)';
/** Day letters joined by slashes ("M/T/Th/F", "M/W/F", "T/Th"): at least two, written with capitals. */
const DAY_LETTERS = new RegExp(`(?<![\\p{L}\\p{N}/])${DAY_LETTER}(?:/${DAY_LETTER})+(?![\\p{L}\\p{N}/])`, 'gu');
const OPENING_DAY_LETTERS = new RegExp(
  `^\\s*(?:[•\\-*·▪◦‣]\\s*)?${DAY_LETTER}(?:/${DAY_LETTER})+(?![\\p{L}\\p{N}/])`,
  'u',
);

/** A line that opens with day letters ("M/W/F 9:00-9:30 push-in ..."): a dated line of a log or a schedule. */
export function opensWithDayLetters(line: string): boolean {
  return OPENING_DAY_LETTERS.test(line);
}
const LETTER_DAY: Record<string, number> = { m: 1, mo: 1, mon: 1, t: 2, tu: 2, tue: 2, tues: 2, w: 3, we: 3, wed: 3 };
Object.assign(LETTER_DAY, { th: 4, thu: 4, thur: 4, thurs: 4, r: 4, f: 5, fr: 5, fri: 5 });

/**
 * The days that day letters name in a known week ("50 min M/T/Th/F" in the week of 11/16): each
 * day up to the anchor. Without a week they name a schedule, not days, and give nothing.
 */
export function dayLetterDates(text: string, monday: IsoDate | null, anchor: IsoDate): DateMention[] {
  if (monday === null || !text.includes('/')) return [];
  const found: DateMention[] = [];
  for (const m of allMatches(text, DAY_LETTERS)) {
    const days = m[0].split('/').map((letters) => LETTER_DAY[letters.toLowerCase()] ?? 0);
    if (new Set(days).size !== days.length) continue;
    for (const weekday of days) {
      const date = addDays(monday, weekday - 1);
      if (date <= anchor) found.push({ text: m[0], index: m.index ?? 0, date, end: null, relative: true });
    }
  }
  return found;
}

/** The first date the text names, or null. */
export function resolveDate(text: string, anchor: IsoDate, options: ResolveOptions = {}): IsoDate | null {
  return findDateMentions(text, anchor, options)[0]?.date ?? null;
}

const ISO_CELL = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * A table cell that holds a date: an XLSX Date, an Excel serial number, or text ("9/14",
 * "Mon 9/14", "2026-09-14", "Sept 14"). Dates without a year are placed nearest the anchor.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Short day cells of logs: "24-Aug", "Aug-24", "24-Aug (M)", "9.2", "Wed 9.2". A weekday written
 * beside the day (in brackets or before it) is dropped: the day decides.
 */
function shortDateCell(text: string, anchor: IsoDate | null): IsoDate | null {
  if (anchor === null) return null;
  const weekdayAndDay = WEEKDAY_AND_DAY.exec(text);
  if (weekdayAndDay) return dayOfMonthOnWeekday(Number(weekdayAndDay[2]), weekdayAndDay[1] ?? '', anchor);
  const bare = text
    .replace(/\s*\((?:[a-z]{1,3}|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)\s*$/i, '')
    .replace(/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .trim();
  const dayMonth = /^(\d{1,2})[-\s]?([a-z]{3})[a-z]*\.?(?:[-\s](\d{2}|\d{4}))?$/i.exec(bare);
  const monthDay = /^([a-z]{3})[a-z]*\.?-(\d{1,2})$/i.exec(bare);
  const dotted = /^(\d{1,2})\.(\d{1,2})$/.exec(bare);
  // "Mon 9-14": a hyphen between month and day, read as a day only where a weekday stands beside it.
  const hyphened = bare !== text ? /^(\d{1,2})-(\d{1,2})$/.exec(bare) : null;
  const monthThenDay = dotted ?? hyphened;
  let month = 0;
  let day = 0;
  if (dayMonth) {
    month = MONTHS.indexOf((dayMonth[2] ?? '').toLowerCase()) + 1;
    day = Number(dayMonth[1]);
    const year = dayMonth[3] === undefined ? null : Number(dayMonth[3]);
    if (year !== null) return month < 1 ? null : isoDate(fullYear(year), month, day);
  } else if (monthDay) {
    month = MONTHS.indexOf((monthDay[1] ?? '').toLowerCase()) + 1;
    day = Number(monthDay[2]);
  } else if (monthThenDay) {
    month = Number(monthThenDay[1]);
    day = Number(monthThenDay[2]);
  } else if (bare !== text) {
    return dateFromCell(bare, anchor);
  }
  if (month < 1 || day < 1) return null;
  return placeMonthDay(month, day, anchor);
}

/** "Mon 2", "Thu 5": a weekday and a day of the month, no month. */
const WEEKDAY_AND_DAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+(\d{1,2})$/i;

/**
 * The day of the month that falls on the weekday written beside it, in the anchor's month or the
 * one before or after (the nearest); null where none of them has that day on that weekday.
 */
function dayOfMonthOnWeekday(day: number, weekday: string, anchor: IsoDate): IsoDate | null {
  const wanted = weekdayOfName(weekday);
  const { y, m } = parseIso(anchor);
  const fits: IsoDate[] = [];
  for (const offset of [0, -1, 1]) {
    const month = ((m - 1 + offset + 12) % 12) + 1;
    const year = y + Math.floor((m - 1 + offset) / 12);
    const date = isoDate(year, month, day);
    if (date && isoWeekday(date) === wanted) fits.push(date);
  }
  const distance = (d: IsoDate) => Math.abs(daysBetween(anchor, d));
  return fits.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/** A cell naming only a weekday ("M", "Th", "Wed") in a week the table or its mail names: that day of the week. */
export function weekdayInWeek(cell: string, monday: IsoDate): IsoDate | null {
  const weekday = LETTER_DAY[cell.trim().replace(/\.$/, '').toLowerCase()];
  return weekday === undefined ? null : addDays(monday, weekday - 1);
}

export function dateFromCell(cell: string | number | Date | null, anchor: IsoDate | null): IsoDate | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return null;
    // Date cells are midnight somewhere; noon UTC of that instant's neighbourhood is the day.
    return fromUtcMs(ms + 12 * 3_600_000).slice(0, 10);
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 20_000 || cell > 80_000) return null;
    return fromUtcMs(Date.UTC(1899, 11, 30) + Math.floor(cell) * DAY_MS);
  }
  // A cell that adds a clock time or a span of them ("… 10:05 AM – 10:25 AM") is that day too.
  const text = cell
    .trim()
    .replace(
      /[\sT]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:-|\u2013|\u2014|to)\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?$/i,
      '',
    );
  if (text.length === 0 || text.length > 60) return null;
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return dateFromCell(Number(text), anchor);
  const short = shortDateCell(text, anchor);
  if (short) return short;
  const iso = ISO_CELL.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // "10-13-26", "10-13-2026": month, day and year apart by hyphens.
  const hyphenedYear = /^(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})$/.exec(text);
  if (hyphenedYear) {
    return isoDate(fullYear(Number(hyphenedYear[3])), Number(hyphenedYear[1]), Number(hyphenedYear[2]));
  }
  const slash = /^(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(text);
  if (slash) {
    const month = Number(slash[1]);
    const day = Number(slash[2]);
    if (slash[3] !== undefined) {
      return isoDate(fullYear(Number(slash[3])), month, day);
    }
    return anchor === null ? null : placeMonthDay(month, day, anchor);
  }
  if (anchor === null) return null;
  const found = findDateMentions(text, anchor).find((mention) => !mention.relative);
  return found?.date ?? null;
}
