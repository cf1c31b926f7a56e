// One session told several times counts once. A provider's note, the monthly log and a parent's
// forward of either often all report the same session; each message is recorded as it was sent,
// but the minutes must not be added up twice.
import type { Session } from '../records/types';
import type { Tracked } from './digest-types';

const statedFields = (s: Session): number =>
  [s.minutes, s.delivery, s.location, s.reason].filter((value) => value !== null).length;

/**
 * Sessions of one service on one day are the same session unless their delivery (individual,
 * group) says otherwise; a session whose delivery is unknown joins the one known delivery of
 * that day. Of the reports of one session, the parent-confirmed one wins, then the latest
 * recorded (input order is the order of recording), then the one that states more.
 */
export function reconcileSessions<T extends Tracked<Session>>(sessions: readonly T[]): T[] {
  const byDay = new Map<string, Array<{ report: T; index: number }>>();
  sessions.forEach((report, index) => {
    const key = `${report.date}|${report.service}`;
    const day = byDay.get(key) ?? [];
    day.push({ report, index });
    byDay.set(key, day);
  });
  const kept: Array<{ report: T; index: number }> = [];
  for (const reports of byDay.values()) {
    const deliveries = new Set(reports.map((r) => r.report.delivery).filter((d) => d !== null));
    const groups = new Map<string, Array<{ report: T; index: number }>>();
    for (const r of reports) {
      const delivery = r.report.delivery ?? (deliveries.size === 1 ? [...deliveries][0] : null) ?? 'unknown';
      groups.set(delivery, [...(groups.get(delivery) ?? []), r]);
    }
    for (const group of groups.values()) {
      const best = group.reduce((a, b) => {
        if (a.report.confirmed !== b.report.confirmed) return a.report.confirmed ? a : b;
        if (a.index !== b.index) return a.index > b.index ? a : b;
        return statedFields(b.report) > statedFields(a.report) ? b : a;
      });
      kept.push(best);
    }
  }
  return kept.sort((a, b) => a.index - b.index).map((k) => k.report);
}
