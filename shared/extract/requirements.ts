// The services an IEP requires (iep-extract/1 `requirements`), read from a services page, an
// offer of FAPE, a service grid, a Texas schedule of services, or an amendment, as they now stand.
//
// Two readers: a services table (columns found by their headers) and lines of text in a part that
// states an IEP's services ("1 x 30 minutes weekly", "45 sessions @ 30 for 1350 min yearly",
// "120 min monthly"). A line giving a service as it was before a change ("Was: ...") is skipped.
// Words are data: vocabulary/requirement-words.json.
import { z } from 'zod';
import type { Delivery, IsoDate, Location, Period, Requirement, ServiceCode } from '../records/types';
import { allMatches } from './all-matches';
import type { Table } from './attachments/types';
import { factsOf } from './find-sessions';
import { normaliseCell } from './normalise/normalise-text';
import type { Finding, ReadingContext } from './reading-context';
import { dateFromCell, findDateMentions } from './resolve-dates';
import { escapeRegExp, findPhrases, hasPhrase, phrasePattern, plainText, splitLines } from './sentences';
import {
  findServiceMentions,
  locationFromServiceWords,
  opensWithSubject,
  serviceFromWords,
  tiesToSpecialEducation,
} from './service-words';
import { sessionsFromTable } from './sessions-from-tables';
import wordsJson from './vocabulary/requirement-words.json';

const phrases = z.array(z.string());
const vocabularySchema = z.object({
  documentWords: phrases,
  periods: z.object({ day: phrases, week: phrases, month: phrases, year: phrases }),
  sessionCounts: z.record(z.string(), z.number().int().positive()),
  /** Words a count of sessions is written with ("3 sessions monthly"). */
  countNouns: phrases,
  numberWords: z.record(z.string(), z.number().int().positive()),
  /** An amendment grid's headers: the service as it was, as it now is, and when the change runs. */
  amendmentColumns: z.object({ before: phrases, now: phrases, dates: phrases }),
  delivery: z.object({ individual: phrases, group: phrases }),
  location: z.object({ separate: phrases, 'general-education': phrases }),
  /** A grid part's heading for services away from the general classroom ("in Other Settings"). */
  otherSettings: phrases,
  placeCell: z.object({ separate: phrases }),
  superseded: phrases,
  notRequirement: phrases,
  decisionWords: phrases,
  effectiveWords: phrases,
});

interface Vocabulary {
  document: RegExp;
  periods: Array<{ per: Period; pattern: RegExp }>;
  counts: Map<string, number>;
  countPattern: RegExp;
  /** A number and a count noun: "3 sessions", "4 visitas". */
  countedSessions: RegExp;
  /** A count written as a word before a figure or a count noun: "two 30-minute sessions", "dos sesiones". */
  numberWord: RegExp;
  numbers: Map<string, number>;
  amendmentColumns: { before: Set<string>; now: Set<string>; dates: Set<string> };
  individual: RegExp;
  group: RegExp;
  separate: RegExp;
  general: RegExp;
  placeCellSeparate: RegExp;
  otherSettings: RegExp;
  superseded: RegExp;
  notRequirement: RegExp;
  decision: RegExp;
  effective: RegExp;
}

function lowerSet(words: string[]): Set<string> {
  return new Set(words.map((w) => w.toLowerCase()));
}

let cached: Vocabulary | null = null;
function vocabulary(): Vocabulary {
  if (cached) return cached;
  const v = vocabularySchema.parse(wordsJson);
  const counts = new Map(Object.entries(v.sessionCounts).map(([k, n]) => [k.toLowerCase(), n]));
  const periods = (['day', 'week', 'month', 'year'] as const).map((per) => ({
    per,
    pattern: phrasePattern(v.periods[per]),
  }));
  cached = {
    document: phrasePattern(v.documentWords),
    periods,
    counts,
    countPattern: phrasePattern([...counts.keys()]),
    countedSessions: new RegExp(
      `\\b(\\d{1,2})\\s+(?:${v.countNouns.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
      'iu',
    ),
    numberWord: new RegExp(
      `(?<![\\p{L}\\p{N}-])(${Object.keys(v.numberWords).map(escapeRegExp).join('|')})(?=\\s+(?:\\d|(?:${v.countNouns.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])))`,
      'giu',
    ),
    numbers: new Map(Object.entries(v.numberWords).map(([k, n]) => [k.toLowerCase(), n])),
    amendmentColumns: {
      before: lowerSet(v.amendmentColumns.before),
      now: lowerSet(v.amendmentColumns.now),
      dates: lowerSet(v.amendmentColumns.dates),
    },
    individual: phrasePattern(v.delivery.individual),
    group: phrasePattern(v.delivery.group),
    separate: phrasePattern(v.location.separate),
    general: phrasePattern(v.location['general-education']),
    placeCellSeparate: phrasePattern(v.placeCell.separate),
    otherSettings: phrasePattern(v.otherSettings),
    superseded: new RegExp(
      // "From 11/2, speech goes to ...": a line opening with the day a change runs from is not the old service.
      `^[\\s\\-•*·\\d.)]*(?:${v.superseded.map(escapeRegExp).join('|')})\\b(?!\\s+\\d{1,2}[/-]\\d)\\s*:?`,
      'i',
    ),
    notRequirement: phrasePattern(v.notRequirement),
    decision: phrasePattern(v.decisionWords),
    effective: phrasePattern(v.effectiveWords),
  };
  return cached;
}

// ---------- amounts: sessions, minutes, total, period ----------

interface Amounts {
  sessions: number | null;
  minutes: number | null;
  totalMinutes: number | null;
  per: Period;
}

interface MinuteAmount {
  value: number;
  index: number;
  end: number;
  /** Period written right after the amount ("45 min/day", "120 minutes per month"). */
  per: Period | null;
}

const MINUTES = /(\d{1,4}(?:\.\d+)?)\s*-?\s*(min|mins|minute|minutes|minutos|hr|hrs|hour|hours|horas?)\b\.?/gi;
const N_BY_M = /(\d{1,3})\s*[x×]\s*(\d{1,4})\b/i;
/** Minutes first, then the count: "15 min x 4/month". */
const M_BY_N = /(\d{1,4})\s*(?:min|mins|minutes?)\.?\s*[x×]\s*(\d{1,2})\b/i;
/** A count and its period followed by a bare number, the minutes of each session: "4x/wk 45", "2x weekly 30". */
const COUNT_PERIOD_MINUTES = /^\s*\d{1,2}\s*[x×]\s*\/?\s*(\p{L}+)\.?\s+(\d{1,3})\s*$/iu;
const N_SESSIONS_AT = /(\d{1,3})\s*(?:sessions?|sesiones)\s*(?:@|at|of|x|×|de)\s*(\d{1,4})\b/i;
/** A number over a period with no unit: "120/month", "60/wk". */
const BARE_TOTAL = /(?<![\d/.:])(\d{2,4})\s*\/\s*(?:day|week|wk|month|mo|year|yr)\b/i;
const N_TIMES = /(\d{1,3})\s*(?:x|×|times?|veces|vez)(?![\p{L}\p{N}])/iu;
const N_DAYS_A = /(\d)\s*(?:days|sessions)\s*(?:a|per|each|\/)\s*(week|wk|month|mo)\b/i;
/** A count of sessions and their length written before the noun: "2 30-minute sessions", "3 20 min visits". */
const N_MINUTE_SESSIONS = /(?<![\d.:/])(\d{1,2})\s+(\d{1,3})\s*-?\s*min(?:ute)?s?\.?\s+(?:sessions?|visits?)\b/i;
const GRADING_PERIOD =
  /\b(grading period|reporting period|nine weeks|9 weeks|six weeks|6 weeks|semester|quarter|trimester|cycle|rotation)\b/i;

/** A school's rotation of lettered or numbered days ("per 6-day cycle"), a period of no fixed length. */
const CYCLE = /\b(cycle|rotation)\b/i;
/** "30 cycles in the 180-day school year": how many such periods the year holds. */
const CYCLES_IN_YEAR =
  /\b(\d{1,3})\s+(?:\d{1,2}-day\s+)?(?:cycles|rotations)\s+(?:in|per|each|a)\s+(?:the\s+|a\s+|each\s+)?(?:[\w-]+\s+){0,3}?(?:school\s+)?year\b/i;

/** How many cycles the message says its school year holds, or null. */
export function cyclesInYear(text: string): number | null {
  const m = CYCLES_IN_YEAR.exec(text.slice(0, 200_000));
  const n = Number(m?.[1]);
  return n >= 2 && n <= 200 ? n : null;
}

/**
 * "2 x 30 min / 6-day cycle" as a yearly amount, where the message states how many cycles the
 * year holds (EXTRACT.md: a period other than a day, week, month or year is converted only where
 * the message gives the yearly total). Null without both.
 */
function perCycleAsYear(text: string, cycles: number | null): Amounts | null {
  if (cycles === null || !CYCLE.test(text)) return null;
  const pair = N_BY_M.exec(text);
  if (!pair) return null;
  const sessions = Number(pair[1]);
  const minutes = Number(pair[2]);
  if (sessions <= 0 || minutes <= 0) return null;
  return { sessions: sessions * cycles, minutes, totalMinutes: sessions * cycles * minutes, per: 'year' };
}

/** The period words name, and where: the earliest in the text. */
function periodAt(text: string): { per: Period; index: number } | null {
  let best: { per: Period; index: number } | null = null;
  for (const { per, pattern } of vocabulary().periods) {
    const hit = findPhrases(text, pattern)[0];
    if (hit && (best === null || hit.index < best.index)) best = { per, index: hit.index };
  }
  // "/day" style periods are not whole words after a letter: look for them plainly too.
  const slash = /\/\s*(day|week|wk|month|mo|year|yr)\b/i.exec(text);
  if (slash && (best === null || slash.index < best.index)) {
    const w = (slash[1] ?? '').toLowerCase();
    const per: Period =
      w === 'day' ? 'day' : w === 'week' || w === 'wk' ? 'week' : w.startsWith('mo') ? 'month' : 'year';
    best = { per, index: slash.index };
  }
  return best;
}

/** The period written immediately after an amount: "min/day", "minutes per week", "min monthly". */
function periodRightAfter(text: string): Period | null {
  const m = /^\s*(?:\/|per\b|a\b|an\b|each\b|every\b|al\b|por\b)?\s*/i.exec(text);
  const rest = text.slice(m ? m[0].length : 0);
  const head = /^[\p{L}]+/u.exec(rest)?.[0] ?? '';
  if (!head) return null;
  const found = periodAt(head);
  return found && found.index === 0 ? found.per : null;
}

/** "20 minutes of counseling weekly": the period after the service the minutes are of. */
function periodAfterNamedService(text: string): Period | null {
  const of = /^\s*of\s+((?:[\p{L}'-]+\s+){1,4})/u.exec(text);
  if (!of) return null;
  const words = (of[1] ?? '').trim().split(/\s+/);
  for (let n = words.length; n >= 1; n--) {
    const named = words.slice(0, n).join(' ');
    if (findServiceMentions(named).length === 0) continue;
    const rest = text.slice(text.indexOf(named) + named.length);
    return periodRightAfter(rest.slice(0, 24));
  }
  return null;
}

function minuteAmounts(text: string): MinuteAmount[] {
  const out: MinuteAmount[] = [];
  for (const m of allMatches(text, MINUTES)) {
    const raw = Number(m[1]);
    const unit = (m[2] ?? '').toLowerCase();
    const value = unit.startsWith('h') ? Math.round(raw * 60) : raw;
    if (!Number.isFinite(value) || value <= 0 || !Number.isInteger(value)) continue;
    const index = m.index ?? 0;
    const end = index + m[0].length;
    const after = text.slice(end, end + 60);
    out.push({ value, index, end, per: periodRightAfter(after.slice(0, 24)) ?? periodAfterNamedService(after) });
  }
  return out;
}

function sessionCount(text: string): number | null {
  const v = vocabulary();
  const times = N_TIMES.exec(text);
  if (times) return Number(times[1]);
  const days = N_DAYS_A.exec(text);
  if (days) return Number(days[1]);
  const counted = v.countedSessions.exec(text);
  if (counted) return Number(counted[1]);
  const word = findPhrases(text, v.countPattern)[0];
  if (word) return v.counts.get(word.phrase.replace(/\s+/g, ' ')) ?? null;
  return null;
}

/** Counts written as words turned to figures where a figure or a count noun follows ("two 30-minute sessions"). */
function withCountFigures(text: string): string {
  const v = vocabulary();
  return text.replace(v.numberWord, (word) => String(v.numbers.get(word.toLowerCase()) ?? word));
}

/** What a line of text says about how much of a service is given, or null where it says no amount per period. */
export function readAmounts(text: string, loose = false): Amounts | null {
  const t = withCountFigures(plainText(text));
  const amounts = minuteAmounts(t);
  const period = periodAt(t);
  if (!period) return null;
  if (GRADING_PERIOD.test(t) && !amounts.some((a) => a.per === 'year')) return null;
  const withPeriod = amounts.find((a) => a.per !== null);
  // "45 minutes, 5 days a week": the days are the sessions, the week their period.
  const daysA = N_DAYS_A.exec(t);
  const per: Period = withPeriod?.per ?? (daysA && periodAt(daysA[2] ?? '')?.per) ?? period.per;

  const reversed = M_BY_N.exec(t);
  const pair =
    N_SESSIONS_AT.exec(t) ??
    N_BY_M.exec(t) ??
    N_MINUTE_SESSIONS.exec(t) ??
    (reversed ? [reversed[0], reversed[2], reversed[1]] : null);
  if (pair) {
    const sessions = Number(pair[1]);
    const minutes = Number(pair[2]);
    if (sessions <= 0 || minutes <= 0) return null;
    const stated = amounts.find((a) => a.per !== null && a.value !== minutes);
    return { sessions, minutes, totalMinutes: stated ? stated.value : sessions * minutes, per };
  }
  if (amounts.length === 0) {
    // "req 120/month": minutes for the period, the unit left unsaid (a count of sessions is smaller).
    const bare = BARE_TOTAL.exec(t);
    const value = Number(bare?.[1]);
    return bare && value >= 15 ? { sessions: null, minutes: null, totalMinutes: value, per } : null;
  }
  const count = sessionCount(t);
  const perSession = amounts.find((a) => a.per === null);
  if (count !== null) {
    if (perSession) return { sessions: count, minutes: perSession.value, totalMinutes: count * perSession.value, per };
    if (withPeriod) {
      const each = withPeriod.value / count;
      return Number.isInteger(each)
        ? { sessions: count, minutes: each, totalMinutes: withPeriod.value, per }
        : { sessions: null, minutes: null, totalMinutes: withPeriod.value, per };
    }
    return null;
  }
  // "Daily | 380 minutes", "daily for 60 minutes": one amount under a daily period is that day's session.
  const total = withPeriod ?? ((loose || per === 'day') && amounts.length === 1 ? amounts[0] : undefined);
  if (!total) return null;
  if (per === 'day') return { sessions: 1, minutes: total.value, totalMinutes: total.value, per };
  return { sessions: null, minutes: null, totalMinutes: total.value, per };
}

// ---------- delivery and location ----------

function deliveryOf(text: string, from = 0): Delivery | null {
  const v = vocabulary();
  const t = plainText(text);
  const pick = (s: string): Delivery | null => {
    const i = findPhrases(s, v.individual)[0];
    const g = findPhrases(s, v.group)[0];
    if (i && g) return i.index < g.index ? 'individual' : 'group';
    return i ? 'individual' : g ? 'group' : null;
  };
  return pick(t.slice(from)) ?? (from > 0 ? pick(t.slice(0, from)) : null);
}

/** A grouping cell: one that offers both ("individual or small group", "1:1/group") says neither. */
function deliveryOfCell(text: string): Delivery | null {
  const v = vocabulary();
  const t = plainText(text);
  if (hasPhrase(t, v.individual) && hasPhrase(t, v.group)) return null;
  return deliveryOf(t);
}

/** "individual counseling", "small group speech": the delivery word just ahead of the service's name. */
function deliveryRightBefore(text: string, serviceStart: number): Delivery | null {
  if (serviceStart <= 0) return null;
  const v = vocabulary();
  const before = plainText(text.slice(0, serviceStart));
  const last = (pattern: RegExp) => findPhrases(before, pattern).at(-1);
  const i = last(v.individual);
  const g = last(v.group);
  const hit = [i, g].filter((h) => h !== undefined).sort((a, b) => b.end - a.end)[0];
  if (!hit || !/^[\s,()-]*$/.test(before.slice(hit.end))) return null;
  return hit === i ? 'individual' : 'group';
}

function locationOf(text: string): Location | null {
  const v = vocabulary();
  const t = plainText(text);
  const separateHits = findPhrases(t, v.separate);
  const sep = separateHits.length > 0;
  // "outside general education": the general-education words inside a separate place's words are that place.
  const gen = findPhrases(t, v.general).some((g) => !separateHits.some((s) => g.index >= s.index && g.index < s.end));
  if (sep && !gen) return 'separate';
  if (gen && !sep) return 'general-education';
  if (!sep && !gen) return locationFromServiceWords(t) ?? (ANY_ROOM.test(t) ? 'separate' : null);
  return null;
}

/**
 * A grid's location cell: as any text, and where it names only the program ("Location: Sp Ed",
 * "Special Education (via video)") a special-education setting, which is separate.
 */
function locationOfCell(text: string): Location | null {
  const found = locationOf(text);
  if (found) return found;
  const t = plainText(text).trim();
  return findPhrases(t, vocabulary().placeCellSeparate)[0]?.index === 0 ? 'separate' : null;
}

/** Any room or office not of the general student body is a separate setting (EXTRACT.md: words to values). */
const ANY_ROOM = /\b(?:room|office|classroom|lab|clinic|suite|center)\b/i;

// ---------- tables ----------

type Column =
  | 'service'
  | 'provider'
  | 'delivery'
  | 'location'
  | 'frequency'
  | 'period'
  | 'perSession'
  | 'total'
  | 'amount'
  | 'start'
  | 'end';

function columnOf(header: string): Column | null {
  const h = header.toLowerCase().replace(/\s+/g, ' ').trim();
  if (h === '') return null;
  if (/\bfrequency\b|\bfreq\b|\bhow often\b|\btimes\b/.test(h)) return 'frequency';
  const per = headerPeriod(h);
  // "Minutes per week", "Min/wk", "Weekly minutes": the minutes of the period the header names.
  if (per && /\bmin(?:ute)?s?\b|\bmin\.|\bhours?\b|\bhrs?\b|\btime\b|\bamount\b/.test(h)) return 'total';
  // "Days per week", "Sessions per month": how many sessions that period holds.
  if (per && per !== 'day' && /\bdays?\b|\bsessions?\b|\bvisits?\b/.test(h)) return 'frequency';
  if (
    /\bmin(ute)?s?\b.*\b(per|\/)\s*(session|sess)|\bper session\b|\bmin\.?\s*\/\s*session|\bduration\b|\bdur\b|\blength\b|\bsession (length|minutes)\b|\btime per\b|\bmin(?:ute)?s?\.? each\b/.test(
      h,
    )
  )
    return 'perSession';
  if (/\btotal\b/.test(h)) return 'total';
  if (/^(amount|amount of time|time|minutes|mins?|min\.?|minutos|tiempo)$/.test(h)) return 'amount';
  // A minutes summary's column of what the IEP requires ("IEP req", "Required", "Per IEP") beside what was delivered.
  if (
    /^(?:iep\s+)?(?:req|reqd|req'd|required|requirement|mandated?)\.?$|^per iep$|^iep (?:minutes|mins|amount)$/.test(h)
  )
    return 'amount';
  if (/^(period|interval|per|cycle)$/.test(h)) return 'period';
  if (/\bsessions?\b/.test(h)) return 'frequency';
  if (/\b(begins?|beginning|starts?|initiation|effective|from|projected beginning)\b/.test(h)) return 'start';
  if (/\b(ends?|through|until|expiration|ending|projected ending)\b/.test(h)) return 'end';
  if (/\bprovider\b|\bstaff\b|\bpersonnel\b|\bresponsible\b|\bprovided by\b/.test(h)) return 'provider';
  if (/\bdelivery\b|\bgroup\b|\bgrp\b|\bgroup size\b|\bindividual\b|\bgrouping\b|\bratio\b|\bformat\b/.test(h))
    return 'delivery';
  if (/\blocation\b|\bsetting\b|\bwhere\b|\bplace\b/.test(h)) return 'location';
  if (/\bservices?\b|\bprogram\b|\bservicio\b/.test(h)) return 'service';
  return null;
}

/**
 * The period a grid's header gives its cells ("Minutes per week", "Times/wk", "Weekly minutes",
 * "Frequency (per month)"), or null. "per session" names no period.
 */
function headerPeriod(header: string): Period | null {
  const after = /(?:\bper\b|\/|\beach\b|\ba\b|\bevery\b)\s*\p{L}/iu.exec(header);
  if (after) {
    const per = periodRightAfter(header.slice(after.index));
    if (per) return per;
  }
  const adjective = /\b(?:daily|weekly|monthly|yearly|annual|annually)\b/i.exec(header);
  return adjective ? (periodAt(adjective[0])?.per ?? null) : null;
}

/** A cell whose period only its header gives ("150" under "Minutes per week") with that period written in. */
function withHeaderPeriod(text: string, per: Period | null, bareUnit: string): string {
  if (!per || text.trim() === '' || periodAt(plainText(text))) return text;
  const bare = /^\s*\d{1,4}(?:\.\d{1,2})?\s*$/.test(text);
  return `${text.trim()}${bare ? ` ${bareUnit}` : ''} per ${per}`;
}

function cell(row: Table['rows'][number], index: number | undefined): string {
  if (index === undefined || index < 0) return '';
  const v = row[index];
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return normaliseCell(String(v).trim());
}

/**
 * Columns by their headers, then by their content: a column whose every cell names a period
 * ("Weekly", "Monthly") is the period whatever its header says, and a "Sessions" column beside
 * it is the count ("Sessions | Min/Session | Frequency" = "5 | 50 | Weekly").
 */
function columnsOf(table: Table): Map<Column, number> {
  const columns = new Map<Column, number>();
  const byHeader = table.headers.map((h) => columnOf(normaliseCell(h)));
  const periodByContent = table.headers.map((_, i) => {
    const values = table.rows.map((row) => cell(row, i)).filter((v) => v !== '' && !/^[-\u2013\u2014]+$/.test(v));
    return (
      values.length > 0 &&
      values.every((v) => periodRightAfter(` ${v}`) !== null || /^(?:daily|weekly|monthly|yearly|annually)$/i.test(v))
    );
  });
  // A column of dates is a start or an end whatever its header ("Duration" holds the end day in some grids).
  const datesByContent = table.headers.map((_, i) => {
    const values = table.rows
      .map((row) => row[i])
      .filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
    return values.length > 0 && values.every((v) => dateFromCell(v ?? null, null) !== null);
  });
  byHeader.forEach((c, i) => {
    if (periodByContent[i]) {
      if (!columns.has('period')) columns.set('period', i);
      return;
    }
    if (datesByContent[i]) {
      const which = c === 'end' || (c !== 'start' && columns.has('start')) ? 'end' : 'start';
      if (!columns.has(which)) columns.set(which, i);
      return;
    }
    if (c && !columns.has(c)) columns.set(c, i);
  });
  // A grid that heads its services "Description" or the like: the first untyped column whose cells name services.
  if (!columns.has('service')) {
    const typed = new Set(columns.values());
    const named = table.headers.findIndex(
      (_, i) => !typed.has(i) && byHeader[i] === null && mostlyNameServices(table.rows.map((row) => cell(row, i))),
    );
    if (named >= 0) columns.set('service', named);
  }
  return columns;
}

function dateColumnsOf(table: Table): { start: boolean; end: boolean } {
  const columns = columnsOf(table);
  return { start: columns.has('start'), end: columns.has('end') };
}

function mostlyNameServices(cells: string[]): boolean {
  const filled = cells.filter((c) => /\p{L}{3,}/u.test(c));
  return filled.length > 0 && filled.filter((c) => findServiceMentions(c).length > 0).length * 2 >= filled.length;
}

/** An amendment grid's columns ("Service amended | Was | Now | Dates"), or null where the grid is not one. */
function amendmentColumnsOf(table: Table): { service: number; now: number; dates: number | null } | null {
  const v = vocabulary().amendmentColumns;
  const h = table.headers.map((x) => plainText(normaliseCell(x)).toLowerCase().replace(/[:.]/g, '').trim());
  const now = h.findIndex((x) => v.now.has(x));
  const before = h.findIndex((x) => v.before.has(x));
  const service = h.findIndex((x) => columnOf(x) === 'service');
  if (now < 0 || before < 0 || service < 0) return null;
  const dates = h.findIndex((x) => v.dates.has(x));
  return { service, now, dates: dates >= 0 ? dates : null };
}

/** A cell giving when a change runs: "Effective 11/30 through 6/4", "Del 30/11/2026 al 04/06/2027", one day alone. */
function cellPeriod(written: string, anchor: IsoDate): { start: IsoDate | null; end: IsoDate | null } {
  const text = monthFirstWhereDayFirst(written);
  const stated = lineDates(text, anchor);
  if (stated.start || stated.end) return stated;
  const days = findDateMentions(text, anchor).filter((m) => !m.relative);
  const [first, second] = days;
  if (days.length === 1 && first) return { start: first.date, end: null };
  if (days.length === 2 && first && second && first.date < second.date) return { start: first.date, end: second.date };
  return { start: null, end: null };
}

const SLASHED_DAY = /\b(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/g;

/** A cell written day first ("Del 22/02/2027 al 10/01/2028": one day can only be day/month) turned month first. */
function monthFirstWhereDayFirst(text: string): string {
  const days = allMatches(text, SLASHED_DAY);
  const dayFirst = days.some((m) => Number(m[1]) > 12) && !days.some((m) => Number(m[2]) > 12);
  return dayFirst ? text.replace(SLASHED_DAY, (_, d, m, y) => `${m}/${d}/${y}`) : text;
}

/**
 * An amendment grid ("Service amended | Was | Now | Dates"): each service as it now stands, read from
 * the Now cell (how often, how long, how given, where), dated by the Dates cell. A row with no service
 * continues the row above (a PDF's wrapped cells).
 */
function amendmentRows(
  table: Table,
  columns: { service: number; now: number; dates: number | null },
  anchor: IsoDate | null,
  context: string,
): Array<Requirement & { row: number }> {
  const joined: Array<{ cells: string[]; row: number }> = [];
  for (const [rowIndex, row] of table.rows.entries()) {
    const cells = table.headers.map((_, i) => cell(row, i));
    const last = joined.at(-1);
    if (last && cells[columns.service] === '') {
      cells.forEach((c, i) => {
        if (c !== '') last.cells[i] = `${last.cells[i] ?? ''} ${c}`.trim();
      });
      continue;
    }
    joined.push({ cells, row: rowIndex });
  }
  const out: Array<Requirement & { row: number }> = [];
  for (const { cells, row } of joined) {
    const service = serviceOfRow(cells[columns.service] ?? '', '', context);
    const now = cells[columns.now] ?? '';
    const amounts = readAmounts(now);
    if (!service || !amounts) continue;
    const period =
      anchor && columns.dates !== null ? cellPeriod(cells[columns.dates] ?? '', anchor) : { start: null, end: null };
    out.push({ service, delivery: deliveryOf(now), ...amounts, location: locationOf(now), ...period, row });
  }
  return out;
}

function requirementsFromTable(
  table: Table,
  anchor: IsoDate | null,
  context: string,
  headingLocation: Location | null = null,
): Array<Requirement & { row: number }> {
  const amendment = amendmentColumnsOf(table);
  if (amendment) return amendmentRows(table, amendment, anchor, context);
  const cycles = cyclesInYear(context);
  const columns = columnsOf(table);
  if (table.headers.some((h) => /^\s*(date|session date|fecha)\s*$/i.test(h))) return [];
  // A grid that names each service by its provider ("Speech-Language Pathologist | 30 | 2 times weekly").
  if (!columns.has('service') && columns.has('provider')) columns.set('service', columns.get('provider') ?? -1);
  if (
    !columns.has('service') ||
    !(columns.has('frequency') || columns.has('total') || columns.has('perSession') || columns.has('amount'))
  )
    return [];
  const periodOfColumn = (column: Column) => {
    const at = columns.get(column);
    return at === undefined ? null : headerPeriod(normaliseCell(table.headers[at] ?? '').toLowerCase());
  };
  const headerPeriods = {
    frequency: periodOfColumn('frequency'),
    total: periodOfColumn('total'),
    amount: periodOfColumn('amount'),
  };
  // "Hours per week | 1.5": a bare figure is in the header's unit.
  const amountAt = columns.get('total') ?? columns.get('amount');
  const amountUnit = /\bhours?\b|\bhrs?\b/i.test(table.headers[amountAt ?? -1] ?? '') ? 'hours' : 'min';
  const out: Array<Requirement & { row: number }> = [];
  for (const [rowIndex, row] of table.rows.entries()) {
    const serviceText = cell(row, columns.get('service'));
    const providerText = cell(row, columns.get('provider'));
    const service = serviceOfRow(serviceText, providerText, context);
    if (!service) continue;
    const frequency = withHeaderPeriod(
      `${cell(row, columns.get('frequency'))} ${cell(row, columns.get('period'))}`.trim(),
      headerPeriods.frequency,
      'times',
    );
    const total = cell(row, columns.get('total'))
      ? withHeaderPeriod(cell(row, columns.get('total')), headerPeriods.total, amountUnit)
      : withHeaderPeriod(cell(row, columns.get('amount')), headerPeriods.amount, amountUnit);
    const amounts =
      perCycleAsYear(plainText(frequency), cycles) ??
      tableAmounts(frequency, columns.has('perSession') ? cell(row, columns.get('perSession')) : null, total);
    if (!amounts) continue;
    const deliveryText = columns.has('delivery') ? cell(row, columns.get('delivery')) : serviceText;
    const locationText = columns.has('location') ? cell(row, columns.get('location')) : '';
    const startCell = columns.has('start') ? row[columns.get('start') ?? -1] : null;
    const endCell = columns.has('end') ? row[columns.get('end') ?? -1] : null;
    out.push({
      service,
      // Without a grouping column the place may say it ("Resource room (small group)", "Virtual, 1:1").
      delivery:
        groupSize(deliveryText) ??
        (columns.has('delivery') ? deliveryOfCell(deliveryText) : deliveryOf(deliveryText)) ??
        (columns.has('delivery') ? null : (deliveryOf(serviceText) ?? deliveryOf(locationText))),
      ...amounts,
      // Without a place column, the part of the grid the row sits in says it ("... in Other Settings").
      location: locationOfCell(locationText) ?? headingLocation ?? locationFromServiceWords(serviceText),
      start: dateFromCell(startCell ?? null, anchor),
      end: dateFromCell(endCell ?? null, anchor),
      row: rowIndex,
    });
  }
  return out;
}

/**
 * The service a grid row names. A row whose service the vocabulary does not know ("Transition
 * Services") is `other`; so is a special-education teacher's consultation with other teachers
 * (EXTRACT.md: it is not instruction). A totals or notes row names no service.
 */
function serviceOfRow(serviceText: string, providerText: string, context: string): ServiceCode | null {
  const named = serviceFromWords(serviceText, context) ?? serviceFromWords(providerText, context);
  if (named === 'specialized-academic-instruction' && /\bconsult/i.test(serviceText)) return 'other';
  if (named) return named;
  // "Reading (Resource)", "Special education - math": a school subject as a row of an IEP's services
  // is special-education instruction.
  if (serviceText.split(/[-\u2013:(),/]/).some((piece) => opensWithSubject(piece)) && tiesToSpecialEducation(context))
    return 'specialized-academic-instruction';
  if (/\p{L}{3,}/u.test(serviceText) && !/^\s*(?:total|totals|sum|notes?|comments?)\b/i.test(serviceText))
    return 'other';
  return null;
}

/** A grouping cell holding the group's size ("Grp | 1"): one child is individual, more a group. */
function groupSize(text: string): Delivery | null {
  const m = /^\s*(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n === 1 ? 'individual' : n > 1 ? 'group' : null;
}

function numberIn(text: string): number | null {
  const m = /^\s*(\d{1,4})\s*(?:min(?:ute)?s?\.?)?\s*$/i.exec(text);
  return m ? Number(m[1]) : null;
}

/** "2 Weekly" in a grid's frequency (and period) cells: the count standing alone. */
function bareCount(freq: string): number | null {
  const m = /^\s*(\d{1,3})\b(?!\s*(?:min|hour|hr|\/|:|-|\.))/i.exec(freq);
  return m ? Number(m[1]) : null;
}

/** "120 minutes total": the amount is the period's, not a session's. */
const TOTAL_WORD = /\b(?:total|in all|en total)\b/i;

/** The minutes of "4x/wk 45": a bare number after a count and its period. */
function minutesAfterCount(freq: string): number | null {
  const m = COUNT_PERIOD_MINUTES.exec(freq);
  if (!m || periodAt(m[1] ?? '')?.index !== 0) return null;
  const minutes = Number(m[2]);
  return minutes > 0 ? minutes : null;
}

/** "120/mo" in a grid's total cell: minutes for the period, the unit left unsaid. */
function numberPerPeriod(cell: string): MinuteAmount | null {
  const m = /^\s*(\d{1,4})\s*\//.exec(cell);
  const per = m ? periodAt(cell) : null;
  return m && per ? { value: Number(m[1]), index: 0, end: m[0].length, per: per.per } : null;
}

/** Sessions, minutes and total from a grid's frequency, minutes-per-session and total cells. */
function tableAmounts(frequency: string, perSessionCell: string | null, total: string): Amounts | null {
  const freq = plainText(frequency);
  const perSession = perSessionCell ?? '';
  // One "Amount" cell holding the whole of it ("2x45 min/wk", "120 min/mo") where the grid has no frequency column.
  if (freq.trim() === '' && perSessionCell === null) {
    const whole = readAmounts(total, true);
    if (whole) return whole;
  }
  // "375 min (full day)": a remark in brackets beside the minutes.
  let minutes = numberIn(perSession.replace(/\([^()]*\)/g, ' ')) ?? minutesAfterCount(freq);
  // A per-session cell may hold the period's total instead ("-- (120 min/month)").
  const totalAmount =
    minuteAmounts(plainText(total))[0] ??
    (numberIn(total) !== null ? { value: numberIn(total) ?? 0, per: null } : null) ??
    numberPerPeriod(plainText(total)) ??
    minuteAmounts(plainText(perSession)).find((a) => a.per !== null) ??
    null;
  const per = periodAt(freq)?.per ?? totalAmount?.per ?? periodAt(plainText(total))?.per ?? null;
  if (per === null) {
    // "2x30 min weekly" written in one cell.
    return readAmounts(`${frequency} ${perSession} ${total}`, true);
  }
  if (GRADING_PERIOD.test(freq) && per !== 'year') return null;
  let sessions = sessionCount(freq) ?? bareCount(freq);
  // "2 times per week | 30 minutes", "Daily | 60 min": an amount with no period of its own is per session.
  // Not where the grid has a minutes-per-session column that says "--": then only the total is known.
  if (
    minutes === null &&
    perSessionCell === null &&
    totalAmount &&
    totalAmount.per === null &&
    !periodAt(plainText(total)) &&
    !TOTAL_WORD.test(total)
  ) {
    minutes = totalAmount.value;
  }
  if (sessions === null && minutes !== null && periodAt(freq)) sessions = 1;
  if (minutes === null) {
    const inFreq = readAmounts(freq);
    if (inFreq?.minutes) return inFreq;
    // "120 min/mo" in the frequency cell: a total for the period.
    if (!totalAmount) return readAmounts(freq, true);
    return { sessions: null, minutes: null, totalMinutes: totalAmount.value, per };
  }
  if (sessions === null && totalAmount) {
    const s = totalAmount.value / minutes;
    sessions = Number.isInteger(s) ? s : null;
  }
  if (sessions === null)
    return totalAmount ? { sessions: null, minutes: null, totalMinutes: totalAmount.value, per } : null;
  return { sessions, minutes, totalMinutes: sessions * minutes, per };
}

// ---------- services told as cards of labelled fields ----------

/** A header each kind of column is known by, for the table built from labelled fields. */
const COLUMN_HEADERS: Record<Column, string> = {
  service: 'Service',
  provider: 'Provider',
  delivery: 'Delivery',
  location: 'Location',
  frequency: 'Frequency',
  period: 'Period',
  perSession: 'Min/session',
  total: 'Total',
  amount: 'Amount',
  start: 'Start',
  end: 'End',
};

const DATE_WORD = /^\d{1,2}\/\d{1,2}(?:\/\d{2,4})?$/;
const NUMBERED_HEADING = /^\s*\d{1,2}[.)]\s+\S/;

/**
 * The labelled fields of a line ("Freq: 2x/wk 20", "Start 09/01/2026 End 06/10/2027"): a label is
 * a word or three known as a column's header, closed by a colon or followed by a date.
 */
function fieldsOf(line: string): Array<{ column: Column; value: string }> | null {
  const words = line.split(/\s+/).filter((w) => w !== '');
  const fields: Array<{ column: Column | null; value: string[] }> = [];
  let k = 0;
  while (k < words.length) {
    let label: { column: Column | null; next: number } | null = null;
    const wordy = /^\p{L}/u.test(words[k] ?? '');
    for (let n = 1; wordy && n <= 3 && k + n <= words.length && !label; n++) {
      const last = words[k + n - 1] ?? '';
      const text = words.slice(k, k + n).join(' ');
      if (last.endsWith(':')) {
        // A label of no column ("Areas:") is still a field, read as nothing.
        label = { column: columnOf(text.slice(0, -1)), next: k + n };
        break;
      }
      const column = DATE_WORD.test(words[k + n] ?? '') ? columnOf(text) : null;
      if (column === 'start' || column === 'end') label = { column, next: k + n };
    }
    if (label) {
      fields.push({ column: label.column, value: [] });
      k = label.next;
      continue;
    }
    const open = fields[fields.length - 1];
    if (!open) return null;
    open.value.push(words[k] ?? '');
    k++;
  }
  if (fields.length === 0) return null;
  return fields.flatMap((f) => (f.column ? [{ column: f.column, value: f.value.join(' ') }] : []));
}

/**
 * Services set out as cards, one per service: a heading naming it, then labelled fields, one a
 * line ("Freq:", "Delivery:", "Location:", "Start ... End ..."). Read as a grid with a row per card,
 * so the columns are typed as in any services grid. A line without a label goes on the field above.
 */
function fieldCards(text: string): Table | null {
  const cards: Array<{ line: number; fields: Map<Column, string> }> = [];
  let card: { line: number; fields: Map<Column, string> } | null = null;
  let lastColumn: Column | null = null;
  for (const l of splitLines(text)) {
    const t = plainText(l.text).replace(/\t/g, ' ').trim();
    const fields = fieldsOf(t);
    // "SERVICE: SPEECH-LANGUAGE THERAPY" then "FREQUENCY: ...": a labelled service opens its card.
    const labelledService = fields?.find((f) => f.column === 'service');
    if (labelledService && (card === null || card.fields.has('frequency') || card.fields.has('amount'))) {
      card = { line: l.line, fields: new Map(fields?.map((f) => [f.column, f.value])) };
      cards.push(card);
      lastColumn = fields?.at(-1)?.column ?? null;
      continue;
    }
    if (fields && card) {
      for (const f of fields) card.fields.set(f.column, f.value);
      lastColumn = fields[fields.length - 1]?.column ?? null;
      continue;
    }
    const heading = !fields && (NUMBERED_HEADING.test(t) || findServiceMentions(t).length > 0) && t.length <= 80;
    const cardHasAmount = card !== null && (card.fields.has('frequency') || card.fields.has('amount'));
    if (heading && (card === null || cardHasAmount)) {
      card = { line: l.line, fields: new Map([['service', t.replace(/^\s*\d{1,2}[.)]\s+/, '')]]) };
      cards.push(card);
      lastColumn = null;
      continue;
    }
    if (card && lastColumn && !fields && !cardHasAmount) {
      card.fields.set(lastColumn, `${card.fields.get(lastColumn) ?? ''} ${t}`.trim());
      continue;
    }
    card = null;
    lastColumn = null;
  }
  const full = cards.filter((c) => c.fields.has('frequency') || c.fields.has('amount'));
  if (full.length === 0) return null;
  const columns: Column[] = [];
  for (const c of full) for (const column of c.fields.keys()) if (!columns.includes(column)) columns.push(column);
  return {
    label: 'service cards',
    headers: columns.map((column) => COLUMN_HEADERS[column]),
    rows: full.map((c) => columns.map((column) => c.fields.get(column) ?? null)),
    rowNumbers: full.map((c) => c.line),
  };
}

// ---------- text ----------

interface LineFinding {
  requirement: Requirement;
  line: number;
  paragraph: number;
  excerpt: string;
  hasOwnDates: boolean;
  /** The line of the heading this row's service was read from ("Integrated Co-Teaching Services" over "ELA | ..."). */
  headingLine: number | null;
}

const LABELLED_FIELD = /^\s*([\p{L}][\p{L} /]{1,24}?)\s*:\s*(\S.*)$/u;

/** A labelled place or grouping line ("Location: Speech room", "Group size: 3") given to the service above it where it has none. */
function fieldUnder(requirement: Requirement, line: string): void {
  const field = LABELLED_FIELD.exec(line);
  if (!field) return;
  const column = columnOf(field[1] ?? '');
  const value = field[2] ?? '';
  if (column === 'location') requirement.location ??= locationOfCell(value);
  if (column === 'delivery') requirement.delivery ??= groupSize(value) ?? deliveryOfCell(value);
}

/** A short bracketed remainder of a cell ("(individual)", "(small group)"), not a sentence. */
const WRAPPED_CELL = /^\s*\([^()]{3,30}\)\s*$/;

interface BlockDates {
  paragraph: number;
  line: number;
  start: IsoDate | null;
  end: IsoDate | null;
  /** A labelled line giving the dates of every service on the page ("Service dates:", "Projected initiation date:"). */
  servicePage: boolean;
}

const SERVICE_DATES_LABEL =
  /^\s*(?:(?:projected|anticipated)\s+)?(?:(?:iep|service|services)\s+(?:dates?|duration|initiation(?:\s+date)?|start\s+date|begin(?:ning)?\s+date|end(?:ing)?\s+date)|initiation\s+date|(?:start|begin(?:ning)?|end(?:ing)?)\s+date\s+of\s+services)\s*:/i;

const START_WORDS =
  /\b(effective|eff|begin|begins|beginning|began|start|starts|starting|started|from|as of|initiation|comienza|inicio)\b/gi;
/** A cell that is one written day with its year and nothing else ("11/02/2026", "2026-11-02"). */
const FULL_DATE_CELL = /^(?:\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2})$/;
const END_WORDS = /\b(through|thru|until|till|end|ends|ending|to|expires|expiration|hasta)\b/gi;

/** Start and end days a line gives: "effective 9/16 through 3/12", "Begin: 10/19/2026", "End: 04/08/2027". */
function lineDates(text: string, anchor: IsoDate): { start: IsoDate | null; end: IsoDate | null } {
  const mentions = findDateMentions(text, anchor).filter((m) => !m.relative);
  if (mentions.length === 0) return { start: null, end: null };
  const first = mentions[0];
  if (first?.end) return { start: first.date, end: first.end };
  const startHit = allMatches(text, START_WORDS).map((m) => m.index ?? 0);
  const endHit = allMatches(text, END_WORDS).map((m) => m.index ?? 0);
  const cells = text.split('\t');
  // A grid row whose header was not read ("Speech | 3x30 weekly | home | 11/02/2026 | 04/20/2027"):
  // its last two cells, each one day in that order and no other words, are when it starts and ends.
  const [startCell, endCell] = cells.slice(-2).map((c) => c.trim());
  if (startHit.length === 0 && endHit.length === 0 && cells.length >= 4 && startCell && endCell) {
    const start = dateFromCell(startCell, anchor);
    const end = dateFromCell(endCell, anchor);
    if (start && end && start < end && FULL_DATE_CELL.test(startCell) && FULL_DATE_CELL.test(endCell))
      return { start, end };
  }
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  for (const m of mentions) {
    const lastStart = Math.max(-1, ...startHit.filter((i) => i < m.index));
    const lastEnd = Math.max(-1, ...endHit.filter((i) => i < m.index));
    if (lastEnd > lastStart && end === null) end = m.date;
    else if (lastStart > lastEnd && start === null) start = m.date;
  }
  return { start, end };
}

/**
 * A line naming several services, each with its own amount ("SAI 240 minutes weekly and speech
 * 2 x 30 weekly"), cut into one piece per service; otherwise the whole line.
 */
function servicePieces(t: string, mentions: ReturnType<typeof findServiceMentions>): string[] {
  const starts: number[] = [];
  let last: ServiceCode | null = null;
  for (const m of mentions) {
    if (m.service !== last) starts.push(m.start);
    last = m.service;
  }
  if (starts.length < 2) return [t];
  const pieces = starts.map((start, k) => t.slice(k === 0 ? 0 : start, starts[k + 1] ?? t.length));
  return pieces.every((p) => readAmounts(p) !== null) ? pieces : [t];
}

/**
 * A line listing services with semicolons ("SDI math 3x45/week; counseling group 120 min/month;
 * individual check-ins 3x20/month"), each item with its own amount: one piece per item, each cut
 * again per service it names. An item naming no service ("individual check-ins") continues the
 * service before it. Otherwise the pieces of servicePieces.
 */
function listedPieces(
  t: string,
  mentions: ReturnType<typeof findServiceMentions>,
): Array<{ text: string; continues: boolean }> {
  const items = t.split(/;\s*/);
  const withAmounts = items.filter((item) => readAmounts(item) !== null);
  if (items.length < 2 || withAmounts.length < 2) {
    return servicePieces(t, mentions).map((text) => ({ text, continues: false }));
  }
  return withAmounts.flatMap((item, k) => {
    const named = findServiceMentions(item);
    return servicePieces(item, named).map((text) => ({ text, continues: k > 0 && named.length === 0 }));
  });
}

/**
 * The line without the words of the committee's own decision: "the committee recommended adding
 * counseling" is what the IEP now says, though a recommendation by anyone else is not.
 */
function withoutDecisions(t: string): string {
  let out = '';
  let at = 0;
  for (const hit of findPhrases(t, vocabulary().decision)) {
    out += `${t.slice(at, hit.index)} `;
    at = hit.end;
  }
  return out + t.slice(at);
}

function requirementsFromText(text: string, anchor: IsoDate, context: string): LineFinding[] {
  const v = vocabulary();
  const found: LineFinding[] = [];
  const blocks: BlockDates[] = [];
  let carried: { service: ServiceCode; paragraph: number; line: number; delivery: Delivery | null } | null = null;
  for (const l of splitLines(text)) {
    let t = plainText(l.text);
    if (v.superseded.test(t)) continue;
    // "increased from 2 x 30 weekly to 3 x 20 weekly": the service as it now stands.
    const fromAt = t.toLowerCase().indexOf(' from ');
    const toAt = fromAt < 0 ? -1 : t.toLowerCase().lastIndexOf(' to ');
    if (fromAt >= 0 && toAt > fromAt) {
      const left = t.slice(fromAt + 6, toAt);
      const right = t.slice(toAt + 4);
      if (/\d/.test(left) && /\d/.test(right)) {
        let now = `${t.slice(0, fromAt)} ${right}`;
        // "from 2x30 to 3x30 weekly" / "from 2x30 weekly to 3x30": the period may be written once.
        const leftPeriod = periodAt(left);
        if (!periodAt(right) && leftPeriod) now = `${now} ${left.slice(leftPeriod.index)}`;
        t = now;
      }
    }
    const amounts = readAmounts(t);
    const mentions = findServiceMentions(t);
    if (!amounts) {
      // A grid row's cell wrapped onto the next line ("Speech therapy | 3x30 weekly" over "(individual)").
      const above = found.at(-1);
      if (
        above?.line === l.line - 1 &&
        above.paragraph === l.paragraph &&
        above.requirement.delivery === null &&
        mentions.length === 0 &&
        WRAPPED_CELL.test(t)
      )
        above.requirement.delivery = deliveryOf(t);
      // A service's fields one a line under its amount ("2 x 30 minutes weekly" over "Location: Speech room").
      // A place named after a service's room ("Speech room") is a place, not another service.
      if (
        above &&
        above.paragraph === l.paragraph &&
        l.line - above.line <= 3 &&
        mentions.every((m) => m.location !== null)
      )
        fieldUnder(above.requirement, t);
      const dates = lineDates(t, anchor);
      if (dates.start || dates.end)
        blocks.push({ paragraph: l.paragraph, line: l.line, servicePage: SERVICE_DATES_LABEL.test(t), ...dates });
      if (mentions.length > 0)
        carried = {
          service: serviceFromWords(t, context) ?? 'other',
          paragraph: l.paragraph,
          line: l.line,
          delivery: deliveryOf(t),
        };
      continue;
    }
    if (t.trimEnd().endsWith('?') || hasPhrase(withoutDecisions(t), v.notRequirement)) continue;
    const pieces = listedPieces(t, mentions);
    // "measured against the amended IEP (eff. 11/2): SDI 3x45/week; counseling ...": a day stated
    // ahead of a list dates every item of it.
    const leadDates = pieces.length > 1 ? lineDates(t.slice(0, mentions[0]?.start ?? 0), anchor) : null;
    let listService: ServiceCode | null = null;
    for (const { text: piece, continues } of pieces) {
      let service: ServiceCode | null = serviceFromWords(piece, context) ?? (continues ? listService : null);
      listService = service;
      let headingLine: number | null = null;
      let headingDelivery: Delivery | null = null;
      if (!service && carried && carried.paragraph === l.paragraph && l.line - carried.line <= 3) {
        service = carried.service;
        headingLine = carried.line;
        headingDelivery = carried.delivery;
      }
      if (!service || service === 'other') continue;
      const pieceAmounts = readAmounts(piece);
      if (!pieceAmounts) continue;
      const firstMention = findServiceMentions(piece)[0];
      const serviceEnd = firstMention?.end ?? 0;
      const own = lineDates(piece, anchor);
      const dates = own.start || own.end || !leadDates ? own : leadDates;
      found.push({
        requirement: {
          service,
          // "Speech-Language Therapy, Group (3)" over "Amended: 3 x weekly": the heading may say how.
          delivery:
            deliveryRightBefore(piece, firstMention?.start ?? 0) ?? deliveryOf(piece, serviceEnd) ?? headingDelivery,
          ...pieceAmounts,
          location: locationOf(piece),
          start: dates.start,
          end: dates.end,
        },
        line: l.line,
        paragraph: l.paragraph,
        excerpt: l.text.trim().slice(0, 160),
        hasOwnDates: dates.start !== null || dates.end !== null,
        headingLine,
      });
    }
  }
  // Lines without their own dates take the dates of their block ("Services (effective ... through ...)", "Begin:", "End:").
  for (const f of found) {
    if (f.hasOwnDates) continue;
    const same = blocks.filter((b) => b.paragraph === f.paragraph);
    const near = same.length > 0 ? same : blocks.filter((b) => b.paragraph === f.paragraph - 1);
    const start = near.find((b) => b.start)?.start ?? null;
    const end = near.find((b) => b.end)?.end ?? null;
    f.requirement.start = start;
    f.requirement.end = end;
  }
  // "Service dates: 09/08 - 06/25" or "Projected initiation date: 09/08" stands for every row of the
  // page, wherever it sits, when the page gives only one such start and one such end.
  const pageStarts = new Set(blocks.filter((b) => b.servicePage && b.start).map((b) => b.start));
  const pageEnds = new Set(blocks.filter((b) => b.servicePage && b.end).map((b) => b.end));
  const pageStart = pageStarts.size === 1 ? [...pageStarts][0] : undefined;
  const pageEnd = pageEnds.size === 1 ? [...pageEnds][0] : undefined;
  for (const f of found) {
    if (f.hasOwnDates) continue;
    f.requirement.start ??= pageStart ?? null;
    f.requirement.end ??= pageEnd ?? null;
  }
  return found;
}

// ---------- all together ----------

function sameService(a: Requirement, b: Requirement): boolean {
  return a.service === b.service && a.delivery === b.delivery && a.per === b.per && a.totalMinutes === b.totalMinutes;
}

/**
 * Items stated once each in several places (a grid and its text) become one. Rows under one
 * service heading ("Integrated Co-Teaching: ELA | 5 x 45", "Math | 5 x 45") stay apart: `heading`
 * gives each such row its part and heading line.
 */
function merge(
  items: Array<Finding<Requirement>>,
  heading: Map<Finding<Requirement>, string>,
): Array<Finding<Requirement>> {
  const out: Array<Finding<Requirement>> = [];
  for (const item of items) {
    const under = heading.get(item);
    const same = out.find((o) => sameService(o, item) && !(under !== undefined && heading.get(o) === under));
    if (!same) {
      out.push(item);
      continue;
    }
    same.sessions ??= item.sessions;
    same.minutes ??= item.minutes;
    same.location ??= item.location;
    same.start ??= item.start;
    same.end ??= item.end;
  }
  return out;
}

/** True where a text states the services an IEP requires (a services page, an amendment, a grid). */
export function statesIepServices(text: string): boolean {
  return hasPhrase(plainText(text), vocabulary().document);
}

/**
 * The days a grid's heading gives its rows ("AMENDED SERVICES (effective 11/02 through 12/08)"
 * on the line just above a grid typed in the text), or null.
 */
function headingDates(
  tp: ReadingContext['tables'][number],
  ctx: ReadingContext,
  anchor: IsoDate,
): { start: IsoDate | null; end: IsoDate | null } | null {
  const text = ctx.texts.find((t) => t.part === tp.part)?.text;
  const headers = tp.table.headers.map((h) => normaliseCell(h).trim());
  if (!text || headers.length < 2) return null;
  const lines = text.slice(0, 200_000).split(/\r?\n/);
  // The grid as the text renders it: its header line, cell by cell.
  const at = lines.findIndex((l) => {
    const cells = l.split('\t').map((c) => c.trim());
    return cells.length === headers.length && cells[0] === headers[0] && cells[1] === headers[1];
  });
  if (at < 1) return null;
  for (let k = at - 1; k >= Math.max(0, at - 2); k--) {
    const line = plainText(lines[k] ?? '');
    if (line.trim() === '') return null;
    if (readAmounts(line) || !hasPhrase(line, vocabulary().effective)) continue;
    const dates = lineDates(line, anchor);
    if (dates.start || dates.end) return dates;
  }
  return null;
}

/**
 * The place a grid's heading gives all its rows ("B. Special Education and Related Services in
 * General Education Classroom", "C. ... in Other Settings"): the line of words just above the
 * grid's header lines, where the grid is one of a page's parts. Null where it names no place.
 */
function headingLocation(tp: ReadingContext['tables'][number], ctx: ReadingContext): Location | null {
  const text = ctx.texts.find((t) => t.part === tp.part)?.text;
  const firstRow = tp.table.rowNumbers[0];
  const second = normaliseCell(tp.table.headers[1] ?? '').trim();
  if (!text || firstRow === undefined || second === '') return null;
  const lines = text.slice(0, 200_000).split(/\r?\n/);
  // The header line nearest above the first row (a header may wrap onto a second line).
  let at = -1;
  for (let k = firstRow - 2; k >= Math.max(0, firstRow - 4); k--) {
    if ((lines[k] ?? '').split('\t').map((c) => c.trim())[1] === second) {
      at = k;
      break;
    }
  }
  if (at < 1) return null;
  const heading = plainText(lines[at - 1] ?? '').trim();
  if (heading === '' || heading.includes('\t') || heading.length > 160 || readAmounts(heading)) return null;
  const v = vocabulary();
  const separate = hasPhrase(heading, v.separate) || hasPhrase(heading, v.otherSettings);
  const general = hasPhrase(heading, v.general);
  return separate === general ? null : separate ? 'separate' : 'general-education';
}

/** Words that say when services run ("IEP in effect beginning", "implemented", "IEP End Date"). */
const SERVICE_PERIOD_WORDS =
  /\b(?:effective|in effect|implemented|begins?|beginning|start(?:s|ing)?|ends?|ending|duration|dates?|iep term|term of (?:the )?iep|provided from|vigente|a partir)\b/i;
/** Dates of other things a services page states beside the services' own. */
const OTHER_EVENT_WORDS =
  /\b(?:due|meeting|mtg|review|re-?evaluation|evaluation|etr|birth|dob|printed|signed|progress|reunión|revisión|reevaluación|nacimiento)\b/i;

/**
 * The line says when services run before it names any other event: "They begin on 9/8 and run
 * through the annual review due date of 3/10" does; "Annual review due date: 3/10" does not.
 */
function servicePeriodFirst(t: string): boolean {
  const period = SERVICE_PERIOD_WORDS.exec(t);
  const other = OTHER_EVENT_WORDS.exec(t);
  return period !== null && (other === null || period.index < other.index);
}

/**
 * The start and end a document states for its services in words ("This IEP will be implemented
 * beginning ... and remain in effect through ...", "IEP Begins: ..."), for a grid with no date
 * columns. Only where the document states one start (and at most one end): two are left unread.
 */
function statedServiceDates(text: string, anchor: IsoDate): { start: IsoDate | null; end: IsoDate | null } | null {
  const starts = new Set<IsoDate>();
  const ends = new Set<IsoDate>();
  for (const line of text.slice(0, 200_000).split(/\r?\n/)) {
    // Each cell, and each sentence of a paragraph: "... (meeting of 3/11). They begin on 9/8 ..."
    for (const piece of line.split(/\t|(?<=[.!?])\s+(?=\p{Lu})/u)) {
      const t = plainText(piece);
      if (!servicePeriodFirst(t) || readAmounts(t)) continue;
      const dates = lineDates(t, anchor);
      if (dates.start) starts.add(dates.start);
      if (dates.end) ends.add(dates.end);
    }
  }
  if (starts.size > 1 || ends.size > 1 || starts.size + ends.size === 0) return null;
  return { start: [...starts][0] ?? null, end: [...ends][0] ?? null };
}

/** Parts holding a table read as a log of sessions. */
function partsWithSessionLog(ctx: ReadingContext): Set<string> {
  const parts = new Set<string>();
  if (ctx.tables.length === 0) return parts;
  const facts = factsOf(ctx);
  for (const tp of ctx.tables) {
    if (parts.has(tp.part)) continue;
    const documentText = ctx.texts.find((t) => t.part === tp.part)?.text ?? '';
    if (sessionsFromTable(tp, { facts, documentText }).length > 0) parts.add(tp.part);
  }
  return parts;
}

/** Every service the message says the IEP requires, as it now stands. */
export function findRequirements(ctx: ReadingContext): Array<Finding<Requirement>> {
  const items: Array<Finding<Requirement>> = [];
  const partsWithGrid = new Set<string>();
  const heading = new Map<Finding<Requirement>, string>();
  const context = [ctx.subject, ...ctx.texts.map((t) => t.text)].join('\n');
  for (const tp of ctx.tables) {
    const anchor = tp.anchor ?? ctx.sentOn;
    const rows = requirementsFromTable(tp.table, anchor, context, headingLocation(tp, ctx));
    if (rows.length > 0) partsWithGrid.add(tp.part);
    const above = anchor ? headingDates(tp, ctx, anchor) : null;
    const partText = ctx.texts.find((t) => t.part === tp.part)?.text ?? '';
    const dateColumns = dateColumnsOf(tp.table);
    const stated =
      anchor && !(above?.start && above.end) && !(dateColumns.start && dateColumns.end)
        ? statedServiceDates(partText, anchor)
        : null;
    // A heading giving only one end ("... and remain in effect through 8/19") takes the other from the text.
    const dates =
      above || stated ? { start: above?.start ?? stated?.start ?? null, end: above?.end ?? stated?.end ?? null } : null;
    for (const { row, ...r } of rows) {
      if (dates && r.start === null && r.end === null) {
        r.start = dates.start;
        r.end = dates.end;
      }
      // A grid with an end column only ("Ends 03/11/2027") takes its start from the words ("They begin on 11/2").
      if (!dateColumns.start && r.start === null && r.end !== null && stated?.start && stated.start < r.end)
        r.start = stated.start;
      const item = { ...r, source: { part: tp.part, line: tp.table.rowNumbers[row] ?? null, excerpt: null } };
      // Two rows of one grid are two services even where their amounts match (co-taught English and Algebra).
      heading.set(item, `${tp.part}:${tp.table.label}`);
      items.push(item);
    }
  }
  const gridServices = new Set(items.map((item) => item.service));
  // A service log's header repeats the IEP's frequency ("IEP freq: 120 min/month"): a log is not a services page.
  const logParts = partsWithSessionLog(ctx);
  for (const part of ctx.texts) {
    if (part.kind === 'note' || partsWithGrid.has(part.part) || logParts.has(part.part)) continue;
    const anchor = part.anchor ?? ctx.sentOn;
    if (!anchor) continue;
    if (!statesIepServices(part.text) && !statesIepServices(ctx.subject)) continue;
    const cards = fieldCards(part.text);
    const fromCards = cards ? requirementsFromTable(cards, anchor, context) : [];
    // Cards with no dates of their own take those the notice states ("COMPARABLE SERVICES BEGIN: 08/24").
    const cardDates = fromCards.some((r) => r.start === null && r.end === null)
      ? statedServiceDates(part.text, anchor)
      : null;
    for (const { row, ...r } of fromCards) {
      if (cardDates && r.start === null && r.end === null) {
        r.start = cardDates.start;
        r.end = cardDates.end;
      }
      const item = { ...r, source: { part: part.part, line: cards?.rowNumbers[row] ?? null, excerpt: null } };
      heading.set(item, `${part.part}:cards`);
      items.push(item);
    }
    if (fromCards.length > 0) continue;
    for (const f of requirementsFromText(part.text, anchor, context)) {
      // The mail that carries a services grid summing up its change ("OT goes to 2x weekly") states
      // the grid's own line again: one fact, one item, the grid's.
      if (gridServices.has(f.requirement.service)) continue;
      const item = { ...f.requirement, source: { part: part.part, line: f.line, excerpt: f.excerpt } };
      if (f.headingLine !== null) heading.set(item, `${part.part}:${f.headingLine}`);
      items.push(item);
    }
  }
  return withoutSuperseded(merge(items, heading));
}

/**
 * A service stated twice in one part with different amounts, once with the day its change takes
 * effect and once with no day at all ("req 2x45/week" in a summary, "from 11/2 the amended amounts
 * apply (math 3x45/week)"): the dated statement is the service as it now stands.
 */
function withoutSuperseded(items: Array<Finding<Requirement>>): Array<Finding<Requirement>> {
  return items.filter(
    (item) =>
      item.start !== null ||
      item.end !== null ||
      !items.some(
        (other) =>
          other !== item &&
          other.source.part === item.source.part &&
          other.service === item.service &&
          other.delivery === item.delivery &&
          other.start !== null &&
          other.totalMinutes !== item.totalMinutes,
      ),
  );
}
