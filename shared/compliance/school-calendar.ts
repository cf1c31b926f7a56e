// Calendar arithmetic over `YYYY-MM-DD` dates: which days are school days, and the windows a
// digest reports on. Dates are calendar dates in the child's time zone, so they are handled as
// day numbers (days since 1970-01-01) with no clock time and no time zone at all.

import type { IsoDate } from '../records/types';

const MS_PER_DAY = 86_400_000;

/** Day number of a `YYYY-MM-DD` date (days since 1970-01-01). Throws on anything else. */
export function dayNumber(date: IsoDate): number {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day);
  if (!Number.isInteger(year) || Number.isNaN(ms) || toIsoDate(ms / MS_PER_DAY) !== date) {
    throw new Error(`not a calendar date: ${date}`);
  }
  return ms / MS_PER_DAY;
}

/** Day numbers already turned into dates: digests walk the same school year many times over. */
const isoDates = new Map<number, IsoDate>();
const MAX_REMEMBERED_DAYS = 100_000;

export function toIsoDate(day: number): IsoDate {
  const known = isoDates.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (isoDates.size < MAX_REMEMBERED_DAYS) isoDates.set(day, date);
  return date;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(dayNumber(date) + days);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: IsoDate): number {
  return (new Date(dayNumber(date) * MS_PER_DAY).getUTCDay() + 6) % 7;
}

export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -weekdayIndex(date));
}

export function isWeekday(date: IsoDate): boolean {
  return weekdayIndex(date) < 5;
}

/** A closed date range, both ends included. */
export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

/** Every date of a window, in order (empty when it ends before it starts). */
export function datesOf(window: DateWindow): IsoDate[] {
  const out: IsoDate[] = [];
  const last = dayNumber(window.end);
  for (let d = dayNumber(window.start); d <= last; d++) out.push(toIsoDate(d));
  return out;
}

/** The earlier of two dates (ISO dates order as strings). */
export function earlierDate(a: IsoDate, b: IsoDate): IsoDate {
  return a.localeCompare(b) <= 0 ? a : b;
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a.localeCompare(b) >= 0 ? a : b;
}

/** The overlap of two windows, or null when they do not meet. */
export function intersect(a: DateWindow, b: DateWindow): DateWindow | null {
  const start = laterDate(a.start, b.start);
  const end = earlierDate(a.end, b.end);
  return start <= end ? { start, end } : null;
}

export function within(date: IsoDate, window: DateWindow): boolean {
  return date >= window.start && date <= window.end;
}

/**
 * School days: Monday to Friday, minus the closure dates, and only the days `isSchoolDay` accepts
 * when given (the family's school calendar: holidays, breaks, summer).
 */
export class SchoolCalendar {
  private readonly closed: ReadonlySet<IsoDate>;
  private readonly isSchoolDay: ((date: IsoDate) => boolean) | null;
  private readonly answers = new Map<IsoDate, boolean>();

  constructor(closures: Iterable<IsoDate>, isSchoolDay: ((date: IsoDate) => boolean) | null = null) {
    this.closed = new Set(closures);
    this.isSchoolDay = isSchoolDay;
  }

  isOpen(date: IsoDate): boolean {
    const known = this.answers.get(date);
    if (known !== undefined) return known;
    const open = isWeekday(date) && !this.closed.has(date) && (this.isSchoolDay === null || this.isSchoolDay(date));
    this.answers.set(date, open);
    return open;
  }

  openDays(window: DateWindow): IsoDate[] {
    return datesOf(window).filter((d) => this.isOpen(d));
  }

  countOpenDays(window: DateWindow): number {
    return this.openDays(window).length;
  }
}

/** The calendar month a date falls in, as a window. */
export function monthOf(date: IsoDate): DateWindow {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = date.slice(0, 8);
  return { start: `${prefix}01`, end: `${prefix}${String(lastDay).padStart(2, '0')}` };
}

/** The calendar months a window touches, each cut to the window. */
export function monthsTouched(window: DateWindow): Array<{ month: DateWindow; part: DateWindow }> {
  const out: Array<{ month: DateWindow; part: DateWindow }> = [];
  let cursor = window.start;
  while (cursor <= window.end) {
    const month = monthOf(cursor);
    const part = intersect(month, window);
    if (part) out.push({ month, part });
    cursor = addDays(month.end, 1);
  }
  return out;
}
