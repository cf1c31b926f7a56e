// Minutes a service's requirements call for over a window of school days, with amendments:
// requirements of a service that start later replace the earlier ones from their start date.

import { addDays } from '../calendar/iso-days';
import type { Delivery, IsoDate, Requirement, ServiceCode } from '../records/types';
import type { Tracked } from './digest-types';
import { flagRules } from './flag-rules';
import { type DateWindow, earlierDate, intersect, monthsTouched, type SchoolCalendar, within } from './school-calendar';

/** Stand-ins for an open start or end, far outside any school year. */
const EARLIEST: IsoDate = '1900-01-01';
const LATEST: IsoDate = '2999-12-31';

/** A requirement row with the days it is in force, after amendments. */
export interface RequirementInForce {
  row: Tracked<Requirement>;
  window: DateWindow;
  /** Minutes per period: the stated total, else sessions × minutes, else null (unknown). */
  totalMinutes: number | null;
}

export function totalMinutesOf(row: Requirement): number | null {
  if (row.totalMinutes !== null) return Math.max(0, row.totalMinutes);
  if (row.sessions !== null && row.minutes !== null) return Math.max(0, row.sessions * row.minutes);
  return null;
}

/**
 * The rows of one service with the days each is in force. Rows sharing a start date form one plan
 * and are added together; a plan is in force from its start until the day before the next plan's
 * start (and within each row's own end). A row without a start belongs to the earliest plan.
 */
export function requirementsInForce(rows: Tracked<Requirement>[], service: ServiceCode): RequirementInForce[] {
  const ofService = rows.filter((r) => r.service === service);
  const starts = [...new Set(ofService.map((r) => r.start ?? EARLIEST))].sort();
  const out: RequirementInForce[] = [];
  for (const row of ofService) {
    const start = row.start ?? EARLIEST;
    const next = starts.find((s) => s > start);
    const planEnd = next === undefined ? LATEST : addDays(next, -1);
    const rowEnd = row.end ?? LATEST;
    const end = earlierDate(rowEnd, planEnd);
    if (start > end) continue;
    out.push({ row, window: { start, end }, totalMinutes: totalMinutesOf(row) });
  }
  return out;
}

/** Unrounded minutes one row calls for within a window. */
export function rowRequiredMinutes(req: RequirementInForce, window: DateWindow, calendar: SchoolCalendar): number {
  const part = intersect(req.window, window);
  if (!part || req.totalMinutes === null) return 0;
  const total = req.totalMinutes;
  switch (req.row.per) {
    case 'day':
      return total * calendar.countOpenDays(part);
    case 'week':
      return (total * calendar.countOpenDays(part)) / flagRules.schoolDaysPerWeek;
    case 'year':
      return (total * calendar.countOpenDays(part)) / flagRules.schoolDaysPerYear;
    case 'month': {
      let sum = 0;
      for (const { month, part: inMonth } of monthsTouched(part)) {
        const monthDays = calendar.countOpenDays(month);
        if (monthDays > 0) sum += (total * calendar.countOpenDays(inMonth)) / monthDays;
      }
      return sum;
    }
  }
}

/** Minutes a service calls for within a window, rounded to whole minutes at the end. */
export function requiredMinutes(reqs: RequirementInForce[], window: DateWindow, calendar: SchoolCalendar): number {
  const sum = reqs.reduce((acc, req) => acc + rowRequiredMinutes(req, window, calendar), 0);
  return Math.round(sum);
}

/**
 * Minutes per session the IEP sets for a service on a date, where that is unambiguous: every row
 * in force that day (those of the session's delivery, where the session states one and a row
 * matches) gives the same minutes per session. Otherwise null.
 */
export function minutesPerSession(reqs: RequirementInForce[], date: IsoDate, delivery: Delivery | null): number | null {
  const inForce = reqs.filter((r) => within(date, r.window));
  const matching = delivery === null ? [] : inForce.filter((r) => r.row.delivery === delivery);
  const candidates = matching.length > 0 ? matching : inForce;
  if (candidates.length === 0) return null;
  const values = new Set(candidates.map((r) => r.row.minutes));
  if (values.size !== 1) return null;
  const [only] = values;
  return only === null || only === undefined ? null : only;
}
