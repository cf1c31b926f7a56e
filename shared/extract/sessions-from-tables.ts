// Sessions stated in a service log: a table (CSV, XLSX, PDF, an HTML or tab-separated body) with
// a date per row and minutes or an attendance status. Columns are found by their header words;
// status codes are read from the row, or from a legend in the same document ("MU = make-up session").

import { daysBetween, daysFrom, isWeekend } from '../calendar/iso-days';
import type { Delivery, IsoDate, Location, MissedReason, ServiceCode, Session, SessionStatus } from '../records/types';
import { allMatches } from './all-matches';
import { cellWords, type Table } from './attachments/types';
import { clockSpanCellMinutes, minutesBetweenClocks, unitLengthIn } from './clock-spans';
import { daySheetAide, daySheetRows, daySheetSessions, sheetDay } from './day-sheet';
import { hasPhrase, phraseSet, wordText } from './match-phrases';
import { normaliseCell } from './normalise/normalise-text';
import type { Finding, TablePart } from './reading-context';
import { dateFromCell, findDateMentions, namedWeek, weekdayInWeek } from './resolve-dates';
import { escapeRegExp } from './sentences';
import {
  findServiceMentions,
  locationFromServiceWords,
  namesALog,
  serviceFromLogHeaders,
  tiesToSpecialEducation,
} from './service-words';
import { deliveryFromWords, locationFromWords, reasonFromWords } from './session-vocabulary';
import { type MessageFacts, sessionsFromText } from './sessions-from-text';

type Cell = string | number | Date | null;

interface Columns {
  date: number;
  service: number | null;
  /** Other columns naming the service (a description beside a code), read in turn where the first names none. */
  serviceAlternatives: number[];
  delivered: number | null;
  scheduled: number | null;
  grouping: number | null;
  location: number | null;
  status: number[];
  notes: number[];
  /** "Time In" / "Time Out" (or start and end time) columns, where minutes are not written. */
  /** A column of clock-time spans ("Window": "10:05-10:25"), where minutes are not written. */
  span: number | null;
  /** The delivered column counts billing units ("Units": 2), not minutes. */
  deliveredInUnits: boolean;
  /** So does the scheduled column ("Sch U": 2). */
  scheduledInUnits: boolean;
  /** The delivered column is headed as a length ("Duration", "How long"): "0:30" in it is 30 minutes. */
  deliveredIsLength: boolean;
  /** The delivered column holds both figures, delivered over scheduled ("Min act/sch": "0/30"). */
  deliveredOverScheduled: boolean;
  /** ... or scheduled over delivered ("Min (sched/act)": "270/240"). */
  scheduledFirst: boolean;
  timeIn: number | null;
  timeOut: number | null;
  /** A notes column headed as the reason ("Reason given"): why a session did not happen. */
  reasonGiven: boolean;
}

// A column dating a week or a month ("Week of", "wk_of", "Month") dates totals, not a session.
const NOT_A_SESSION_DATE =
  /\b(start|starts|end|ends|ending|begin|begins|beginning|through|range|birth|dob|due|generated|report|entered|signed|created|initiation|effective|duration|projected|expiration|expires|week|wk|month|mo)\b/i;

/** Words of a notice inviting the family to a meeting ("Invitation to a Meeting", "you are invited to participate in a meeting"). */
const MEETING_NOTICE =
  /\binvitation to (?:an?|the)\s+(?:[\w-]+\s+){0,3}meeting\b|\binvited to (?:participate in|attend) (?:an?|the)\s+(?:[\w-]+\s+){0,3}meeting\b|\bnotice of (?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}meeting\b/i;

const NOTES_HEADER = /\b(reason|note|notes|comment|comments|remarks|explanation|detail|details|description)\b/;

/** A services grid (how often, from when to when) is what the IEP requires, never a log of sessions. */
const REQUIREMENT_GRID = /\b(frequency|freq|how often|initiation|projected|per session)\b/i;

/**
 * What a column's cells are, whatever its header says: a column of dates is the date column; a
 * column of whole numbers from 5 to 240 (or dashes) is minutes. Headers are hints, content decides
 * where the header is unknown ("Dt", "Dur", "Svc Dt/Time").
 */
interface ColumnContent {
  dates: boolean;
  minutes: boolean;
  /** Cells that are clock-time spans ("10:05-10:25"): the session's minutes are their length. */
  spans: boolean;
  /** Cells that are grouping codes ("I", "G", "G (3)", "1:1"). */
  grouping: boolean;
  /** Cells that are weekdays alone ("M", "Th") of a named week: the day column, whatever its header ("Wk of 10/12"). */
  weekdays: boolean;
}

/** Minutes with the session's words after them ("30 min, 1:1", "45 mins small group"): a minutes cell. */
const MINUTES_THEN_WORDS = /^\s*\d{1,3}\s*(?:min|mins|minutes)\b\.?\s*[,;(-]?\s*[a-z0-9(].*$/i;

/** A header naming both ends of a span ("Session (start – end)") heads times, not a start date. */
const SPAN_HEADER = /\b(start|begin|from)\b.*\b(end|stop|to)\b/i;

function contentOf(rows: Table['rows'], anchor: IsoDate | null, week: IsoDate | null = null): ColumnContent[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const out: ColumnContent[] = [];
  for (let i = 0; i < width; i++) {
    const cells = rows.map((r) => r[i] ?? null).filter((c) => c !== null && String(c).trim() !== '');
    const filled = cells.filter((c) => c instanceof Date || !blank(cellWords(c)));
    const dayFirst = writtenDayFirst(rows, i);
    const dates = filled.filter(
      (c) =>
        ((c instanceof Date || /\d/.test(String(c))) && dateFromCell(dayFirst ? monthFirst(c) : c, anchor) !== null) ||
        (week !== null && typeof c === 'string' && weekdayInWeek(c, week) !== null),
    );
    const numbers = filled.filter(
      (c) =>
        typeof c === 'number' ||
        /^\s*\d{1,4}\s*(?:min|mins|minutes)?\.?\s*$/i.test(String(c)) ||
        MINUTES_THEN_WORDS.test(String(c)),
    );
    // Minutes: mostly 5 to 240, a 0 for a missed session, at most a totals row beyond.
    // A cell's figure is the number it opens with ("30 min" and "30 min, 1:1" are 30).
    const figures = numbers.map((c) => (typeof c === 'number' ? c : Number.parseInt(String(c), 10)));
    const inRange = figures.filter((n) => n >= 5 && n <= 240);
    const outside = figures.filter((n) => n !== 0 && (n < 5 || n > 240));
    const spans = filled.filter((c) => clockSpanCellMinutes(cellWords(c)) !== null);
    // Grouping codes, or grouping words alone ("Individual", "Small group").
    const codes = filled.filter(
      (c) =>
        /^\s*(?:i|g|sg|ind|grp|1:1)\s*(?:\(\s*\d+\s*\))?\s*$/i.test(cellWords(c)) ||
        (/^[a-z\s-]+$/i.test(cellWords(c)) &&
          deliveryFromWords(wordText(normaliseCell(cellWords(c)))) !== null &&
          findServiceMentions(cellWords(c)).length === 0),
    );
    const weekdays =
      week === null ? [] : filled.filter((c) => typeof c === 'string' && weekdayInWeek(c, week) !== null);
    out.push({
      weekdays: filled.length > 0 && weekdays.length === filled.length,
      grouping: filled.length > 0 && codes.length === filled.length,
      spans: filled.length > 0 && spans.length >= Math.max(1, filled.length * 0.6),
      dates: filled.length > 0 && dates.length >= Math.max(1, filled.length * 0.6),
      minutes: filled.length > 0 && inRange.length >= Math.max(1, filled.length * 0.6) && outside.length <= 1,
    });
  }
  return out;
}

function findColumns(headers: string[], content: ColumnContent[] = []): Columns | null {
  const h = headers.map((x) => x.toLowerCase().replace(/\s+/g, ' ').trim());
  const find = (test: (x: string) => boolean, taken: Set<number>): number | null => {
    for (let i = 0; i < h.length; i++) if (!taken.has(i) && test(h[i] ?? '')) return i;
    return null;
  };
  const taken = new Set<number>();
  const date =
    find(
      (x) => /\b(date|dos|dt|day)\b/.test(x) && !NOT_A_SESSION_DATE.test(x) && content[h.indexOf(x)]?.dates !== false,
      taken,
    ) ??
    find(
      (x) =>
        (!NOT_A_SESSION_DATE.test(x) || (SPAN_HEADER.test(x) && content[h.indexOf(x)]?.spans === true)) &&
        // Days in a notes column are told in its notes ("9/4 assembly; 9/11 absent"), not the row's own.
        !NOTES_HEADER.test(x) &&
        content[h.indexOf(x)]?.dates === true,
      taken,
    ) ??
    find((x) => content[h.indexOf(x)]?.weekdays === true, taken);
  if (date === null) return null;
  taken.add(date);
  // One column of both figures, delivered over scheduled ("Srvd/Sched", "Min (S/R)": "30/45").
  const both = find((x) => SERVED_OVER_SCHEDULED.test(x) || SCHEDULED_OVER_SERVED.test(x), taken);
  if (both !== null) taken.add(both);
  // "Sch U" / "Del U" (units scheduled and delivered): the short forms open the header.
  const scheduled = find((x) => /\b(sched|scheduled|planned|expected|required|iep min)|^sch\b/.test(x), taken);
  if (scheduled !== null) taken.add(scheduled);
  let delivered =
    both ??
    find((x) => /\b(deliver|delivered|actual|served|provided|received)\b|^del\b/.test(x) && !/\bnot\b/.test(x), taken);
  if (delivered === null) {
    delivered = find(
      (x) =>
        (/\b(min|mins|minutes|time|duration|dur|length|units?)\b/.test(x) || LENGTH_HEADER.test(x)) &&
        !/\b(start|end|begin|in|out|from|to)\b/.test(x) &&
        // A column of clock spans headed "Time" is the span column, not minutes.
        content[h.indexOf(x)]?.spans !== true,
      taken,
    );
  }
  if (delivered === null) {
    const byContent = content.findIndex(
      (c, i) => c.minutes && !taken.has(i) && !/\b(id|grade|gr|size|rm|room|bus|route|rte|run)\b|#/.test(h[i] ?? ''),
    );
    if (byContent >= 0) delivered = byContent;
  }
  if (delivered !== null) taken.add(delivered);
  const groupingByHeader = find(
    (x) => /\b(group|grouping|individual|ratio|size|sz|format|mode)\b|^(?:i\/g|g\/i)$/.test(x),
    taken,
  );
  const grouping = groupingByHeader ?? find((x) => content[h.indexOf(x)]?.grouping === true, taken);
  if (grouping !== null) taken.add(grouping);
  const locationHeader = /\b(location|setting|room|place|site|where)\b|^set$/;
  // One column for two fields ("Format/Setting": "1:1, OT rm") is the grouping and the place.
  const location =
    find((x) => locationHeader.test(x), taken) ??
    (grouping !== null && locationHeader.test(h[grouping] ?? '') ? grouping : null);
  if (location !== null) taken.add(location);
  const serviceHeader = /\b(service|services|svc|svcs|disc|discipline|program|area|type|activity)\b/;
  // One column for two fields ("Svc-Grp/Ind": "Para-Grp", "OT-Ind") is the service and the grouping.
  const service: number | null =
    find((x) => serviceHeader.test(x), taken) ??
    (groupingByHeader !== null && serviceHeader.test(h[groupingByHeader] ?? '') ? groupingByHeader : null) ??
    // So is "Activity @ Site" ("Job coaching @ the market"): the service and the place.
    (location !== null && serviceHeader.test(h[location] ?? '') ? location : null);
  if (service !== null) taken.add(service);
  // A service's code and its description in two columns ("Svc Code" | "Service Desc"): the second is read where the first tells nothing.
  const serviceAlternatives =
    service === null ? [] : h.flatMap((x, i) => (!taken.has(i) && serviceHeader.test(x) ? [i] : []));
  for (const i of serviceAlternatives) taken.add(i);
  const status: number[] = [];
  const notes: number[] = [];
  for (let i = 0; i < h.length; i++) {
    if (taken.has(i)) continue;
    const x = h[i] ?? '';
    if (/\b(status|stat|attendance|att|attend|code|cd|result|outcome|attended|exception|exc)\b/.test(x)) status.push(i);
    else if (NOTES_HEADER.test(x)) notes.push(i);
  }
  const timeIn = find((x) => /\b(time in|start time|start|begin time|from)\b/.test(x), taken);
  if (timeIn !== null) taken.add(timeIn);
  const timeOut = find((x) => /\b(time out|end time|stop time|end|to|stop|finish|finished)\b/.test(x), taken);
  // The day's own cell may carry the span ("09/02/2026 10:05 AM – 10:24 AM").
  // A span column beside a minutes column fills the minutes a row leaves blank.
  const span = content.findIndex((c, i) => c.spans && (!taken.has(i) || i === date || i === timeIn));
  const reasonGiven = notes.some((i) => /\breason\b/.test(h[i] ?? ''));
  if (
    delivered === null &&
    status.length === 0 &&
    span < 0 &&
    (timeIn === null || timeOut === null) &&
    !(scheduled !== null && reasonGiven)
  )
    return null;
  return {
    date,
    service,
    serviceAlternatives,
    delivered,
    scheduled,
    grouping,
    location,
    status,
    notes,
    timeIn,
    timeOut,
    span: span >= 0 ? span : null,
    deliveredInUnits:
      delivered !== null && UNITS_HEADER.test(h[delivered] ?? '') && content[delivered]?.minutes !== true,
    scheduledInUnits:
      scheduled !== null && UNITS_HEADER.test(h[scheduled] ?? '') && content[scheduled]?.minutes !== true,
    deliveredOverScheduled: delivered !== null && (delivered === both || /\/\s*sch/.test(h[delivered] ?? '')),
    scheduledFirst: delivered !== null && delivered === both && SCHEDULED_OVER_SERVED.test(h[delivered] ?? ''),
    deliveredIsLength: delivered !== null && LENGTH_HEADER.test(h[delivered] ?? ''),
    reasonGiven,
  };
}

/** A header naming the minutes delivered, then over a slash the minutes scheduled or required. */
const SERVED_OVER_SCHEDULED =
  /\b(?:served|delivered|actual|provided|given|received|s|d|a)\s*\/\s*(?:min(?:utes)?\s+)?(?:scheduled|sched|sch|required|req|planned|r|p)\b/;

/** The same two figures the other way round: scheduled, then over a slash delivered ("sched/act", "planned / actual"). */
const SCHEDULED_OVER_SERVED =
  /\b(?:scheduled|sched|sch|planned|plan|required|req)\s*\/\s*(?:min(?:utes)?\s+)?(?:served|delivered|del|actual|act|provided|given|received)\b/;

/** A cell holding only a dash or two: nothing given. */
const DASH_CELL = /^\s*[-\u2013\u2014]+\s*$/;

/** A column headed as a session's length. */
const LENGTH_HEADER = /\b(duration|dur|length|how long|time spent|elapsed)\b/;

/** A column counting units: "Units", "Del Units", "Sch U". */
const UNITS_HEADER = /\bunits?\b|\bu$/;

/** A header's words: an export's field name ("SESS_DT", "Act.Min") read as words ("session date"). */
function headerWords(header: string): string {
  return normaliseCell(header.replace(/(?<=[A-Za-z])[_.](?=[A-Za-z])/g, ' '));
}

/** A cell's words with shorthand and Spanish in plain English ("Grp" → "group", "SW ofc" → "social work office"). */
function text(cell: Cell | undefined): string {
  return normaliseCell(cellWords(cell));
}

function blank(value: string): boolean {
  // "?" says the writer does not know: no more than an empty cell.
  return value === '' || /^[-\u2013\u2014\s/?]*$|^n\/?a$/i.test(value);
}

/** A row's minutes from its billing units: the clock where the row gives one, else units times the unit length. */
function minutesOfUnits(units: number | null, clock: number | null, unitLength: number | null): number | null {
  if (units === 0) return 0;
  if (units === null) return clock;
  return clock ?? (unitLength === null ? null : units * unitLength);
}

function numberIn(value: string): number | null {
  // "0:30" is a length or a clock time, never 0 minutes: read only where the column says which.
  if (HOURS_MINUTES.test(value)) return null;
  const m = /^\s*(\d{1,3})\b/.exec(value);
  return m ? Number(m[1]) : null;
}

const HOURS_MINUTES = /^\s*(\d{1,2}):([0-5]\d)\s*$/;

/** A length written as hours and minutes ("0:30", "1:15") in a column headed as a length: its minutes. */
function hoursAndMinutes(value: string): number | null {
  const m = HOURS_MINUTES.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 0 && minutes <= 480 ? minutes : null;
}

/**
 * "0 (30 scheduled)", "0 (30 sched.)", "0 of 30": the minutes scheduled, written beside the minutes
 * delivered; or "0/30" in a column whose header says it holds both ("Min act/sch").
 */
function scheduledBeside(value: string, overScheduled: boolean): number | null {
  const m =
    /\(\s*(\d{1,3})\s*(?:min(?:utes)?\.?\s*)?(?:scheduled|sched\.?|sch\.?)\s*\)/i.exec(value) ??
    /^\s*\d{1,3}\s+(?:of|out of|de)\s+(\d{1,3})\s*(?:min(?:utes)?\.?)?\s*$/i.exec(value) ??
    (overScheduled ? /^\s*(?:\d{1,3}|[-\u2013\u2014]{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(value) : null);
  return m ? Number(m[1]) : null;
}

const DELIVERED_WORDS = phraseSet([
  'delivered',
  'seen',
  'present',
  'completed',
  'complete',
  'provided',
  'served',
  'attended',
  'held',
  'yes',
  'done',
  'met',
  'shortened',
]);
const MAKEUP_WORDS = phraseSet(['make-up', 'makeup', 'make up', 'made up', 'mu', 'compensatory', 'comp']);
/** A make-up told in a column of free notes, where "comp" may be comprehension: only words that say it. */
const MAKEUP_NOTE = phraseSet([
  'make-up',
  'makeup',
  'make up for',
  'made up',
  'mu for',
  'compensatory',
  'comp time',
  'comp session',
  'to make up',
]);
const MISSED_WORDS = phraseSet([
  'missed',
  'not held',
  'not delivered',
  'not provided',
  'not served',
  'not seen',
  'absent',
  'absence',
  'cancelled',
  'canceled',
  'cancel',
  'no show',
  'no-show',
  'unavailable',
  'not available',
  'holiday',
  'closed',
  'closure',
  'no school',
  'refused',
  'not run',
  'not made',
  'no service',
  'no',
]);

function statusFromWords(value: string): SessionStatus | null {
  if (blank(value)) return null;
  if (/^\s*y(es)?\s*$/i.test(value)) return 'delivered';
  if (/^\s*no?\s*$/i.test(value)) return 'missed';
  const w = wordText(value);
  if (hasPhrase(MAKEUP_WORDS, w)) return 'makeup';
  if (hasPhrase(MISSED_WORDS, w)) return 'missed';
  if (hasPhrase(DELIVERED_WORDS, w)) return 'delivered';
  return null;
}

const CODE = '[A-Z0-9][A-Z0-9/-]{0,7}';
const LEGEND_PAIR = new RegExp(
  String.raw`^\s*(${CODE}(?: ${CODE})?)\s*(?:\t|\s[-\u2013:]\s)\s*([A-Za-z][^\t]{2,60})\s*$`,
);
const CODE_AT_END = new RegExp(String.raw`(?:^|[^A-Za-z0-9/-])((?:${CODE} )?${CODE})\s*$`);

/**
 * Status codes a document explains in a legend line ("D = delivered  MU = make-up session  SA =
 * student absent", "NS - not seen") or a two-column code table ("Code<TAB>Meaning"). A code is
 * capitals and digits, with a hyphen or slash, or two such words ("GE-CT", "N/H", "5TH ELA").
 */
/** A code opening a cell before a number ("SR 08", "RR-12"). */
const CODE_BEFORE_NUMBER = /^\s*([A-Za-z]{1,6})(?=[\s-]*[A-Za-z]?\d)/;

export function codeLegend(documentText: string): Map<string, string> {
  const legend = new Map<string, string>();
  for (const line of documentText.slice(0, 50_000).split(/\r?\n/)) {
    for (const [code, meaning] of codesListedInLine(line)) legend.set(code, meaning);
    const pair = LEGEND_PAIR.exec(line);
    if (pair?.[1] && pair[2] && !line.includes('=') && /[A-Z]/.test(pair[1])) {
      legend.set(pair[1], pair[2].trim());
      continue;
    }
    if (!line.includes('=')) continue;
    const parts = line.split('=');
    // parts: [.. CODE], [meaning NEXTCODE], ..., [meaning]
    for (let k = 0; k < parts.length - 1; k++) {
      const code = CODE_AT_END.exec(parts[k] ?? '')?.[1];
      if (!code || !/[A-Z]/.test(code)) continue;
      let meaning = (parts[k + 1] ?? '').trim();
      // The next pair's code follows the last comma ("RR = resource room, GE pi = push-in"), whatever its case.
      if (k + 1 < parts.length - 1)
        meaning = /[,;]/.test(meaning) ? meaning.replace(/[,;][^,;]*$/, '') : meaning.replace(CODE_AT_END, '');
      if (meaning) legend.set(code, meaning.replace(/[:;,.]\s*$/, ''));
    }
  }
  return legend;
}

const LISTED_CODE = new RegExp(String.raw`^\s*(${CODE})\s+([a-z][a-z' /-]{1,40}?)\s*$`);

/**
 * Codes listed with their meanings after a label, comma by comma, with no sign between them
 * ("Codes: D delivered, SA student absent, X school closed."; "Rm: RR resource room, CO counseling
 * office"): each sentence of the line whose every item (two or more) is a code and lower-case words.
 */
function codesListedInLine(line: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const sentence of line.split(/\.(?:\s+|$)/)) {
    const items = sentence.replace(/^\s*[A-Za-z][A-Za-z ]{0,20}:/, '').split(/[,;]/);
    if (items.length < 2) continue;
    const pairs = items.map((item) => LISTED_CODE.exec(item));
    if (pairs.some((p) => !p?.[1] || !/[A-Z]/.test(p[1]))) continue;
    for (const p of pairs) if (p?.[1] && p[2]) out.push([p[1], p[2]]);
  }
  return out;
}

/**
 * What the document says each short header means, where a key line explains it ("Sch = minutes
 * scheduled, Min = minutes delivered", "Dur: length in minutes"): the header as written, then `=`,
 * `:` or a spaced dash, then a few words up to the next separator. A header explained by a code
 * list ("Att: P = present; SA = ...") has no meaning of its own and is left as it is.
 */
export function explainedHeaders(headers: string[], documentText: string): Array<string | null> {
  const text = documentText.slice(0, 20_000);
  return headers.map((header) => {
    const h = header.trim();
    // Only abbreviations need a key; a word header ("Notes", "Service") is read as it is.
    if (!/^[A-Za-z][A-Za-z.#/]{0,3}$/.test(h)) return null;
    const m = new RegExp(
      `(?:^|[\\s,;(])${escapeRegExp(h)}\\s*(?:=|:|\\s[-\u2013]\\s)\\s*([A-Za-z][^,;=\\n]{2,40})`,
      'm',
    ).exec(text);
    const meaning = m?.[1]?.trim();
    // "Att: P = present": the words run into a code list, so they explain codes, not the header.
    if (!m || !meaning || text[m.index + m[0].length] === '=') return null;
    return meaning;
  });
}

function deliveryFromCell(value: string): Delivery | null {
  if (blank(value)) return null;
  const n = /^\s*(\d{1,2})\s*$/.exec(value);
  if (n) return Number(n[1]) === 1 ? 'individual' : Number(n[1]) > 1 ? 'group' : null;
  // A grouping column's one-letter codes: "I", "G", "G (3)", "SG".
  if (/^\s*i\s*(?:\(\s*1\s*\))?\s*$/i.test(value)) return 'individual';
  if (/^\s*s?g\s*(?:\(\s*\d+\s*\))?\s*$/i.test(value)) return 'group';
  const size = /\(\s*(\d{1,2})\s*\)/.exec(value);
  if (size && /group/i.test(value)) return Number(size[1]) === 1 ? 'individual' : 'group';
  return deliveryFromWords(wordText(value));
}

function serviceFromCell(value: string, specialEducation: boolean): ServiceCode | null {
  const mentions = findServiceMentions(value);
  const firm = mentions.find((m) => !m.conditional);
  if (firm) return firm.service;
  if (mentions.length > 0)
    return specialEducation || tiesToSpecialEducation(value) ? 'specialized-academic-instruction' : 'other';
  return null;
}

/** The one service a document names (a log's title "Service: Specialized Academic Instruction"), else null. */
export function documentService(documentText: string, specialEducation: boolean): ServiceCode | null {
  const text = documentText.slice(0, 20_000);
  const codes = new Set<ServiceCode>();
  // "Here is the SDI reading log" names whose log it is, whatever else the mail names in passing.
  const logs = new Set<ServiceCode>();
  for (const m of findServiceMentions(text)) {
    const code = m.conditional ? (specialEducation ? 'specialized-academic-instruction' : 'other') : m.service;
    codes.add(code);
    if (namesALog(text, m)) logs.add(code);
  }
  if (codes.size === 1) return [...codes][0] ?? null;
  return logs.size === 1 ? ([...logs][0] ?? null) : null;
}

const SERVICE_LABEL_LINE = /^[ \t]*(?:service|svc|servicio)[ \t]*:[ \t]*([^\t\n|]{3,80})/gim;

/**
 * The grouping a log's own title line states for every row ("Service: ABA direct 1:1 (RBT)"), where
 * the document labels its service once; null where it says none, or its labelled lines disagree.
 */
export function documentDelivery(documentText: string): Delivery | null {
  const found = new Set<Delivery | null>();
  for (const m of allMatches(documentText.slice(0, 20_000), SERVICE_LABEL_LINE)) {
    // "Svc: IND = individual; CONS = consultation" explains codes; it states no grouping for every row.
    if ((m[1] ?? '').includes('=')) continue;
    found.add(deliveryFromWords(wordText(normaliseCell(m[1] ?? ''))));
  }
  // A sheet's labelled ratio or format ("Support ratio: 1:1", "Format: small group") holds for its rows.
  for (const m of allMatches(documentText.slice(0, 20_000), DELIVERY_LABEL_LINE)) {
    found.add(deliveryFromWords(wordText(normaliseCell(m[1] ?? ''))));
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** How the mail says every session of its log was given, and of which service (null: any). */
interface StatedForAll {
  service: ServiceCode | null;
  delivery: Delivery | null;
  location: Location | null;
}

/**
 * A sentence about all of a log's sessions ("All sessions are held in the speech room", "Sessions
 * were small group", "CI and CO are 1:1 with me in the social work office").
 */
const FOR_ALL_SESSIONS =
  /\b(?:all|every|each)\s+(?:of\s+)?(?:(?:the|his|her|their|these|our|my)\s+)?(?:[\p{L}-]+\s+)?(?:sessions?|services|minutes|groups?|visits?)\b|\b(?:sessions|services|visits|groups)\s+(?:are|were)\s+(?:all\s+)?(?:held|provided|delivered|given|done|in|small)\b|\b(?:are|were)\s+(?:all\s+)?(?:1:1|one[- ]on[- ]one|individual|small[- ]group|in\s+(?:a\s+)?small\s+group)\s+with\s+me\b/iu;

/** The grouping and place sentences of the mail give all of its log's sessions, each with the service it names. */
function statedForAllSessions(documentText: string, specialEducation: boolean): StatedForAll[] {
  const out: StatedForAll[] = [];
  for (const line of documentText.slice(0, 20_000).split(/\r?\n/)) {
    if (line.includes('\t') || !FOR_ALL_SESSIONS.test(line)) continue;
    for (const sentence of line.split(/(?<=[.!?;])\s+/)) {
      if (!FOR_ALL_SESSIONS.test(sentence)) continue;
      const words = wordText(sentence);
      const delivery = deliveryFromWords(words);
      const location = locationFromWords(words, true) ?? locationFromServiceWords(sentence);
      if (delivery || location) out.push({ service: serviceFromCell(sentence, specialEducation), delivery, location });
    }
  }
  return out;
}

/** A labelled line stating how a sheet's sessions are given, up to a column gap. */
const DELIVERY_LABEL_LINE =
  /^[ \t]*(?:support ratio|staff ratio|ratio|grouping|group size|format|delivery)[ \t]*:[ \t]*([^\t\n|=]{1,30}?)(?: {2,}|\t|$)/gim;

/**
 * The grouping column found by content: a column taken for the service by its header ("Session
 * Type", "Type") whose cells all say individual or group; or that column, or one no header named
 * ("Kind"), whose codes the document explains, none as a service and most as a grouping
 * ("Type: D = direct (1:1), C = consultation").
 */
function groupingByContent(
  columns: Columns,
  table: Table,
  specialEducation: boolean,
  legend: Map<string, string>,
): void {
  if (columns.grouping !== null) return;
  const cellsOf = (i: number) => table.rows.map((row) => cellWords(row[i])).filter((v) => !blank(v));
  const explainedGrouping = (cells: string[]): boolean => {
    const meanings = cells.map((c) => legend.get(c.trim().toUpperCase()));
    return (
      cells.length > 0 &&
      meanings.every((m) => m !== undefined && serviceFromCell(normaliseCell(m), specialEducation) === null) &&
      meanings.filter((m) => deliveryFromCell(normaliseCell(m ?? '')) !== null).length * 2 >= meanings.length
    );
  };
  if (columns.service !== null) {
    const cells = cellsOf(columns.service);
    const values = cells.map((c) => normaliseCell(c));
    const allDelivery =
      values.length > 0 &&
      values.every(
        (v) => deliveryFromCell(v) !== null && serviceFromCell(v, specialEducation) === null && !/^\s*\d+\s*$/.test(v),
      );
    if (allDelivery || explainedGrouping(cells)) {
      columns.grouping = columns.service;
      columns.service = null;
    }
    return;
  }
  if (legend.size === 0) return;
  const typed = typedColumns(columns);
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  for (let i = 0; i < width; i++) {
    if (typed.has(i) || columns.notes.includes(i)) continue;
    if (explainedGrouping(cellsOf(i))) {
      columns.grouping = i;
      return;
    }
  }
}

/** The columns given a meaning (all but notes and untyped ones). */
function typedColumns(columns: Columns): Set<number | null> {
  return new Set<number | null>([
    columns.date,
    columns.service,
    columns.delivered,
    columns.scheduled,
    columns.grouping,
    columns.location,
    columns.timeIn,
    columns.timeOut,
    columns.span,
    ...columns.status,
  ]);
}

const SLASH_DAY = /^\s*(\d{1,2})\/(\d{1,2})((?:\/\d{2,4})?)\s*$/;

/**
 * A date column written day first ("16/09", "23/09/2026"), as Spanish and most other languages
 * write it: some cell can only be day/month (its first number above 12) and none only month/day.
 */
function writtenDayFirst(rows: Table['rows'], column: number): boolean {
  let dayFirst = false;
  for (const row of rows) {
    const m = SLASH_DAY.exec(cellWords(row[column]));
    if (!m) continue;
    if (Number(m[2]) > 12) return false;
    if (Number(m[1]) > 12) dayFirst = true;
  }
  return dayFirst;
}

/** A day-first cell turned month first ("16/09" → "09/16"), the order the date reader takes. */
function monthFirst(cell: Cell | undefined): Cell {
  const m = SLASH_DAY.exec(cellWords(cell));
  return m ? `${m[2]}/${m[1]}${m[3]}` : (cell ?? null);
}

export interface TableContext {
  facts: MessageFacts;
  /** The document's own text (for the log's service). */
  documentText: string;
  /** The document's words as written, for a status-code legend ("NS = not scheduled"); default documentText. */
  legendText?: string;
}

/** Sessions in one table, or none where the table is not a session log. */
export function sessionsFromTable(part: TablePart, context: TableContext): Array<Finding<Session>> {
  const table: Table = part.table;
  if (table.headers.some((h) => REQUIREMENT_GRID.test(h))) return [];
  // Headers and cells are read once, for the week-grid reading and the log reading alike. A short
  // header the mail explains ("Sch = minutes scheduled") is read with its meaning.
  const explained = explainedHeaders(table.headers, context.legendText ?? context.documentText);
  const headers = table.headers.map((h, i) => headerWords(explained[i] ? `${h} ${explained[i]}` : h));
  // Rows dated by weekday alone ("M", "Th") in a week the table, the subject or the mail names ("Wk of 10/12").
  const week =
    part.anchor === null
      ? null
      : namedWeek([...headers, context.facts.subject, context.documentText].join('\n'), part.anchor);
  const content = contentOf(table.rows, part.anchor, week);
  const wide = wideSessions(part, context, headers, content);
  if (wide) return wide;
  const columns = findColumns(headers, content);
  if (!columns) {
    const summary = summarySessions(part, context, headers);
    if (summary) return summary;
    const day = sheetDay(context.documentText, part.anchor);
    const sheet = day ? daySheetRows(table) : null;
    return day && sheet
      ? [...daySheetSessions(part, day, sheet), ...daySheetAide(part, day, context.documentText)]
      : [];
  }
  // An invitation's table of when and where the meeting is ("Date | Time | Location") holds no session.
  if (
    columns.service === null &&
    columns.delivered === null &&
    MEETING_NOTICE.test(context.documentText.slice(0, 20_000))
  )
    return [];
  const legend = codeLegend(context.legendText ?? context.documentText);
  groupingByContent(columns, table, context.facts.specialEducation, legend);
  const unitLength =
    columns.deliveredInUnits || columns.scheduledInUnits
      ? unitLengthIn(context.legendText ?? context.documentText)
      : null;
  // Scheduled units are minutes only where the document says how long a unit is.
  const scheduledMinutes = (value: string): number | null => {
    const n = numberIn(value);
    if (n === null || !columns.scheduledInUnits) return n;
    return unitLength === null ? null : n * unitLength;
  };
  // The service the subject names comes first: a notes cell naming the nurse does not make a speech log nursing.
  const tableService =
    context.facts.subjectService ??
    serviceFromLogHeaders(table.headers) ??
    documentService(context.documentText, context.facts.specialEducation) ??
    context.facts.defaultService ??
    context.facts.authorService;
  // A place or grouping code the legend explains ("SPRM = speech room") is read by its meaning, and so
  // is a code opening a cell before a room number ("SR 08").
  const decoded = (cell: Cell | undefined): string => {
    const words = cellWords(cell);
    const opening = CODE_BEFORE_NUMBER.exec(words);
    const meaning =
      legend.get(words.toUpperCase()) ??
      (opening?.[1] && legend.has(opening[1].toUpperCase())
        ? `${legend.get(opening[1].toUpperCase())}${words.slice(opening[1].length)}`
        : words);
    return normaliseCell(meaning);
  };
  const titleDelivery = columns.grouping === null ? documentDelivery(context.documentText) : null;
  const forAll = statedForAllSessions(context.documentText, context.facts.specialEducation);
  const statedFor = (service: ServiceCode) => forAll.filter((x) => x.service === null || x.service === service);
  const out: Array<Finding<Session>> = [];
  const dayFirst = writtenDayFirst(table.rows, columns.date);
  const typed = typedColumns(columns);
  const untyped = table.headers.map((_, i) => i).filter((i) => !typed.has(i));
  for (const [r, row] of table.rows.entries()) {
    const dateCell = row[columns.date] ?? null;
    const date: IsoDate | null =
      dateFromCell(dayFirst ? monthFirst(dateCell) : dateCell, part.anchor) ??
      (week !== null && typeof dateCell === 'string' ? weekdayInWeek(dateCell, week) : null);
    if (!date) continue;
    const deliveredCell = columns.delivered === null ? '' : text(row[columns.delivered]);
    // "270/240" under "sched/act" is read as "240/270", delivered first.
    const deliveredText = columns.scheduledFirst
      ? deliveredCell.replace(/^\s*(\S+?)\s*\/\s*(\S+)\s*$/, '$2/$1')
      : deliveredCell;
    const scheduledText = columns.scheduled === null ? '' : text(row[columns.scheduled]);
    // A code the document's own legend explains is read by the legend, before any shorthand.
    const statusTexts = columns.status.map((i) => cellWords(row[i])).filter((s) => !blank(s));
    const expanded = statusTexts.map((s) => legend.get(s.toUpperCase()) ?? normaliseCell(s));
    const notes = columns.notes.map((i) => text(row[i])).filter((s) => !blank(s));
    // With no notes column, a column nobody typed ("Focus", "Activity") may still say the slot was not held.
    const remarks = columns.notes.length > 0 ? notes : untyped.map((i) => text(row[i])).filter((s) => !blank(s));
    // A column taken for the service by its header ("Activity", "Type") may hold the remark instead
    // ("not held - assembly"): where the minutes are blank, its words are a remark too.
    const serviceRemark = columns.service === null ? '' : text(row[columns.service]);
    if (columns.notes.length === 0 && !blank(serviceRemark) && blank(deliveredText)) remarks.push(serviceRemark);
    // Two code columns ("Stat: C", "Att: MU"): a make-up is a held session, and the code that says so wins.
    const statuses = expanded.map(statusFromWords);
    let status: SessionStatus | null = statuses.includes('makeup')
      ? 'makeup'
      : (statuses.find((x) => x !== null) ?? null);
    const spanOfRow = columns.span === null ? null : clockSpanCellMinutes(cellWords(row[columns.span]));
    const clockMinutes =
      spanOfRow ?? minutesBetweenClocks(text(row[columns.timeIn ?? -1]), text(row[columns.timeOut ?? -1]));
    const deliveredMinutes =
      columns.delivered === null
        ? clockMinutes
        : columns.deliveredInUnits
          ? minutesOfUnits(numberIn(deliveredText), clockMinutes, unitLength)
          : (numberIn(deliveredText) ??
            (columns.deliveredIsLength ? hoursAndMinutes(deliveredText) : null) ??
            (blank(deliveredText) ? spanOfRow : null));
    // Units held without a clock or a stated unit length: the session was held, its minutes unknown.
    const heldInUnits = columns.deliveredInUnits && (numberIn(deliveredText) ?? 0) > 0;
    // A minutes cell that holds a word ("Absent", "Holiday") states the status itself.
    // So does "none" there: no minutes given.
    if (!status && deliveredMinutes === null)
      status = statusFromWords(deliveredText) ?? (/^\s*none\s*$/i.test(deliveredText) ? 'missed' : null);
    // A log with no status column says it in the notes of a row whose minutes are a dash ("--  canc - assembly"),
    // even where the row's clock span would give the dash minutes. So does a log timed by the clock alone,
    // whose note says the slot did not happen ("NO PARA - on duty").
    // "—/45" in a served-over-scheduled column: nothing served.
    const servedText = columns.deliveredOverScheduled ? (deliveredText.split('/')[0] ?? '') : deliveredText;
    if (!status && columns.status.length === 0 && (blank(servedText) || columns.delivered === null)) {
      for (const n of remarks) status ??= statusFromWords(n) === 'missed' ? 'missed' : null;
      // A dash for the minutes beside a remark that gives only why ("SC - Labor Day", "field trip") is a miss.
      if (!status && DASH_CELL.test(servedText) && remarks.some((n) => reasonFromWords(wordText(n)) !== null))
        status = 'missed';
      // A list of scheduled minutes and the reason each was lost ("Date | Service | Sched. | Reason") lists misses.
      if (
        !status &&
        columns.delivered === null &&
        columns.scheduled !== null &&
        columns.reasonGiven &&
        notes.length > 0
      )
        status = 'missed';
    }
    if (!status) {
      if (deliveredMinutes === null && !heldInUnits) continue;
      status = deliveredMinutes === null || deliveredMinutes > 0 ? 'delivered' : 'missed';
    }
    if (status !== 'missed' && deliveredMinutes === 0) status = 'missed';
    // A held row whose own note says it made up an earlier miss ("MU for 9/10") is the make-up, the
    // note in a column headed by its own kind of note too ("SOAP", "Summary").
    if (
      status === 'delivered' &&
      columns.status.length === 0 &&
      (notes.some((n) => statusFromWords(n) === 'makeup') || remarks.some((n) => hasPhrase(MAKEUP_NOTE, wordText(n))))
    )
      status = 'makeup';
    // A dash where the service goes says no service was given in that slot (a lunch, a period without support).
    if (columns.service !== null && /^\s*[-\u2013\u2014]+\s*$/.test(cellWords(row[columns.service]))) continue;
    // A service column in codes the mail explains ("CNSL-G = counseling group") is read by their meaning.
    const serviceCell = columns.service === null ? null : decoded(row[columns.service]);
    const service =
      (columns.service === null ? null : serviceFromCell(text(row[columns.service]), context.facts.specialEducation)) ??
      (serviceCell === null ? null : serviceFromCell(serviceCell, context.facts.specialEducation)) ??
      described(row, columns.serviceAlternatives, context.facts.specialEducation) ??
      tableService ??
      // A log of minutes with no service column, whose service the message never tells, is `other`;
      // a service column in codes nobody knows is not read (and quoted back as such).
      (columns.service === null && (columns.delivered !== null || columns.span !== null) ? 'other' : null);
    if (!service) continue;
    let minutes: number | null;
    if (status === 'missed') {
      // A cancelled slot's clock span, or its Start and End columns, is the time it was scheduled for.
      // "0 of 3" under a units column is three units scheduled, minutes only where a unit's length is known.
      const beside = scheduledBeside(deliveredText, columns.deliveredOverScheduled);
      minutes =
        (beside === null || !columns.deliveredInUnits ? beside : unitLength === null ? null : beside * unitLength) ??
        scheduledMinutes(scheduledText) ??
        clockMinutes ??
        // The row's remark may say it ("absent (30 sched)").
        notes.map((n) => scheduledBeside(n, false)).find((n) => n !== null) ??
        null;
      if (minutes === 0) minutes = null;
    } else {
      minutes = deliveredMinutes ?? scheduledMinutes(scheduledText);
    }
    // Without a grouping or a place column, a held session's notes may give them ("sm grp  sped rm").
    const notesWords = status === 'missed' || notes.length === 0 ? null : wordText(notes.join('. '));
    // Without a grouping column, a held row's own service cell may say it ("CBI @ library w/ 3 classmates", "OT, 1:1").
    // A missed row's service cell says it too ("IND"): that row's own words (EXTRACT.md).
    // Its description beside the code says it too ("CNSL-G" | "Counseling group").
    const serviceCellWords =
      serviceCell === null
        ? null
        : wordText([serviceCell, ...columns.serviceAlternatives.map((i) => text(row[i]))].join('. '));
    let delivery =
      columns.grouping !== null
        ? (deliveryFromCell(decoded(row[columns.grouping])) ??
          // A grouping cell that says none (blank, or a place under "Mode / location") leaves it to the
          // session's own name ("CNSL-G = counseling group", "skills - indiv").
          (serviceCellWords ? deliveryFromWords(serviceCellWords) : null))
        : ((notesWords ? deliveryFromWords(notesWords) : null) ??
          (serviceCellWords ? deliveryFromWords(serviceCellWords) : null) ??
          // The minutes cell may say it after its figure ("30 min, 1:1", "30 min, group of 2").
          (MINUTES_THEN_WORDS.test(deliveredText) ? deliveryFromWords(wordText(deliveredText)) : null) ??
          (status === 'missed' ? null : titleDelivery));
    const locationText = columns.location === null ? '' : decoded(row[columns.location]);
    let location: Location | null =
      columns.location === null
        ? ((notesWords ? locationFromWords(notesWords) : null) ??
          // A held session of the service the mail names by its room ("RR math log") was in that room.
          (status !== 'missed' && service === context.facts.defaultService ? context.facts.defaultLocation : null))
        : blank(locationText)
          ? null
          : // A place cell the words do not place (a class's name, "5th ELA") leaves it to the row's own notes ("push-in").
            (locationFromWords(wordText(locationText)) ?? (notesWords ? locationFromWords(notesWords, true) : null));
    // What the mail says of all the log's sessions gives a held row what its own cells do not.
    if (status !== 'missed') {
      delivery ??= statedFor(service).find((x) => x.delivery)?.delivery ?? null;
      location ??= statedFor(service).find((x) => x.location)?.location ?? null;
    }
    let reason: MissedReason | null = null;
    if (status === 'missed') {
      // A remark typed across the place and time columns ("NO SCHOOL - CONF DAY") still says why.
      const overflow = [columns.location, columns.timeIn, columns.timeOut].map((i) => (i === null ? '' : text(row[i])));
      const words = wordText(
        [...expanded, ...remarks, deliveredMinutes === null ? deliveredText : '', ...overflow].join('. '),
      );
      reason = reasonFromWords(words, service === 'aide') ?? (service === 'aide' ? 'provider-absent' : null);
    }
    // A row dated by a span of days ("10/5-10/9  --  FALL BREAK") missed every school day of it.
    const days = status === 'missed' ? schoolDaysOfSpan(dateCell, date, part.anchor) : [date];
    const source = { part: part.part, line: table.rowNumbers[r] ?? null, excerpt: null };
    for (const day of days) out.push({ date: day, service, minutes, delivery, location, status, reason, source });
  }
  return out;
}

/** The service the first of the description columns that names one gives, or null. */
function described(row: Cell[], columns: number[], specialEducation: boolean): ServiceCode | null {
  for (const i of columns) {
    const code = serviceFromCell(text(row[i]), specialEducation);
    if (code) return code;
  }
  return null;
}

/**
 * The weekdays of a date cell that spans days ("10/5-10/9", "Nov 23-27"), at most two weeks; the
 * one day itself where the cell names one.
 */
function schoolDaysOfSpan(cell: Cell, first: IsoDate, anchor: IsoDate | null): IsoDate[] {
  if (anchor === null || typeof cell !== 'string' || !/\d\s*[-\u2013]\s*(?:[a-z]{3,9}\.?\s*)?\d/i.test(cell))
    return [first];
  const span = findDateMentions(cell, anchor).find((m) => m.date === first && m.end !== null);
  if (!span?.end || span.end <= first || daysBetween(first, span.end) > 13) return [first];
  return daysFrom(first, span.end).filter((day) => !isWeekend(day));
}

/** One service's figures in a week grid: a whole column, or one of the figures a shared column holds. */
interface GridColumn {
  index: number;
  /** Which figure of a shared cell ("150 / 150" under "SDI / 1:1 para (min)") is this service's; null for the whole cell. */
  piece: number | null;
  /** The cells are marks (held or not), not minutes ("1:1 para": "✓", "✗ no sub"). */
  marks: boolean;
  service: ServiceCode;
  /** The place the column's own name gives ("RR Rdg", "Co-Taught Math - Gen Ed"): its sessions', held or missed. */
  namedPlace: Location | null;
  /** The place a sentence of the mail gives all of the column's minutes: the held sessions'. */
  location: Location | null;
  /** The column's own name says how it is given ("1:1 para"): its sessions, held or missed, are so. */
  delivery: Delivery | null;
  header: string;
}

const MINUTES_HEADER = /\b(min|mins|minutes)\b/i;
const HELD_MARK = /^\s*[✓✔✅☑✗✘❌✖❎]/u;

/**
 * The service a grid column's name gives: its words, an abbreviation the mail explains ("SDI =
 * specially designed instruction"), or, for an abbreviation the mail leaves unexplained, the title
 * in the sender's signature (a special educator's own minutes column).
 */
function gridColumnService(rawName: string, context: TableContext, specialEducation: boolean): ServiceCode | null {
  const words = headerWords(rawName);
  const named = serviceFromCell(words, specialEducation);
  if (named) return named;
  const abbreviation = rawName.replace(/\(\s*(?:min|mins|minutes)\s*\)|\b(?:min|mins|minutes)\b/gi, '').trim();
  if (!/^[A-Z]{2,5}$/.test(abbreviation)) return null;
  const explained = explainedHeaders([abbreviation], context.legendText ?? context.documentText)[0];
  if (explained) return serviceFromCell(normaliseCell(explained), specialEducation);
  return signatureService(context.documentText);
}

/**
 * The one service the titles in a message's signature name ("Preschool Teacher / Special
 * Educator"): the last few short lines that are not table rows. Null where they name none or several.
 */
export function signatureService(documentText: string): ServiceCode | null {
  const lines = documentText
    .slice(-4_000)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const tail = lines.slice(-5).filter((l) => !l.includes('\t') && l.length <= 80);
  const codes = new Set(tail.flatMap((l) => findServiceMentions(l).map((m) => m.service)));
  return codes.size === 1 ? ([...codes][0] ?? null) : null;
}

/** The place a sentence of the mail gives all of one column's minutes ("All SDI minutes are in the classroom"). */
function placeStatedForColumn(documentText: string, rawName: string): Location | null {
  const name = rawName
    .replace(/\(.*?\)/g, '')
    .replace(MINUTES_HEADER, '')
    .trim();
  if (name.length < 2) return null;
  const named = new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, 'u');
  for (const line of documentText.slice(0, 20_000).split(/\r?\n/)) {
    if (line.includes('\t') || !/\ball\b/i.test(line) || !named.test(line)) continue;
    const place = locationFromWords(wordText(normaliseCell(line)));
    if (place) return place;
  }
  return null;
}

/** The columns of a week grid that hold a service's minutes or marks, shared columns cut into their figures. */
function gridColumns(
  table: Table,
  context: TableContext,
  headers: string[],
  dateColumn: number,
  specialEducation: boolean,
): GridColumn[] {
  const columns: GridColumn[] = [];
  const cellsOf = (i: number) => table.rows.map((row) => cellWords(row[i])).filter((c) => !blank(c));
  table.headers.forEach((raw, i) => {
    if (i === dateColumn) return;
    const cells = cellsOf(i);
    const describe = (name: string, piece: number | null, marks: boolean): GridColumn | null => {
      const service = gridColumnService(name, context, specialEducation);
      if (!service) return null;
      const words = wordText(headerWords(name));
      return {
        index: i,
        piece,
        marks,
        service,
        namedPlace: locationFromWords(words) ?? locationFromServiceWords(name),
        location: placeStatedForColumn(context.documentText, name),
        delivery: deliveryFromWords(words),
        header: headers[i] ?? '',
      };
    };
    if (MINUTES_HEADER.test(raw)) {
      // "SDI / 1:1 para (min)" over "150 / 150": two services, a figure each.
      const names = raw.replace(/\(\s*(?:min|mins|minutes)\s*\)/i, '').split(/\s\/\s/);
      const shared = names.length === 2 && cells.some((c) => /^\s*\d{1,3}\s*\/\s*\d{1,3}\s*$/.test(c));
      if (shared) {
        const both = names.map((n, k) => describe(n, k, false));
        if (both.every((c) => c !== null)) for (const c of both) if (c) columns.push(c);
        return;
      }
      const whole = describe(raw, null, false);
      if (whole) columns.push(whole);
      return;
    }
    // A service's name over marks alone ("1:1 para": "✓", "✗"): held or not, minutes unknown.
    if (cells.length > 0 && cells.some((c) => HELD_MARK.test(c)) && cells.every((c) => HELD_MARK.test(c))) {
      const marked = describe(raw, null, true);
      if (marked) columns.push(marked);
    }
  });
  return columns;
}

/** The figure of a cell a column reads: the whole cell, or one side of "150 / 150" (a word such as "abs" stands for both). */
function gridCell(value: string, piece: number | null): string {
  if (piece === null) return value;
  const figures = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(value);
  return figures ? (figures[piece + 1] ?? '') : value;
}

/**
 * A week grid with one minutes column per service ("Day | RR Rdg (min) | Co-Taught Math (min) |
 * Notes"), or one column for two ("SDI / 1:1 para (min)": "150 / 150"), or a column of held and
 * not-held marks under a service's name: each service of each dated row is a session; a dash or
 * blank is "not held" when the document says so or the row's notes tell why (a closed day is
 * closed for every column). Null where the table is not such a grid.
 */
function wideSessions(
  part: TablePart,
  context: TableContext,
  headers: string[],
  content: ColumnContent[],
): Array<Finding<Session>> | null {
  const table = part.table;
  const dateColumn = content.findIndex((c) => c.dates);
  if (dateColumn < 0) return null;
  const specialEducation = context.facts.specialEducation || tiesToSpecialEducation(context.documentText);
  const serviceColumns = gridColumns(table, context, headers, dateColumn, specialEducation);
  if (serviceColumns.length < 2 || serviceColumns.every((c) => c.marks)) return null;
  const notesColumn = headers.findIndex((h) => /\b(notes?|comments?|reason)\b/i.test(h));
  // A "Where" column gives the place of every service held that day.
  const placeColumn = headers.findIndex(
    (h, i) => /^\s*(where|location|setting|place|room)\s*$/i.test(h) && !serviceColumns.some((c) => c.index === i),
  );
  const out: Array<Finding<Session>> = [];
  for (const [r, row] of table.rows.entries()) {
    const date = dateFromCell(row[dateColumn] ?? null, part.anchor);
    if (!date) continue;
    const notes = notesColumn >= 0 ? text(row[notesColumn]) : '';
    const closed = notes !== '' && reasonFromWords(wordText(notes)) === 'school-closure';
    const place = placeColumn >= 0 ? text(row[placeColumn]) : '';
    for (const column of serviceColumns) {
      const cell = text(gridCell(cellWords(row[column.index]), column.piece));
      const minutes = column.marks ? null : numberIn(cell);
      const markStatus = column.marks ? statusFromWords(cell) : null;
      const missed = column.marks
        ? markStatus === 'missed' || (blank(cell) && closed)
        : minutes === 0 || (minutes === null && (blank(cell) || statusFromWords(cell) === 'missed'));
      if (column.marks ? markStatus === null && !missed : minutes === null && !missed) continue;
      // The notes tell which column they are about where they name it; a reason is taken from notes that do.
      const about =
        notes !== '' && (serviceColumns.length === 1 || mentionsColumn(notes, column.service, column.header));
      // A bare code in a figures cell ("abs") is about the child; words beside a mark may name the aide.
      const ownReason =
        missed && !blank(cell) ? reasonFromWords(wordText(cell), column.marks && column.service === 'aide') : null;
      const reason = missed
        ? (ownReason ??
          (about || !notes ? reasonFromWords(wordText(notes), column.service === 'aide') : null) ??
          (closed ? 'school-closure' : null))
        : null;
      if (missed && blank(cell) && !about && !reason) continue;
      out.push({
        date,
        service: column.service,
        minutes: missed ? null : minutes,
        delivery: column.delivery,
        location: missed
          ? column.namedPlace
          : (column.namedPlace ??
            column.location ??
            (place && !blank(place) ? locationFromWords(wordText(place)) : null)),
        status: missed ? 'missed' : 'delivered',
        reason,
        source: { part: part.part, line: table.rowNumbers[r] ?? null, excerpt: null },
      });
    }
  }
  return out;
}

/** True where a note names the column's service or a word of its header ("co-taught n/h", "RR n/h"). */
function mentionsColumn(notes: string, service: ServiceCode, header: string): boolean {
  if (findServiceMentions(notes).some((m) => m.service === service)) return true;
  const words = header
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .split(/[^a-z0-9-]+/)
    .filter((w) => w.length >= 3 && !['min', 'mins', 'minutes', 'general', 'education'].includes(w));
  const lower = notes.toLowerCase();
  return words.some((w) => lower.includes(w));
}

/** Tables written as tab-separated lines in plain text (a log pasted into the body). */
export function tablesFromPlainText(text: string): Table[] {
  const tables: Table[] = [];
  const lines = text.slice(0, 200_000).split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] ?? '').replace(/^(?:\s*>)+\s?/, '');
    if (line.split('\t').length >= 3) {
      const headers = line.split('\t').map((c) => c.trim());
      const rows: Cell[][] = [];
      const rowNumbers: number[] = [];
      let j = i + 1;
      while (j < lines.length) {
        const l = (lines[j] ?? '').replace(/^(?:\s*>)+\s?/, '');
        if (l.split('\t').length < 2) break;
        rows.push(l.split('\t').map((c) => c.trim()));
        rowNumbers.push(j + 1);
        j++;
      }
      if (rows.length > 0) tables.push({ label: `text table ${tables.length + 1}`, headers, rows, rowNumbers });
      i = j;
      continue;
    }
    const aligned = alignedTableAt(lines, i);
    if (aligned) {
      tables.push({ label: `text table ${tables.length + 1}`, ...aligned.table });
      i = aligned.next;
      continue;
    }
    i++;
  }
  return tables;
}

const COLUMN_GAP = /\S(?:\s{2,})(?=\S)/g;

/** A line of dashes, equals signs or bars that rules off a table's header. */
const RULE_LINE = /^(?=.*[=\-_])[\s=\-_|+]+$/;

/**
 * A table typed with spaces ("Dt     Day  Time          Min  G/I"): a header of three or more
 * words apart by two or more spaces, then rows read at the header's column positions until a blank
 * line. Blank cells stay blank because cells are cut by position, not by splitting on spaces.
 */
function alignedTableAt(lines: string[], i: number): { table: Omit<Table, 'label'>; next: number } | null {
  const header = (lines[i] ?? '').replace(/\s+$/, '');
  if (header.length > 240 || /\t/.test(header)) return null;
  // A title spaced out over a table ("WEEK OF ...   SUMMARY   NAME") is not its header: the line a rule underlines is.
  if (!RULE_LINE.test(header) && RULE_LINE.test(lines[i + 2] ?? '') && !RULE_LINE.test(lines[i + 1] ?? '')) return null;
  const starts = [header.search(/\S/)];
  for (const m of allMatches(header, COLUMN_GAP)) starts.push((m.index ?? 0) + m[0].length);
  if (starts.length < 3 || starts[0] === undefined || starts[0] < 0) return null;
  const cut = (line: string, at: number[] = starts): string[] =>
    at.map((start, k) => line.slice(k === 0 ? 0 : start, at[k + 1] ?? line.length).trim());
  const headers = cut(header);
  // A services grid's long cells wrap onto lines of their own; a log's rows are one line each.
  const wraps = headers.some((h) => REQUIREMENT_GRID.test(h));
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let j = i + 1;
  // A rule under the header ("-----  ---") is skipped.
  if (RULE_LINE.test(lines[j] ?? '')) j++;
  while (j < lines.length) {
    const line = (lines[j] ?? '').replace(/\s+$/, '');
    if (line.trim() === '' || line.length > 400) break;
    // A row is cut cleanly: nothing of it starts in the middle of a word of the header's columns,
    // though a cell typed a space or two off its header still starts its column.
    const at = rowStarts(line, starts);
    const cells = at ? cut(line, at) : [];
    // A row moved to fit must then fit whole: a cell holding a wide gap was cut in the wrong place.
    const misfit = at !== starts && cells.some((c) => /\S\s{2,}\S/.test(c));
    if (!at || misfit || cells.filter((c) => c !== '').length < (wraps && rows.length > 0 ? 1 : 2)) break;
    rows.push(cells);
    rowNumbers.push(j + 1);
    j++;
  }
  const joined = wraps ? joinWrappedRows(rows, rowNumbers) : { rows, rowNumbers };
  if (joined.rows.length < (wraps ? 1 : 2)) return raggedTableAt(lines, i);
  return { table: { headers, ...joined }, next: j };
}

/**
 * Where a row's cells start, given its header's: each header position, or one at most two
 * characters off where a cell starts there instead (a row typed a space off its header). Null where
 * a position falls in the middle of a word with no cell start near it.
 */
function rowStarts(line: string, starts: number[]): number[] | null {
  const opensCell = (p: number): boolean =>
    p >= line.length || (/\s/.test(line[p - 1] ?? ' ') && /\S/.test(line[p] ?? ''));
  if (starts.every((start, k) => k === 0 || start >= line.length || /\s/.test(line[start - 1] ?? ' '))) return starts;
  const out: number[] = [];
  for (const [k, start] of starts.entries()) {
    if (k === 0 || start >= line.length || /\s/.test(line[start - 1] ?? ' ')) {
      out.push(start);
      continue;
    }
    const near = [start - 1, start + 1, start - 2, start + 2].find((p) => p > (out[k - 1] ?? 0) && opensCell(p));
    if (near === undefined) return null;
    out.push(near);
  }
  return out;
}

const SLASHED_DATE = /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/;

/**
 * A grid's rows whose long cells wrap onto the next lines ("Speech & Language Therapy  2x30 min/wk
 * ... 04/21/2026" over "(individual)  platform), home"): where some column holds a date on every
 * row, a line with no date in those columns continues the row above, cell by cell.
 */
function joinWrappedRows(rows: string[][], rowNumbers: number[]): { rows: Cell[][]; rowNumbers: number[] } {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const dated: number[] = [];
  for (let k = 0; k < width; k++) if (rows.filter((r) => SLASHED_DATE.test(r[k] ?? '')).length >= 1) dated.push(k);
  const out: string[][] = [];
  const numbers: number[] = [];
  for (const [r, row] of rows.entries()) {
    const last = out[out.length - 1];
    if (dated.length > 0 && last && dated.every((k) => (row[k] ?? '') === '')) {
      row.forEach((c, k) => {
        if (c !== '') last[k] = last[k] ? `${last[k]}${last[k].endsWith('-') ? '' : ' '}${c}` : c;
      });
      continue;
    }
    // Without dated columns nothing tells a continuation from a row: the grid ends at the first lone cell.
    if (dated.length === 0 && row.filter((c) => c !== '').length < 2) break;
    out.push([...row]);
    numbers.push(rowNumbers[r] ?? 0);
  }
  return { rows: out, rowNumbers: numbers };
}

/**
 * A log retyped by hand whose rows do not line up under its header ("DATE   SERVICE   MIN   NOTES"
 * over "10/19     O & M       45     1:1 cane"): each row is cut by what its cells hold, in the
 * header's order: the day first, the words up to a minutes figure (or a dash) are the service,
 * and what follows fills the remaining columns, the last taking the rest.
 */
function raggedTableAt(lines: string[], i: number): { table: Omit<Table, 'label'>; next: number } | null {
  const headers = (lines[i] ?? '').trim().split(/\s{2,}/);
  const names = headers.map((h) => h.toLowerCase());
  if (headers.length < 3 || !/\b(date|day|dt)\b/.test(names[0] ?? '')) return null;
  const minutesAt = names.findIndex((h) => /^(min|mins|minutes|dur|duration)\.?$/.test(h));
  if (minutesAt !== 2) return null;
  const ROW = /^\s*(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\s+(.+?)\s{2,}(\d{1,3}|-{1,3}|\u2014|\u2013)(?:\s{2,}(.*))?$/;
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  let j = i + 1;
  if (/^[\s=\-_|+]+$/.test(lines[j] ?? '') && (lines[j] ?? '').trim() !== '') j++;
  for (; j < lines.length; j++) {
    const m = ROW.exec(lines[j] ?? '');
    if (!m) break;
    const rest = (m[4] ?? '').trim();
    const tail = rest === '' ? [] : rest.split(/\s{2,}/);
    const after = headers.length - 3;
    const cells: Cell[] = [m[1] ?? '', (m[2] ?? '').replace(/\s+/g, ' '), m[3] ?? ''];
    for (let k = 0; k < after; k++) {
      cells.push(k === after - 1 ? tail.slice(k).join(' ') : (tail[k] ?? ''));
    }
    rows.push(cells);
    rowNumbers.push(j + 1);
  }
  if (rows.length < 2) return null;
  return { table: { headers, rows, rowNumbers }, next: j };
}

const PIECE_DAY = /^\s*(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)(?![\d/])/;

/**
 * A period's summary by service ("Service | IEP req | Planned | Delivered | Notes") tells its days
 * only in the notes ("9/4 assembly; 9/11 absent"): each dated note is a session of the row's
 * service, read as a sentence; a note the sentence reading leaves open is a miss where the row
 * delivered less than it planned (the notes then list what was lost), else nothing. The row's
 * minutes are the period's, never a session's. Null where the table is no such summary.
 */
function summarySessions(part: TablePart, context: TableContext, headers: string[]): Array<Finding<Session>> | null {
  const h = headers.map((x) => x.toLowerCase());
  const service = h.findIndex((x) => /\b(service|services|svc)\b/.test(x));
  const notes = h.findIndex((x) => NOTES_HEADER.test(x));
  const planned = h.findIndex((x) => /\b(planned|sched|scheduled|required|expected)\b/.test(x));
  const delivered = h.findIndex((x) => /\b(delivered|provided|actual|served)\b/.test(x));
  if (service < 0 || notes < 0 || planned < 0 || delivered < 0) return null;
  const out: Array<Finding<Session>> = [];
  for (const [r, row] of part.table.rows.entries()) {
    const serviceText = text(row[service]);
    const code = serviceFromCell(serviceText, context.facts.specialEducation);
    if (!code) continue;
    const plannedMinutes = numberIn(text(row[planned]));
    const deliveredMinutes = numberIn(text(row[delivered]));
    const short = plannedMinutes !== null && deliveredMinutes !== null && deliveredMinutes < plannedMinutes;
    const rowWords = wordText(serviceText);
    const facts: MessageFacts = { ...context.facts, defaultService: code, subjectService: code, defaultLocation: null };
    for (const piece of text(row[notes]).split(';')) {
      const day = PIECE_DAY.exec(piece);
      const date = day?.[1] ? dateFromCell(day[1], part.anchor) : null;
      if (!date) continue;
      const said = sessionsFromText(
        { part: part.part, kind: 'attachment', text: piece, anchor: part.anchor ?? date },
        facts,
      ).find((s) => s.date === date && s.service === code);
      const status = said?.status ?? (short ? 'missed' : null);
      if (!status) continue;
      const words = wordText(piece);
      out.push({
        date,
        service: code,
        minutes: null,
        delivery: said?.delivery ?? deliveryFromWords(rowWords),
        // The row's own name may be its room ("SDI Math (RR)").
        location: said?.location ?? locationFromServiceWords(serviceText),
        status,
        reason: status === 'missed' ? (said?.reason ?? reasonFromWords(words, code === 'aide')) : null,
        source: { part: part.part, line: part.table.rowNumbers[r] ?? null, excerpt: null },
      });
    }
  }
  return out.length > 0 ? out : null;
}
