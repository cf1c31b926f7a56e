// The reply grammar: what a guardian may write, one line at a time, in answer to the numbered
// entries of an email we sent. Pure: lines in, actions out. The words are data (reply-words.json);
// this file only scans tokens (no regular expression runs over a whole line of inbound text).
import { z } from 'zod';
import {
  type Delivery,
  type Location,
  type MissedReason,
  PARENT_DATE_TYPES,
  type ParentDateType,
  SERVICE_CODES,
  type ServiceCode,
} from '../records/types';
import { LANGUAGES, type Language } from '../render/language';
import wordsJson from './reply-words.json';

const missedReason = z.enum([
  'student-absent',
  'student-unavailable',
  'provider-absent',
  'provider-unavailable',
  'school-closure',
  'other',
]);
const wordsSchema = z.object({
  confirmAll: z.array(z.string()),
  confirmOne: z.array(z.string()),
  remove: z.array(z.string()),
  removeVerbs: z.array(z.string()),
  missed: z.record(z.string(), missedReason.nullable()),
  delivered: z.array(z.string()),
  delivery: z.record(z.string(), z.enum(['individual', 'group'])),
  location: z.record(z.string(), z.enum(['general-education', 'separate'])),
  minuteUnits: z.array(z.string()),
  hourUnits: z.array(z.string()),
  dateWords: z.array(z.string()),
  fillers: z.array(z.string()),
  months: z.record(z.string(), z.number().int().min(1).max(12)),
  add: z.array(z.string()),
  /** Dates only the parent records (`add 11/2 referral`), by their words. */
  dateKinds: z.record(z.string(), z.enum(PARENT_DATE_TYPES)),
  services: z.record(z.string(), z.enum(SERVICE_CODES)),
  /** Each service's name in a suggested reply line, per language; every one reads back as that service. */
  serviceNames: z.record(z.enum(LANGUAGES), z.record(z.enum(SERVICE_CODES), z.string())),
  /** The words of a suggested `add` line, per language: its verb, its blanks to fill, and "missed". */
  addLine: z.record(
    z.enum(LANGUAGES),
    z.object({ verb: z.string(), date: z.string(), service: z.string(), minutes: z.string(), missed: z.string() }),
  ),
  markDone: z.array(z.string()),
  markDismiss: z.array(z.string()),
  allow: z.array(z.string()),
  courtesy: z.array(z.string()),
  greeting: z.array(z.string()),
  signatureStarts: z.array(z.string()),
});

export const REPLY_WORDS = wordsSchema.parse(wordsJson);

/** A day given without certainty about the year: the caller picks the year nearest the entry. */
export interface DayGiven {
  month: number;
  day: number;
  year: number | null;
}

export type Correction =
  | { field: 'minutes'; minutes: number }
  | { field: 'delivery'; delivery: Delivery }
  | { field: 'location'; location: Location }
  | { field: 'date'; date: DayGiven }
  | { field: 'missed'; reason: MissedReason | null }
  | { field: 'delivered' };

/** A session the guardian adds by reply (`add 10/5 speech 30 min`): confirmed by them as written. */
export interface SessionGiven {
  date: DayGiven;
  service: ServiceCode;
  minutes: number | null;
  delivery: Delivery | null;
  location: Location | null;
  status: 'delivered' | 'missed';
  reason: MissedReason | null;
}

export type ReplyAction =
  | { kind: 'confirm-all' }
  | { kind: 'confirm'; n: number }
  | { kind: 'remove'; n: number }
  | { kind: 'correct'; n: number; corrections: Correction[] }
  | { kind: 'add'; text: string }
  | { kind: 'add-session'; session: SessionGiven }
  | { kind: 'add-date'; type: ParentDateType; date: DayGiven }
  | { kind: 'mark'; n: number; action: 'done' | 'dismiss' }
  | { kind: 'allow' };

export interface ParsedLine {
  /** 1-based line number in the author's text. */
  line: number;
  /** The line as written (trimmed), for quoting back. */
  text: string;
  action: ReplyAction | null;
}

export interface ParsedReply {
  lines: ParsedLine[];
}

const MAX_LINES = 60;
const MAX_LINE_LENGTH = 300;
const THUMBS = new Set(['👍', '✅', '✔', '✔️', '☑️', '👌']);

const phrase = (list: readonly string[]) => new Set(list);
const CONFIRM_ALL = phrase(REPLY_WORDS.confirmAll);
const CONFIRM_ONE = phrase(REPLY_WORDS.confirmOne);
const REMOVE = phrase(REPLY_WORDS.remove);
const REMOVE_VERBS = phrase(REPLY_WORDS.removeVerbs);
const DELIVERED = phrase(REPLY_WORDS.delivered);
const MINUTE_UNITS = phrase(REPLY_WORDS.minuteUnits);
const HOUR_UNITS = phrase(REPLY_WORDS.hourUnits);
const DATE_WORDS = phrase(REPLY_WORDS.dateWords);
const FILLERS = phrase(REPLY_WORDS.fillers);
const ADD = phrase(REPLY_WORDS.add);
const MARK_DONE = phrase(REPLY_WORDS.markDone);
const MARK_DISMISS = phrase(REPLY_WORDS.markDismiss);
const ALLOW = phrase(REPLY_WORDS.allow);
const COURTESY = phrase(REPLY_WORDS.courtesy);
const GREETING = phrase(REPLY_WORDS.greeting);

/**
 * Lower-case words: letters, digits and `/` kept, accents dropped (`faltó` → `falto`), everything
 * else a separator (`#2.` → `2`).
 */
export function wordsOf(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const char of line.toLowerCase().normalize('NFKD')) {
    if (char >= '\u0300' && char <= '\u036f') continue;
    const keep = (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9') || char === '/';
    if (keep) current += char;
    else if (current) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

const isDigits = (word: string | undefined): boolean =>
  word !== undefined && word.length > 0 && word.length <= 4 && [...word].every((c) => c >= '0' && c <= '9');

/** Only thumbs-up and check marks (any skin tone), nothing else. */
function isThumbsOnly(line: string): boolean {
  const chars = [...line.replace(/\s/g, '')].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return !(code >= 0x1f3fb && code <= 0x1f3ff) && code !== 0xfe0f && code !== 0x200d;
  });
  return chars.length > 0 && chars.every((c) => THUMBS.has(c));
}

/** The longest phrase from `table` that starts at `at`, as [value, words used]. */
function longest<T>(words: string[], at: number, table: Record<string, T> | Set<string>): [T | true, number] | null {
  for (let length = Math.min(4, words.length - at); length >= 1; length--) {
    const candidate = words.slice(at, at + length).join(' ');
    if (table instanceof Set) {
      if (table.has(candidate)) return [true, length];
    } else if (Object.hasOwn(table, candidate)) {
      return [table[candidate] as T, length];
    }
  }
  return null;
}

function dayOf(month: number, day: number, year: number | null): DayGiven | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (year !== null && (year < 2000 || year > 2100)) return null;
  return { month, day, year };
}

/** `11/5`, `11/5/26`, `11/05/2026` (US order). */
function slashDate(word: string): DayGiven | null {
  const parts = word.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => isDigits(p))) return null;
  const [m, d, y] = parts.map(Number) as [number, number, number | undefined];
  const year = y === undefined ? null : y < 100 ? 2000 + y : y;
  return dayOf(m, d, year);
}

/** A date at `at`: `nov 5`, `5 nov`, `november 5 2026`, `11/5`. Returns the date and the words used. */
function dateAt(words: string[], at: number): [DayGiven, number] | null {
  const first = words[at];
  if (first === undefined) return null;
  if (first.includes('/')) {
    const date = slashDate(first);
    return date ? [date, 1] : null;
  }
  const months = REPLY_WORDS.months;
  const second = words[at + 1];
  const third = words[at + 2];
  const yearOf = (word: string | undefined) =>
    word !== undefined && isDigits(word) && word.length === 4 ? Number(word) : null;
  const ordinal = (word: string | undefined): number | null => {
    if (word === undefined) return null;
    const digits = word.replace(/(st|nd|rd|th)$/, '');
    return isDigits(digits) && digits.length <= 2 ? Number(digits) : null;
  };
  if (Object.hasOwn(months, first)) {
    const day = ordinal(second);
    if (day === null) return null;
    const year = yearOf(third);
    const date = dayOf(months[first] as number, day, year);
    return date ? [date, year === null ? 2 : 3] : null;
  }
  // `5 nov`, and the Spanish `5 de noviembre (de 2026)`.
  const day = ordinal(first);
  const joined = second === 'de' ? 1 : 0;
  const month = words[at + 1 + joined];
  if (day !== null && month !== undefined && Object.hasOwn(months, month)) {
    const yearJoined = words[at + 2 + joined] === 'de' && joined ? 1 : 0;
    const year = yearOf(words[at + 2 + joined + yearJoined]);
    const date = dayOf(months[month] as number, day, year);
    return date ? [date, 2 + joined + (year === null ? 0 : 1 + yearJoined)] : null;
  }
  return null;
}

/** The corrections in the words after an entry number: `20 min group`, `date 11/5`, `pull out`. */
function correctionsOf(words: string[]): Correction[] | null {
  const out: Correction[] = [];
  let at = 0;
  while (at < words.length) {
    const word = words[at] as string;
    const filler = longest(words, at, FILLERS);
    const dateWord = longest(words, at, DATE_WORDS);
    if (dateWord) {
      const date = dateAt(words, at + dateWord[1]);
      if (date) {
        out.push({ field: 'date', date: date[0] });
        at += dateWord[1] + date[1];
        continue;
      }
    }
    const date = dateAt(words, at);
    if (date) {
      out.push({ field: 'date', date: date[0] });
      at += date[1];
      continue;
    }
    // `20 min`, `20min`, `1 hour`, `45`+`minutes`
    let amount: number | null = null;
    let unit: string | undefined;
    let used = 0;
    if (isDigits(word)) {
      amount = Number(word);
      unit = words[at + 1];
      used = 2;
    } else {
      let split = 0;
      while (split < word.length && word[split]! >= '0' && word[split]! <= '9') split++;
      if (split > 0 && split <= 3) {
        amount = Number(word.slice(0, split));
        unit = word.slice(split);
        used = 1;
      }
    }
    if (amount !== null && unit !== undefined) {
      const minutes = MINUTE_UNITS.has(unit) ? amount : HOUR_UNITS.has(unit) ? amount * 60 : null;
      if (minutes !== null && minutes > 0 && minutes <= 600) {
        out.push({ field: 'minutes', minutes });
        at += used;
        continue;
      }
    }
    const delivery = longest(words, at, REPLY_WORDS.delivery);
    const location = longest(words, at, REPLY_WORDS.location);
    if (location && (!delivery || location[1] >= delivery[1])) {
      out.push({ field: 'location', location: location[0] as Location });
      at += location[1];
      continue;
    }
    if (delivery) {
      out.push({ field: 'delivery', delivery: delivery[0] as Delivery });
      at += delivery[1];
      continue;
    }
    const missed = longest(words, at, REPLY_WORDS.missed);
    if (missed) {
      out.push({ field: 'missed', reason: missed[0] === true ? null : (missed[0] as MissedReason | null) });
      at += missed[1];
      continue;
    }
    const delivered = longest(words, at, DELIVERED);
    if (delivered) {
      out.push({ field: 'delivered' });
      at += delivered[1];
      continue;
    }
    if (filler) {
      at += filler[1];
      continue;
    }
    return null;
  }
  return out.length > 0 ? out : null;
}

/** `2026 10 05`: an ISO date as wordsOf leaves it (the dashes are separators). */
function isoDateAt(words: string[], at: number): [DayGiven, number] | null {
  const [y, m, d] = words.slice(at, at + 3);
  if (!isDigits(y) || y?.length !== 4 || !isDigits(m) || !isDigits(d)) return null;
  const date = dayOf(Number(m), Number(d), Number(y));
  return date ? [date, 3] : null;
}

/**
 * `10/5 speech 30 min`, `2026-10-05 speech missed student absent`, `oct 5 OT 30 min group pull out`:
 * a day, a service, then minutes, missed (and why) or delivered, group or individual and where, in
 * any order. Null when any word is not understood, or when neither minutes nor missed is given.
 */
function sessionOf(words: string[]): SessionGiven | null {
  const date = isoDateAt(words, 0) ?? dateAt(words, 0);
  if (!date) return null;
  const service = longest(words, date[1], REPLY_WORDS.services);
  if (!service) return null;
  const rest = words.slice(date[1] + service[1]);
  const corrections = rest.length === 0 ? null : correctionsOf(rest);
  if (!corrections) return null;
  const session: SessionGiven = {
    date: date[0],
    service: service[0] as ServiceCode,
    minutes: null,
    delivery: null,
    location: null,
    status: 'delivered',
    reason: null,
  };
  let stated = false;
  for (const correction of corrections) {
    if (correction.field === 'date') return null;
    if (correction.field === 'minutes') session.minutes = correction.minutes;
    if (correction.field === 'delivery') session.delivery = correction.delivery;
    if (correction.field === 'location') session.location = correction.location;
    if (correction.field === 'missed') {
      session.status = 'missed';
      session.reason = correction.reason;
    }
    stated ||= correction.field === 'minutes' || correction.field === 'missed' || correction.field === 'delivered';
  }
  return stated ? session : null;
}

/**
 * `11/2 referral`, `referral on nov 2`, `2 de noviembre remisión`: a day and a kind of date only the
 * parent records, in either order, and nothing else. Null otherwise.
 */
function parentDateOf(words: string[]): { type: ParentDateType; date: DayGiven } | null {
  const kinds = REPLY_WORDS.dateKinds;
  const dayFirst = isoDateAt(words, 0) ?? dateAt(words, 0);
  if (dayFirst) {
    const kind = longest(words, dayFirst[1], kinds);
    if (kind && dayFirst[1] + kind[1] === words.length) return { type: kind[0] as ParentDateType, date: dayFirst[0] };
    return null;
  }
  const kind = longest(words, 0, kinds);
  if (!kind) return null;
  const on = longest(words, kind[1], DATE_WORDS);
  const at = kind[1] + (on ? on[1] : 0);
  const day = isoDateAt(words, at) ?? dateAt(words, at);
  return day && at + day[1] === words.length ? { type: kind[0] as ParentDateType, date: day[0] } : null;
}

/** What a guardian knows of a line that was not read, to suggest the reply that adds it. */
export interface AddSuggestion {
  date: string | null;
  service: ServiceCode | null;
  minutes: number | null;
  missed: boolean;
}

/**
 * The reply line that adds a session (`add 10/5/2026 speech 30 min`), in words `parseReplyLine` reads.
 * What was not read stays a capitalised placeholder (DATE, SERVICE, MINUTES; FECHA, SERVICIO, MINUTOS)
 * for the guardian to fill. In the family's language; the grammar reads both.
 */
export function addSessionLine(suggestion: AddSuggestion, language: Language = 'en'): string {
  const words = REPLY_WORDS.addLine[language];
  const iso = suggestion.date ? /^\d{4}-(\d{2})-(\d{2})$/.exec(suggestion.date) : null;
  // The year is written: a log row may be from another school year than the reply.
  const day = iso ? `${Number(iso[1])}/${Number(iso[2])}/${suggestion.date?.slice(0, 4)}` : words.date;
  const service = suggestion.service ? REPLY_WORDS.serviceNames[language][suggestion.service] : words.service;
  const what = suggestion.missed ? words.missed : `${suggestion.minutes ?? words.minutes} min`;
  return `${words.verb} ${day} ${service} ${what}`;
}

/** An entry number: `2`, `#2`, `2.`, `no 2`, `item 2`, `number 2`. Returns [n, words used]. */
function numberAt(words: string[], at: number): [number, number] | null {
  const first = words[at];
  const lead = first === 'no' || first === 'item' || first === 'number' || first === 'entry' || first === 'line';
  const word = lead ? words[at + 1] : first;
  if (word === undefined || !isDigits(word) || word.length > 3) return null;
  const n = Number(word);
  return n >= 1 ? [n, lead ? 2 : 1] : null;
}

/** One line of a reply; null when it is not in the grammar. */
export function parseReplyLine(line: string): ReplyAction | null {
  if (isThumbsOnly(line)) return { kind: 'confirm-all' };
  const words = wordsOf(line);
  if (words.length === 0) return null;
  const whole = words.join(' ');
  if (CONFIRM_ALL.has(whole)) return { kind: 'confirm-all' };
  if (ALLOW.has(whole)) return { kind: 'allow' };

  // `add 10/5 speech 30 min`: a session in the grammar's own words; else (`add thu speech 30 min
  // individual`) the rest is read as the extraction would read it.
  if (ADD.has(words[0] as string) && words.length > 1) {
    const dated = parentDateOf(words.slice(1));
    if (dated) return { kind: 'add-date', ...dated };
    const session = sessionOf(words.slice(1));
    if (session) return { kind: 'add-session', session };
    const text = line.trim().replace(/^\W*\w+\s*[:,-]?\s*/u, '');
    return text ? { kind: 'add', text } : null;
  }

  // Verb first: `delete 3`, `remove #3`, `done 2`, `dismiss 2`.
  const verb = words[0] as string;
  const afterVerb = numberAt(words, 1);
  if (afterVerb && afterVerb[1] + 1 === words.length) {
    if (REMOVE_VERBS.has(verb)) return { kind: 'remove', n: afterVerb[0] };
    if (MARK_DONE.has(verb)) return { kind: 'mark', n: afterVerb[0], action: 'done' };
    if (MARK_DISMISS.has(verb)) return { kind: 'mark', n: afterVerb[0], action: 'dismiss' };
    if (CONFIRM_ONE.has(verb)) return { kind: 'confirm', n: afterVerb[0] };
  }

  // Number first: `2 student absent`, `1 20 min`, `3 wrong`, `#1 nov 5`.
  const number = numberAt(words, 0);
  if (!number) return null;
  const [n, used] = number;
  const rest = words.slice(used);
  if (rest.length === 0) return null;
  const restText = rest.join(' ');
  if (CONFIRM_ONE.has(restText)) return { kind: 'confirm', n };
  if (REMOVE.has(restText)) return { kind: 'remove', n };
  if (MARK_DISMISS.has(restText)) return { kind: 'mark', n, action: 'dismiss' };
  const corrections = correctionsOf(rest);
  return corrections ? { kind: 'correct', n, corrections } : null;
}

function startsWithAny(words: string[], list: readonly string[]): boolean {
  const joined = words.join(' ');
  return list.some((start) => joined === start || joined.startsWith(`${start} `));
}

/**
 * The lines of a guardian's own text (quoted history already stripped): blank lines, greetings
 * and everything from a sign-off or signature on are left out; every other line is parsed.
 */
export function parseReply(text: string): ParsedReply {
  const lines: ParsedLine[] = [];
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length && lines.length < MAX_LINES; i++) {
    const raw = all[i] as string;
    if (raw.trimEnd() === '--' || raw.trimEnd() === '-- ' || raw.trim() === '__') break;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('>')) continue;
    const shown = Array.from(trimmed).slice(0, MAX_LINE_LENGTH).join('');
    const words = wordsOf(shown);
    if (words.length > 0 && startsWithAny(words, REPLY_WORDS.signatureStarts)) break;
    const action = parseReplyLine(shown);
    if (!action) {
      if (words.length > 0 && (COURTESY.has(words.join(' ')) || COURTESY.has(words.slice(0, 2).join(' ')))) break;
      if (words.length > 0 && words.length <= 3 && GREETING.has(words[0] as string)) continue;
      if (words.length === 0 && !isThumbsOnly(shown)) continue;
    }
    lines.push({ line: i + 1, text: shown, action });
  }
  return { lines };
}

/** The year that puts month/day nearest to `near` (an ISO date), when the guardian gave none. */
export function resolveDay(given: DayGiven, near: string): string | null {
  const nearYear = Number(near.slice(0, 4));
  const pad = (value: number) => String(value).padStart(2, '0');
  const valid = (year: number) => {
    const date = new Date(Date.UTC(year, given.month - 1, given.day));
    return date.getUTCMonth() === given.month - 1 ? `${year}-${pad(given.month)}-${pad(given.day)}` : null;
  };
  if (given.year !== null) return valid(given.year);
  const nearTime = Date.parse(`${near}T00:00:00Z`);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [nearYear - 1, nearYear, nearYear + 1]) {
    const candidate = valid(year);
    if (!candidate) continue;
    const distance = Math.abs(Date.parse(`${candidate}T00:00:00Z`) - nearTime);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
