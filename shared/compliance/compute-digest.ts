// One child's digest as plain data: each service's minutes this week and this school year, the
// flags with their evidence, setting and aide, deadlines, unconfirmed entries, and drafts.

import { type IsoDate, SERVICE_CODES, type ServiceCode } from '../records/types';
import { buildDrafts } from '../render/drafts';
import type {
  DeadlineItem,
  DigestInput,
  DigestModel,
  DigestSettingEvent,
  ServiceFigures,
  UnconfirmedEntry,
} from './digest-types';
import { flagRules } from './flag-rules';
import { aideGapDates, computeFlags, type FlagContext, type ServiceState } from './flags';
import { shortDate } from './plain-dates';
import { reconcileSessions } from './reconcile-sessions';
import { requirementsInForce } from './required-minutes';
import {
  addDays,
  type DateWindow,
  datesOf,
  dayNumber,
  earlierDate,
  mondayOf,
  SchoolCalendar,
  within,
} from './school-calendar';
import { serviceWindowFigures } from './service-minutes';
import { reasonWords, serviceName } from './service-names';

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

/**
 * From the earliest requirement start through the as-of date. A requirement without a start
 * counts from July 1 of the school year the as-of date falls in, and so does a child with none.
 */
export function schoolYearWindow(input: Pick<DigestInput, 'requirements' | 'asOf'>): DateWindow {
  const year = Number(input.asOf.slice(0, 4));
  const julyFirst = `${String(Number(input.asOf.slice(5, 7)) >= 7 ? year : year - 1).padStart(4, '0')}-07-01`;
  const starts = input.requirements.map((r) => r.start ?? julyFirst);
  const earliest = starts.length > 0 ? starts.reduce(earlierDate) : julyFirst;
  return { start: earlierDate(earliest, input.asOf), end: input.asOf };
}

function unconfirmedEntries(input: DigestInput): UnconfirmedEntry[] {
  const out: UnconfirmedEntry[] = [];
  for (const s of input.sessions) {
    if (s.confirmed) continue;
    const minutes = s.minutes === null ? 'minutes not stated' : `${s.minutes} min`;
    const status = s.status === 'missed' ? `missed (${reasonWords(s.reason ?? 'not-stated')})` : s.status;
    out.push({ kind: 'session', id: s.id, date: s.date, summary: `${serviceName(s.service)} ${status}, ${minutes}` });
  }
  for (const r of input.requirements) {
    if (r.confirmed) continue;
    const total = r.totalMinutes ?? (r.sessions !== null && r.minutes !== null ? r.sessions * r.minutes : null);
    const amount = total === null ? 'minutes not stated' : `${total} min per ${r.per}`;
    out.push({ kind: 'requirement', id: r.id, date: r.start, summary: `IEP: ${serviceName(r.service)}, ${amount}` });
  }
  for (const e of input.settingEvents) {
    if (e.confirmed) continue;
    const where = e.setting === 'separate' ? 'in a separate setting' : 'in general education';
    out.push({ kind: 'setting-event', id: e.id, date: e.date, summary: `${e.activity.replace('-', ' ')} ${where}` });
  }
  for (const d of input.dates) {
    if (d.confirmed) continue;
    const until = d.end !== null && d.end !== d.date ? ` until ${shortDate(d.end)}` : '';
    out.push({ kind: 'date', id: d.id, date: d.date, summary: `${d.type.replace('-', ' ')}${until}` });
  }
  const pct = input.settingPercent;
  if (pct && !pct.confirmed) {
    out.push({
      kind: 'setting-percent',
      id: pct.id,
      date: null,
      summary: `IEP: ${pct.generalEducation}% of the day in general education`,
    });
  }
  return out.sort((a, b) => (a.date ?? '9999-12-31').localeCompare(b.date ?? '9999-12-31'));
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
      ...(d.status === undefined ? {} : { status: d.status }),
      ...(d.citation === undefined ? {} : { citation: d.citation }),
    }))
    .sort((a, b) => (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31'));
}

/**
 * One child's digest as of a day. Pure: the same input always gives the same model. Check untrusted
 * input with parseDigestInput first (digest-input-schema.ts); a malformed as-of date throws here.
 */
export function computeDigest(reported: DigestInput): DigestModel {
  dayNumber(reported.asOf);
  // Minutes count each session once; the unconfirmed list still shows every report to confirm.
  const input: DigestInput = { ...reported, sessions: reconcileSessions(reported.sessions) };
  const calendar = new SchoolCalendar(closureDates(input));
  const week: DateWindow = { start: mondayOf(input.asOf), end: input.asOf };
  const schoolYear = schoolYearWindow(input);
  const lookback: DateWindow = { start: addDays(input.asOf, 1 - flagRules.lookbackDays), end: input.asOf };

  const present = new Set(input.requirements.map((r) => r.service));
  const services: ServiceState[] = SERVICE_CODES.filter((code: ServiceCode) => present.has(code)).map((service) => {
    const reqs = requirementsInForce(input.requirements, service);
    const w = serviceWindowFigures(service, week, reqs, input.sessions, calendar);
    const y = serviceWindowFigures(service, schoolYear, reqs, input.sessions, calendar);
    const { includesUnconfirmed: wu, ...weekFigures } = w;
    const { includesUnconfirmed: yu, ...yearFigures } = y;
    const figures: ServiceFigures = {
      service,
      week: weekFigures,
      schoolYear: yearFigures,
      includesUnconfirmed: wu || yu,
    };
    return { service, reqs, figures };
  });

  const ctx: FlagContext = {
    week,
    schoolYear,
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
    drafts: buildDrafts({
      child,
      week,
      lookback,
      flags,
      contacts: input.contacts,
      hasRequirements: input.requirements.length > 0,
      signature: input.signature ?? null,
    }),
  };
}
