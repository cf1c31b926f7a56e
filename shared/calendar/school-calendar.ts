// A family's school calendar: the school year's first and last days, its breaks and closures, and
// for any day whether it is a school day: 'yes', 'no' or 'unknown'. Pure: everything comes in.
//
// Sources, most trusted first:
//   1. the family's own setting (`iep family set --school-year 2026-08-19..2027-06-11`);
//   2. closures and breaks the school's mail gave (`school-closure` date items);
//   3. federal and state holidays (data/*.json, each with the statute or official list it comes from);
//   4. else a default school year for the state (data/<state>.json, `schoolYear`), marked estimated, and
//      the usual Thanksgiving, winter and spring breaks (data/us.json), 'unknown' until mail records them.
// Summer (before the first day, after the last) is never school unless the IEP gives extended school
// year (ESY) services; then summer weekdays are 'unknown', for the caller to decide.
//
// How the digest uses it:
//   const calendar = schoolCalendarFor(
//     { state: child.state, schoolYear: child.schoolYear, extendedSchoolYear: iepHasEsy },
//     closureItems, asOf);
//   - count from `calendar.firstDay` (never July 1), up to `calendar.lastDay`;
//   - a day is an open school day when `calendar.isSchoolDay(day) === 'yes'`; 'unknown' days are days
//     the school may be closed (an unrecorded break, a holiday districts differ on, an estimated first
//     or last day): do not count them as owed time, and say the figure is estimated when any fell in
//     the window (`calendar.readDay(day).why` says why, in words a parent can read);
//   - `calendar.estimated` and `calendar.source` say where the year's dates came from; show them;
//   - `calendar.breaks` lists the year's known and still-unrecorded breaks (an unrecorded spring break
//     is `weekdays` school days somewhere between `first` and `last`).
// Deadlines use the same object (shared/deadlines/count-days.ts) with `isBusinessDay` as well.

import { z } from 'zod';
import { shortDate } from '../compliance/plain-dates';
import type { IsoDate } from '../records/types';
import {
  type CalendarSource,
  FEDERAL_CALENDAR,
  type Holiday,
  holidaysOn,
  isBusinessDay,
  schoolsOnHolidays,
  stateCalendar,
  type TypicalBreak,
  thanksgivingDay,
} from './holidays';
import { addDays, daysBetween, daysFrom, isIsoDay, isWeekend, schoolYearStarting } from './iso-days';

/** The family's own school year, as set with `iep family set --school-year FIRST..LAST`. */
export const schoolYearSettingSchema = z
  .object({ firstDay: z.string().refine(isIsoDay), lastDay: z.string().refine(isIsoDay) })
  .strict()
  .refine((year) => year.firstDay < year.lastDay, 'the first day comes before the last')
  .refine((year) => daysBetween(year.firstDay, year.lastDay) <= 366, 'a school year is at most a year long');
export type SchoolYearSetting = z.infer<typeof schoolYearSettingSchema>;

/** Reads `2026-08-19..2027-06-11`; throws a RangeError a person can act on. */
export function parseSchoolYearRange(value: string): SchoolYearSetting {
  const match = /^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(value);
  const parsed = match ? schoolYearSettingSchema.safeParse({ firstDay: match[1], lastDay: match[2] }) : null;
  if (!parsed?.success) {
    throw new RangeError(
      `a school year is FIRST..LAST, two real days less than a year apart (2026-08-19..2027-06-11), not "${value}"`,
    );
  }
  return parsed.data;
}

export interface FamilyCalendarSettings {
  /** Two-letter state, or null: federal holidays and a nationwide default year. */
  state: string | null;
  schoolYear?: SchoolYearSetting | null;
  /** The IEP states extended school year services: summer weekdays are 'unknown', not 'no'. */
  extendedSchoolYear?: boolean;
}

/** A `school-closure` date item: one day, or `date`..`end`. */
export interface RecordedClosure {
  date: IsoDate;
  end?: IsoDate | null;
  /** Date items of other types may be passed as they are: only `school-closure` ones count. */
  type?: string;
}

export type SchoolDayAnswer = 'yes' | 'no' | 'unknown';

export interface DayReading {
  answer: SchoolDayAnswer;
  /** Why, in a few words: "weekend", "closed (school mail)", "Veterans Day", "winter break not recorded". */
  why: string;
  /** Set when the day lies in a window that holds an unrecorded break of a few days somewhere (spring). */
  floatingBreak?: SchoolBreak;
  /** Why an 'unknown' day is unknown, as data: the digest words it in the family's language. */
  uncertainty?: DayUncertainty;
}

/** Why nobody knows whether a day was a school day. Holiday and break names as the data spells them. */
export type DayUncertainty =
  | { kind: 'extended-school-year' }
  | { kind: 'first-day-estimated' }
  | { kind: 'last-day-estimated' }
  | { kind: 'holiday'; names: string[] }
  | { kind: 'break-not-recorded'; name: string };

export interface SchoolYear {
  /** The calendar year it starts in (2026 for 2026-27). */
  startYear: number;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** For an estimated year, the first day may be as early as this (days between are 'unknown'). */
  firstDayEarliest: IsoDate;
  /** For an estimated year, the last day may be as late as this. */
  lastDayLatest: IsoDate;
  estimated: boolean;
  /** Where the dates come from, for a parent: "your setting" or the state's default and its source. */
  source: string;
}

export interface SchoolBreak {
  name: string;
  first: IsoDate;
  last: IsoDate;
  /** Recorded from the school's mail (or made of closed holidays): true; a typical break not recorded: false. */
  recorded: boolean;
  /** For an unrecorded break that floats in a window (spring): this many weekdays somewhere in it. */
  weekdays?: number;
}

export interface SchoolCalendar {
  state: string | null;
  /** The school year `asOf` falls in (the next one during summer). */
  firstDay: IsoDate;
  lastDay: IsoDate;
  estimated: boolean;
  source: string;
  /** That year's breaks, recorded and not yet recorded, in order. */
  breaks: SchoolBreak[];
  schoolYearOf(day: IsoDate): SchoolYear;
  breaksOf(startYear: number): SchoolBreak[];
  isSchoolDay(day: IsoDate): SchoolDayAnswer;
  readDay(day: IsoDate): DayReading;
  /** Monday to Friday except federal and state holidays (34 CFR 300.11(b)); school breaks do not matter. */
  isBusinessDay(day: IsoDate): boolean;
  holidaysOn(day: IsoDate): Holiday[];
}

/** A closure item longer than this is read as a mistake and cut (a year of closures is not a break). */
export const MAX_CLOSURE_RANGE_DAYS = 120;

/** Every day the school is closed by its own mail. */
export function recordedClosureDays(items: readonly RecordedClosure[]): Set<IsoDate> {
  const closed = new Set<IsoDate>();
  for (const item of items) {
    if (!isIsoDay(item.date)) continue;
    const last = item.end && isIsoDay(item.end) && item.end >= item.date ? item.end : item.date;
    const span = Math.min(daysBetween(item.date, last), MAX_CLOSURE_RANGE_DAYS);
    for (let offset = 0; offset <= span; offset += 1) closed.add(addDays(item.date, offset));
  }
  return closed;
}

function citationOf(sources: readonly CalendarSource[], id: string): string {
  return sources.find((source) => source.id === id)?.citation ?? id;
}

function defaultYear(state: string | null, startYear: number): SchoolYear {
  const data = state ? stateCalendar(state) : undefined;
  const year = data?.schoolYear ?? FEDERAL_CALENDAR.schoolYear;
  const sources = data?.sources ?? FEDERAL_CALENDAR.sources;
  const where = data ? `usual ${data.name} dates` : 'usual US dates (no state set)';
  return {
    startYear,
    firstDayEarliest: `${startYear}-${year.firstDay.earliest}`,
    firstDay: `${startYear}-${year.firstDay.latest}`,
    lastDay: `${startYear + 1}-${year.lastDay.earliest}`,
    lastDayLatest: `${startYear + 1}-${year.lastDay.latest}`,
    estimated: true,
    source: `estimated from ${where}: ${year.note} (${citationOf(sources, year.source)})`,
  };
}

function typicalWindow(typical: TypicalBreak, startYear: number): { first: IsoDate; last: IsoDate } {
  if ('thanksgivingOffsets' in typical) {
    const thanksgiving = thanksgivingDay(startYear);
    return {
      first: addDays(thanksgiving, typical.thanksgivingOffsets[0]),
      last: addDays(thanksgiving, typical.thanksgivingOffsets[1]),
    };
  }
  // Windows from July to December belong to the year the school year starts in, January to June to the next.
  const yearFor = (monthDay: string) => (monthDay >= '07-01' ? startYear : startYear + 1);
  return { first: `${yearFor(typical.from)}-${typical.from}`, last: `${yearFor(typical.to)}-${typical.to}` };
}

/**
 * The school calendar of one family, for the school year `asOf` falls in and any other day asked
 * about. `recordedClosures` are the child's `school-closure` items (other date types are ignored by
 * the caller's filter or here when passed with a `type`).
 */
export function schoolCalendarFor(
  family: FamilyCalendarSettings,
  recordedClosures: readonly RecordedClosure[],
  asOf: IsoDate,
): SchoolCalendar {
  if (!isIsoDay(asOf)) throw new RangeError('asOf must be a YYYY-MM-DD day');
  const state = family.state && /^[A-Z]{2}$/.test(family.state) && family.state !== 'US' ? family.state : null;
  const setting = family.schoolYear ? schoolYearSettingSchema.safeParse(family.schoolYear) : null;
  const ownYear = setting?.success ? setting.data : null;
  const closures = recordedClosureDays(
    recordedClosures.filter((item) => item.type === undefined || item.type === 'school-closure'),
  );

  const years = new Map<number, SchoolYear>();
  function schoolYearStartingIn(startYear: number): SchoolYear {
    let year = years.get(startYear);
    if (!year) {
      year =
        ownYear && schoolYearStarting(ownYear.firstDay) === startYear
          ? {
              startYear,
              firstDay: ownYear.firstDay,
              lastDay: ownYear.lastDay,
              firstDayEarliest: ownYear.firstDay,
              lastDayLatest: ownYear.lastDay,
              estimated: false,
              source: 'your setting (iep family set --school-year)',
            }
          : defaultYear(state, startYear);
      years.set(startYear, year);
    }
    return year;
  }

  /** Typical breaks of a school year that the school's mail has not recorded, with their windows. */
  const unrecorded = new Map<number, Array<{ typical: TypicalBreak; first: IsoDate; last: IsoDate }>>();
  function unrecordedBreaks(startYear: number) {
    let list = unrecorded.get(startYear);
    if (!list) {
      list = [];
      for (const typical of FEDERAL_CALENDAR.typicalBreaks) {
        const window = typicalWindow(typical, startYear);
        const recordedWeekdays = daysFrom(window.first, window.last).filter(
          (day) => !isWeekend(day) && closures.has(day),
        ).length;
        if (recordedWeekdays < typical.knownAfterWeekdays) list.push({ typical, ...window });
      }
      unrecorded.set(startYear, list);
    }
    return list;
  }

  const readings = new Map<IsoDate, DayReading>();
  function readDay(day: IsoDate): DayReading {
    const cached = readings.get(day);
    if (cached) return cached;
    const reading = readUncached(day);
    readings.set(day, reading);
    return reading;
  }

  function readUncached(day: IsoDate): DayReading {
    if (!isIsoDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
    if (isWeekend(day)) return { answer: 'no', why: 'weekend' };
    if (closures.has(day)) return { answer: 'no', why: 'closed (school mail)' };
    const year = schoolYearStartingIn(schoolYearStarting(day));
    if (day < year.firstDayEarliest || day > year.lastDayLatest) {
      return family.extendedSchoolYear
        ? { answer: 'unknown', why: 'summer (extended school year)', uncertainty: { kind: 'extended-school-year' } }
        : { answer: 'no', why: 'summer' };
    }
    if (day < year.firstDay) {
      return {
        answer: 'unknown',
        why: 'the first day of school is estimated',
        uncertainty: { kind: 'first-day-estimated' },
      };
    }
    if (day > year.lastDay) {
      return {
        answer: 'unknown',
        why: 'the last day of school is estimated',
        uncertainty: { kind: 'last-day-estimated' },
      };
    }
    const holidays = holidaysOn(day, state);
    const schools = schoolsOnHolidays(holidays);
    const names = [...new Set(holidays.map((h) => h.name))];
    if (schools === 'closed') return { answer: 'no', why: names.join(', ') };
    if (schools === 'unknown') {
      return { answer: 'unknown', why: `${names.join(', ')}: schools differ`, uncertainty: { kind: 'holiday', names } };
    }
    for (const open of unrecordedBreaks(year.startYear)) {
      if (day < open.first || day > open.last) continue;
      const why = `${open.typical.name} not recorded`;
      const uncertainty: DayUncertainty = { kind: 'break-not-recorded', name: open.typical.name };
      if ('weekdays' in open.typical && open.typical.weekdays !== undefined) {
        return {
          answer: 'unknown',
          why,
          uncertainty,
          floatingBreak: {
            name: open.typical.name,
            first: open.first,
            last: open.last,
            recorded: false,
            weekdays: open.typical.weekdays,
          },
        };
      }
      return { answer: 'unknown', why, uncertainty };
    }
    return { answer: 'yes', why: 'school day' };
  }

  function breaksOf(startYear: number): SchoolBreak[] {
    const year = schoolYearStartingIn(startYear);
    const out: SchoolBreak[] = unrecordedBreaks(startYear).map(({ typical, first, last }) => ({
      name: typical.name,
      first,
      last,
      recorded: false,
      ...('weekdays' in typical && typical.weekdays !== undefined ? { weekdays: typical.weekdays } : {}),
    }));
    // Recorded breaks: runs of days without school (weekends, closed holidays, recorded closures) that
    // hold at least two recorded weekday closures; an unrecorded Christmas Day does not split them.
    let run: IsoDate[] = [];
    const flush = () => {
      const recorded = run.filter((day) => !isWeekend(day) && closures.has(day)).length;
      const first = run[0];
      const last = run[run.length - 1];
      if (recorded >= 2 && first && last) {
        const typical = FEDERAL_CALENDAR.typicalBreaks.find((t) => {
          const window = typicalWindow(t, startYear);
          return first <= window.last && last >= window.first;
        });
        out.push({ name: typical?.name ?? 'school closed', first, last, recorded: true });
      }
      run = [];
    };
    for (const day of daysFrom(year.firstDay, year.lastDay)) {
      if (readDay(day).answer === 'no') run.push(day);
      else flush();
    }
    flush();
    return out.sort((a, b) => a.first.localeCompare(b.first));
  }

  const current = schoolYearStartingIn(schoolYearStarting(asOf));
  // In summer, the year that matters is the one about to start.
  const shown = asOf > current.lastDay ? schoolYearStartingIn(current.startYear + 1) : current;

  return {
    state,
    firstDay: shown.firstDay,
    lastDay: shown.lastDay,
    estimated: shown.estimated,
    source: shown.source,
    // Worked out only when asked for: deadline counts never need the whole year's list.
    get breaks() {
      return breaksOf(shown.startYear);
    },
    schoolYearOf: (day) => schoolYearStartingIn(schoolYearStarting(day)),
    breaksOf,
    isSchoolDay: (day) => readDay(day).answer,
    readDay,
    isBusinessDay: (day) => isBusinessDay(day, state),
    holidaysOn: (day) => holidaysOn(day, state),
  };
}

/** "Aug 19, 2026 to Jun 11, 2027, as set for the family" or "about Aug 31, 2026 to May 28, 2027 (estimated: ...)". */
export function describeSchoolYear(
  calendar: Pick<SchoolCalendar, 'firstDay' | 'lastDay' | 'estimated' | 'source'>,
): string {
  const range = `${shortDate(calendar.firstDay, true)} to ${shortDate(calendar.lastDay, true)}`;
  return calendar.estimated ? `about ${range} (${calendar.source})` : `${range}, as set for the family`;
}
