// Sessions stated in prose: "On Tuesday (9/8) I saw her individually in the speech room for 30
// minutes", "Today's group session did not happen", "no OT tomorrow, I'm out sick".
//
// The text is read unit by unit (a bullet or dated line, else a paragraph's sentences), clause by
// clause. A clause gives a session when it states what happened (delivered, missed, made up) on
// a day it names or inherits from its line, for a service it, its sentence, its line or the
// message names. Promises, plans, questions and recurring schedules give nothing.
import { addDays, daysBetween, isoWeekday, isWeekend } from '../calendar/iso-days';
import type { Delivery, IsoDate, Location, MissedReason, ServiceCode, Session, SessionStatus } from '../records/types';
import { allMatches } from './all-matches';
import { clockSpanMinutes, withoutEventTimes, withoutUnitLength } from './clock-spans';
import { BULLET_PREFIX, LIST_ITEM } from './list-marks';
import { findPhrases, hasPhrase, startsWithPhrase, type WordText, wordText } from './match-phrases';
import type { Finding, TextPart } from './reading-context';
import {
  type DateMention,
  dayLetterDates,
  findDateMentions,
  namedWeek,
  opensWithDayLetters,
  type Tense,
  tenseOrClosureAhead,
  weekdayOfName,
} from './resolve-dates';
import {
  findServiceMentions,
  locationFromServiceWords,
  opensWithSubject,
  providersIntroduced,
  type ServiceMention,
  serviceOfPersonNamed,
  subjectsDenied,
  subjectsOpening,
  tiesToSpecialEducation,
} from './service-words';
import { deliveryFromWords, locationFromWords, reasonFromWords, sessionVocabulary } from './session-vocabulary';
import { requestIn } from './written-requests';

/** What the whole message tells that single sentences lean on. */
export interface MessageFacts {
  /** The one service the message is about (subject, text, signature), or null where it names none or several. */
  defaultService: ServiceCode | null;
  /** The one service the subject line names ("OT log for October"), or null. */
  subjectService: ServiceCode | null;
  /**
   * The room the message's own name for its one service states ("RR math", "resource reading"),
   * for held sessions whose lines say no place; null where any naming of it states none.
   */
  defaultLocation: Location | null;
  /**
   * The one service the author's own text names, even once ("Jane Doe, CCC-SLP" in a signature), or
   * null: the discipline of whoever sends a log whose rows name no service.
   */
  authorService: ServiceCode | null;
  /** True where the message ties conditional words (dyslexia instruction) to special education. */
  specialEducation: boolean;
  /** True where the message calls the aide 1:1, one-on-one or individual. */
  aideIndividual: boolean;
  /** A reason the subject line states ("STAAR testing next week"), for missed sessions that state none. */
  subjectReason: MissedReason | null;
  /** The subject line, which may name the week the message is about ("notes wk of 11/16"). */
  subject: string;
  /** People the message introduces by their service ("his 1:1 assistant, Mr. Dabney"), by surname. */
  providers: Map<string, ServiceCode>;
}

const MAX_TEXT = 100_000;
const MAX_UNIT = 4_000;

interface Unit {
  paragraph: number;
  line: number;
  /** Columns of white space before the line's first mark: how deep a list item sits. */
  indent: number;
  /** The day a dated line is about ("Tuesday (9/29): ..."), else null. */
  head: IsoDate | null;
  text: string;
  /** Which of the items a line joins by bars this is ("Reading ✅ | Math ✅"); 0 for a whole line. */
  item: number;
}

interface Clause {
  text: string;
  words: WordText;
  dates: DateMention[];
}

interface Sentence {
  text: string;
  words: WordText;
  clauses: Clause[];
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'sr',
  'jr',
  'prof',
  'approx',
]);
const RELATIVE_DAY = /\b(today|this morning|this afternoon|this evening|tonight|yesterday|tomorrow)\b/gi;
const ONLY_RELATIVE_DAY = /^\s*(?:today|this morning|this afternoon|this evening|tonight|yesterday|tomorrow)\s*$/i;
/** "30 minutes", "30-min", "20 min.", and in a terse log "20m" (the letter right after the figure). */
const MINUTES = /(\d{1,3})(?:\s*-?\s*(?:minutes?|mins?\b|min\.)|m\b)/i;
const SCHEDULED_MINUTES =
  /(\d{1,3})\s*-?\s*(?:minutes?|mins?\.?)?\s*(?:scheduled|sched\.?)|\b(?:scheduled|sched\.?)(?:\s+for)?\s+(\d{1,3})\s*-?\s*(?:minutes?|mins?\b|min\.)/i;

const WROTE = /^\s*On\s.{6,200}\bwrote:\s*$/i;
const ORIGINAL = /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i;

/** A reply's quoted history the reader left in place: "On ... wrote:", "-----Original Message-----", an Outlook From:/Sent: block. */
function startsHistory(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  if (WROTE.test(line) || ORIGINAL.test(line)) return true;
  if (!/^\s*From:\s+\S/.test(line)) return false;
  for (let k = i + 1; k <= i + 3 && k < lines.length; k++) if (/^\s*Sent:\s+\S/.test(lines[k] ?? '')) return true;
  return false;
}

function clean(line: string): string {
  return line.replace(/[\u200b\ufeff]/g, '');
}

const NOTE_DATE_FIELD =
  /\b(?:DOS|D\.O\.S\.|date of service|service date|session date|date of session|visit date|date of visit)\s*[:#\-\u2013]?\s*/i;

const SERVICE_FIELD = /\b(?:svc|service|discipline)\s*:\s*/i;

const LABEL = /^\s*[A-Za-z][A-Za-z/&'’.-]*(?:\s+[A-Za-z][A-Za-z/&'’.-]*){0,3}:\s/;

function startsUnit(line: string): boolean {
  return LIST_ITEM.test(line) || line.includes('\t') || LABEL.test(line);
}

/** Splits a part into units: bullets and tab rows stand alone, other lines join their paragraph. */
function unitsOf(text: string): Array<Omit<Unit, 'head'>> {
  const lines = text.slice(0, MAX_TEXT).split(/\r?\n/);
  const units: Array<Omit<Unit, 'head'>> = [];
  let paragraph = 0;
  let current: Omit<Unit, 'head'> | null = null;
  for (const [i, raw] of lines.entries()) {
    if (startsHistory(lines, i)) break;
    // The reader unquotes forwards; a line still quoted is history under a reply: not read again.
    const line = /^\s*>/.test(raw) ? '' : clean(raw);
    if (line.trim() === '') {
      if (current) units.push(current);
      current = null;
      paragraph++;
      continue;
    }
    // A heading ("SLP (D. Rowe)") over dated lines starts its own unit.
    const heading = looksDated(lines[i + 1] ?? '') && isHeading(line.trim());
    if (current && !startsUnit(line) && !looksDated(line) && !heading && current.text.length < MAX_UNIT) {
      current.text += ` ${line.trim()}`;
      continue;
    }
    if (current) units.push(current);
    current = { paragraph, line: i + 1, indent: line.length - line.trimStart().length, text: line.trim(), item: 0 };
  }
  if (current) units.push(current);
  return units;
}

const DATED_START = new RegExp(
  String.raw`^\s*${BULLET_PREFIX}(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?|today|yesterday|tomorrow|\d{1,2}\/\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\b`,
  'i',
);

/** A delivery word a terse log line opens with before its day ("IND Mon 11/9 - 30 min", normalised "individual Mon 11/9"). */
const DELIVERY_LEAD = /^(\s*(?:[•\-*·▪◦‣]\s*)?)((?:individual|small group|group|pair)\s+)/i;

/**
 * A date with its day's capital letter, as itinerant logs write them: "M 8/31", "Th 9/3" (the
 * letter before a slash date) or "8.31 (M)" (after a dotted one); the date reader checks the two agree.
 */
const LETTER_DATED_START = new RegExp(
  String.raw`^\s*${BULLET_PREFIX}(?:(?:M|Tu|T|W|Th|R|F)\.?\s+\d{1,2}\/\d{1,2}\b|\d{1,2}\.\d{1,2}\s*\((?:M|Tu|T|W|Th|R|F)\))`,
);

/** A numeric date, alone or after its weekday, that a log line names right after its service ("OT 3/9 ...", "PT Tue 3/9 ..."). */
const NUMERIC_DATE_START = /^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri)[a-z]*\.?,?\s+)?\d{1,2}\/\d{1,2}\b/i;

/**
 * The service a log line opens with before its numeric date ("speech therapy 3/9 20m individual"),
 * with the space after it; '' where the line opens otherwise.
 */
function serviceLead(text: string): string {
  const start = BULLET_START.exec(text)?.[0].length ?? 0;
  const first = findServiceMentions(text.slice(start, start + 60))[0];
  if (first?.start !== 0) return '';
  const gap = /^\s+/.exec(text.slice(start + first.end))?.[0] ?? '';
  if (!gap || !NUMERIC_DATE_START.test(text.slice(start + first.end + gap.length))) return '';
  return text.slice(start, start + first.end + gap.length);
}

const BULLET_START = new RegExp(String.raw`^\s*${BULLET_PREFIX}`);

function looksDated(line: string): boolean {
  const lead = serviceLead(line);
  const body = lead ? line.replace(lead, '') : line.replace(DELIVERY_LEAD, '$1');
  return DATED_START.test(body) || LETTER_DATED_START.test(body) || opensWithDayLetters(body);
}

const DAY_LETTER_WORD = /(?<![\p{L}\p{N}])(M|Tu|T|W|Th|R|F)\.?(?![\p{L}\p{N}])/gu;

/** The day letter beside a date ("M 8/31", "9.2 (W)") is the date's own where it names its weekday. */
function withoutAgreeingDayLetter(text: string, date: IsoDate): string {
  return text.replace(DAY_LETTER_WORD, (letter, name: string) =>
    weekdayOfName(name) === isoWeekday(date) ? ' '.repeat(letter.length) : letter,
  );
}

/** The date a line opens with ("Tuesday (9/29):", "Tues 11/10 -", "Monday –"), and where the rest starts. */
function headOf(text: string, anchor: IsoDate): { head: IsoDate | null; rest: string } {
  const stripped = text.replace(LIST_ITEM, '');
  // The delivery word before the day stays with what the line says.
  const lead = serviceLead(stripped) || (DELIVERY_LEAD.exec(stripped)?.[2] ?? '');
  const found = headAfterLead(stripped.slice(lead.length), anchor);
  return found.head ? { head: found.head, rest: `${lead}${found.rest}` } : { head: null, rest: stripped };
}

function headAfterLead(body: string, anchor: IsoDate): { head: IsoDate | null; rest: string } {
  if (!looksDated(body)) return { head: null, rest: body };
  // The day followed by a colon or a dash ("Tuesday (9/29): ...", "Tues 11/10 - ...").
  const sep = /\s*(?::(?!\d)|[\u2013\u2014]|\s-\s|\s-$)\s*/.exec(body.slice(0, 48));
  if (sep && sep.index > 0) {
    const headText = body.slice(0, sep.index);
    const mentions = findDateMentions(headText, anchor);
    let leftover = headText;
    for (const m of mentions) leftover = leftover.replace(m.text, ' ');
    leftover = leftover.replace(WEEKDAY_WORD, ' ');
    const firm = mentions.find((m) => !m.relative) ?? mentions[0];
    // "Mon 3/8 & Tue 3/9: with him all day": a line about two days is read as a sentence naming both.
    if (mentions.length > 1 && /^[\s(),.&+]*(?:(?:and|&)[\s(),.&+]*)+$/i.test(leftover))
      return { head: null, rest: body };
    if (firm && /^[\s(),.]*$/.test(withoutAgreeingDayLetter(leftover, firm.date)))
      return { head: firm.date, rest: body.slice(sep.index + sep[0].length) };
  }
  // The day opening a log line typed in columns ("Tue 11/10  8:15-8:45  OT rm, 1:1").
  // A weekday alone opens schedules as often as logs ("Mondays and Wednesdays, 10:00-10:30"): not a day.
  const opening = findDateMentions(body.slice(0, 40), anchor)[0];
  if (
    !opening ||
    (opening.relative && !/\d|today|yesterday/i.test(opening.text.replace(/\s\d{1,2}:\d{2}.*$/, ''))) ||
    !/^[\s(),.]*$/.test(withoutAgreeingDayLetter(body.slice(0, opening.index).replace(WEEKDAY_WORD, ' '), opening.date))
  ) {
    return { head: null, rest: body };
  }
  // The mention may run on into the line's clock times ("11/10  8:15-8:45"): those stay in the rest.
  const clock = opening.text.search(/\s\d{1,2}:\d{2}/);
  const after = body.slice(opening.index + (clock > 0 ? clock : opening.text.length));
  if (!/^[\s),.]*(?:\s|$)/.test(after)) return { head: null, rest: body };
  // "Today is Friday September 11." opens a letter with its day: a sentence, not a log line's day.
  if (/^\s*(?:is|was)\b/i.test(after)) return { head: null, rest: body };
  // "8.31 (M) group 25 min": the day's letter after the date is part of the date.
  const letter = /^\s*\((M|Tu|T|W|Th|R|F)\)/.exec(after);
  const past = letter && weekdayOfName(letter[1] ?? '') === isoWeekday(opening.date) ? letter[0].length : 0;
  return { head: opening.date, rest: after.slice(past).replace(/^[\s),.]+/, '') };
}

const ITEM_BAR = /\s+\|\s+/;

/**
 * A list line holding several items joined by bars ("• Mon 10/5 – Reading ✅ | Math ❌"): each item
 * its own line, the day repeated before every item after the first. Only a dated line or a list
 * item is cut: a bar elsewhere (a signature's "School | District") joins no items.
 */
function itemsJoinedByBars(unit: Omit<Unit, 'head'>, anchor: IsoDate): Array<Omit<Unit, 'head'>> {
  if (!ITEM_BAR.test(unit.text)) return [unit];
  const [first, ...others] = unit.text.split(ITEM_BAR);
  if (!first || others.some((o) => o.trim() === '')) return [unit];
  const { head, rest } = headOf(first, anchor);
  if (head && !first.endsWith(rest)) return [unit];
  if (!head && !LIST_ITEM.test(first)) return [unit];
  // The day and its marks before the first item ("• Mon 10/5 – "); in an undated item, its list
  // mark for an item that has none of its own ("➗ Math ✅" keeps its emoji).
  const lead = head ? first.slice(0, first.length - rest.length) : (LIST_ITEM.exec(first)?.[0] ?? '');
  const item = (o: string) => (head || !LIST_ITEM.test(o) ? `${lead}${o}` : o);
  return [{ ...unit, text: first }, ...others.map((o, k) => ({ ...unit, text: item(o), item: k + 1 }))];
}

/** A day's letter in brackets after its date ("9/15 (T)", "9/17 (Th)"). */
const DAY_LETTER = /\((?:m|t|tu|w|th|r|f)\)/gi;

const WEEKDAY_WORD = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?/gi;

/**
 * The day a note's header field gives ("DOS: 10/02/2026", "Date of Service - Oct 2", "Session date:
 * 10/2"): a SOAP note's lines (S:, O:, A:, P:) are about that day though none of them names it.
 */
function noteDayIn(text: string, anchor: IsoDate): IsoDate | null {
  const field = NOTE_DATE_FIELD.exec(text);
  if (!field) return null;
  const after = text.slice(field.index + field[0].length, field.index + field[0].length + 40);
  const first = findDateMentions(after, anchor)[0];
  return first && first.index === 0 && !first.relative ? first.date : null;
}

/**
 * A heading over dated lines: a short line that ends with a colon ("This week (resource room):"),
 * or names a service and ends without a sentence's stop ("SLP (D. Rowe)", "Speech - small group").
 */
function isHeading(text: string): boolean {
  if (text.length > 120) return false;
  // "LS reading group 12:30-1:10 held" under a dated line is that day's entry, not a heading.
  if (clockSpanMinutes(text) !== null) return false;
  if (/:\s*$/.test(text)) return true;
  return text.length <= 60 && !/[.!?]\s*$/.test(text) && findServiceMentions(text).length > 0;
}

/**
 * A face or hand emoji, which people type where a sentence ends ("picked up at 10:20 🤒 hope he
 * feels better"); an object emoji names a thing ("📖 reading") and ends nothing.
 */
const FACE_EMOJI = /^(?:[\u{1F600}-\u{1F64F}\u{1F910}-\u{1F92F}\u{1F970}-\u{1F97F}\u{1F44C}-\u{1F450}])\uFE0F?/u;

/** Sentences of a unit: split after . ! ? unless the word before is a title or short form, and after a face emoji. */
function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const face = c !== undefined && c >= '\ud83d' && c <= '\ud83e' ? FACE_EMOJI.exec(text.slice(i, i + 3)) : null;
    if (face) {
      i += face[0].length - 1;
      if (/^\s+\p{L}/u.test(text.slice(i + 1, i + 4)) && text.slice(start, i + 1).trim().length > face[0].length) {
        out.push(text.slice(start, i + 1).trim());
        start = i + 1;
      }
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = text[i + 1];
    if (next !== undefined && next !== ' ' && next !== '\t') continue;
    if (c === '.') {
      const before = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 6), i))?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(before) || /^[a-z]$/i.test(before)) continue;
    }
    out.push(text.slice(start, i + 1).trim());
    start = i + 1;
  }
  if (start < text.length && text.slice(start).trim()) out.push(text.slice(start).trim());
  return out;
}

/**
 * A day that opens a new happening in an account of the week told in one breath ("and Thursday
 * was CBI", "and today Friday I had"): the day, then who or what did something.
 */
const DAY_OPENS_HAPPENING = String.raw`(?=(?:(?:on|last|this)\s+)?(?:today\s+)?(?:mon|tues|wednes|thurs|fri)day\s+(?:he|she|they|i|we|the|his|her|was|were|had|did|is|it|there|our|my|mrs?|ms|mr)\b)`;

const CLAUSE_BREAK =
  /;\s+|,\s+(?:so|but|and|while|although)\s+(?!that\b)|,\s+(?:also|plus)\s+(?=(?:the|her|his|my|our|i|we|she|he|they|there)\b)|\s+(?:so|but)\s+(?=i\b|i'|we\b|she\b|he\b|they\b)/gi;

/** Where a run-on sentence, typed without a comma, turns to another happening. */
const RUN_ON_BREAK = new RegExp(
  String.raw`\s+(?:but|so|and then|then|and also|also)\s+|\s+and\s+${DAY_OPENS_HAPPENING}`,
  'gi',
);
const RUN_ON_WORDS = 20;
const RUN_ON_CLAUSE_BREAK = new RegExp(`${CLAUSE_BREAK.source}|${RUN_ON_BREAK.source}`, 'gi');

/** A sentence of many words without a comma, semicolon or colon: mail typed (or spoken) in one breath. */
function runOn(sentence: string): boolean {
  // A clock time's colon ("from 9:15 to 10:15") is no pause.
  return !/[,;]|:(?!\d)/.test(sentence) && sentence.split(/\s+/).length >= RUN_ON_WORDS;
}

function clausesOf(sentence: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of allMatches(sentence, runOn(sentence) ? RUN_ON_CLAUSE_BREAK : CLAUSE_BREAK)) {
    const at = m.index ?? 0;
    out.push(sentence.slice(start, at));
    start = at + m[0].length;
  }
  out.push(sentence.slice(start));
  return out.map((c) => c.trim()).filter((c) => c.length > 0);
}

/** "a substitute aide, Mr. Diaz, was with him all day": held by a substitute (not "no substitute"). */
function bySubstitute(words: WordText): boolean {
  return words.words.some(
    (w, i) =>
      /^sub(?:stitute)?$/.test(w.w) && !NOBODY.has(words.words[i - 1]?.w ?? '') && words.words[i - 1]?.w !== 'no',
  );
}

/** What a list line says after its last dash ("Early release 12:15 – 📖 reading ✅"): the item itself. */
function afterLastDash(text: string): string {
  const at = Math.max(text.lastIndexOf(' \u2013 '), text.lastIndexOf(' \u2014 '), text.lastIndexOf(' - '));
  return at < 0 ? '' : text.slice(at + 3);
}

/** A clause that is only days joined on to the clause before ("and Tuesday, March 9", "& Wed 3/10"). */
function onlyDays(clause: Clause): boolean {
  if (clause.dates.length === 0) return false;
  let rest = clause.text;
  for (const d of clause.dates) rest = rest.replace(d.text, ' ');
  return /^[\s,.&()]*(?:(?:and|or|also|plus|on)\s+)*[\s,.&()]*$/i.test(rest.replace(WEEKDAY_WORD, ' '));
}

function tenseOfClause(words: WordText): Tense | null {
  const v = sessionVocabulary();
  if (hasPhrase(v.future, words)) return 'future';
  return null;
}

/**
 * Dates a clause names for the session itself (not "every Tuesday", not "Tuesdays"), with the days
 * its day letters name in the week the message is about ("M/W/F" in the week of 11/16).
 */
/**
 * The days a clause names. `lineDay` is the day of the dated line the clause is on ("Tue 11/24 ...
 * did it today"): "today", "yesterday" and "tomorrow" there count from that day, not from the day
 * the message was sent.
 */
function datesOf(
  clause: string,
  anchor: IsoDate,
  tense: Tense,
  week: IsoDate | null,
  lineDay: IsoDate | null = null,
): DateMention[] {
  // Weekdays joined to each other ("Tue + Thu", "Mon/Wed") without a day number are a standing
  // schedule; in a named week the day letters below read them as that week's days instead.
  const found = findDateMentions(clause, anchor, { tense }).filter((m) => !standingWeekday(clause, m));
  // A relative day the date reader found is placed again below, counted from the line's day.
  const mentions = (lineDay ? found.filter((m) => !ONLY_RELATIVE_DAY.test(m.text)) : found).map((m) =>
    // "8/24   Mon   30 min": the weekday beside a dated line's day, in its own column, is that day.
    lineDay && m.relative && isoWeekday(lineDay) === weekdayOfName(m.text.trim().replace(/\.$/, ''))
      ? { ...m, date: lineDay }
      : m,
  );
  const read = mentions.slice();
  for (const d of dayLetterDates(clause, week, anchor))
    if (!read.some((m) => d.index < m.index + m.text.length && m.index < d.index + d.text.length)) mentions.push(d);
  for (const m of allMatches(clause, RELATIVE_DAY)) {
    const at = m.index ?? 0;
    if (mentions.some((x) => at >= x.index && at < x.index + Math.max(x.text.length, 1))) continue;
    const word = (m[1] ?? '').toLowerCase();
    const offset = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
    mentions.push({ text: m[0], index: at, date: addDays(lineDay ?? anchor, offset), end: null, relative: true });
  }
  mentions.sort((a, b) => a.index - b.index);
  return mentions.filter((m) => {
    const after = clause.slice(m.index + m.text.length, m.index + m.text.length + 2);
    const before = clause.slice(Math.max(0, m.index - 8), m.index).toLowerCase();
    if (/^s\b/i.test(after)) return false;
    // "closed from yesterday's storm": the day of the weather, not of a session.
    if (WEATHER_OF_THE_DAY.test(clause.slice(m.index + m.text.length, m.index + m.text.length + 24))) return false;
    if (/^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$/i.test(m.text.trim())) return false;
    if (/\b(every|each)\s+$/.test(before)) return false;
    return true;
  });
}

const WEATHER_OF_THE_DAY =
  /^['\u2019]s\s+(?:big\s+|heavy\s+)?(?:storm|snowstorm|snow|ice|ice storm|blizzard|weather|wind|windstorm|flood|flooding|rain|power outage)\b/i;

function standingWeekday(clause: string, m: DateMention): boolean {
  return (
    m.relative &&
    !/\d/.test(m.text.replace(/\s\d{1,2}:\d{2}.*$/, '')) &&
    (JOINED_AFTER.test(clause.slice(m.index + m.text.length)) || JOINED_BEFORE.test(clause.slice(0, m.index)))
  );
}

const JOINED_AFTER = /^\s*[+/&]\s*(?:mon|tue|wed|thu|fri|m|t|w|th|f)\b/i;
const JOINED_BEFORE = /\b(?:mon|tues?|wed|thu|thurs?|fri|m|t|w|th|f)\.?\s*[+/&]\s*$/i;

/** A makeup clause names the day it was made up; the day of the miss it makes up ("missed 10/30 session", "Tuesday's session") is not that day. */
function datesOfMakeup(clause: string, dates: DateMention[]): DateMention[] {
  const kept = dates.filter((m) => {
    const after = clause.slice(m.index + m.text.length, m.index + m.text.length + 12);
    const before = clause.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
    // "yesterday's visit was his make-up": the possessive names the make-up itself.
    if (MAKEUP_ITSELF.test(clause.slice(m.index + m.text.length, m.index + m.text.length + 60))) return true;
    if (/^['\u2019]s\b/.test(after)) return false;
    if (/(?:missed|lost|cancell?ed)\s+(?:on\s+)?(?:the\s+)?$/.test(before)) return false;
    if (/\b(?:for|of|from)\s+(?:last\s+)?$/.test(before)) return false;
    if (/^\s*(?:session|appointment)/i.test(after)) return false;
    return true;
  });
  // "Since he was out sick on 10/29 and missed it, yesterday's visit was the make-up": the day of the cause is not the make-up's.
  const notCause = kept.filter((m) => !/\b(?:since|because)\b[^,;]*$/i.test(clause.slice(0, m.index)));
  return notCause.length > 0 ? notCause : kept;
}

const MAKEUP_ITSELF =
  /^['\u2019]s\s+(?:[\p{L}-]+\s+){0,2}(?:was|is|will be)\s+(?:his|her|their|the|a)\s+make-?\s?up\b/iu;

/**
 * A day named after another day, in the clause giving the cause ("Fri 9/10: extra job coaching
 * because on Tuesday he could not go"): the day of the cause, not of the session.
 */
function dayOfTheCause(clause: Clause, date: DateMention, lineHasDay: boolean): boolean {
  if (!lineHasDay && !clause.dates.some((d) => d.index < date.index)) return false;
  return /\bbecause\s+(?:\S+\s+){0,2}$/i.test(clause.text.slice(Math.max(0, date.index - 30), date.index));
}

/** A day that dates a letter or notice ("the office's notice of September 4 says ..."), not a session. */
function dayOfADocument(clause: Clause, date: DateMention): boolean {
  return sessionVocabulary().documentDated.test(clause.text.slice(Math.max(0, date.index - 30), date.index));
}

const WORD_NUMBERS: Record<string, number> = {
  ten: 10,
  fifteen: 15,
  twenty: 20,
  'twenty-five': 25,
  'twenty five': 25,
  thirty: 30,
  'forty-five': 45,
  'forty five': 45,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};
const WORD_MINUTES =
  /\b(ten|fifteen|twenty[- ]five|twenty|thirty|forty[- ]five|forty|fifty|sixty|ninety)[- ]minutes?\b|\b(half an hour|an hour|one hour)\b/i;

/** "ended 2 min early", "5 minutes late": how far off the clock a session ran, not its length. */
const MINUTES_OFF = /\b\d{1,3}\s*-?\s*(?:minutes?|mins?\b|min\.)\s*(?:early|late|behind)\b/gi;

function minutesIn(told: string): number | null {
  const text = withoutEventTimes(withoutUnitLength(told)).replace(MINUTES_OFF, ' ');
  const words = WORD_MINUTES.exec(text);
  if (words && !MINUTES.test(text)) {
    if (words[2]) return /half/i.test(words[2]) ? 30 : 60;
    return WORD_NUMBERS[(words[1] ?? '').toLowerCase()] ?? null;
  }
  const m = MINUTES.exec(text);
  if (m) {
    const n = Number(m[1]);
    return n > 0 && n <= 600 ? n : null;
  }
  // "from 10:00-10:30": the minutes between the two times.
  const span = clockSpanMinutes(text);
  return span !== null && span > 0 ? span : null;
}

function scheduledMinutesIn(text: string): number | null {
  return statedScheduledMinutes(text) ?? minutesIn(text);
}

/** Minutes the words say were scheduled ("30 min scheduled", "Sched 30 min"), never any other figure. */
function statedScheduledMinutes(text: string): number | null {
  const m = SCHEDULED_MINUTES.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

/**
 * The first service the text names. `notRooms` passes over services named only by their room
 * ("resource room"): named elsewhere on a log line, the room is where something else happened.
 */
/** "was out on CBI, missed Acad Support": the service a miss names as what was missed, before any other. */
const MISSED_OBJECT = /\b(?:missed|lost)\s+(?:his|her|their|the|all)?\s*$/i;

function serviceOf(text: string, facts: MessageFacts, notRooms = false): ServiceCode | null {
  const mentions = findServiceMentions(text).filter((m) => !notRooms || m.location === null);
  const first = mentions.find((m) => MISSED_OBJECT.test(text.slice(Math.max(0, m.start - 24), m.start))) ?? mentions[0];
  if (!first) return null;
  if (!first.conditional) return first.service;
  return facts.specialEducation ? 'specialized-academic-instruction' : 'other';
}

interface Draft extends Session {
  /** Set where the words say someone covered in the provider's place ("delivered by the float SLP"). */
  covered?: boolean;
  line: number;
  excerpt: string;
  paragraph: number;
  /**
   * Set for an item of a dated list (a bullet with its day, or under one): two items of one list
   * are two sessions even where day and service agree ("– Reading ✅" and "– Math ✅" under Tue).
   */
  listed: boolean;
  /** Which of several sessions one clause lists for a day ("articulation (15 min) and language (30 min)"); 0 otherwise. */
  slot: number;
  /** The sentence the draft was read from, counted through the part. */
  sentence: number;
  /** Which of the items its line joins by bars the draft was read from (0 for a whole line). */
  item: number;
}

const NOT_MISSING = new Set(['not', 'never', 'avoid', 'avoids', 'avoiding', 'without']);
const NO_BEFORE = /(?:^|[\s,;:(])no\s+$/i;
/** What may follow "no <service>" for it to be the session ("no SETSS.", "no OT today"), not "no behavior concerns". */
const NO_AFTER =
  /^\s*(?:$|[.,;:!()\u2013\u2014-]|\d{1,2}\/\d{1,2}|(?:session|sessions|services?|therapy|group|groups|today|tomorrow|yesterday|this|that|last|on|for|due|because|either|again|until|all|mon|monday|tue|tuesday|wed|wednesday|thu|thurs|thursday|fri|friday)\b)/i;

/**
 * Scheduled minutes of a missed session told in the sentence after it: "so we lost the 30 minutes",
 * "That was his 30-minute session for this week".
 */
const MINUTES_LOST =
  /\b(?:lost|missed|lose|miss)\s+(?:the|his|her|their|our|all|all\s+of\s+the)?\s*(\d{1,3})\s*-?\s*(?:minutes?|mins?)\b|^\s*(?:that|this|it)\s+(?:was|is|would\s+have\s+been)\s+(?:his|her|their|the|our)\s+(?:only\s+)?(\d{1,3})\s*-?\s*(?:minutes?|mins?)\s+(?:session|block|slot)\b/i;

function minutesLostIn(text: string): number | null {
  const m = MINUTES_LOST.exec(text.slice(0, MAX_UNIT));
  const n = Number(m?.[1] ?? m?.[2] ?? 0);
  return n > 0 && n <= 600 ? n : null;
}

/** "(without Leo)", "pt not present", "without the student": a meeting about the child held without the child. */
const WITHOUT_THE_CHILD =
  /\bwithout\s+(?:him|her|them|the\s+(?:student|child|pt)|\p{Lu}\p{Ll}+)\b(?!\s+(?:support|services?|coverage|his|her|a|an|the)\b)|\b(?:pt|student|child|client)\s+(?:was\s+)?not\s+present\b/u;

function heldWithoutTheChild(sentence: Sentence): boolean {
  return hasPhrase(sessionVocabulary().consultation, sentence.words) || WITHOUT_THE_CHILD.test(sentence.text);
}

const PUSH_OR_PULL = /\bp(?:ush|ull)(?:ed)?[- ]?(?:in|out)\b/i;

/** Words before "covered" that say nobody did. */
const NOBODY = new Set(['one', 'nobody', 'not', 'no', 'never']);

const ACTIVITY_LABEL = /^\s*(?:lunch|recess|breakfast|specials|assembly|pe|gym|art|music|library)\s*:/i;

/** Words before a day that make it an end of a span of days ("from 9/1", "through today, 11/13"). */
const SPAN_BEFORE = /\b(?:from|since|through|thru|to|until|till|between)\s+(?:today\s*,?\s*)?$/i;
/** Words after a day that make it the start of a span ("8/17 to date", "9/1 - 10/30"). */
const SPAN_AFTER = /^\s*(?:[-\u2013\u2014]|to|through|thru|until|till)\s/i;

/** True where a day is one end of a span of days, as a request for a term's records names them. */
function inSpan(text: string, day: DateMention): boolean {
  return SPAN_BEFORE.test(text.slice(0, day.index)) || SPAN_AFTER.test(text.slice(day.index + day.text.length));
}

const STATUS_RANK: Record<SessionStatus, number> = { missed: 3, makeup: 2, delivered: 1 };

function statusOf(
  clause: Clause,
  sentence: Sentence,
  unit: { head: IsoDate | null },
  facts: MessageFacts,
): SessionStatus | 'makeup-pending' | null {
  const v = sessionVocabulary();
  const w = clause.words;
  const tentative = hasPhrase(v.tentative, w);
  const future = hasPhrase(v.future, w);
  if (hasPhrase(v.makeup, w)) {
    // "I'll make it up Friday", "I'd like to make up the 9/9 session": a promise, nothing yet.
    if (future || tentative) return null;
    const done =
      hasPhrase(v.makeupPast, w) ||
      findPhrases(v.delivered, w).some((h) => w.words[h.to]?.w !== 'not' && w.words[h.from - 1]?.w !== 'not');
    // "Thursday 9/24: Make-up session for Tuesday, 30 minutes", "today, a make-up for Monday, 30 minutes":
    // a make-up on a day of its own with its minutes tells it was held.
    const dated = unit.head !== null || datesOfMakeup(clause.text, clause.dates).length > 0;
    if (!done && !(dated && minutesIn(clause.text) !== null)) return null;
    return clause.dates.length > 0 || unit.head ? 'makeup' : 'makeup-pending';
  }
  // "missed the first 15 minutes": part of a session, its minutes unknown.
  if (hasPhrase(v.partialMiss, w)) return null;
  // "The aide was out; Ms. Lee subbed for her all day": a substitute who delivered (not "no one covered").
  if (
    !future &&
    !tentative &&
    findPhrases(v.covered, sentence.words).some((h) => !NOBODY.has(sentence.words.words[h.from - 1]?.w ?? ''))
  )
    return 'delivered';
  // "Wed 11/4 - none, ...": a dated log line whose entry opens by saying nothing was held.
  if (unit.head !== null && clause === sentence.clauses[0] && findPhrases(v.missedLogEntry, w)[0]?.from === 0)
    return 'missed';
  // "so he does not miss gym", "to avoid missing recess": a miss denied or avoided is no miss.
  const missedHits = findPhrases(v.missed, w).filter(
    (h) => !(/^miss/.test(h.phrase) && NOT_MISSING.has(w.words[h.from - 1]?.w ?? '')),
  );
  // "Recess: stayed in, refused to go out": a line about a school activity tells where the child was, not a session.
  const aboutActivity =
    ACTIVITY_LABEL.test(sentence.text) &&
    findServiceMentions(sentence.text).length === 0 &&
    serviceOfPersonNamed(sentence.text, facts.providers) === null;
  if (missedHits.length > 0 && !tentative && !aboutActivity) {
    const strong = missedHits.some((h) => !v.missedNeedsProvider.has(h.phrase));
    // "was out", "no sub": someone's absence, a missed session only where a session or an aide is named.
    // In a message about an aide, "no one covered" is about the aide.
    const aide =
      facts.defaultService === 'aide' ||
      findServiceMentions(sentence.text).some((m) => m.service === 'aide') ||
      serviceOfPersonNamed(sentence.text, facts.providers) === 'aide';
    const logLine = unit.head !== null && facts.subjectService !== null;
    if (
      strong ||
      aide ||
      logLine ||
      findServiceMentions(clause.text).length > 0 ||
      serviceOfPersonNamed(clause.text, facts.providers) !== null ||
      hasPhrase(v.sessionNouns, w)
    )
      return 'missed';
  }
  // "so no SETSS", "no OT that day": "no" right before a service's name.
  if (
    !tentative &&
    findServiceMentions(clause.text).some(
      (m) => NO_BEFORE.test(clause.text.slice(0, m.start)) && NO_AFTER.test(clause.text.slice(m.end, m.end + 40)),
    )
  )
    return 'missed';
  // "Thu 4/15 - no reading or math for him" in mail about special education: those subjects' sessions.
  if (!tentative && unit.head && facts.specialEducation && subjectsDenied(clause.text) > 0) return 'missed';
  if (future || tentative) return null;
  if (sentence.text.trim().endsWith('?')) return null;
  if (hasPhrase(v.recurring, w)) return null;
  const named =
    findServiceMentions(sentence.text).length > 0 ||
    serviceOfPersonNamed(sentence.text, facts.providers) !== null ||
    hasPhrase(v.deliveredNouns, w) ||
    unit.head !== null;
  const affirmed = findPhrases(v.delivered, w).some(
    (h) => w.words[h.to]?.w !== 'not' && w.words[h.from - 1]?.w !== 'not',
  );
  if (hasPhrase(v.notSession, w)) return null;
  if (affirmed && named) return 'delivered';
  if (minutesIn(clause.text) !== null && (unit.head || hasPhrase(v.deliveredNouns, w))) return 'delivered';
  return null;
}

/**
 * A session moved to another day ("since there is no school tomorrow, I moved his OT from
 * Wednesday to today: 30 min"): held on the day it was moved to, where that day has come, and no
 * miss on the day it left. Null where it was moved to a day still to come (a plan); undefined where
 * the clause moves no session.
 */
function movedTo(clause: Clause, anchor: IsoDate): DateMention | null | undefined {
  const v = sessionVocabulary();
  const verb = findPhrases(v.moved, clause.words)[0];
  if (!verb) return undefined;
  const named = findServiceMentions(clause.text).length > 0 || hasPhrase(v.sessionNouns, clause.words);
  if (!named || hasPhrase(v.notSession, clause.words)) return undefined;
  let target: DateMention | undefined;
  for (const m of clause.dates) {
    if (m.index < verb.end) continue;
    if (/\b(?:to|until|for)\s+(?:the\s+)?$/i.test(clause.text.slice(0, m.index))) target = m;
    // "from Wednesday to today" read as one span: the day after "to" is the one moved to.
    const tail = /\bto\s+(.+)$/i.exec(m.text);
    if (!target && tail?.[1]) {
      const day = findDateMentions(tail[1], anchor, { tense: 'past' })[0];
      if (day) target = { ...day, index: m.index + (tail.index ?? 0) };
    }
    if (target) break;
  }
  if (!target) return undefined;
  if (target.date > anchor) return null;
  if (hasPhrase(v.tentative, clause.words)) return null;
  return target;
}

/** Sessions stated in one text part (the author's text, the parent's note, an attachment's text). */
export function sessionsFromText(part: TextPart, facts: MessageFacts): Array<Finding<Session>> {
  const anchor = part.anchor;
  if (!anchor || !part.text) return [];
  const drafts: Draft[] = [];
  const week = namedWeek(`${facts.subject}\n${part.text}`, anchor);
  let sentenceCount = 0;
  /** A sentence that follows from the one before it ("So ...", "Por eso ..."), by their counts. */
  const consequenceOf = new Map<number, number>();
  let pendingMakeup: number | null = null;
  const seenDates = new Set<IsoDate>();
  /** A heading over dated lines ("Speech (therapy room, small group):"): their service, grouping and room. */
  let lead: { paragraph: number; text: string; words: WordText } | null = null;
  /** The paragraph a line about misses opens ("my tally of missed stuff:"): its dated lines are misses. */
  let missedList: number | null = null;

  /** A day opening a line with items indented under it ("• Tue 9/8" over "  – Reading ✅"): their day. */
  let day: { paragraph: number; indent: number; date: IsoDate } | null = null;
  /** The day a note's header gives ("DOS: 10/02/2026", a line that is only "9/15 (T)"), for its labelled lines. */
  let noteDay: IsoDate | null = null;
  let noteService: ServiceCode | null = null;

  for (const raw of unitsOf(part.text).flatMap((u) => itemsJoinedByBars(u, anchor))) {
    if (raw.text.includes('\t')) continue; // a table row: read as a table
    const unitStart = drafts.length;
    /** The day a sentence of the unit says it is ("Today is Friday, May 7."): its undated sentences are about it. */
    let statedDay: IsoDate | null = null;
    const own = headOf(raw.text, anchor);
    if (own.head) day = { paragraph: raw.paragraph, indent: raw.indent, date: own.head };
    const inherited =
      !own.head && day && day.paragraph === raw.paragraph && raw.indent > day.indent && LIST_ITEM.test(raw.text)
        ? day.date
        : null;
    if (!own.head && !inherited) day = null;
    let head = own.head ?? inherited;
    const rest = own.rest;
    const stated = noteDayIn(raw.text, anchor);
    let inNote = false;
    const labelled = LABEL.test(raw.text);
    if (stated) {
      noteDay = stated;
      noteService = serviceOf(raw.text, facts, true) ?? noteService;
    } else if (own.head && /^[\s().,]*$/.test(rest.replace(WEEKDAY_WORD, ' ').replace(DAY_LETTER, ' ')))
      noteDay = own.head;
    else if (!head && noteDay && labelled) {
      head = noteDay;
      inNote = true;
    } else if (!head && !labelled) {
      noteDay = null;
      noteService = null;
    }
    // "Svc: Speech-language tx" in a note's header names the note's service.
    const serviceField = SERVICE_FIELD.exec(raw.text);
    if (serviceField && !inNote)
      noteService = serviceOf(raw.text.slice(serviceField.index), facts, true) ?? noteService;
    const unit: Unit = { ...raw, head, text: rest };
    if (!head && MISSED_LIST.test(rest)) missedList = raw.paragraph;
    else if (missedList !== raw.paragraph) missedList = null;
    if (head) seenDates.add(head);
    if (!head && !looksDated(rest) && isHeading(rest))
      lead = { paragraph: raw.paragraph, text: rest, words: wordText(rest) };
    const under = (head || looksDated(raw.text)) && lead?.paragraph === raw.paragraph ? lead : null;
    const unitWords = wordText(unit.text);
    const sentences: Sentence[] = sentencesOf(unit.text).map((s) => ({
      text: s,
      words: wordText(s),
      clauses: clausesOf(s).map((c) => {
        const words = wordText(c);
        const tense = tenseOfClause(words) ?? tenseOrClosureAhead(c) ?? 'past';
        return { text: c, words, dates: datesOf(c, anchor, tense, week, head) };
      }),
    }));
    if (pendingMakeup !== null && pendingMakeup !== unit.paragraph) pendingMakeup = null;

    for (const [si, sentence] of sentences.entries()) {
      sentenceCount++;
      if (sentence.text.trim().endsWith('?')) continue;
      const asking = requestIn(sentence.text, true).length > 0;
      // "She was out Thursday and Friday. So he missed his Thursday session": the sentence that
      // follows from an absence tells which sessions were missed; the absence's other days are not.
      if (si > 0 && startsWithPhrase(sessionVocabulary().consequence, sentence.words))
        consequenceOf.set(sentenceCount, sentenceCount - 1);
      let previousDates: DateMention[] = [];
      // In a run-on sentence a clause without a service of its own goes on about the one named last
      // ("the pt lady came tues and wed but not thurs"), not the sentence's first.
      const carries = runOn(sentence.text);
      let namedBefore: ServiceCode | null = null;
      let saidBefore: SessionStatus | null = null;
      for (const clause of sentence.clauses) {
        // "I am requesting a meeting to discuss the sessions he missed", "his log from 9/1 to date, including
        // sessions not held": misses an ask is about, on no day of their own, are not news.
        if (asking && !unit.head && clause.dates.every((d) => inSpan(clause.text, d))) continue;
        const namedHere = carries ? serviceOf(clause.text, facts) : null;
        const earlier = namedBefore;
        if (namedHere) namedBefore = namedHere;
        const moved = movedTo(clause, anchor);
        let status = moved === undefined ? statusOf(clause, sentence, unit, facts) : moved ? 'delivered' : null;
        // "was out on Monday, March 8, and Tuesday, March 9": a clause of days alone goes on with the one before.
        if (status === null && moved === undefined && saidBefore && onlyDays(clause)) status = saidBefore;
        // "10/2 math 40 min - same": a dated line that says it went as the line before it did.
        const likeBefore =
          unit.head !== null && SAME_AS_BEFORE.test(clause.text) ? drafts[drafts.length - 1] : undefined;
        if (likeBefore) status = likeBefore.status;
        // "9/2 speech group - assembly" in a list of what was missed: a miss, though the line says only why.
        if (unit.head && missedList === unit.paragraph && (status === null || status === 'delivered'))
          status = 'missed';
        saidBefore = status === 'missed' || status === 'delivered' ? status : null;
        const dates = (
          moved ? [moved] : status === 'makeup' ? datesOfMakeup(clause.text, clause.dates) : clause.dates
        ).filter((d) => !dayOfTheCause(clause, d, unit.head !== null) && !dayOfADocument(clause, d));
        for (const d of dates) seenDates.add(d.date);
        if (status === 'makeup-pending') {
          pendingMakeup = unit.paragraph;
          previousDates = dates;
          continue;
        }
        if (!status) {
          if (dates.length > 0) previousDates = dates;
          else if (LENGTH_TOLD.test(clause.text)) fillDetails(drafts, unit.paragraph, clause, facts);
          else fillScheduled(drafts, unit.paragraph, sentenceCount, clause);
          if (dates.length > 0 && DAY_STATEMENT.test(clause.text) && dates.every((d) => d.date === dates[0]?.date))
            statedDay = dates[0]?.date ?? null;
          continue;
        }
        // "Sched 30 min." without a day of its own tells what was scheduled, not a session held.
        if (status === 'delivered' && dates.length === 0 && statedScheduledMinutes(clause.text) !== null) {
          fillScheduled(drafts, unit.paragraph, sentenceCount, clause);
          continue;
        }
        // "It was 30 minutes." after the session it tells the length of.
        if (status === 'delivered' && dates.length === 0 && LENGTH_TOLD.test(clause.text)) {
          fillDetails(drafts, unit.paragraph, clause, facts);
          continue;
        }
        let days = uniqueDays(dates, status === 'missed');
        if (days.length === 0) {
          // "... so no speech those days" takes every day before it; otherwise the last one.
          days = uniqueDays(
            hasPhrase(sessionVocabulary().allBefore, clause.words) ? previousDates : previousDates.slice(-1),
            status === 'missed',
          );
        }
        if (days.length === 0 && unit.head) days = [unit.head];
        if (days.length === 0 && statedDay) days = [statedDay];
        if (days.length === 0 && status === 'missed' && /\bmissed\b/i.test(clause.text) && seenDates.size === 1) {
          days = [...seenDates];
        }
        if (dates.length > 0) previousDates = dates;
        if (days.length === 0) {
          if (status === 'delivered') fillDetails(drafts, unit.paragraph, clause, facts);
          // "Seen 1:1, 10/14, 30 min. This session = make-up for 10/2": the make-up of the day only
          // names the miss it replaces, so it is the session told just before it; else the next one.
          if (status === 'makeup') {
            const told = drafts.findLast((d) => d.paragraph === unit.paragraph && d.status === 'delivered');
            if (told) told.status = 'makeup';
            else pendingMakeup = unit.paragraph;
          }
          continue;
        }

        // Lines under a service's heading are about it ("SLP (J. Doe)" over "Tue 9/22 ... pt absent").
        const told =
          (inNote ? noteService : null) ??
          (under ? serviceOf(under.text, facts) : null) ??
          serviceOf(clause.text, facts) ??
          earlier ??
          serviceOf(sentence.text, facts) ??
          // "Mr. Dabney was out" where the message introduced him as the 1:1 assistant.
          serviceOfPersonNamed(clause.text, facts.providers) ??
          serviceOfPersonNamed(sentence.text, facts.providers) ??
          (unit.head ? serviceOf(unit.text, facts, true) : null) ??
          // A dated line about a subject ("Tue 9/8 – Reading ✅") in mail about special education.
          (unit.head &&
          facts.specialEducation &&
          (opensWithSubject(clause.text) ||
            opensWithSubject(afterLastDash(clause.text)) ||
            subjectsDenied(clause.text) > 0)
            ? 'specialized-academic-instruction'
            : null) ??
          facts.defaultService ??
          (/\b(?:session|sessions|therapy)\b/i.test(clause.text) ? 'other' : null);
        // A special-education teacher's consultation with other teachers is not instruction.
        const service =
          told === 'specialized-academic-instruction' && hasPhrase(sessionVocabulary().consultation, sentence.words)
            ? 'other'
            : told;
        if (!service) continue;
        if (status === 'delivered' && pendingMakeup === unit.paragraph) {
          status = 'makeup';
          pendingMakeup = null;
        }
        // Words beyond the clause count only where the line is about one dated session.
        const line = unit.head ? lineScope(sentences, sentence) : null;
        const scope = unit.head ? (line?.words ?? unitWords) : clause.words;
        const scopeText = unit.head ? (line?.text ?? unit.text) : clause.text;
        const minutes =
          status === 'missed'
            ? (scheduledMinutesFromClause(clause.text) ??
              minutesLostIn(sentence.text) ??
              (sentences[si + 1] ? minutesLostIn(sentences[si + 1]?.text ?? '') : null))
            : (minutesIn(clause.text) ?? minutesIn(sentence.text) ?? (unit.head ? minutesIn(unit.text) : null));
        let delivery =
          deliveryFromWords(clause.words) ??
          (status === 'missed' ? null : (deliveryFromWords(scope) ?? (under ? deliveryFromWords(under.words) : null)));
        // An aide is individual where the message calls the aide 1:1, or the line says 1:1 ("with him 1:1 all day").
        if (service === 'aide') delivery = facts.aideIndividual || delivery === 'individual' ? 'individual' : null;
        // A missed session's place only where its own words call it push-in or pull-out ("M/W/F push-in - not held"),
        // or name it by its room ("no resource math Tuesday"): other places in its clause may be where the child was instead.
        const remote =
          hasPhrase(sessionVocabulary().remote, clause.words) || hasPhrase(sessionVocabulary().remote, scope);
        // A consultation held without the child has no place of the child's ("met with his teacher about the classroom").
        const location =
          remote || heldWithoutTheChild(sentence)
            ? null
            : status === 'missed'
              ? PUSH_OR_PULL.test(clause.text)
                ? locationFromWords(clause.words, true)
                : roomNamingService(clause.text, service, facts.specialEducation)
              : (locationFromWords(clause.words) ??
                locationFromWords(scope, scope !== clause.words) ??
                locationFromServiceWords(clause.text) ??
                locationFromServiceWords(scopeText) ??
                (under ? (locationFromWords(under.words) ?? locationFromServiceWords(under.text)) : null) ??
                (service === facts.defaultService ? facts.defaultLocation : null));
        const reason =
          status === 'missed'
            ? (likeBefore?.reason ?? reasonFor(clause, sentence, sentences, si, unit, unitWords, service, facts))
            : null;
        const listed = status === 'missed' || days.length !== 1 ? null : sessionsListed(clause.text, facts, anchor);
        if (listed && days[0]) {
          for (const [slot, piece] of listed.entries()) {
            drafts.push({
              date: days[0] as IsoDate,
              service: piece.service ?? service,
              minutes: piece.minutes,
              delivery: piece.delivery,
              location: piece.location ?? location,
              status,
              reason: null,
              line: unit.line,
              paragraph: unit.paragraph,
              listed: false,
              excerpt: piece.text.slice(0, 160),
              slot,
              sentence: sentenceCount,
              item: raw.item,
            });
          }
          continue;
        }
        // "no reading or math SDI" on a closed day: one miss for each subject the line names.
        const denied =
          status === 'missed' && unit.head && service === 'specialized-academic-instruction' && days.length === 1
            ? Math.max(subjectsDenied(clause.text), subjectsOpening(clause.text))
            : 0;
        if (denied > 1 && days[0]) {
          for (let slot = 0; slot < denied; slot++)
            drafts.push({
              date: days[0],
              service,
              minutes,
              delivery,
              location,
              status,
              reason,
              line: unit.line,
              paragraph: unit.paragraph,
              listed: false,
              excerpt: clause.text.slice(0, 160),
              slot,
              sentence: sentenceCount,
              item: raw.item,
            });
          continue;
        }
        const named = alsoNamed(clause.text, service, facts);
        const covered =
          status === 'delivered' &&
          (hasPhrase(sessionVocabulary().covered, sentence.words) || bySubstitute(clause.words));
        for (const date of days)
          for (const code of named) {
            drafts.push({
              date,
              service: code,
              minutes,
              delivery,
              location,
              status,
              reason,
              covered,
              line: unit.line,
              paragraph: unit.paragraph,
              // Lines of a dated list, each opening with its day, are each a session of their own.
              listed: unit.head !== null && (LIST_ITEM.test(raw.text) || own.head !== null),
              excerpt: clause.text.slice(0, 160),
              slot: 0,
              sentence: sentenceCount,
              item: raw.item,
            });
          }
      }
    }
    // "Monday - no school. His session simply moved to Tuesday": the closed day cost no session.
    if (drafts.length > unitStart && hasPhrase(sessionVocabulary().nothingLost, unitWords)) {
      const kept = drafts.slice(unitStart).filter((d) => !(d.status === 'missed' && d.reason === 'school-closure'));
      drafts.splice(unitStart, drafts.length - unitStart, ...kept);
    }
  }
  return merge(withoutAbsenceDays(drafts, consequenceOf)).map((d) => ({
    date: d.date,
    service: d.service,
    minutes: d.minutes,
    delivery: d.delivery,
    location: d.location,
    status: d.status,
    reason: d.reason,
    source: { part: part.part, line: d.line, excerpt: d.excerpt },
  }));
}

/**
 * The words of a dated line that may describe its session: the line without its sentences about
 * where the child ate lunch or spent recess (those are the child's day, not the session's place).
 * Null where no sentence is left out.
 */
function lineScope(sentences: Sentence[], own: Sentence): { text: string; words: WordText } | null {
  const v = sessionVocabulary();
  const kept = sentences.filter((s) => s === own || !hasPhrase(v.schoolDayTimes, s.words));
  if (kept.length === sentences.length) return null;
  const text = kept.map((s) => s.text).join(' ');
  return { text, words: wordText(text) };
}

/** What a dated line ends with where it went as the line before it: "- same", "same as above", "ditto". */
const SAME_AS_BEFORE = /(?:^|[-\u2013\u2014:,]\s*)(?:same|same as above|same reason|ditto)\s*[.!]?\s*$/i;

/**
 * A line that says the lines under it are what was missed: "my running tally of missed stuff",
 * "sessions he missed:", "list of missed services".
 */
const MISSED_LIST =
  /\b(?:tally|list|count|log|record|running total)\s+of\s+(?:(?:the|his|her|all)\s+)?(?:missed|lost)\b|\bmissed\s+(?:stuff|things|sessions|services|minutes|time)\s*(?:[:(]|so far|since|this|$)|\b(?:sessions|services|minutes)\s+(?:he|she|they)\s+(?:has\s+|have\s+)?missed\s*(?:[:(]|so far|since|this|$)/i;

/** "Today is Friday, May 7", "It was Tuesday 3/9": a sentence that only says what day it is. */
const DAY_STATEMENT = /^\s*(?:today|it)\s+(?:is|was)\s+(?:(?:mon|tues|wednes|thurs|fri)day\b|\d{1,2}\/\d{1,2}\b)/i;

/** "It was from 9:30 to 10:30", "That lasted 25 minutes": how long the session just told lasted. */
const LENGTH_TOLD = /^\s*(?:it|that|this|the session)\s+(?:was|lasted|took|ran)\s+(?:from\s+|for\s+|about\s+)?\d/i;

/**
 * A sentence that adds details without a day ("she and two other fifth graders came down to the
 * therapy room for 30 minutes") completes the session the sentence before it in the paragraph told.
 */
function fillDetails(drafts: Draft[], paragraph: number, clause: Clause, facts: MessageFacts): void {
  const last = drafts[drafts.length - 1];
  if (!last || last.paragraph !== paragraph || last.status === 'missed') return;
  const service = serviceOf(clause.text, facts);
  if (service && service !== last.service) return;
  last.minutes ??= minutesIn(clause.text);
  last.delivery ??= deliveryFromWords(clause.words);
  if (hasPhrase(sessionVocabulary().remote, clause.words)) return;
  last.location ??= locationFromWords(clause.words) ?? locationFromServiceWords(clause.text);
}

/** A missed session takes the minutes the next sentence says were scheduled ("NOT HELD, I was out. Sched 30 min."). */
function fillScheduled(drafts: Draft[], paragraph: number, sentence: number, clause: Clause): void {
  const last = drafts[drafts.length - 1];
  if (!last || last.paragraph !== paragraph || last.status !== 'missed' || sentence - last.sentence > 1) return;
  last.minutes ??= statedScheduledMinutes(clause.text);
}

/** The service, and others the clause names beside it ("speech and OT", "counseling or PT"). */
function alsoNamed(text: string, first: ServiceCode, facts: MessageFacts): ServiceCode[] {
  const mentions = findServiceMentions(text);
  const out: ServiceCode[] = [first];
  for (let k = 1; k < mentions.length; k++) {
    const before = mentions[k - 1];
    const m = mentions[k];
    if (!before || !m) break;
    const between = text.slice(before.end, m.start);
    if (!/^\s*(?:,|\/|&|and|or|nor|,\s*and|,\s*or)\s*$/i.test(between)) break;
    const code = m.conditional ? (facts.specialEducation ? 'specialized-academic-instruction' : 'other') : m.service;
    if (!out.includes(code)) out.push(code);
  }
  return out[0] === serviceOfMention(mentions[0], facts) ? out : [first];
}

function serviceOfMention(m: ServiceMention | undefined, facts: MessageFacts): ServiceCode | null {
  if (!m) return null;
  return m.conditional ? (facts.specialEducation ? 'specialized-academic-instruction' : 'other') : m.service;
}

function scheduledMinutesFromClause(text: string): number | null {
  return scheduledMinutesIn(text);
}

/**
 * The days named; a range ("Nov 23-25") of missed days gives each school day in it, up to a week.
 * Where a clause names single days beside a range ("closed Sept 29 - Oct 2, so he missed Tuesday
 * 29 and Thursday 1"), the single days are the sessions and the range is the closure's.
 */
function uniqueDays(all: DateMention[], expand = false): IsoDate[] {
  const days: IsoDate[] = [];
  const singles = all.filter((d) => d.end === null);
  const dates = expand && singles.length > 0 ? singles : all;
  for (const d of dates) {
    if (!days.includes(d.date)) days.push(d.date);
    if (!d.end || !expand) continue;
    const span = daysBetween(d.date, d.end);
    if (span <= 0 || span > 7) continue;
    for (let k = 1; k <= span; k++) {
      const day = addDays(d.date, k);
      if (!isWeekend(day) && !days.includes(day)) days.push(day);
    }
  }
  return days;
}

function reasonFor(
  clause: Clause,
  sentence: Sentence,
  sentences: Sentence[],
  index: number,
  unit: Unit,
  unitWords: WordText,
  service: ServiceCode,
  facts: MessageFacts,
): MissedReason | null {
  const aide = service === 'aide';
  // A run-on sentence tells several happenings: each clause gives its own cause.
  const near = runOn(sentence.text) ? [clause.words] : [clause.words, sentence.words];
  if (unit.head) near.push(unitWords);
  const following = sentences[index + 1];
  if (following) near.push(following.words);
  const preceding = sentences[index - 1];
  if (preceding) near.push(preceding.words);
  for (const words of near) {
    const reason = reasonFromWords(words, aide);
    if (reason) return reason;
  }
  if (aide) return 'provider-absent';
  return facts.subjectReason;
}

/**
 * Misses read from an absence ("the therapist was sick Thursday 17 and Friday 18") that the
 * sentence following from it ("So he missed his Thursday session") does not name: the absence
 * covered those days, but the consequence tells which sessions there were.
 */
function withoutAbsenceDays(drafts: Draft[], consequenceOf: Map<number, number>): Draft[] {
  if (consequenceOf.size === 0) return drafts;
  const dropped = new Set<Draft>();
  for (const [after, before] of consequenceOf) {
    const told = drafts.filter((d) => d.sentence === after && d.status === 'missed');
    if (told.length === 0) continue;
    for (const d of drafts) {
      if (d.sentence !== before || d.status !== 'missed') continue;
      if (!told.some((t) => t.service === d.service)) continue;
      if (!told.some((t) => t.service === d.service && t.date === d.date)) dropped.add(d);
    }
  }
  return drafts.filter((d) => !dropped.has(d));
}

interface ListedSession {
  text: string;
  service: ServiceCode | null;
  minutes: number | null;
  delivery: Delivery | null;
  location: Location | null;
}

const LIST_BREAK = /\s+(?:and|y|e|plus)\s+|[,;:]\s+/gi;

/**
 * Several sessions of one day listed in one clause, each with its own minutes and its own service
 * or grouping ("articulation individually (15 minutes) and language in a group (30 minutes)"), or
 * null where the clause tells one session.
 */
function sessionsListed(text: string, facts: MessageFacts, anchor: IsoDate): ListedSession[] | null {
  if (text.length > 600) return null;
  const pieces: string[] = [];
  let at = 0;
  for (const m of allMatches(text, LIST_BREAK)) {
    pieces.push(text.slice(at, m.index ?? 0));
    at = (m.index ?? 0) + m[0].length;
  }
  pieces.push(text.slice(at));
  const listed: ListedSession[] = [];
  for (const piece of pieces) {
    const minutes = minutesIn(piece);
    if (minutes === null) continue;
    // A piece naming its own day is another day's line run on, not a second session of this day.
    if (listed.length > 0 && findDateMentions(piece, anchor).length > 0) return null;
    const words = wordText(piece);
    const service = serviceOf(piece, facts);
    const delivery = deliveryFromWords(words);
    if (!service && !delivery) return null;
    listed.push({ text: piece, service, minutes, delivery, location: locationFromWords(words) });
  }
  return listed.length >= 2 ? listed : null;
}

/**
 * One session per day and service within a part; a later statement fills what an earlier one left
 * open. Items of one dated list are each their own session.
 */
function merge(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const same = out.find(
      (o) =>
        o.date === d.date &&
        o.service === d.service &&
        o.slot === d.slot &&
        !(o.listed && d.listed && o.paragraph === d.paragraph && (o.line !== d.line || o.item !== d.item)),
    );
    if (!same) {
      out.push({ ...d });
      continue;
    }
    // "Scheduled provider: out sick" beside "Covering provider: ... session delivered by her": held.
    const coveredAbsence =
      (d.covered && same.status === 'missed' && same.reason === 'provider-absent') ||
      (same.covered && d.status === 'missed' && d.reason === 'provider-absent');
    if (coveredAbsence) {
      const held = d.covered ? d : same;
      Object.assign(same, { ...held, minutes: held.minutes ?? null, reason: null });
      continue;
    }
    if (STATUS_RANK[d.status] > STATUS_RANK[same.status]) {
      const keep = { ...same };
      Object.assign(same, d);
      same.minutes ??= d.status === 'missed' ? null : keep.minutes;
      same.delivery ??= keep.delivery;
    } else if (d.status === same.status || (d.status === 'delivered' && same.status === 'makeup')) {
      // A make-up's details may come in a later line that only says it was held ("O: seen 1:1 10:00-10:30").
      same.minutes ??= d.minutes;
      same.delivery ??= d.delivery;
      same.location ??= d.location;
      same.reason ??= d.reason;
    }
  }
  return out;
}

/**
 * The one room every naming of a service in a text states ("RR math ... resource room"), or null
 * where some naming states none ("resource" alone) or they differ.
 */
/** The service a mention names, where words that are special education only when tied to it take the message's tie. */
function mentionedService(m: ServiceMention, specialEducation: boolean): ServiceCode {
  return m.conditional ? (specialEducation ? 'specialized-academic-instruction' : 'other') : m.service;
}

/** The room the text names the service by ("resource math", "speech room"), where a mention of that service names one. */
function roomNamingService(text: string, service: ServiceCode, specialEducation: boolean): Location | null {
  return (
    findServiceMentions(text).find((m) => m.location && mentionedService(m, specialEducation) === service)?.location ??
    null
  );
}

function roomOfEveryNaming(service: ServiceCode, text: string, specialEducation: boolean): Location | null {
  const rooms = new Set<Location | null>();
  for (const m of findServiceMentions(text))
    if (mentionedService(m, specialEducation) === service) rooms.add(m.location);
  return rooms.size === 1 ? ([...rooms][0] ?? null) : null;
}

/** The facts of a message that single sentences lean on, from its subject and the author's text. */
export function messageFacts(subject: string, authorText: string, wholeText: string, noteText = ''): MessageFacts {
  const specialEducation = tiesToSpecialEducation(`${subject}\n${wholeText}`);
  const resolve = (text: string, notRooms = false): ServiceCode[] => {
    const codes: ServiceCode[] = [];
    for (const m of findServiceMentions(text)) {
      if (notRooms && m.location !== null) continue;
      const code = mentionedService(m, specialEducation);
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  };
  const inSubject = resolve(subject);
  const inText = resolve(authorText);
  let defaultService: ServiceCode | null = null;
  const subjectService = inSubject.length === 1 ? (inSubject[0] ?? null) : null;
  if (subjectService) defaultService = subjectService;
  else if (inSubject.length === 0 && inText.length === 1 && findServiceMentions(authorText).length >= 2) {
    // A message that names one service, more than in passing, is about it.
    defaultService = inText[0] ?? null;
  } else if (inSubject.length === 0 && resolve(authorText, true).length === 0) {
    // "the Thursday she had no aide either" above a forward that names no service but by a room
    // (where lunch was): the parent's note tells whose report it is.
    const inNote = resolve(noteText);
    if (inNote.length === 1) defaultService = inNote[0] ?? null;
  }
  const aideIndividual =
    /\b(?:1:1|one[- ]on[- ]one|one[- ]to[- ]one|individual)\s+(?:health\s+|instructional\s+|personal\s+)?(?:aide|para|paraprofessional|paraeducator|assistant)/i.test(
      wholeText.slice(0, MAX_TEXT),
    );
  return {
    defaultService,
    subjectService,
    defaultLocation: defaultService
      ? roomOfEveryNaming(defaultService, subjectService ? subject : authorText, specialEducation)
      : null,
    authorService: inSubject.length === 0 && inText.length === 1 ? (inText[0] ?? null) : null,
    specialEducation,
    aideIndividual,
    subjectReason: reasonFromWords(wordText(subject)),
    subject,
    providers: providersIntroduced(`${wholeText.slice(0, MAX_TEXT)}\n${noteText.slice(0, MAX_TEXT)}`),
  };
}
