// Every date the school mail gave us that starts a clock becomes a tracked deadline, with the rule
// behind it and its status as of a day: open, met (the satisfying event was recorded in time), late
// (satisfied after the due day), overdue (past due, unsatisfied), or dismissed by the parent.

import { z } from 'zod';
import { addDays } from '../calendar/iso-days';
import { type SchoolCalendar, type SchoolYearSetting, schoolCalendarFor } from '../calendar/school-calendar';
import { DATE_TYPES, type DateItem, type DateType, type IsoDate } from '../records/types';
import { applyEndOfYear, dueDate } from './count-days';
import {
  coveredStates,
  type DeadlineRule,
  deadlineRules,
  FEDERAL_MINIMUM_NOTE,
  isIsoDate,
  normaliseState,
  REFERRAL_NOT_RECORDED,
  rulesFor,
  TRIGGER_TYPES,
  type TriggerType,
} from './deadline-rules';

export type DeadlineStatus = 'open' | 'met' | 'late' | 'overdue' | 'dismissed';

/** A parent's `done 2` or `dismiss 2`, resolved by the caller to the deadline's id. */
export const parentMarkSchema = z
  .object({
    id: z.string().min(1).max(200),
    action: z.enum(['done', 'dismiss']),
    /** The day the parent says it was done (or the day of the mark); `null` when not known. */
    on: z.string().refine(isIsoDate, 'a YYYY-MM-DD date').nullable(),
  })
  .strict();
export type ParentMark = z.infer<typeof parentMarkSchema>;

export interface Deadline {
  /** Stable across runs: the rule id and the day the clock started (`ca-records-request:2026-11-02`). */
  id: string;
  type: TriggerType;
  /** The day of the event that started the clock. */
  from: IsoDate;
  /** `null` when the rule sets no deadline (a parent's meeting request under federal law alone). */
  due: IsoDate | null;
  status: DeadlineStatus;
  rule: string;
  citation: string;
  /** The rule in the third person, for drafts to the school. */
  ruleForSchool: string;
  ruleId: string;
  /** `US` or the state whose rule this is. */
  jurisdiction: string;
  /** The day it was satisfied (the meeting day, or the day the parent marked it done). */
  satisfiedOn: IsoDate | null;
  /** What satisfied it: the recorded event the rule names (a meeting, a consent), or the parent's `done`. */
  satisfiedBy: DateType | 'parent' | null;
  /** The due day rests on days the school's calendar does not give, or on an event not recorded. */
  estimated: boolean;
  /** What would move the due day, in a parent's words. */
  mayMove: string[];
  /** What is awaited, when the rule words it itself ("answer to your ARD meeting request ..."). */
  what: string | null;
  /** What has not happened yet, for a draft, when the rule words it itself. */
  awaiting: string | null;
}

/** Exactly what `iep deadlines --json` prints for each deadline. */
export interface DeadlineRow {
  type: TriggerType;
  from: IsoDate;
  due: IsoDate | null;
  status: DeadlineStatus;
  rule: string;
  citation: string;
  /** `US` (federal law) or the state whose rule this is. */
  jurisdiction: string;
  estimated: boolean;
  mayMove: string[];
}

export interface TrackDeadlinesInput {
  dates: readonly DateItem[];
  /** The child's state, two letters, or `null` (federal rules only). */
  state: string | null;
  /** The family's own school year (`iep family set --school-year`), else the state's estimate. */
  schoolYear?: SchoolYearSetting | null;
  asOf: IsoDate;
  marks?: readonly ParentMark[];
  /** Defaults to the table in deadline-rules.json. */
  rules?: readonly DeadlineRule[];
}

const TRIGGERS: ReadonlySet<string> = new Set(TRIGGER_TYPES);
const KNOWN_TYPES: ReadonlySet<string> = new Set(DATE_TYPES);

function isTrigger(type: string): type is TriggerType {
  return TRIGGERS.has(type);
}

/** Keeps only well-formed items: a known type and real calendar dates (stored records may be old or hostile). */
export function usableDates(dates: readonly DateItem[]): DateItem[] {
  return dates.filter(
    (item) =>
      KNOWN_TYPES.has(item.type) &&
      isIsoDate(item.date) &&
      (item.end === null || item.end === undefined || isIsoDate(item.end)),
  );
}

/** The days of recorded dates of one kind, each once, in order. */
function daysOfType(dates: readonly DateItem[], type: DateType): IsoDate[] {
  return [
    ...new Set(
      usableDates(dates)
        .filter((item) => item.type === type)
        .map((item) => item.date),
    ),
  ].sort();
}

/** The latest referral on or before `day` and less than a year before it: the one that led to it. */
function referralBefore(referrals: readonly IsoDate[], day: IsoDate): IsoDate | null {
  const yearBefore = addDays(day, -365);
  return referrals.filter((referral) => referral <= day && referral > yearBefore).at(-1) ?? null;
}

/** The days of recorded IEP meetings, each once, in order. */
export function meetingDays(dates: readonly DateItem[]): IsoDate[] {
  return daysOfType(dates, 'meeting-scheduled');
}

function earliest(a: IsoDate | null, b: IsoDate | undefined): IsoDate | null {
  if (b === undefined) return a;
  if (a === null) return b;
  return b < a ? b : a;
}

interface Satisfaction {
  on: IsoDate | null;
  by: DateType | 'parent';
}

function satisfactionByEvent(
  rule: DeadlineRule,
  from: IsoDate,
  due: IsoDate | null,
  daysOf: (type: DateType) => readonly IsoDate[],
): Satisfaction | null {
  const wanted = rule.satisfiedBy;
  if (!wanted) return null;
  const days = daysOf(wanted.type);
  // Only an event after the trigger meets it: a meeting on the day of the request or the consent is the
  // meeting where it was made, not the one the rule asks for. A review date opens a window before it.
  let windowStart = addDays(from, 1);
  if (rule.count.unit === 'on-date' && due !== null && wanted.windowDaysBeforeDue !== undefined) {
    windowStart = addDays(due, -wanted.windowDaysBeforeDue);
  }
  if (wanted.after) {
    // The meeting a referral's clock asks for comes after the consent: none recorded, nothing meets it yet.
    const after = daysOf(wanted.after).find((d) => d >= from);
    if (after === undefined) return null;
    if (addDays(after, 1) > windowStart) windowStart = addDays(after, 1);
  }
  const day = days.find((d) => d >= windowStart);
  return day === undefined ? null : { on: day, by: wanted.type };
}

function statusOf(
  due: IsoDate | null,
  asOf: IsoDate,
  rule: DeadlineRule,
  satisfied: Satisfaction | null,
): DeadlineStatus {
  if (satisfied) {
    const timely = rule.satisfiedBy?.timing === 'any-time' && satisfied.by !== 'parent';
    if (timely || due === null || satisfied.on === null || satisfied.on <= due) return 'met';
    return 'late';
  }
  if (due !== null && due < asOf) return 'overdue';
  return 'open';
}

/**
 * Every deadline the dates start, under the child's state's rules (or the federal ones), with its
 * status on `asOf`. Sorted by due day (no-deadline items last), then start day, then id, so that a
 * numbered list stays stable between runs.
 */
export function trackDeadlines(input: TrackDeadlinesInput): Deadline[] {
  if (!isIsoDate(input.asOf)) throw new RangeError('asOf must be a YYYY-MM-DD date');
  const rules = input.rules ?? deadlineRules();
  const dates = usableDates(input.dates);
  const calendar = schoolCalendarFor(
    { state: normaliseState(input.state), schoolYear: input.schoolYear },
    dates,
    input.asOf,
  );
  const meetings = meetingDays(dates);
  const byType = new Map<DateType, IsoDate[]>();
  const eventDays = (type: DateType) => {
    const days = byType.get(type) ?? daysOfType(dates, type);
    byType.set(type, days);
    return days;
  };
  const stateCovered = coveredStates(rules).includes(normaliseState(input.state) ?? '');
  const marks = new Map<string, ParentMark>();
  for (const mark of input.marks ?? []) {
    if (parentMarkSchema.safeParse(mark).success) marks.set(mark.id, mark);
  }

  const seen = new Set<string>();
  const deadlines: Deadline[] = [];
  for (const item of dates) {
    if (!isTrigger(item.type)) continue;
    const from = item.date;
    for (const rule of rulesFor(item.type, input.state, rules)) {
      const id = `${rule.id}:${from}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const referral = referralBefore(eventDays('referral'), from);
      // A referral recorded for this consent starts the law's own clock (a rule triggered by it).
      if (rule.standsInForReferral && referral !== null) continue;
      const counted = dueOf(from, rule, calendar, referral);
      let due = counted.due;
      if (rule.beforeNextMeeting) {
        due = earliest(
          due,
          meetings.find((day) => day > from),
        );
      }
      const mark = marks.get(id);
      let status: DeadlineStatus;
      let satisfied: Satisfaction | null = null;
      if (mark?.action === 'dismiss') {
        status = 'dismissed';
      } else {
        satisfied =
          mark?.action === 'done' ? { on: mark.on, by: 'parent' } : satisfactionByEvent(rule, from, due, eventDays);
        status = statusOf(due, input.asOf, rule, satisfied);
      }
      deadlines.push({
        id,
        type: item.type,
        from,
        due,
        status,
        rule: rule.jurisdiction === 'US' && !stateCovered ? `${rule.rule} ${FEDERAL_MINIMUM_NOTE}` : rule.rule,
        citation: rule.citation,
        ruleForSchool: rule.ruleForSchool,
        ruleId: rule.id,
        jurisdiction: rule.jurisdiction,
        satisfiedOn: satisfied?.on ?? null,
        satisfiedBy: satisfied?.by ?? null,
        estimated: counted.estimated,
        mayMove: counted.mayMove,
        what: rule.what ?? null,
        awaiting: rule.awaiting ?? null,
      });
    }
  }
  return deadlines.sort(
    (a, b) =>
      (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
      a.from.localeCompare(b.from) ||
      a.id.localeCompare(b.id),
  );
}

/** The objects `iep deadlines --json` prints, in the same order. */
export function deadlineRows(deadlines: readonly Deadline[]): DeadlineRow[] {
  return deadlines.map(({ type, from, due, status, rule, citation, jurisdiction, estimated, mayMove }) => ({
    type,
    from,
    due,
    status,
    rule,
    citation,
    jurisdiction,
    estimated,
    mayMove,
  }));
}

/**
 * A rule's due day from the day its clock started: the count over the school calendar, then the
 * end-of-year rule where it applies, with the rule's own caveats among what may move it.
 */
export function dueOf(
  from: IsoDate,
  rule: DeadlineRule,
  calendar: SchoolCalendar,
  referral: IsoDate | null = null,
): { due: IsoDate | null; estimated: boolean; mayMove: string[] } {
  const counted = dueDate(from, rule.count, calendar);
  const mayMove = new Set(counted.mayMove);
  let due = counted.due;
  if (due !== null && rule.endOfYear) {
    const applied = applyEndOfYear(from, due, rule.endOfYear, calendar, mayMove, referral);
    due = applied.due;
  }
  if (due !== null && rule.alsoFromReferral && referral !== null) {
    const fromReferral = dueDate(referral, rule.alsoFromReferral, calendar);
    if (fromReferral.due !== null && fromReferral.due < from) {
      // The school took so long to ask for consent that the referral's limit passed before this clock began.
      mayMove.add(`may be earlier: the limit counted from the referral of ${referral} ended before this clock started`);
    } else if (fromReferral.due !== null && fromReferral.due < due) {
      due = fromReferral.due;
      for (const note of fromReferral.mayMove) mayMove.add(note);
    }
  }
  // The law's clock started at a referral nobody recorded: the real due day is earlier than this one.
  if (rule.standsInForReferral) mayMove.add(REFERRAL_NOT_RECORDED);
  // The calendar's unknowns and an end-of-year rule we cannot be sure of make the day estimated; a
  // caveat of the rule itself (an extension the law allows) is said but leaves the day as the law's.
  const estimated = mayMove.size > 0;
  for (const caveat of rule.caveats ?? []) mayMove.add(`may move: ${caveat}`);
  return { due, estimated, mayMove: [...mayMove] };
}

/**
 * Turns a parent's `done 2` / `dismiss 2` into a mark: `number` is 1-based in the order
 * `trackDeadlines` returns (the order the list was shown in). `null` when there is no such item.
 */
export function resolveParentMark(
  deadlines: readonly Deadline[],
  number: number,
  action: ParentMark['action'],
  on: IsoDate | null,
): ParentMark | null {
  if (!Number.isInteger(number) || number < 1) return null;
  const deadline = deadlines[number - 1];
  if (!deadline) return null;
  const mark = { id: deadline.id, action, on };
  return parentMarkSchema.safeParse(mark).success ? mark : null;
}

/** A deadline with a due day that is still awaited (open or overdue). */
export type AwaitedDeadline = Deadline & { due: IsoDate; status: 'open' | 'overdue' };

/**
 * The deadlines a parent still waits for: open or overdue, with a due day. This is what the calendar
 * and the weekly digest show (each is a `{ type, from, due, rule }` with more fields besides).
 */
export function awaitedDeadlines(deadlines: readonly Deadline[]): AwaitedDeadline[] {
  return deadlines.filter(
    (deadline): deadline is AwaitedDeadline =>
      deadline.due !== null && (deadline.status === 'open' || deadline.status === 'overdue'),
  );
}
