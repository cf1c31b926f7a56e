// Plain `YYYY-MM-DD` days (a child's own calendar days: no clock time, no time zone), on luxon.
// Every day computation in the calendar and the deadlines goes through these few helpers, so that a
// day is always read, checked and stepped the same way.

import { DateTime } from 'luxon';
import type { IsoDate } from '../records/types';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// Deadlines and digests step through the same few hundred days many times; luxon objects are
// immutable, so each day is parsed once (the cache is dropped when it grows past a few years' worth).
const parsed = new Map<string, DateTime>();
const MAX_CACHED_DAYS = 20_000;

function parse(day: IsoDate): DateTime {
  let time = parsed.get(day);
  if (!time) {
    time = DateTime.fromISO(day, { zone: 'utc' });
    if (parsed.size >= MAX_CACHED_DAYS) parsed.clear();
    parsed.set(day, time);
  }
  return time;
}

const nextDays = new Map<string, IsoDate>();

function format(time: DateTime): IsoDate {
  return time.toISODate() ?? '';
}

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30, not 2026-2-3). */
export function isIsoDay(value: unknown): value is IsoDate {
  return typeof value === 'string' && ISO_DAY.test(value) && parse(value).isValid;
}

/** `day` moved by `days` (negative moves back). */
export function addDays(day: IsoDate, days: number): IsoDate {
  if (days !== 1) return format(parse(day).plus({ days }));
  // Stepping one day at a time is what every count does.
  let next = nextDays.get(day);
  if (next === undefined) {
    next = format(parse(day).plus({ days: 1 }));
    if (nextDays.size >= MAX_CACHED_DAYS) nextDays.clear();
    nextDays.set(day, next);
  }
  return next;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(parse(to).diff(parse(from), 'days').days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: IsoDate): number {
  return parse(day).weekday;
}

export function isWeekend(day: IsoDate): boolean {
  return isoWeekday(day) >= 6;
}

/** Every day from `first` to `last`, both included (empty when `last` is earlier). */
export function daysFrom(first: IsoDate, last: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) out.push(day);
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
