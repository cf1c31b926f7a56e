// Plain `YYYY-MM-DD` days (a child's own calendar days: no clock time, no time zone), on luxon.
// Every day computation in the codebase goes through these helpers (the reader's prose dates
// only parse words into days here), so that a day is always read, checked and stepped the same
// way: anything that is not a real `YYYY-MM-DD` day throws, and weekdays are ISO (1 = Monday).

import { DateTime } from 'luxon';
import type { IsoDate } from '../records/types';

/** Milliseconds in a day of UTC time. */
export const DAY_MS = 86_400_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// Deadlines and digests step through the same few hundred days many times: each day is parsed
// once and stepped as a day number (the caches are dropped when they grow past a few years' worth).
const dayNumbers = new Map<string, number>();
const daysByNumber = new Map<number, IsoDate>();
const MAX_CACHED_DAYS = 20_000;

function checked(day: string): DateTime | null {
  if (!ISO_DAY.test(day)) return null;
  const time = DateTime.fromISO(day, { zone: 'utc' });
  return time.isValid ? time : null;
}

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30, not 2026-2-3). */
export function isIsoDay(value: unknown): value is IsoDate {
  return typeof value === 'string' && (dayNumbers.has(value) || checked(value) !== null);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; throws a RangeError on anything else. */
export function dayNumber(day: IsoDate): number {
  let number = dayNumbers.get(day);
  if (number === undefined) {
    const time = checked(day);
    if (time === null) throw new RangeError(`not a YYYY-MM-DD calendar date: ${day}`);
    number = Math.round(time.toMillis() / DAY_MS);
    if (dayNumbers.size >= MAX_CACHED_DAYS) dayNumbers.clear();
    dayNumbers.set(day, number);
  }
  return number;
}

/** The day with this day number (days since 1970-01-01). */
export function dayFromNumber(number: number): IsoDate {
  let day = daysByNumber.get(number);
  if (day === undefined) {
    day = DateTime.fromMillis(number * DAY_MS, { zone: 'utc' }).toISODate() ?? '';
    if (daysByNumber.size >= MAX_CACHED_DAYS) daysByNumber.clear();
    daysByNumber.set(number, day);
  }
  return day;
}

function format(time: DateTime): IsoDate {
  return time.toISODate() ?? '';
}

/** `day` moved by `days` (negative moves back). */
export function addDays(day: IsoDate, days: number): IsoDate {
  return dayFromNumber(dayNumber(day) + days);
}

/** Today's date in a time zone, `YYYY-MM-DD`: the day a scheduled job is running for. */
export function dayIn(timeZone: string, now: Date): IsoDate {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`not a time zone or not a time: ${timeZone}`);
  return format(local);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the week `day` falls in. */
export function mondayOf(day: IsoDate): IsoDate {
  return addDays(day, 1 - isoWeekday(day));
}

export function isWeekend(day: IsoDate): boolean {
  return isoWeekday(day) >= 6;
}

/** Every day from `first` to `last`, both included (empty when `last` is earlier). */
export function daysFrom(first: IsoDate, last: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const end = dayNumber(last);
  for (let number = dayNumber(first); number <= end; number++) out.push(dayFromNumber(number));
  return out;
}

/** The day `month`/`day` of `year`, or null when it does not exist (Feb 29 of a common year). */
export function dayOf(year: number, month: number, day: number): IsoDate | null {
  const time = DateTime.utc(year, month, day);
  return time.isValid ? format(time) : null;
}

/** The `nth` (1..5, or -1 for the last) ISO `weekday` of a month, or null when there is none. */
export function nthWeekdayOf(year: number, month: number, weekday: number, nth: number): IsoDate | null {
  const first = DateTime.utc(year, month, 1);
  if (nth === -1) {
    const last = first.endOf('month').startOf('day');
    return format(last.minus({ days: (last.weekday - weekday + 7) % 7 }));
  }
  const day = first.plus({ days: ((weekday - first.weekday + 7) % 7) + (nth - 1) * 7 });
  return day.month === month ? format(day) : null;
}

/** Easter Sunday (Gregorian, anonymous algorithm): Good Friday is two days before. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return format(DateTime.utc(year, month, day));
}

/** The calendar year of a day. */
export function yearOf(day: IsoDate): number {
  return Number(day.slice(0, 4));
}

/** The school year a day falls in, named by the year it starts: July 1 to June 30 (Cal. Ed. Code 37200 and most states). */
export function schoolYearStarting(day: IsoDate): number {
  const year = yearOf(day);
  return Number(day.slice(5, 7)) >= 7 ? year : year - 1;
}
