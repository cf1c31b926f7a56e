// What a digest is computed from, and what it computes: the shape `iep digest --json` prints.

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
  /** `open`, `overdue`, `met`, `late`, `dismissed`; a digest shows only open and overdue ones. */
  status?: string;
  citation?: string;
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
}

/** Why minutes were missed: a reason from the records, or `not-stated`. */
export type MissedKey = MissedReason | 'not-stated';

export interface WindowFigures {
  requiredMinutes: number;
  deliveredMinutes: number;
  missedMinutes: Partial<Record<MissedKey, number>>;
  owedMinutes: number;
  unaccountedMinutes: number;
  /** Dates of sessions whose minutes nobody stated and the IEP does not settle (counted as 0). */
  unknownMinutes: IsoDate[];
}

export interface ServiceFigures {
  service: ServiceCode;
  week: WindowFigures;
  schoolYear: WindowFigures;
  /** True when any record behind these figures is not yet confirmed by the parent. */
  includesUnconfirmed: boolean;
}

export const FLAG_KINDS = ['no-logs', 'repeated-misses', 'owed', 'setting', 'aide-gap'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface Flag {
  kind: FlagKind;
  service: ServiceCode | null;
  /** Plain words with the evidence: dates and minutes. */
  detail: string;
  /** The dates the flag rests on. */
  dates: IsoDate[];
  /** The minutes it is about: required with no log, missed on the school's side or unlogged, owed; else null. */
  minutes: number | null;
  /** How many consecutive weekly digests, this one included, have raised this flag (from the history). */
  weeks: number;
  /** True when a record behind the flag is not yet confirmed by the parent. */
  includesUnconfirmed: boolean;
}

export interface DigestSettingEvent {
  date: IsoDate;
  activity: Activity;
  setting: Location;
  confirmed: boolean;
}

export interface UnconfirmedEntry {
  kind: 'session' | 'requirement' | 'setting-event' | 'date' | 'setting-percent';
  id: string;
  date: IsoDate | null;
  /** Plain words: "speech-language missed (provider-absent), 30 min". */
  summary: string;
}

/** In the order a parent would send them. */
export const DRAFT_PURPOSES = [
  'request-services-page',
  'request-logs',
  'missed-sessions',
  'aide-missing',
  'compensatory-services',
  'request-meeting',
] as const;
export type DraftPurpose = (typeof DRAFT_PURPOSES)[number];

export interface Draft {
  purpose: DraftPurpose;
  to: string[];
  subject: string;
  body: string;
}

export interface DigestModel {
  child: string;
  asOf: IsoDate;
  week: { start: IsoDate; end: IsoDate };
  schoolYear: { start: IsoDate; end: IsoDate };
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
