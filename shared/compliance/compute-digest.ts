// One child's digest as plain data: each service's minutes this week and this school year, the
// flags with their evidence, setting and aide, deadlines, unconfirmed entries, and drafts.

import { addDays, dayNumber, isWeekend, mondayOf } from '../calendar/iso-days';
import { type SchoolCalendar as FamilyCalendar, type SchoolYear, schoolCalendarFor } from '../calendar/school-calendar';
import { type IsoDate, SERVICE_CODES, type ServiceCode } from '../records/types';
import type {
  DeadlineItem,
  DigestInput,
  DigestModel,
  DigestSettingEvent,
  ServiceFigures,
  UnconfirmedEntry,
  UnrecordedBreak,
} from './digest-types';
import { flagRules } from './flag-rules';
import { aideGapDates, computeFlags, type FlagContext, type ServiceState } from './flags';
import { reconcileSessions } from './reconcile-sessions';
import { type RequirementInForce, requirementsInForce } from './required-minutes';
import { type DateWindow, datesOf, earlierDate, laterDate, SchoolCalendar, within } from './school-calendar';
import { serviceWindowFigures } from './service-minutes';

/** Longest closure range taken from one date item; anything longer is treated as a typo. */
const MAX_CLOSURE_DAYS = 366;

/** Closure dates: school-closure date items, and the days of sessions missed because school was closed. */
export function closureDates(input: Pick<DigestInput, 'dates' | 'sessions'>): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const item of input.dates) {
    if (item.type !== 'school-closure') continue;
    const end = item.end !== null && item.end >= item.date ? item.end : item.date;
    const capped = dayNumber(end) - dayNumber(item.date) > MAX_CLOSURE_DAYS ? item.date : end;
    for (const d of datesOf({ start: item.date, end: capped })) out.add(d);
  }
  for (const s of input.sessions) if (s.status === 'missed' && s.reason === 'school-closure') out.add(s.date);
  return [...out].sort();
}

/** The family's school calendar as of the digest's day. */
export function familyCalendar(
  input: Pick<DigestInput, 'asOf' | 'state' | 'schoolYear' | 'extendedSchoolYear' | 'dates'>,
) {
  return schoolCalendarFor(
    { state: input.state ?? null, schoolYear: input.schoolYear ?? null, extendedSchoolYear: input.extendedSchoolYear },
    input.dates,
    input.asOf,
  );
}

/**
 * The school year a digest reports on: the one the as-of date falls in, or in summer the one just
 * ended. Its dates may be estimated (then the first day is the latest usual one).
 */
export function reportedSchoolYear(calendar: FamilyCalendar, asOf: IsoDate): SchoolYear {
  const year = calendar.schoolYearOf(asOf);
  return asOf < year.firstDayEarliest ? calendar.schoolYearOf(`${year.startYear}-01-15`) : year;
}

/** From the school year's first day (or the as-of date, when that is earlier) through the as-of date. */
export function schoolYearWindow(input: Pick<DigestInput, 'asOf' | 'state' | 'schoolYear' | 'dates'>): DateWindow {
  const year = reportedSchoolYear(familyCalendar(input), input.asOf);
  return { start: earlierDate(year.firstDay, input.asOf), end: input.asOf };
}

/**
 * Open school days: the calendar says yes. A day in the window of a break nobody recorded that
 * floats (spring break: a week somewhere in six) counts as a school day: the break takes a week,
 * so leaving out all six would hide five weeks of the IEP; the digest says which days may be the
 * break (`unrecordedBreaks`). With extended school year services, summer weekdays (outside the
 * year's earliest first and latest last day) count too.
 */
function openDay(calendar: FamilyCalendar, extendedSchoolYear: boolean) {
  return (day: IsoDate): boolean => {
    const reading = calendar.readDay(day);
    if (reading.floatingBreak) return true;
    const answer = reading.answer;
    if (answer !== 'unknown' || !extendedSchoolYear) return answer === 'yes';
    const year = calendar.schoolYearOf(day);
    return day < year.firstDayEarliest || day > year.lastDayLatest;
  };
}

/**
 * The days a service's figures count over this school year: from the later of the school year's
 * first day and the IEP's start (a row without a start starts with the school year); tracked from
 * the later of that and the day the family began tracking.
 */
export function serviceWindow(
  reqs: RequirementInForce[],
  schoolYear: DateWindow,
  trackingSince: IsoDate | null,
): { counted: DateWindow; trackedFrom: IsoDate } {
  const starts = reqs.map((r) => r.row.start ?? schoolYear.start);
  const earliest = starts.length > 0 ? starts.reduce(earlierDate) : schoolYear.start;
  const countedFrom = earlierDate(laterDate(earliest, schoolYear.start), schoolYear.end);
  const trackedFrom = trackingSince === null ? countedFrom : laterDate(countedFrom, trackingSince);
  return { counted: { start: countedFrom, end: schoolYear.end }, trackedFrom };
}

function unconfirmedEntries(input: DigestInput): UnconfirmedEntry[] {
  const out: UnconfirmedEntry[] = [];
  for (const s of input.sessions) {
    if (s.confirmed) continue;
    const { id, date, service, status, reason, minutes } = s;
    out.push({ kind: 'session', id, date, service, status, reason: status === 'missed' ? reason : null, minutes });
  }
  for (const r of input.requirements) {
    if (r.confirmed) continue;
    const total = r.totalMinutes ?? (r.sessions !== null && r.minutes !== null ? r.sessions * r.minutes : null);
    out.push({ kind: 'requirement', id: r.id, date: r.start, service: r.service, minutes: total, per: r.per });
  }
  for (const e of input.settingEvents) {
    if (e.confirmed) continue;
    out.push({ kind: 'setting-event', id: e.id, date: e.date, activity: e.activity, setting: e.setting });
  }
  for (const d of input.dates) {
    if (d.confirmed) continue;
    const end = d.end !== null && d.end !== d.date ? d.end : null;
    out.push({ kind: 'date', id: d.id, date: d.date, type: d.type, end });
  }
  const pct = input.settingPercent;
  if (pct && !pct.confirmed) {
    out.push({ kind: 'setting-percent', id: pct.id, date: null, generalEducation: pct.generalEducation });
  }
  return out.sort((a, b) => (a.date ?? '9999-12-31').localeCompare(b.date ?? '9999-12-31'));
}

/** "The last four weeks", ending on the as-of date. */
export function lookbackWindow(asOf: IsoDate): DateWindow {
  return { start: addDays(asOf, 1 - flagRules.lookbackDays), end: asOf };
}

/** Deadlines still to meet (open or overdue), soonest first, those without a due day last. */
export function upcomingDeadlines(deadlines: DeadlineItem[]): DeadlineItem[] {
  const settled = new Set(['met', 'late', 'dismissed']);
  return deadlines
    .filter((d) => d.status === undefined || !settled.has(d.status))
    .map((d) => ({
      type: d.type,
      from: d.from,
      due: d.due,
      rule: d.rule,
      ...(d.ruleId === undefined ? {} : { ruleId: d.ruleId }),
      ...(d.status === undefined ? {} : { status: d.status }),
      ...(d.citation === undefined ? {} : { citation: d.citation }),
      ...(d.estimated === undefined ? {} : { estimated: d.estimated }),
      ...(d.mayMove === undefined ? {} : { mayMove: d.mayMove }),
    }))
    .sort((a, b) => (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31'));
}

/** The digest's figures and flags, without the letters (those are wording: shared/digest/digest-model.ts). */
export type DigestFigures = Omit<DigestModel, 'drafts'>;

/**
 * One child's figures and flags as of a day. Pure: the same input always gives the same model. Check
 * untrusted input with parseDigestInput first (digest-input-schema.ts); a malformed as-of date throws here.
 */
export function computeDigestFigures(reported: DigestInput): DigestFigures {
  dayNumber(reported.asOf);
  // Minutes count each session once; the unconfirmed list still shows every report to confirm.
  const input: DigestInput = { ...reported, sessions: reconcileSessions(reported.sessions) };
  const family = familyCalendar(input);
  const yearDays = reportedSchoolYear(family, input.asOf);
  const calendar = new SchoolCalendar(closureDates(input), openDay(family, input.extendedSchoolYear ?? false));
  const week: DateWindow = { start: mondayOf(input.asOf), end: input.asOf };
  const schoolYear: DateWindow = { start: earlierDate(yearDays.firstDay, input.asOf), end: input.asOf };
  const trackingSince = input.trackingSince ?? null;
  const lookback = lookbackWindow(input.asOf);

  const present = new Set(input.requirements.map((r) => r.service));
  const services: ServiceState[] = SERVICE_CODES.filter((code: ServiceCode) => present.has(code)).map((service) => {
    const reqs = requirementsInForce(input.requirements, service);
    const { counted, trackedFrom } = serviceWindow(reqs, schoolYear, trackingSince);
    const w = serviceWindowFigures(service, week, reqs, input.sessions, calendar, trackedFrom);
    const y = serviceWindowFigures(service, counted, reqs, input.sessions, calendar, trackedFrom);
    const { includesUnconfirmed: wu, ...weekFigures } = w;
    const { includesUnconfirmed: yu, ...yearFigures } = y;
    const figures: ServiceFigures = {
      service,
      countedFrom: counted.start,
      trackedFrom,
      week: weekFigures,
      schoolYear: yearFigures,
      includesUnconfirmed: wu || yu,
    };
    const tracked = trackedFrom <= input.asOf ? { start: trackedFrom, end: input.asOf } : null;
    return { service, reqs, figures, tracked };
  });

  // Breaks that float in a window nobody has recorded yet, whose window has begun: counted as school.
  const unrecordedBreaks: UnrecordedBreak[] = family
    .breaksOf(yearDays.startYear)
    .filter((b) => !b.recorded && b.weekdays !== undefined && b.first <= input.asOf && b.last >= schoolYear.start)
    .map((b) => ({ name: b.name, first: b.first, last: b.last, weekdays: b.weekdays ?? 0 }));

  const ctx: FlagContext = {
    week,
    schoolYear,
    unrecordedBreaks,
    lookback,
    services,
    sessions: input.sessions,
    settingEvents: input.settingEvents,
    generalEducationPercent: input.settingPercent?.generalEducation ?? null,
    calendar,
  };
  const flags = computeFlags(ctx, input.flagHistory ?? []);

  const settingEvents: DigestSettingEvent[] = input.settingEvents
    .filter((e) => within(e.date, lookback))
    .map((e) => ({ date: e.date, activity: e.activity, setting: e.setting, confirmed: e.confirmed }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.activity < b.activity ? -1 : 1));

  const entries = unconfirmedEntries(reported);
  const child = input.child;
  return {
    child,
    asOf: input.asOf,
    week,
    schoolYear,
    schoolYearDays: {
      start: yearDays.firstDay,
      end: yearDays.lastDay,
      estimated: yearDays.estimated,
      source: yearDays.source,
    },
    uncertainDays: datesOf(schoolYear)
      .filter((day) => !isWeekend(day) && !calendar.isOpen(day) && family.isSchoolDay(day) === 'unknown')
      .map((day) => {
        const { why, uncertainty } = family.readDay(day);
        return { date: day, why, ...(uncertainty ? { uncertainty } : {}) };
      }),
    unrecordedBreaks,
    trackingSince,
    services: services.map((s) => s.figures),
    flags,
    aideGaps: aideGapDates(input.sessions, schoolYear),
    settingEvents,
    settingPercent: input.settingPercent
      ? { generalEducation: input.settingPercent.generalEducation, confirmed: input.settingPercent.confirmed }
      : null,
    deadlines: upcomingDeadlines(input.deadlines),
    unconfirmed: entries.length,
    unconfirmedEntries: entries,
  };
}
