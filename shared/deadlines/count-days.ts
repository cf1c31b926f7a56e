// Day arithmetic for deadlines over a family's school calendar (shared/calendar). Three ways of
// counting, as the rules say:
// - calendar days, optionally not counting long school breaks judged by the school's calendar
//   (California: "days of school vacation in excess of five schooldays") or the summer (Pennsylvania);
// - school days: days the calendar says are school days (34 CFR 300.11(c): students in attendance);
// - business days: Monday to Friday except federal and state holidays (34 CFR 300.11(b)).
// Day 1 is the day after the event: 30 days from Mon 2026-11-02 is Wed 2026-12-02.
//
// Days the calendar does not know ('unknown': an unrecorded winter break, a holiday districts differ
// on, an estimated first or last day) are counted the way that never puts a due day earlier than the
// law's: not as school days, and as part of a break. An unrecorded spring break floats (a week
// somewhere in March or April): the due day is the latest any placement of it gives. Every such
// assumption marks the due day estimated, with what would move it.

import { addDays, daysBetween, isoWeekday, isWeekend } from '../calendar/iso-days';
import type { SchoolBreak, SchoolCalendar } from '../calendar/school-calendar';
import type { IsoDate } from '../records/types';
import type { DayCount, EndOfYearRule } from './deadline-rules';

/** No count may walk further than this; a pathological calendar stops here instead of looping. */
const MAX_STEPS = 4_000;

export interface CountedDue {
  /** `null` when the rule sets no deadline. */
  due: IsoDate | null;
  /** True when days the calendar does not know were assumed (the due day may be earlier than shown). */
  estimated: boolean;
  /** What would move it, in a parent's words ("may move: school vacation (winter break not recorded)"). */
  mayMove: string[];
}

/** The day on which the `count`th day after `from` that `counts` falls. */
function countForward(from: IsoDate, count: number, counts: (day: IsoDate) => boolean): IsoDate {
  let day = from;
  let counted = 0;
  for (let step = 0; counted < count; step += 1) {
    if (step > MAX_STEPS) throw new RangeError(`cannot count ${count} days from ${from} within ${MAX_STEPS} days`);
    day = addDays(day, 1);
    if (counts(day)) counted += 1;
  }
  return day;
}

/** `n` business days after `from` (federal and the state's holidays skipped). */
export function addBusinessDays(from: IsoDate, days: number, calendar: SchoolCalendar): IsoDate {
  return countForward(from, days, calendar.isBusinessDay);
}

/** Days of a floating break placed as `weekdays` weekdays from each Monday (or the window's first day) in its window. */
function placements(floating: SchoolBreak): Set<IsoDate>[] {
  const out: Set<IsoDate>[] = [];
  const size = floating.weekdays ?? 5;
  for (let start = floating.first; start <= floating.last; start = addDays(start, 1)) {
    if (isWeekend(start) || (start !== floating.first && isoWeekday(start) !== 1)) continue;
    const days = new Set<IsoDate>();
    for (let day = start; days.size < size && day <= floating.last; day = addDays(day, 1)) {
      if (!isWeekend(day)) days.add(day);
    }
    if (days.size === size) out.push(days);
  }
  return out;
}

/** Floating breaks whose window meets `from`..`to`. */
function floatingBreaksBetween(calendar: SchoolCalendar, from: IsoDate, to: IsoDate): SchoolBreak[] {
  const found = new Map<string, SchoolBreak>();
  const first = calendar.schoolYearOf(from).startYear;
  const last = calendar.schoolYearOf(to).startYear;
  for (let year = first; year <= last; year += 1) {
    for (const brk of calendar.breaksOf(year)) {
      if (brk.weekdays !== undefined && brk.first <= to && brk.last >= from) found.set(`${brk.name}:${brk.first}`, brk);
    }
  }
  return [...found.values()];
}

/**
 * Counts with `count(extraClosed)` as if no floating break were there, then with every placement of
 * each floating break the count reaches; the latest result stands (never earlier than the law's).
 */
function latestOverFloatingBreaks(
  calendar: SchoolCalendar,
  from: IsoDate,
  count: (extraClosed: ReadonlySet<IsoDate>) => IsoDate,
  mayMove: Set<string>,
): IsoDate {
  let due = count(new Set());
  const handled = new Set<string>();
  for (let round = 0; round < 3; round += 1) {
    const pending = floatingBreaksBetween(calendar, addDays(from, 1), due).filter(
      (brk) => !handled.has(`${brk.name}:${brk.first}`),
    );
    if (pending.length === 0) break;
    for (const brk of pending) {
      handled.add(`${brk.name}:${brk.first}`);
      let latest = due;
      for (const placed of placements(brk)) {
        const candidate = count(placed);
        if (candidate > latest) latest = candidate;
      }
      if (latest > due) {
        mayMove.add(`may be earlier: ${brk.name} not recorded (counted as if it fell before this date)`);
        due = latest;
      }
    }
  }
  return due;
}

function answerOf(calendar: SchoolCalendar, day: IsoDate, extraClosed: ReadonlySet<IsoDate>) {
  const reading = calendar.readDay(day);
  if (reading.floatingBreak) return extraClosed.has(day) ? 'no' : 'yes';
  return reading.answer;
}

function schoolDays(from: IsoDate, days: number, calendar: SchoolCalendar, mayMove: Set<string>): IsoDate {
  const due = latestOverFloatingBreaks(
    calendar,
    from,
    (extra) => countForward(from, days, (day) => answerOf(calendar, day, extra) === 'yes'),
    mayMove,
  );
  noteUnknownDays(calendar, from, due, mayMove, 'may be earlier if the school was open on');
  return due;
}

/** Adds one note naming the unknown days (not floating ones) from the day after `from` to `due`. */
function noteUnknownDays(calendar: SchoolCalendar, from: IsoDate, due: IsoDate, mayMove: Set<string>, lead: string) {
  const reasons = new Set<string>();
  for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) {
    const reading = calendar.readDay(day);
    if (reading.answer === 'unknown' && !reading.floatingBreak) reasons.add(reading.why);
  }
  if (reasons.size > 0) mayMove.add(`${lead} days the school's calendar does not give: ${[...reasons].join('; ')}`);
}

/**
 * Days inside breaks with more than `longerThan` weekdays without school, judged by the school's
 * calendar (recorded closures, closed holidays, summer, and unknown days taken as no school, so a
 * Christmas Day nobody recorded does not split a winter break). All the break's days, the weekends
 * at either end included, are not counted.
 */
function longBreakExcluder(
  calendar: SchoolCalendar,
  longerThan: number,
  extraClosed: ReadonlySet<IsoDate>,
  uncertain: Set<string>,
): (day: IsoDate) => boolean {
  const judged = new Map<IsoDate, boolean>();
  const noSchool = (day: IsoDate) => answerOf(calendar, day, extraClosed) !== 'yes';
  return (day) => {
    const known = judged.get(day);
    if (known !== undefined) return known;
    if (!noSchool(day)) return false;
    let first = day;
    while (noSchool(addDays(first, -1)) && daysBetween(first, day) < MAX_STEPS) first = addDays(first, -1);
    const run: IsoDate[] = [];
    let weekdays = 0;
    const reasons = new Set<string>();
    for (let d = first; noSchool(d) && run.length < MAX_STEPS; d = addDays(d, 1)) {
      run.push(d);
      if (isWeekend(d)) continue;
      weekdays += 1;
      if (answerOf(calendar, d, extraClosed) !== 'no') reasons.add(calendar.readDay(d).why);
    }
    const long = weekdays > longerThan;
    // Unknown days made the break long, or longer than the school may have it: the due day may be earlier.
    if (long && reasons.size > 0) uncertain.add([...reasons].join('; '));
    for (const d of run) judged.set(d, long);
    return long;
  };
}

function summerExcluder(calendar: SchoolCalendar, uncertain: Set<string>): (day: IsoDate) => boolean {
  return (day) => {
    const year = calendar.schoolYearOf(day);
    const summer = day < year.firstDay || day > year.lastDay;
    if (day >= year.firstDayEarliest && day < year.firstDay) uncertain.add('the first day of school is estimated');
    if (day > year.lastDay && day <= year.lastDayLatest) uncertain.add('the last day of school is estimated');
    return summer;
  };
}

function calendarDays(
  from: IsoDate,
  count: Extract<DayCount, { unit: 'calendar-days' }>,
  calendar: SchoolCalendar,
  mayMove: Set<string>,
): IsoDate {
  const { excludeBreaksLongerThanSchoolDays: longerThan, excludeSummer } = count;
  if (longerThan === undefined && !excludeSummer) return addDays(from, count.days);
  const uncertain = new Set<string>();
  const due = latestOverFloatingBreaks(
    calendar,
    from,
    (extra) => {
      const inLongBreak =
        longerThan === undefined ? () => false : longBreakExcluder(calendar, longerThan, extra, uncertain);
      const inSummer = excludeSummer ? summerExcluder(calendar, uncertain) : () => false;
      return countForward(from, count.days, (day) => !inLongBreak(day) && !inSummer(day));
    },
    mayMove,
  );
  const reasons = [...uncertain].filter((reason) => reason.length > 0);
  if (reasons.length > 0) mayMove.add(`may move: school vacation (${reasons.join('; ')})`);
  return due;
}

/** The school days (the calendar's 'yes' days) after `from` up to and including `last`. */
function schoolDaysUntil(calendar: SchoolCalendar, from: IsoDate, last: IsoDate): number {
  let counted = 0;
  for (let day = addDays(from, 1); day <= last; day = addDays(day, 1))
    if (calendar.isSchoolDay(day) === 'yes') counted += 1;
  return counted;
}

/**
 * Applies a rule for consent near the end of the school year, when the trigger (or, for a rule whose
 * window runs from the referral, the recorded `referral`) falls in its window.
 */
export function applyEndOfYear(
  trigger: IsoDate,
  due: IsoDate,
  rule: EndOfYearRule,
  calendar: SchoolCalendar,
  mayMove: Set<string>,
  referral: IsoDate | null = null,
): { due: IsoDate; applied: boolean } {
  const byReferral = rule.windowFrom === 'referral' && referral !== null;
  const from = byReferral ? referral : trigger;
  const combine = byReferral ? 'replace' : rule.combine;
  const year = calendar.schoolYearOf(from);
  if (from > year.lastDay) return { due, applied: false };
  const before =
    rule.window.unit === 'school-days'
      ? schoolDaysUntil(calendar, from, year.lastDay)
      : daysBetween(from, year.lastDay);
  if (before < rule.window.min || before > rule.window.max) return { due, applied: false };
  let special: IsoDate;
  let nextEstimated = false;
  if ('monthDay' in rule.due) special = `${year.lastDay.slice(0, 4)}-${rule.due.monthDay}`;
  else if ('daysAfterLastDay' in rule.due) special = addDays(year.lastDay, rule.due.daysAfterLastDay);
  else {
    // The next school year: the one starting after July 1 (the summer right after the last day still
    // belongs to the year that ended).
    const next = calendar.schoolYearOf(`${year.startYear + 1}-07-01`);
    const offset =
      'daysAfterNextFirstDay' in rule.due ? rule.due.daysAfterNextFirstDay : -rule.due.daysBeforeNextFirstDay;
    special = addDays(next.firstDay, offset);
    nextEstimated = next.estimated;
  }
  // A referral long before the consent: the day its window names has passed before this clock began.
  if (special < trigger) return { due, applied: false };
  if (nextEstimated) mayMove.add(`may move: ${rule.note}; the next school year's first day is estimated`);
  if (year.estimated) mayMove.add(`may move: ${rule.note}; the school year's dates are estimated`);
  if (combine === 'later') {
    if (special <= due) return { due, applied: false };
    mayMove.add(`may be earlier: ${rule.note}`);
  }
  return { due: special, applied: true };
}

/** The due day of a rule's count over the family's school calendar, and how sure it is. */
export function dueDate(from: IsoDate, count: DayCount, calendar: SchoolCalendar): CountedDue {
  const mayMove = new Set<string>();
  let due: IsoDate | null;
  switch (count.unit) {
    case 'none':
      due = null;
      break;
    case 'on-date':
      due = from;
      break;
    case 'calendar-days':
      due = calendarDays(from, count, calendar, mayMove);
      break;
    case 'school-days':
      due = schoolDays(from, count.days, calendar, mayMove);
      break;
    case 'business-days':
      due = addBusinessDays(from, count.days, calendar);
      break;
  }
  return { due, estimated: mayMove.size > 0, mayMove: [...mayMove] };
}
