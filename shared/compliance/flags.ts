// The digest's flags, each with the dates and minutes behind it. Thresholds: flag-rules.json.

import type { IsoDate, MissedReason, ServiceCode, Session, SettingEvent } from '../records/types';
import type { Flag, PastWeekFlags, ServiceFigures, Tracked } from './digest-types';
import { flagRules } from './flag-rules';
import { dateList, dateRange } from './plain-dates';
import type { RequirementInForce } from './required-minutes';
import { addDays, type DateWindow, intersect, mondayOf, type SchoolCalendar, within } from './school-calendar';
import { serviceWindowFigures, sessionMinutes } from './service-minutes';
import { serviceName } from './service-names';

export interface ServiceState {
  service: ServiceCode;
  reqs: RequirementInForce[];
  figures: ServiceFigures;
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
}

type NewFlag = Omit<Flag, 'weeks' | 'includesUnconfirmed'>;

const isSchoolSide = (s: Session): boolean =>
  s.status === 'missed' && s.reason !== null && flagRules.schoolSideReasons.includes(s.reason);

function byDate<T extends { date: IsoDate }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A service the IEP requires this week with no session record at all in the week. */
export function noLogsFlags(ctx: FlagContext): NewFlag[] {
  const out: NewFlag[] = [];
  for (const { service, figures } of ctx.services) {
    if (flagRules.presenceServices.includes(service)) continue;
    if (figures.week.requiredMinutes <= 0) continue;
    if (ctx.sessions.some((s) => s.service === service && within(s.date, ctx.week))) continue;
    out.push({
      kind: 'no-logs',
      service,
      detail: `No ${serviceName(service)} log at all for ${dateRange(ctx.week.start, ctx.week.end)}; the IEP calls for ${figures.week.requiredMinutes} min in those days.`,
      dates: [],
      minutes: figures.week.requiredMinutes,
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

function describeRun(run: ScheduledSlot[]): string {
  const missed = run.filter((s) => !s.unlogged).map((s) => s.date);
  const unlogged = run.filter((s) => s.unlogged);
  if (unlogged.length === 0) return `${run.length} sessions in a row missed on the school's side (${dateList(missed)})`;
  const mondays = [...new Set(unlogged.map((s) => mondayOf(s.date)))];
  const weeks = `the week${mondays.length > 1 ? 's' : ''} of ${dateList(mondays)}`;
  if (missed.length === 0) return `${run.length} scheduled sessions in a row with no log (${weeks})`;
  const noLog = `${unlogged.length} with no log in ${weeks}`;
  const pieces = `missed ${dateList(missed)}; ${noLog}`;
  return `${run.length} scheduled sessions in a row missed on the school's side or not logged (${pieces})`;
}

/**
 * Three scheduled sessions in a row missed for school-side reasons or not logged (the run ending
 * in the last four weeks), or over the last four weeks a share of the required minutes missed for
 * school-side reasons or unaccounted at or above the threshold.
 */
export function repeatedMissesFlags(ctx: FlagContext): NewFlag[] {
  const out: NewFlag[] = [];
  for (const { service, reqs } of ctx.services) {
    const ofService = ctx.sessions.filter((s) => s.service === service && s.date <= ctx.lookback.end);
    const slots = scheduledSlots(service, reqs, ctx.sessions, ctx.schoolYear, ctx.calendar);
    const runs = schoolSideRuns(slots, flagRules.consecutiveMisses).filter(
      (run) => (run[run.length - 1]?.date ?? '') >= ctx.lookback.start,
    );
    const recent = serviceWindowFigures(service, ctx.lookback, reqs, ctx.sessions, ctx.calendar);
    const schoolSideMissed = flagRules.schoolSideReasons.reduce(
      (acc, reason: MissedReason) => acc + (recent.missedMinutes[reason] ?? 0),
      0,
    );
    const unlogged = flagRules.presenceServices.includes(service) ? 0 : recent.unaccountedMinutes;
    const schoolSide = schoolSideMissed + unlogged;
    const shareHit = recent.requiredMinutes > 0 && schoolSide / recent.requiredMinutes >= flagRules.schoolSideShare;
    if (runs.length === 0 && !shareHit) continue;

    const parts: string[] = [];
    const dates = new Set<IsoDate>();
    for (const run of runs) {
      parts.push(describeRun(run));
      for (const slot of run) if (!slot.unlogged) dates.add(slot.date);
    }
    if (shareHit) {
      const share = Math.round((schoolSide / recent.requiredMinutes) * 100);
      const pieces: string[] = [];
      if (schoolSideMissed > 0) pieces.push(`${schoolSideMissed} min missed on the school's side`);
      if (unlogged > 0) pieces.push(`${unlogged} min with no log`);
      parts.push(
        `in the last four weeks (${dateRange(ctx.lookback.start, ctx.lookback.end)}) ${pieces.join(' and ')}, ${share}% of the ${recent.requiredMinutes} min required`,
      );
      for (const s of ofService) if (isSchoolSide(s) && within(s.date, ctx.lookback)) dates.add(s.date);
    }
    out.push({
      kind: 'repeated-misses',
      service,
      detail: `${capitalise(serviceName(service))}: ${parts.join('; ')}.`,
      dates: [...dates].sort(),
      minutes: shareHit ? schoolSide : null,
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
        within(s.date, ctx.schoolYear) &&
        s.status === 'missed' &&
        s.reason !== null &&
        flagRules.owedReasons.includes(s.reason),
    );
    const missedMinutes = missed.reduce((acc, s) => acc + (sessionMinutes(s, reqs) ?? 0), 0);
    const madeUp = missedMinutes - owed;
    const madeUpWords = madeUp > 0 ? `, ${madeUp} min made up since` : ', none made up yet';
    out.push({
      kind: 'owed',
      service,
      detail: `${owed} min of ${serviceName(service)} owed: ${missedMinutes} min missed because the provider was out or unavailable (${dateList(missed.map((s) => s.date))})${madeUpWords}.`,
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
  const parts: string[] = [];
  const dates = new Set<IsoDate>();

  const listed = recent.filter((e) => flagRules.settingActivities.includes(e.activity));
  if (listed.length > 0) {
    const byActivity = new Map<string, IsoDate[]>();
    for (const e of listed) byActivity.set(e.activity, [...(byActivity.get(e.activity) ?? []), e.date]);
    for (const [activity, on] of byActivity) {
      parts.push(`${activity.replace('-', ' ')} in a separate setting on ${dateList(on)}`);
      for (const d of on) dates.add(d);
    }
  }

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
      parts.push(
        `more time apart than the IEP's ${ctx.generalEducationPercent}% in general education allows (about ${Math.round(allowed)} min a day) on ${dateList(over.map((d) => d.date))}, about ${worst.minutes} min on ${dateList([worst.date])}`,
      );
      for (const d of over) dates.add(d.date);
    }
  }

  if (parts.length === 0) return [];
  return [
    {
      kind: 'setting',
      service: null,
      detail: `${capitalise(parts.join('; '))}.`,
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
  const days = gaps.length === 1 ? '1 day' : `${gaps.length} days`;
  return [
    {
      kind: 'aide-gap',
      service: flagRules.aideService,
      detail: `No 1:1 aide on ${days} in the last four weeks: ${dateList(gaps)}.`,
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
  return raised.map((f) => ({
    ...f,
    weeks: weeksRaised(f, ctx.week.start, history),
    includesUnconfirmed: restsOnUnconfirmed(f, ctx),
  }));
}

/** Whether a session, setting event or requirement behind the flag is still unconfirmed. */
function restsOnUnconfirmed(flag: NewFlag, ctx: FlagContext): boolean {
  const on = new Set(flag.dates);
  if (flag.kind === 'setting') return ctx.settingEvents.some((e) => !e.confirmed && on.has(e.date));
  const sessions = ctx.sessions.some((s) => !s.confirmed && s.service === flag.service && on.has(s.date));
  const reqs = ctx.services.some((s) => s.service === flag.service && s.reqs.some((r) => !r.row.confirmed));
  return sessions || reqs;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
