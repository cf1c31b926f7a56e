// The calendar day a message was written, in the child's time zone. A Date header is an instant
// (in UTC it can fall on another local day); a forward block's "Date: Fri, Oct 2, 2026 at 3:20 PM"
// has no zone and is read as written, in the child's zone.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { ReadMessage } from './types';

/** The words of a date, read. `instant` only when the words carry a zone or offset. */
export interface ReadDate {
  /** YYYY-MM-DD in `tz`. */
  day: string;
  instant: Date | null;
}

type Parser = (text: string, ref?: Date) => chrono.ParsedResult[];

// English (US order first, then day-first), then the languages Gmail, Outlook and Apple Mail print dates in.
const parsers: Parser[] = [
  (t, r) => chrono.en.parse(t, r),
  (t, r) => chrono.en.GB.parse(t, r),
  (t, r) => chrono.es.parse(t, r),
  (t, r) => chrono.fr.parse(t, r),
  (t, r) => chrono.de.parse(t, r),
  (t, r) => chrono.pt.parse(t, r),
  (t, r) => chrono.it.parse(t, r),
  (t, r) => chrono.nl.parse(t, r),
];

const dayFirstParser: Parser = (t, r) => chrono.en.GB.parse(t, r);

/** Words longer than this are not dates; they are not read. */
const maxDateChars = 200;

function cleanDateWords(text: string): string {
  return text
    .replace(/[\u00a0\u202f\u2007]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Reads date words such as "Wed, Nov 4, 2026 at 2:30 PM", "Friday, October 2, 2026 3:20 PM",
 * "El vie, 2 oct 2026 a las 15:20" or "October 2, 2026 at 3:20:11 PM PDT". Words without a zone
 * are a wall-clock time in `tz`. `reference` settles a missing year.
 */
export function readDateWords(text: string, tz: string, reference?: Date | null): ReadDate | null {
  const words = cleanDateWords(text);
  if (words === '' || words.length > maxDateChars) return null;
  const first = readWith(parsers, words, tz, reference);
  if (!first || !reference) return first;
  // "5/10/26" is 10 May in the US and 5 October almost everywhere else. Mail is forwarded soon
  // after it arrives: when only the day-first reading falls in the month before the forward, take it.
  const dayFirst = readWith([dayFirstParser], words, tz, reference);
  if (!dayFirst || dayFirst.day === first.day) return first;
  const anchor = DateTime.fromJSDate(reference).setZone(tz);
  const from = anchor.minus({ days: 31 }).toISODate() ?? '';
  const to = anchor.plus({ days: 1 }).toISODate() ?? '';
  const recent = (r: ReadDate): boolean => r.day >= from && r.day <= to;
  return !recent(first) && recent(dayFirst) ? dayFirst : first;
}

/**
 * The date the words say, by the parser that reads the most of them: "mar, 25 ago 2026" is
 * Tuesday 25 August to the Spanish parser, which reads it all, and 25 March to the English one,
 * which stops at "mar, 25". A tie goes to the parser listed first.
 */
function readWith(list: Parser[], words: string, tz: string, reference?: Date | null): ReadDate | null {
  const best = bestParse(list, words, reference);
  return best ? readingOf(best, tz) : null;
}

/** The same words are read once to place the message and again in the child's zone: remembered. */
const parsed = new Map<string, chrono.ParsedResult | null>();
const PARSED_LIMIT = 256;

function bestParse(list: Parser[], words: string, reference?: Date | null): chrono.ParsedResult | null {
  const key = `${list === parsers ? 'all' : 'day-first'}|${reference?.getTime() ?? ''}|${words}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  let best: chrono.ParsedResult | null = null;
  for (const parse of list) {
    let results: chrono.ParsedResult[];
    try {
      results = parse(words, reference ?? undefined);
    } catch {
      continue;
    }
    const found = results.find((r) => r.start.isCertain('day') && r.start.isCertain('month'));
    if (found && (!best || found.text.length > best.text.length)) best = found;
    // No parser further down the list can read more than all of the words.
    if (best && best.text.length >= words.length) break;
  }
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(key, best);
  return best;
}

function readingOf(found: chrono.ParsedResult, tz: string): ReadDate | null {
  const start = found.start;
  if (start.isCertain('timezoneOffset')) {
    const instant = start.date();
    const day = DateTime.fromJSDate(instant).setZone(tz).toISODate();
    if (day) return { day, instant };
  }
  const local = DateTime.fromObject(
    {
      year: start.get('year') ?? undefined,
      month: start.get('month') ?? undefined,
      day: start.get('day') ?? undefined,
      hour: start.get('hour') ?? 12,
      minute: start.get('minute') ?? 0,
    },
    { zone: tz },
  );
  const day = local.isValid ? local.toISODate() : null;
  return day ? { day, instant: null } : null;
}

function dayOf(instant: Date | null, tz: string): string | null {
  if (!instant || Number.isNaN(instant.getTime())) return null;
  return DateTime.fromJSDate(instant).setZone(tz).toISODate();
}

/** YYYY-MM-DD the original message was written, in `tz`; null when nothing says. */
export function authoredOn(read: ReadMessage, tz: string): string | null {
  const { instant, dateText } = read.authoredAt;
  if (instant) return dayOf(instant, tz);
  if (dateText) {
    const words = readDateWords(dateText, tz, read.outer.date);
    if (words) return words.day;
  }
  // A forward whose block has no readable date: it was written on or before the day it was forwarded.
  return dayOf(read.outer.date, tz);
}

/** YYYY-MM-DD of the forwarding parent's note (the outer message's Date), in `tz`. */
export function noteOn(read: ReadMessage, tz: string): string | null {
  return dayOf(read.note?.date ?? read.outer.date, tz);
}
