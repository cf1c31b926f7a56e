// Which days are school days, and the windows a digest reports on. Dates are calendar dates in the
// child's time zone, stepped by the one day module (calendar/iso-days).

import { addDays, daysFrom, isWeekend } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';

/** A closed date range, both ends included. */
export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

/** Every date of a window, in order (empty when it ends before it starts). */
export function datesOf(window: DateWindow): IsoDate[] {
  return daysFrom(window.start, window.end);
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
    const open = !isWeekend(date) && !this.closed.has(date) && (this.isSchoolDay === null || this.isSchoolDay(date));
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
