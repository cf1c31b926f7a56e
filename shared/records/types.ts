// The records the system keeps about a child's services. Field names and values follow the
// extraction contract (iep-extract/1) so that what `iep extract` prints is what gets stored.

export const SERVICE_CODES = [
  'speech-language',
  'occupational-therapy',
  'physical-therapy',
  'specialized-academic-instruction',
  'counseling',
  'behavior',
  'aide',
  'adapted-pe',
  'vision',
  'hearing',
  'orientation-mobility',
  'assistive-technology',
  'nursing',
  'transportation',
  'other',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export type Delivery = 'individual' | 'group';
export type Location = 'general-education' | 'separate';
export type SessionStatus = 'delivered' | 'missed' | 'makeup';
export const MISSED_REASONS = [
  'student-absent',
  'student-unavailable',
  'provider-absent',
  'provider-unavailable',
  'school-closure',
  'other',
] as const;
export type MissedReason = (typeof MISSED_REASONS)[number];

/** A calendar date, `YYYY-MM-DD`, in the child's time zone. */
export type IsoDate = string;

export interface Session {
  date: IsoDate;
  service: ServiceCode;
  minutes: number | null;
  delivery: Delivery | null;
  location: Location | null;
  status: SessionStatus;
  reason: MissedReason | null;
}

export type Period = 'day' | 'week' | 'month' | 'year';

export interface Requirement {
  service: ServiceCode;
  delivery: Delivery | null;
  sessions: number | null;
  minutes: number | null;
  totalMinutes: number | null;
  per: Period;
  location: Location | null;
  start: IsoDate | null;
  end: IsoDate | null;
}

export interface SettingPercent {
  generalEducation: number;
}

export const ACTIVITIES = [
  'lunch',
  'recess',
  'reading',
  'math',
  'writing',
  'science',
  'social-studies',
  'specials',
  'assembly',
  'whole-day',
  'other',
] as const;
export type Activity = (typeof ACTIVITIES)[number];

export interface SettingEvent {
  date: IsoDate;
  activity: Activity;
  setting: Location;
}

/** The kinds of date the extraction contract names (iep-extract/1): all `iep extract` prints. */
export const EXTRACT_DATE_TYPES = [
  'meeting-request',
  'meeting-scheduled',
  'annual-review',
  'reevaluation',
  'evaluation-consent',
  'records-request',
  'progress-report',
  'school-closure',
] as const;
export type ExtractDateType = (typeof EXTRACT_DATE_TYPES)[number];

/**
 * Every kind of date a child's records hold: the contract's, and `referral`, the day the school
 * received a referral (a request) for evaluation, which the parent records (`add 11/2 referral`).
 * It starts California's assessment-plan clock (Ed. Code 56321) and never appears in `iep extract`.
 */
export const PARENT_DATE_TYPES = ['referral'] as const;
export type ParentDateType = (typeof PARENT_DATE_TYPES)[number];
export const DATE_TYPES = [...EXTRACT_DATE_TYPES, ...PARENT_DATE_TYPES] as const;
export type DateType = (typeof DATE_TYPES)[number];

export interface DateItem {
  type: DateType;
  date: IsoDate;
  end: IsoDate | null;
}

/** A date as the contract prints it. */
export type ExtractDateItem = DateItem & { type: ExtractDateType };

const EXTRACT_DATE_TYPE_SET: ReadonlySet<string> = new Set(EXTRACT_DATE_TYPES);

/** Whether a date is of a kind the contract names (a referral the parent added is not). */
export function isExtractDate<T extends DateItem>(item: T): item is T & { type: ExtractDateType } {
  return EXTRACT_DATE_TYPE_SET.has(item.type);
}

/** Where a record came from: which stored message, which part of it, which line or row. */
export interface Provenance {
  /** Key of the raw message in the raw-mail store. */
  messageKey: string;
  /** `body`, `note` (the parent's note above a forward), or the attachment's file name. */
  part: string;
  /** 1-based line or row within that part, when known. */
  line: number | null;
  /** The words the record was read from, trimmed to a short excerpt (never logged). */
  excerpt: string | null;
}

/** What one message says, per the extraction contract (eval/EXTRACT.md, schema iep-extract/1). */
export interface Extraction {
  schema: 'iep-extract/1';
  file: string;
  sender: string | null;
  sentOn: IsoDate | null;
  sessions: Session[];
  requirements: Requirement[];
  settingPercent: SettingPercent | null;
  settingEvents: SettingEvent[];
  dates: ExtractDateItem[];
}

/** The same lists, each item carrying where it was read from. The CLI strips provenance for `iep extract`. */
export interface ExtractionWithProvenance
  extends Omit<Extraction, 'sessions' | 'requirements' | 'settingEvents' | 'dates'> {
  sessions: Array<Session & { source: Omit<Provenance, 'messageKey'> }>;
  requirements: Array<Requirement & { source: Omit<Provenance, 'messageKey'> }>;
  settingEvents: Array<SettingEvent & { source: Omit<Provenance, 'messageKey'> }>;
  dates: Array<DateItem & { source: Omit<Provenance, 'messageKey'> }>;
}
