// Day arithmetic for deadlines, over plain `YYYY-MM-DD` dates (the child's own calendar days; no
// clock time, no time zone). Three ways of counting, as the rules say:
// - calendar days, optionally not counting long school breaks (California: "days of school vacation in
//   excess of five schooldays");
// - school days: weekdays that are not one of the child's school-closure dates;
// - business days: weekdays that are not US federal holidays (as observed; @18f/us-federal-holidays).
// Day 1 is the day after the event: 30 days from Mon 2026-11-02 is Wed 2026-12-02.

import federalHolidays from '@18f/us-federal-holidays';
import { addDays, daysBetween, isWeekend } from '../calendar/iso-days';
import { recordedClosureDays } from '../calendar/school-calendar';
import type { DateItem, IsoDate } from '../records/types';
import type { DayCount } from './deadline-rules';

export { MAX_CLOSURE_RANGE_DAYS } from '../calendar/school-calendar';
export { addDays, daysBetween, isWeekend };

/** No count may walk further than this; a pathological calendar stops here instead of looping. */
const MAX_STEPS = 4_000;

const holidayCache = new Map<number, ReadonlySet<IsoDate>>();

function federalHolidaysOf(year: number): ReadonlySet<IsoDate> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(federalHolidays.allForYear(year).map((holiday) => holiday.dateString));
    holidayCache.set(year, holidays);
  }
  return holidays;
}

/** A US federal holiday as observed (Saturday ones on the Friday before, Sunday ones on the Monday after). */
export function isFederalHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  // An observed New Year's Day can fall on 31 December of the year before.
  return federalHolidaysOf(year).has(date) || federalHolidaysOf(year + 1).has(date);
}

export function isBusinessDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isFederalHoliday(date);
}

/** Every day the child's school is closed, from `school-closure` items (a range runs `date`..`end`). */
export function closureDates(items: readonly DateItem[]): Set<IsoDate> {
  return recordedClosureDays(items.filter((item) => item.type === 'school-closure'));
}

export function isSchoolDay(date: IsoDate, closures: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !closures.has(date);
}

/**
 * Days inside school breaks longer than `longerThanSchoolDays` school days. A break is a run of
 * consecutive days without school (weekends and closures) holding at least one closure; it is long
 * when more than `longerThanSchoolDays` of its weekdays are closures. All its days, the weekends at
 * either end included, are then not counted.
 */
export function longBreakDays(closures: ReadonlySet<IsoDate>, longerThanSchoolDays: number): Set<IsoDate> {
  const excluded = new Set<IsoDate>();
  const seen = new Set<IsoDate>();
  for (const closed of [...closures].sort()) {
    if (seen.has(closed)) continue;
    let first = closed;
    while (!isSchoolDay(addDays(first, -1), closures) && daysBetween(addDays(first, -1), closed) < MAX_STEPS) {
      first = addDays(first, -1);
    }
    const run: IsoDate[] = [];
    let weekdayClosures = 0;
    for (let day = first; !isSchoolDay(day, closures) && run.length < MAX_STEPS; day = addDays(day, 1)) {
      run.push(day);
      seen.add(day);
      if (!isWeekend(day)) weekdayClosures += 1;
    }
    if (weekdayClosures > longerThanSchoolDays) for (const day of run) excluded.add(day);
  }
  return excluded;
}

/** The day on which the `count`th day after `from` that `counts` falls. */
function countForward(from: IsoDate, count: number, counts: (date: IsoDate) => boolean): IsoDate {
  let day = from;
  let counted = 0;
  for (let step = 0; counted < count; step += 1) {
    if (step > MAX_STEPS) throw new RangeError(`cannot count ${count} days from ${from} within ${MAX_STEPS} days`);
    day = addDays(day, 1);
    if (counts(day)) counted += 1;
  }
  return day;
}

export function addCalendarDays(
  from: IsoDate,
  days: number,
  excluded: ReadonlySet<IsoDate> = new Set<IsoDate>(),
): IsoDate {
  return countForward(from, days, (day) => !excluded.has(day));
}

export function addSchoolDays(from: IsoDate, days: number, closures: ReadonlySet<IsoDate>): IsoDate {
  return countForward(from, days, (day) => isSchoolDay(day, closures));
}

export function addBusinessDays(from: IsoDate, days: number): IsoDate {
  return countForward(from, days, isBusinessDay);
}

/**
 * The due day of a rule's count, starting the day after `from`; `null` when the rule sets no deadline.
 * `closures` are the child's school-closure dates.
 */
export function dueDate(from: IsoDate, count: DayCount, closures: ReadonlySet<IsoDate>): IsoDate | null {
  switch (count.unit) {
    case 'none':
      return null;
    case 'on-date':
      return from;
    case 'calendar-days': {
      const excluded =
        count.excludeBreaksLongerThanSchoolDays === undefined
          ? new Set<IsoDate>()
          : longBreakDays(closures, count.excludeBreaksLongerThanSchoolDays);
      return addCalendarDays(from, count.days, excluded);
    }
    case 'school-days':
      return addSchoolDays(from, count.days, closures);
    case 'business-days':
      return addBusinessDays(from, count.days);
  }
}
