// A child's stored records turned into what the digest computes from: records grouped by kind with
// their ids and confirmation, the deadlines under the child's state's rules, the contacts seen in
// the mail and the flags of past digests.

import { mondayOf } from '../calendar/iso-days';
import type { SchoolYearSetting } from '../calendar/school-calendar';
import type { DeadlineItem, DigestInput, PastWeekFlags, StaffContact, Tracked } from '../compliance/digest-types';
import { earlierDate } from '../compliance/school-calendar';
import { type Deadline, type ParentMark, trackDeadlines } from '../deadlines/track-deadlines';
import type { DateItem, IsoDate, Requirement, Session, SettingEvent, SettingPercent } from '../records/types';
import type { DigestLogEntry } from '../store/digest-log';
import type { StoredRecord } from '../store/records';

export interface GroupedRecords {
  sessions: Tracked<Session>[];
  requirements: Tracked<Requirement>[];
  settingEvents: Tracked<SettingEvent>[];
  dates: Tracked<DateItem>[];
  settingPercent: Tracked<SettingPercent> | null;
}

/** Records by kind, deleted ones left out; the latest share in general education stands. */
export function groupForDigest(records: readonly StoredRecord[]): GroupedRecords {
  const out: GroupedRecords = { sessions: [], requirements: [], settingEvents: [], dates: [], settingPercent: null };
  const meta = (r: StoredRecord) => ({ id: r.id, confirmed: r.confirmed });
  for (const r of records) {
    if (r.deleted) continue;
    switch (r.kind) {
      case 'session':
        out.sessions.push({
          ...meta(r),
          date: r.date,
          service: r.service,
          minutes: r.minutes,
          delivery: r.delivery,
          location: r.location,
          status: r.status,
          reason: r.reason,
        });
        break;
      case 'requirement':
        out.requirements.push({
          ...meta(r),
          service: r.service,
          delivery: r.delivery,
          sessions: r.sessions,
          minutes: r.minutes,
          totalMinutes: r.totalMinutes,
          per: r.per,
          location: r.location,
          start: r.start,
          end: r.end,
        });
        break;
      case 'setting-event':
        out.settingEvents.push({ ...meta(r), date: r.date, activity: r.activity, setting: r.setting });
        break;
      case 'date':
        out.dates.push({ ...meta(r), type: r.type, date: r.date, end: r.end ?? null });
        break;
      case 'setting-percent':
        out.settingPercent = { ...meta(r), generalEducation: r.generalEducation };
        break;
    }
  }
  return out;
}

/** The child's deadlines on `asOf` from the date records, the child's state and school year, and the parent's marks. */
export function deadlinesOf(
  dates: readonly DateItem[],
  family: { state: string | null; schoolYear?: SchoolYearSetting | null },
  asOf: IsoDate,
  marks: readonly ParentMark[] = [],
): Deadline[] {
  return trackDeadlines({
    dates: dates.map(({ type, date, end }) => ({ type, date, end })),
    state: family.state,
    schoolYear: family.schoolYear ?? null,
    asOf,
    marks,
  });
}

export function asDeadlineItems(deadlines: readonly Deadline[]): DeadlineItem[] {
  return deadlines.map(({ type, from, due, rule, ruleId, status, citation, estimated, mayMove }) => ({
    type,
    from,
    due,
    rule,
    ruleId,
    status,
    citation,
    estimated,
    mayMove,
  }));
}

/** Past digests before this one's week, newest first: the history the flags count weeks from. */
export function flagHistory(log: readonly DigestLogEntry[], asOf: IsoDate): PastWeekFlags[] {
  const thisWeek = mondayOf(asOf);
  return log
    .filter((entry) => entry.weekStart < thisWeek)
    .sort((a, b) => b.weekStart.localeCompare(a.weekStart))
    .slice(0, 60)
    .map((entry) => ({ weekStart: entry.weekStart, flags: entry.flags }));
}

/**
 * The day the family began tracking: as the family set it, else the first message received, or
 * the earliest session a forwarded log reports if that is earlier (a log forwarded late still
 * reports its days). Null when nothing has arrived.
 */
export function trackingStart(parts: {
  set: IsoDate | null | undefined;
  firstReceived: IsoDate | null;
  sessions: readonly Pick<Session, 'date'>[];
}): IsoDate | null {
  if (parts.set) return parts.set;
  const days = [parts.firstReceived, ...parts.sessions.map((s) => s.date)].filter((d): d is IsoDate => d !== null);
  return days.length > 0 ? days.reduce(earlierDate) : null;
}

export interface DigestInputParts {
  childName: string;
  asOf: IsoDate;
  state: string | null;
  /** The school year's first and last days as the family set them. */
  schoolYear?: { firstDay: IsoDate; lastDay: IsoDate } | null;
  /** The day tracking began as the family set it, if they did. */
  trackingSince?: IsoDate | null;
  /** The day (in the family's zone) the first message for the child arrived. */
  firstReceived?: IsoDate | null;
  records: readonly StoredRecord[];
  contacts: StaffContact[];
  log: readonly DigestLogEntry[];
  marks?: readonly ParentMark[];
}

export function buildDigestInput(parts: DigestInputParts): DigestInput {
  const grouped = groupForDigest(parts.records);
  const deadlines = deadlinesOf(grouped.dates, parts, parts.asOf, parts.marks ?? []);
  return {
    child: firstName(parts.childName),
    asOf: parts.asOf,
    sessions: grouped.sessions,
    requirements: grouped.requirements,
    settingEvents: grouped.settingEvents,
    dates: grouped.dates,
    settingPercent: grouped.settingPercent,
    contacts: parts.contacts,
    deadlines: asDeadlineItems(deadlines),
    flagHistory: flagHistory(parts.log, parts.asOf),
    state: parts.state,
    schoolYear: parts.schoolYear ?? null,
    trackingSince: trackingStart({
      set: parts.trackingSince,
      firstReceived: parts.firstReceived ?? null,
      sessions: grouped.sessions,
    }),
  };
}

/** The first word of the name the family gave ("Maya Rivera" is "Maya"). */
export function firstName(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  return first.length > 0 ? first : name.trim();
}
