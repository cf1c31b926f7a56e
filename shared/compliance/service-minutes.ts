// A service's minutes over one window: required, delivered, missed by reason, owed back, and the
// required time no log says anything about: not reported, or from before the family began tracking.
// The parts add up: required = delivered + missed (school's side, child's, reason not given)
// + not reported + not tracked yet - beyond required.

import { addDays } from '../calendar/iso-days';
import type { IsoDate, ServiceCode, Session } from '../records/types';
import type { MissedKey, Tracked, WindowFigures } from './digest-types';
import { flagRules } from './flag-rules';
import { minutesPerSession, type RequirementInForce, requiredMinutes } from './required-minutes';
import { type DateWindow, type SchoolCalendar, within } from './school-calendar';

/** The minutes a session stands for: its own, else the IEP's minutes per session, else null. */
export function sessionMinutes(session: Session, reqs: RequirementInForce[]): number | null {
  if (session.minutes !== null) return Math.max(0, session.minutes);
  return minutesPerSession(reqs, session.date, session.delivery);
}

export function missedKey(session: Session): MissedKey {
  return session.reason ?? 'not-stated';
}

export interface ServiceWindowResult extends WindowFigures {
  /** Whether any record counted here (session or requirement) is unconfirmed. */
  includesUnconfirmed: boolean;
}

/** Which of the three kinds of shortfall a missed session is; a closure is none (nothing was due). */
export function missedSide(session: Session): 'school' | 'child' | 'unknown' | 'closure' {
  if (session.reason === 'school-closure') return 'closure';
  if (session.reason !== null && flagRules.schoolSideReasons.includes(session.reason)) return 'school';
  if (session.reason !== null && flagRules.childSideReasons.includes(session.reason)) return 'child';
  return 'unknown';
}

/**
 * `trackedFrom`: the day the family began tracking; required time before it that no record covers
 * is "not tracked yet", not "not reported".
 */
export function serviceWindowFigures(
  service: ServiceCode,
  window: DateWindow,
  reqs: RequirementInForce[],
  sessions: Tracked<Session>[],
  calendar: SchoolCalendar,
  trackedFrom: IsoDate | null = null,
): ServiceWindowResult {
  const required = requiredMinutes(reqs, window, calendar);
  let delivered = 0;
  let makeup = 0;
  let owedMissed = 0;
  const side = { school: 0, child: 0, unknown: 0, closure: 0 };
  let coveredBeforeTracking = 0;
  const missed: Partial<Record<MissedKey, number>> = {};
  const unknownMinutes: IsoDate[] = [];
  let includesUnconfirmed = reqs.some(
    (r) => !r.row.confirmed && r.window.start <= window.end && r.window.end >= window.start,
  );

  const inWindow = sessions
    .filter((s) => s.service === service && within(s.date, window))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const s of inWindow) {
    if (!s.confirmed) includesUnconfirmed = true;
    const minutes = sessionMinutes(s, reqs);
    if (minutes === null) unknownMinutes.push(s.date);
    const m = minutes ?? 0;
    if (trackedFrom !== null && s.date < trackedFrom && missedSide(s) !== 'closure') coveredBeforeTracking += m;
    if (s.status === 'missed') {
      const key = missedKey(s);
      missed[key] = (missed[key] ?? 0) + m;
      side[missedSide(s)] += m;
      if (s.reason !== null && flagRules.owedReasons.includes(s.reason)) owedMissed += m;
    } else {
      delivered += m;
      if (s.status === 'makeup') makeup += m;
    }
  }

  const covered = delivered + side.school + side.child + side.unknown;
  const unaccounted = Math.max(0, required - covered);
  const beforeTracking =
    trackedFrom !== null && trackedFrom > window.start
      ? requiredMinutes(reqs, { start: window.start, end: addDays(trackedFrom, -1) }, calendar)
      : 0;
  const notTracked = Math.min(unaccounted, Math.max(0, beforeTracking - coveredBeforeTracking));
  return {
    requiredMinutes: required,
    deliveredMinutes: delivered,
    makeupMinutes: makeup,
    missedMinutes: missed,
    missedSchoolSideMinutes: side.school,
    missedChildSideMinutes: side.child,
    missedReasonNotGivenMinutes: side.unknown,
    owedMinutes: Math.max(0, owedMissed - makeup),
    unaccountedMinutes: unaccounted,
    notReportedMinutes: unaccounted - notTracked,
    notTrackedMinutes: notTracked,
    beyondRequiredMinutes: Math.max(0, covered - required),
    unknownMinutes,
    includesUnconfirmed,
  };
}
