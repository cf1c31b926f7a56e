// Federal and state holidays as data (data/us.json and one file per state, each holiday with the
// statute or official list it comes from), each checked against a schema when first used.
// Federal dates come from @18f/us-federal-holidays (5 U.S.C. 6103, observed days included); the
// files add the state holidays and, for every holiday, whether public schools are closed that day
// by law ("closed"), commonly open ("open"), or it depends on the district ("unknown").

import federalHolidays from '@18f/us-federal-holidays';
import { z } from 'zod';
import type { IsoDate } from '../records/types';
import ca from './data/ca.json';
import fl from './data/fl.json';
import ga from './data/ga.json';
import il from './data/il.json';
import ma from './data/ma.json';
import mi from './data/mi.json';
import nc from './data/nc.json';
import ny from './data/ny.json';
import oh from './data/oh.json';
import pa from './data/pa.json';
import tx from './data/tx.json';
import us from './data/us.json';
import { addDays, dayOf, easterSunday, isoWeekday, nthWeekdayOf, yearOf } from './iso-days';

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

const sourceSchema = z
  .object({
    id: z.string().min(1),
    citation: z.string().min(3).max(300),
    url: z.url(),
    /** `text`: read in the law's own words; `quoted`: from a secondary source quoting or summarising it. */
    checked: z.enum(['text', 'quoted']),
  })
  .strict();
export type CalendarSource = z.infer<typeof sourceSchema>;

const daySpecSchema = z.union([
  z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).strict(),
  z
    .object({
      month: z.number().int().min(1).max(12),
      weekday: z.number().int().min(1).max(7),
      nth: z.union([z.number().int().min(1).max(5), z.literal(-1)]),
    })
    .strict(),
  z.object({ afterThanksgiving: z.number().int().min(-6).max(6) }).strict(),
  z.object({ easterOffset: z.number().int().min(-60).max(60) }).strict(),
  /** The Tuesday after the first Monday in November. */
  z.object({ electionDay: z.literal(true) }).strict(),
]);
type DaySpec = z.infer<typeof daySpecSchema>;

export const SCHOOL_ON_HOLIDAY = ['closed', 'open', 'unknown'] as const;
export type SchoolOnHoliday = (typeof SCHOOL_ON_HOLIDAY)[number];

const holidaySchema = z
  .object({
    name: z.string().min(2).max(80),
    on: daySpecSchema,
    /** Which weekday stands in when it falls on a weekend. */
    observed: z.enum(['none', 'sunday-to-monday', 'nearest-weekday']),
    schools: z.enum(SCHOOL_ON_HOLIDAY),
    source: z.string().min(1),
  })
  .strict();

const schoolYearSchema = z
  .object({
    firstDay: z.object({ earliest: monthDay, latest: monthDay }).strict(),
    lastDay: z.object({ earliest: monthDay, latest: monthDay }).strict(),
    source: z.string().min(1),
    note: z.string().min(10).max(300),
  })
  .strict();
export type DefaultSchoolYear = z.infer<typeof schoolYearSchema>;

function sourcesResolve(file: { sources: CalendarSource[] }, ids: string[]): boolean {
  const known = new Set(file.sources.map((source) => source.id));
  return ids.every((id) => known.has(id));
}

const stateCalendarSchema = z
  .object({
    schema: z.literal('iep-state-calendar/1'),
    state: z.string().regex(/^[A-Z]{2}$/),
    name: z.string().min(2),
    sources: z.array(sourceSchema).min(1),
    holidays: z.array(holidaySchema),
    schoolYear: schoolYearSchema,
  })
  .strict()
  .refine(
    (file) => sourcesResolve(file, [...file.holidays.map((h) => h.source), file.schoolYear.source]),
    'every holiday and the school year name a listed source',
  );
export type StateCalendarData = z.infer<typeof stateCalendarSchema>;

const typicalBreakSchema = z.union([
  z
    .object({
      name: z.string(),
      /** Days from Thanksgiving Day: [-3, 1] is Monday to Friday of Thanksgiving week. */
      thanksgivingOffsets: z.tuple([z.number().int(), z.number().int()]),
      knownAfterWeekdays: z.number().int().positive(),
      source: z.string(),
    })
    .strict(),
  z
    .object({
      name: z.string(),
      from: monthDay,
      to: monthDay,
      /** A break of this many weekdays somewhere inside the window; absent: the whole window. */
      weekdays: z.number().int().positive().optional(),
      knownAfterWeekdays: z.number().int().positive(),
      source: z.string(),
    })
    .strict(),
]);
export type TypicalBreak = z.infer<typeof typicalBreakSchema>;

const federalCalendarSchema = z
  .object({
    schema: z.literal('iep-federal-calendar/1'),
    sources: z.array(sourceSchema).min(1),
    federalHolidaySchools: z
      .object({ source: z.string(), closed: z.array(z.string()), unknown: z.array(z.string()) })
      .strict(),
    typicalBreaks: z.array(typicalBreakSchema),
    schoolYear: schoolYearSchema,
  })
  .strict();

export const FEDERAL_CALENDAR = federalCalendarSchema.parse(us);

/** Parses one state file; throws with the zod issues when it does not fit. */
export function parseStateCalendar(input: unknown): StateCalendarData {
  return stateCalendarSchema.parse(input);
}

/** The state files by the state they name, checked on first use: a function that starts parses none. */
const STATE_FILES: ReadonlyMap<string, unknown> = new Map(
  [ca, fl, ga, il, ma, mi, nc, ny, oh, pa, tx].map((file) => [file.state, file]),
);
const stateCalendars = new Map<string, StateCalendarData>();

/** A state's calendar file, checked against the schema (throws when it does not fit), or undefined. */
export function stateCalendar(state: string): StateCalendarData | undefined {
  const known = stateCalendars.get(state);
  if (known) return known;
  const file = STATE_FILES.get(state);
  if (file === undefined) return undefined;
  const parsed = parseStateCalendar(file);
  stateCalendars.set(state, parsed);
  return parsed;
}

/** One holiday on one day, with what it means for business days and for school. */
export interface Holiday {
  day: IsoDate;
  name: string;
  /** `US` or the state's two letters. */
  jurisdiction: string;
  schools: SchoolOnHoliday;
  citation: string;
}

/** Thanksgiving Day: the fourth Thursday in November. */
export function thanksgivingDay(year: number): IsoDate {
  return nthWeekdayOf(year, 11, 4, 4) ?? `${year}-11-26`;
}

function specDay(spec: DaySpec, year: number): IsoDate | null {
  if ('afterThanksgiving' in spec) return addDays(thanksgivingDay(year), spec.afterThanksgiving);
  if ('easterOffset' in spec) return addDays(easterSunday(year), spec.easterOffset);
  if ('electionDay' in spec) return addDays(nthWeekdayOf(year, 11, 1, 1) ?? `${year}-11-02`, 1);
  if ('nth' in spec) return nthWeekdayOf(year, spec.month, spec.weekday, spec.nth);
  return dayOf(year, spec.month, spec.day);
}

function observedDay(day: IsoDate, observed: 'none' | 'sunday-to-monday' | 'nearest-weekday'): IsoDate {
  const weekday = isoWeekday(day);
  if (observed !== 'none' && weekday === 7) return addDays(day, 1);
  if (observed === 'nearest-weekday' && weekday === 6) return addDays(day, -1);
  return day;
}

const cache = new Map<string, readonly Holiday[]>();

function federalSchools(name: string): SchoolOnHoliday {
  const { closed, unknown } = FEDERAL_CALENDAR.federalHolidaySchools;
  if (closed.includes(name)) return 'closed';
  return unknown.includes(name) ? 'unknown' : 'open';
}

/** Every federal holiday (as observed) and every holiday of `state` in calendar year `year`. */
export function holidaysOfYear(year: number, state: string | null): readonly Holiday[] {
  const key = `${state ?? 'US'}:${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const federalCitation = FEDERAL_CALENDAR.sources.find((s) => s.id === '5-usc-6103')?.citation ?? '5 U.S.C. 6103';
  const out: Holiday[] = federalHolidays.allForYear(year).map((holiday) => ({
    day: holiday.dateString,
    name: holiday.name,
    jurisdiction: 'US',
    schools: federalSchools(holiday.name),
    citation: federalCitation,
  }));
  // An observed New Year's Day can fall on 31 December of the year before.
  for (const holiday of federalHolidays.allForYear(year + 1)) {
    if (yearOf(holiday.dateString) === year) {
      out.push({
        day: holiday.dateString,
        name: holiday.name,
        jurisdiction: 'US',
        schools: federalSchools(holiday.name),
        citation: federalCitation,
      });
    }
  }
  const data = state ? stateCalendar(state) : undefined;
  for (const holiday of data?.holidays ?? []) {
    const day = specDay(holiday.on, year);
    if (day === null) continue;
    const source = data?.sources.find((s) => s.id === holiday.source);
    out.push({
      day: observedDay(day, holiday.observed),
      name: holiday.name,
      jurisdiction: data?.state ?? 'US',
      schools: holiday.schools,
      citation: source?.citation ?? holiday.source,
    });
  }
  const sorted = out.sort((a, b) => a.day.localeCompare(b.day));
  cache.set(key, sorted);
  return sorted;
}

/** The holidays (federal and the state's) that fall on `day`, as observed. */
export function holidaysOn(day: IsoDate, state: string | null): Holiday[] {
  return holidaysOfYear(yearOf(day), state).filter((holiday) => holiday.day === day);
}

/**
 * Whether public schools are closed on a holiday day: closed if any holiday that day closes them by
 * law, unknown if any leaves it to the district, open otherwise; null when it is no holiday.
 */
export function schoolsOnHolidays(holidays: readonly Holiday[]): SchoolOnHoliday | null {
  if (holidays.length === 0) return null;
  if (holidays.some((h) => h.schools === 'closed')) return 'closed';
  return holidays.some((h) => h.schools === 'unknown') ? 'unknown' : 'open';
}

/** Business day (34 CFR 300.11(b)): Monday to Friday, except federal and state holidays. */
export function isBusinessDay(day: IsoDate, state: string | null): boolean {
  return isoWeekday(day) <= 5 && holidaysOn(day, state).length === 0;
}

/** States with a calendar file: their holidays and a default school year are known. */
export function calendarStates(): string[] {
  return [...STATE_FILES.keys()].sort();
}
