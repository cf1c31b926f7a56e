// What a digest is computed from, and what it computes: the shape `iep digest --json` prints.

import type { DayUncertainty } from '../calendar/school-calendar';
import type {
  Activity,
  DateItem,
  IsoDate,
  Location,
  MissedReason,
  Requirement,
  ServiceCode,
  Session,
  SettingEvent,
  SettingPercent,
} from '../records/types';
import type { Language } from '../render/language';

/** A stored record: the record itself, its key, and whether the parent has confirmed it. */
export type Tracked<T> = T & { id: string; confirmed: boolean; source?: unknown };

/** An address seen in the child's mail, with the words that said who it is ("Speech-Language Pathologist"). */
export interface StaffContact {
  address: string;
  name?: string | null;
  roles?: string[];
}

/** A deadline as the deadline rules compute it (the deadline tracker's rows fit this shape). */
export interface DeadlineItem {
  type: string;
  from: IsoDate;
  /** null where the rule sets no deadline. */
  due: IsoDate | null;
  rule: string;
  /** The rule's id in deadline-rules.json: how the rule is explained in another language. */
  ruleId?: string;
  /** `open`, `overdue`, `met`, `late`, `dismissed`; a digest shows only open and overdue ones. */
  status?: string;
  citation?: string;
  /** The due day rests on days the school's calendar does not give. */
  estimated?: boolean;
  /** What would move it ("may move: school vacation (winter break not recorded)"). */
  mayMove?: string[];
}

/** The flags a past digest raised, so that concerns lasting weeks can be recognised. */
export interface PastWeekFlags {
  /** Monday of that digest's week. */
  weekStart: IsoDate;
  flags: Array<{ kind: FlagKind; service: ServiceCode | null }>;
}

export interface DigestInput {
  /** The child's first name, as the family gave it. */
  child: string;
  asOf: IsoDate;
  sessions: Tracked<Session>[];
  requirements: Tracked<Requirement>[];
  settingEvents: Tracked<SettingEvent>[];
  dates: Tracked<DateItem>[];
  /** The IEP's share of the day in general education, when known. */
  settingPercent?: Tracked<SettingPercent> | null;
  contacts: StaffContact[];
  deadlines: DeadlineItem[];
  flagHistory?: PastWeekFlags[];
  /** How drafts are signed; defaults to "<child>'s parent". */
  signature?: string | null;
  /** Two-letter US state: its holidays and usual school year. */
  state?: string | null;
  /** The school year's first and last days as the family set them; else the state's usual dates, estimated. */
  schoolYear?: { firstDay: IsoDate; lastDay: IsoDate } | null;
  /** The day the family began tracking the child (the first message received, or as set). */
  trackingSince?: IsoDate | null;
  /** The IEP gives extended school year (ESY) services: summer days count. */
  extendedSchoolYear?: boolean;
}

/** Why minutes were missed: a reason from the records, or `not-stated`. */
export type MissedKey = MissedReason | 'not-stated';

/**
 * One service's minutes over a window. The parts add up: requiredMinutes = deliveredMinutes
 * + missedSchoolSideMinutes + missedChildSideMinutes + missedReasonNotGivenMinutes
 * + notReportedMinutes + notTrackedMinutes - beyondRequiredMinutes.
 */
export interface WindowFigures {
  requiredMinutes: number;
  /** Delivered, make-up sessions included. */
  deliveredMinutes: number;
  /** The part of deliveredMinutes that was make-up time. */
  makeupMinutes: number;
  /** Missed minutes by reason (school closures included: no time was due those days). */
  missedMinutes: Partial<Record<MissedKey, number>>;
  /** Missed on the school's side (provider absent or unavailable): the time the school owes. */
  missedSchoolSideMinutes: number;
  /** Missed for the child's reasons (absent, unavailable). */
  missedChildSideMinutes: number;
  /** Missed with no reason given, or "other". */
  missedReasonNotGivenMinutes: number;
  owedMinutes: number;
  /** Required time no record covers: notReportedMinutes + notTrackedMinutes. */
  unaccountedMinutes: number;
  /** Required time since the family began tracking that no log reports on. */
  notReportedMinutes: number;
  /** Required time before the family began tracking that no record covers. */
  notTrackedMinutes: number;
  /** Logged minutes beyond the share due in the window (make-ups, extra sessions, a short week). */
  beyondRequiredMinutes: number;
  /** Dates of sessions whose minutes nobody stated and the IEP does not settle (counted as 0). */
  unknownMinutes: IsoDate[];
}

export interface ServiceFigures {
  service: ServiceCode;
  /** The first day the school year's figures count: the later of the school year's first day and the IEP's start. */
  countedFrom: IsoDate;
  /** The first day the family's mail reports on (the later of countedFrom and the day tracking began). */
  trackedFrom: IsoDate;
  week: WindowFigures;
  schoolYear: WindowFigures;
  /** True when any record behind these figures is not yet confirmed by the parent. */
  includesUnconfirmed: boolean;
}

export const FLAG_KINDS = ['no-logs', 'repeated-misses', 'owed', 'setting', 'aide-gap'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** A span of days, both ends included. */
export interface DaySpan {
  start: IsoDate;
  end: IsoDate;
}

/**
 * What a flag rests on, as figures and dates (the digest's renderer puts it in the family's words).
 * `flag.dates` holds the weeks' Mondays (no-logs), the missed days (owed) and the days without the aide.
 */
export type FlagEvidence =
  | {
      kind: 'no-logs';
      /** Scheduled sessions of finished weeks with no log. */
      unloggedSessions: number;
      /** This week, when it has no log yet and is not among the finished weeks counted. */
      silentWeek: DaySpan | null;
      /** Required minutes since tracking began that no log reports on. */
      minutes: number;
      since: IsoDate;
      /** Unrecorded breaks those weeks overlap: a missing log may be the break. */
      breaks: UnrecordedBreak[];
    }
  | {
      kind: 'repeated-misses';
      /** Runs of sessions in a row missed on the school's side, each run's days. */
      runs: IsoDate[][];
      /** The last four weeks' school-side share, when at or over the threshold. */
      share: { window: DaySpan; missed: number; required: number } | null;
    }
  | { kind: 'owed'; owed: number; missed: number; madeUp: number }
  | {
      kind: 'setting';
      activities: Array<{ activity: Activity; dates: IsoDate[] }>;
      overPercent: {
        percent: number;
        allowedPerDay: number;
        dates: IsoDate[];
        worst: { date: IsoDate; minutes: number };
      } | null;
    }
  | { kind: 'aide-gap' };

export interface Flag {
  kind: FlagKind;
  service: ServiceCode | null;
  /** The figures and dates behind the flag. */
  evidence: FlagEvidence;
  /** The dates the flag rests on. */
  dates: IsoDate[];
  /** The minutes it is about: required with no log, missed on the school's side or unlogged, owed; else null. */
  minutes: number | null;
  /** How many consecutive weekly digests, this one included, have raised this flag (from the history). */
  weeks: number;
  /** True when a record behind the flag is not yet confirmed by the parent. */
  includesUnconfirmed: boolean;
  /** Those of `dates` that rest on a record the parent has not confirmed: a letter reports them, not asserts them. */
  unconfirmedDates: IsoDate[];
}

export interface DigestSettingEvent {
  date: IsoDate;
  activity: Activity;
  setting: Location;
  confirmed: boolean;
}

/** An entry the parent has not confirmed, with what the digest says of it. */
export type UnconfirmedEntry = { id: string; date: IsoDate | null } & (
  | {
      kind: 'session';
      service: ServiceCode;
      status: Session['status'];
      reason: MissedReason | null;
      minutes: number | null;
    }
  | { kind: 'requirement'; service: ServiceCode; minutes: number | null; per: Requirement['per'] }
  | { kind: 'setting-event'; activity: Activity; setting: Location }
  | { kind: 'date'; type: DateItem['type']; end: IsoDate | null }
  | { kind: 'setting-percent'; generalEducation: number }
);

/** In the order a parent would send them. */
export const DRAFT_PURPOSES = [
  'request-services-page',
  'request-logs',
  'missed-sessions',
  'aide-missing',
  'setting-concern',
  'records-follow-up',
  'request-meeting',
] as const;
export type DraftPurpose = (typeof DRAFT_PURPOSES)[number];

export interface Draft {
  purpose: DraftPurpose;
  to: string[];
  subject: string;
  body: string;
  /** Dates of entries the parent has not confirmed: the letter says what the notes say, not that it happened. */
  reported: IsoDate[];
  /** The language the letter is written in: the school's, unless the family chose another. */
  language: Language;
  /** The same letter in the family's language, for the parent to read, when the letter is in another. */
  reading?: { subject: string; body: string };
}

export interface UnrecordedBreak {
  name: string;
  first: IsoDate;
  last: IsoDate;
  weekdays: number;
}

export interface DigestModel {
  child: string;
  asOf: IsoDate;
  week: { start: IsoDate; end: IsoDate };
  /** From the school year's first day (or the as-of date, if earlier) to the as-of date. */
  schoolYear: { start: IsoDate; end: IsoDate };
  /** The school year's own first and last days, whether they are estimated, and where they come from. */
  schoolYearDays: { start: IsoDate; end: IsoDate; estimated: boolean; source: string };
  /**
   * Weekdays so far this school year that may or may not have been school days (an unrecorded
   * break, a holiday districts differ on): not counted as due. `why` in a parent's words (English),
   * `uncertainty` the same as data, for the digest to word in the family's language.
   */
  uncertainDays: Array<{ date: IsoDate; why: string; uncertainty?: DayUncertainty }>;
  /**
   * Breaks of a few days that usually fall somewhere in a longer window (spring break) and that no
   * mail has recorded yet, whose window has begun: the window's days are counted as school days,
   * and up to `weekdays` of them may have been the break.
   */
  unrecordedBreaks: UnrecordedBreak[];
  trackingSince: IsoDate | null;
  services: ServiceFigures[];
  flags: Flag[];
  aideGaps: IsoDate[];
  settingEvents: DigestSettingEvent[];
  settingPercent: { generalEducation: number; confirmed: boolean } | null;
  deadlines: DeadlineItem[];
  unconfirmed: number;
  unconfirmedEntries: UnconfirmedEntry[];
  drafts: Draft[];
}
