// The digest's flags, each with the dates and minutes behind it (figures only: the renderer words
// them in the family's language). Thresholds: flag-rules.json.

import { addDays, mondayOf } from '../calendar/iso-days';
import type { Activity, IsoDate, ServiceCode, Session, SettingEvent } from '../records/types';
import type { Flag, FlagEvidence, PastWeekFlags, ServiceFigures, Tracked, UnrecordedBreak } from './digest-types';
import { flagRules } from './flag-rules';
import type { RequirementInForce } from './required-minutes';
import { type DateWindow, intersect, type SchoolCalendar, within } from './school-calendar';
import { serviceWindowFigures, sessionMinutes } from './service-minutes';

export interface ServiceState {
  service: ServiceCode;
  reqs: RequirementInForce[];
  figures: ServiceFigures;
  /** The days the family's mail reports on for this service; null when tracking has not begun. */
  tracked: DateWindow | null;
}

export interface FlagContext {
  week: DateWindow;
  schoolYear: DateWindow;
  /** The last four weeks, ending on the as-of date. */
  lookback: DateWindow;
  services: ServiceState[];
  sessions: Tracked<Session>[];
  settingEvents: Tracked<SettingEvent>[];
  generalEducationPercent: number | null;
  calendar: SchoolCalendar;
  /** Floating breaks not recorded (counted as school days): a week with no log in one may be the break. */
  unrecordedBreaks?: UnrecordedBreak[];
}

type NewFlag = Omit<Flag, 'weeks' | 'includesUnconfirmed' | 'unconfirmedDates'>;

const isSchoolSide = (s: Session): boolean =>
  s.status === 'missed' && s.reason !== null && flagRules.schoolSideReasons.includes(s.reason);

function byDate<T extends { date: IsoDate }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Time the IEP calls for that no log reports on, since tracking began: every finished week with
 * fewer sessions logged than scheduled, and this week when it has no log at all. One flag per
 * service covering the whole range, so one request asks for every missing log.
 */
export function noLogsFlags(ctx: FlagContext): NewFlag[] {
  const out: NewFlag[] = [];
  for (const { service, reqs, figures, tracked } of ctx.services) {
    if (flagRules.presenceServices.includes(service) || tracked === null) continue;
    const slots = scheduledSlots(service, reqs, ctx.sessions, tracked, ctx.calendar).filter((s) => s.unlogged);
    const weeks = new Set(slots.map((s) => mondayOf(s.date)));
    const thisWeek = intersect(ctx.week, tracked);
    const weekRequired = thisWeek ? serviceWindowFigures(service, thisWeek, reqs, [], ctx.calendar).requiredMinutes : 0;
    const thisWeekSilent =
      thisWeek !== null &&
      weekRequired > 0 &&
      !ctx.sessions.some((s) => s.service === service && within(s.date, ctx.week));
    const weekAlreadyCounted = weeks.has(ctx.week.start);
    if (thisWeekSilent) weeks.add(ctx.week.start);
    if (weeks.size === 0) continue;
    const mondays = [...weeks].sort();
    const breaks = (ctx.unrecordedBreaks ?? []).filter((b) =>
      mondays.some((monday) => monday <= b.last && addDays(monday, 4) >= b.first),
    );
    out.push({
      kind: 'no-logs',
      service,
      evidence: {
        kind: 'no-logs',
        unloggedSessions: slots.length,
        silentWeek: thisWeekSilent && !weekAlreadyCounted ? { start: ctx.week.start, end: ctx.week.end } : null,
        minutes: figures.schoolYear.notReportedMinutes,
        since: tracked.start,
        breaks,
      },
      dates: mondays,
      minutes: figures.schoolYear.notReportedMinutes,
    });
  }
  return out;
}

/** One scheduled session as the run rule sees it: a record, or one the schedule implies that no record mentions. */
export interface ScheduledSlot {
  date: IsoDate;
  /** Missed for a school-side reason, or not logged at all. */
  schoolSide: boolean;
  unlogged: boolean;
}

/**
 * Whole sessions the rows in force call for over a window (per week: sessions × open days / 5; per
 * day: sessions × open days), rounded down; null when no row states sessions per week or day.
 */
export function expectedSessions(
  reqs: RequirementInForce[],
  window: DateWindow,
  calendar: SchoolCalendar,
): number | null {
  let total = 0;
  let known = false;
  for (const r of reqs) {
    const part = intersect(r.window, window);
    if (!part || r.row.sessions === null || (r.row.per !== 'week' && r.row.per !== 'day')) continue;
    known = true;
    const open = calendar.countOpenDays(part);
    total += r.row.per === 'day' ? r.row.sessions * open : (r.row.sessions * open) / flagRules.schoolDaysPerWeek;
  }
  return known ? Math.floor(total + 1e-9) : null;
}

/**
 * A service's scheduled sessions in order: each record, and after each finished week the sessions
 * the schedule called for that no record mentions (dated the week's last day). Sessions missed for
 * a school closure are not counted against the schedule: the closure already took the day off.
 */
export function scheduledSlots(
  service: ServiceCode,
  reqs: RequirementInForce[],
  sessions: Session[],
  window: DateWindow,
  calendar: SchoolCalendar,
): ScheduledSlot[] {
  const records = byDate(sessions.filter((s) => s.service === service && within(s.date, window)));
  const presence = flagRules.presenceServices.includes(service);
  const slots: ScheduledSlot[] = [];
  const lastMonday = mondayOf(window.end);
  for (let monday = mondayOf(window.start); monday <= lastMonday; monday = addDays(monday, 7)) {
    const sunday = addDays(monday, 6);
    const inWeek = records.filter((s) => s.date >= monday && s.date <= sunday);
    for (const s of inWeek) slots.push({ date: s.date, schoolSide: isSchoolSide(s), unlogged: false });
    const friday = addDays(monday, 4);
    const week = intersect({ start: monday, end: friday }, window);
    if (!week || presence || window.end < friday) continue;
    const expected = expectedSessions(reqs, week, calendar);
    if (expected === null) continue;
    const logged = inWeek.filter((s) => !(s.status === 'missed' && s.reason === 'school-closure')).length;
    for (let i = logged; i < expected; i++) slots.push({ date: week.end, schoolSide: true, unlogged: true });
  }
  return slots;
}

/** Runs of at least `minRun` scheduled sessions in a row missed on the school's side or not logged. */
export function schoolSideRuns(slots: ScheduledSlot[], minRun: number): ScheduledSlot[][] {
  const runs: ScheduledSlot[][] = [];
  let current: ScheduledSlot[] = [];
  for (const slot of slots) {
    if (slot.schoolSide) {
      current.push(slot);
      continue;
    }
    if (current.length >= minRun) runs.push(current);
    current = [];
  }
  if (current.length >= minRun) runs.push(current);
  return runs;
}

/**
 * Three logged sessions in a row missed for school-side reasons (the run ending in the last four
 * weeks; sessions with no log neither break nor extend a run), or over the last four weeks a share
 * of the required minutes missed for school-side reasons at or above the threshold. Time with no
 * log is not a miss: it is asked for as logs (no-logs).
 */
export function repeatedMissesFlags(ctx: FlagContext): NewFlag[] {
  const out: NewFlag[] = [];
  for (const { service, reqs, tracked } of ctx.services) {
    if (tracked === null) continue;
    const ofService = ctx.sessions.filter((s) => s.service === service && s.date <= ctx.lookback.end);
    const logged = scheduledSlots(service, reqs, ctx.sessions, tracked, ctx.calendar).filter((s) => !s.unlogged);
    const runs = schoolSideRuns(logged, flagRules.consecutiveMisses).filter(
      (run) => (run[run.length - 1]?.date ?? '') >= ctx.lookback.start,
    );
    const recentWindow = intersect(ctx.lookback, tracked);
    const recent = recentWindow
      ? serviceWindowFigures(service, recentWindow, reqs, ctx.sessions, ctx.calendar)
      : { requiredMinutes: 0, missedSchoolSideMinutes: 0 };
    const schoolSide = recent.missedSchoolSideMinutes;
    const shareHit = recent.requiredMinutes > 0 && schoolSide / recent.requiredMinutes >= flagRules.schoolSideShare;
    if (runs.length === 0 && !shareHit) continue;

    const dates = new Set<IsoDate>();
    for (const run of runs) for (const slot of run) if (!slot.unlogged) dates.add(slot.date);
    const share =
      shareHit && recentWindow ? { window: recentWindow, missed: schoolSide, required: recent.requiredMinutes } : null;
    if (share) for (const s of ofService) if (isSchoolSide(s) && within(s.date, ctx.lookback)) dates.add(s.date);
    out.push({
      kind: 'repeated-misses',
      service,
      evidence: { kind: 'repeated-misses', runs: runs.map((run) => run.map((slot) => slot.date)), share },
      dates: [...dates].sort(),
      minutes: share ? schoolSide : null,
    });
  }
  return out;
}

/** Minutes owed back over the school year (an aide's missing days are raised as `aide-gap` instead). */
export function owedFlags(ctx: FlagContext): NewFlag[] {
  const out: NewFlag[] = [];
  for (const { service, reqs, figures } of ctx.services) {
    const owed = figures.schoolYear.owedMinutes;
    if (owed <= 0 || flagRules.presenceServices.includes(service)) continue;
    const missed = ctx.sessions.filter(
      (s) =>
        s.service === service &&
        within(s.date, { start: figures.countedFrom, end: ctx.schoolYear.end }) &&
        s.status === 'missed' &&
        s.reason !== null &&
        flagRules.owedReasons.includes(s.reason),
    );
    const missedMinutes = missed.reduce((acc, s) => acc + (sessionMinutes(s, reqs) ?? 0), 0);
    out.push({
      kind: 'owed',
      service,
      evidence: { kind: 'owed', owed, missed: missedMinutes, madeUp: Math.max(0, missedMinutes - owed) },
      dates: byDate(missed).map((s) => s.date),
      minutes: owed,
    });
  }
  return out;
}

/**
 * Time in a separate setting in the last four weeks for lunch, recess, specials, an assembly or the
 * whole day; or, where the IEP gives a general-education percentage, a day whose separate time
 * (each activity weighed at its usual length) is more than the percentage allows.
 */
export function settingFlags(ctx: FlagContext): NewFlag[] {
  const recent = byDate(ctx.settingEvents.filter((e) => e.setting === 'separate' && within(e.date, ctx.lookback)));
  const dates = new Set<IsoDate>();

  const activities: Array<{ activity: Activity; dates: IsoDate[] }> = [];
  for (const e of recent.filter((e) => flagRules.settingActivities.includes(e.activity))) {
    const entry = activities.find((a) => a.activity === e.activity);
    if (entry) entry.dates.push(e.date);
    else activities.push({ activity: e.activity, dates: [e.date] });
    dates.add(e.date);
  }

  let overPercent: Extract<FlagEvidence, { kind: 'setting' }>['overPercent'] = null;
  if (ctx.generalEducationPercent !== null) {
    const allowed = ((100 - ctx.generalEducationPercent) / 100) * flagRules.schoolDayMinutes;
    const perDay = new Map<IsoDate, number>();
    for (const e of recent) {
      perDay.set(e.date, (perDay.get(e.date) ?? 0) + (flagRules.activityMinutes[e.activity] ?? 0));
    }
    const over = [...perDay.entries()]
      .map(([date, minutes]) => ({ date, minutes: Math.min(minutes, flagRules.schoolDayMinutes) }))
      .filter((d) => d.minutes > allowed);
    if (over.length > 0) {
      const worst = over.reduce((a, b) => (b.minutes > a.minutes ? b : a));
      overPercent = {
        percent: ctx.generalEducationPercent,
        allowedPerDay: Math.round(allowed),
        dates: over.map((d) => d.date),
        worst,
      };
      for (const d of over) dates.add(d.date);
    }
  }

  if (activities.length === 0 && overPercent === null) return [];
  return [
    {
      kind: 'setting',
      service: null,
      evidence: { kind: 'setting', activities, overPercent },
      dates: [...dates].sort(),
      minutes: null,
    },
  ];
}

/** Days in the window with the 1:1 aide missed (not counting days the child or the school was out). */
export function aideGapDates(sessions: Session[], window: DateWindow): IsoDate[] {
  const dates = sessions
    .filter(
      (s) =>
        s.service === flagRules.aideService &&
        s.status === 'missed' &&
        within(s.date, window) &&
        !(s.reason !== null && flagRules.aideGapIgnoredReasons.includes(s.reason)),
    )
    .map((s) => s.date);
  return [...new Set(dates)].sort();
}

export function aideGapFlags(ctx: FlagContext): NewFlag[] {
  const gaps = aideGapDates(ctx.sessions, ctx.lookback);
  if (gaps.length === 0) return [];
  return [
    {
      kind: 'aide-gap',
      service: flagRules.aideService,
      evidence: { kind: 'aide-gap' },
      dates: gaps,
      minutes: null,
    },
  ];
}

/** How many weekly digests in a row, this one included, raised the same flag. */
export function weeksRaised(flag: NewFlag, weekStart: IsoDate, history: PastWeekFlags[]): number {
  let weeks = 1;
  for (;;) {
    const earlier = addDays(weekStart, -7 * weeks);
    const past = history.find((h) => h.weekStart === earlier);
    if (!past?.flags.some((f) => f.kind === flag.kind && f.service === flag.service)) return weeks;
    weeks++;
  }
}

export function computeFlags(ctx: FlagContext, history: PastWeekFlags[]): Flag[] {
  const raised = [
    ...noLogsFlags(ctx),
    ...repeatedMissesFlags(ctx),
    ...owedFlags(ctx),
    ...settingFlags(ctx),
    ...aideGapFlags(ctx),
  ];
  return raised.map((f) => {
    const unconfirmedDates = unconfirmedDatesOf(f, ctx);
    const reqs = ctx.services.some((s) => s.service === f.service && s.reqs.some((r) => !r.row.confirmed));
    return {
      ...f,
      weeks: weeksRaised(f, ctx.week.start, history),
      includesUnconfirmed: unconfirmedDates.length > 0 || (f.kind !== 'setting' && reqs),
      unconfirmedDates,
    };
  });
}

/** The flag's dates that rest on a session or setting event the parent has not confirmed. */
function unconfirmedDatesOf(flag: NewFlag, ctx: FlagContext): IsoDate[] {
  const on = new Set(flag.dates);
  const dates =
    flag.kind === 'setting'
      ? ctx.settingEvents.filter((e) => !e.confirmed && on.has(e.date)).map((e) => e.date)
      : ctx.sessions.filter((s) => !s.confirmed && s.service === flag.service && on.has(s.date)).map((s) => s.date);
  return [...new Set(dates)].sort();
}
