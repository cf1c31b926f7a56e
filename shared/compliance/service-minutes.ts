// A service's minutes over one window: required, delivered, missed by reason, owed back, and
// unaccounted (required time no log says anything about).

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

export function serviceWindowFigures(
  service: ServiceCode,
  window: DateWindow,
  reqs: RequirementInForce[],
  sessions: Tracked<Session>[],
  calendar: SchoolCalendar,
): ServiceWindowResult {
  const required = requiredMinutes(reqs, window, calendar);
  let delivered = 0;
  let makeup = 0;
  let owedMissed = 0;
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
    if (s.status === 'missed') {
      const key = missedKey(s);
      missed[key] = (missed[key] ?? 0) + m;
      if (s.reason !== null && flagRules.owedReasons.includes(s.reason)) owedMissed += m;
    } else {
      delivered += m;
      if (s.status === 'makeup') makeup += m;
    }
  }

  const missedNotClosure = Object.entries(missed).reduce(
    (acc, [key, value]) => (key === 'school-closure' ? acc : acc + (value ?? 0)),
    0,
  );
  return {
    requiredMinutes: required,
    deliveredMinutes: delivered,
    missedMinutes: missed,
    owedMinutes: Math.max(0, owedMissed - makeup),
    unaccountedMinutes: Math.max(0, required - delivered - missedNotClosure),
    unknownMinutes,
    includesUnconfirmed,
  };
}
