// The deadline rules a parent can quote: which event starts a clock, in which jurisdiction, how the days
// are counted, and the citation. The rules are data (deadline-rules.json), checked against this schema
// when the module loads so that a mistyped rule fails at start, not in a parent's reminder.

import { z } from 'zod';
import { DATE_TYPES, type DateType } from '../records/types';
import rulesJson from './deadline-rules.json';

/** The date types that start a clock (a scheduled meeting and a closure are facts, not requests). */
export const TRIGGER_TYPES = [
  'meeting-request',
  'annual-review',
  'reevaluation',
  'evaluation-consent',
  'records-request',
  'progress-report',
  'referral',
] as const satisfies readonly DateType[];
export type TriggerType = (typeof TRIGGER_TYPES)[number];

const dayCountSchema = z.discriminatedUnion('unit', [
  z
    .object({
      unit: z.literal('calendar-days'),
      days: z.number().int().positive().max(1100),
      /**
       * Breaks (runs of days without school, judged by the school calendar) with more than this many
       * weekdays without school are not counted (California's long breaks: 5; Georgia's: 4; Florida's
       * holidays and breaks: 0). Summer is such a break.
       */
      excludeBreaksLongerThanSchoolDays: z.number().int().nonnegative().optional(),
      /** The summer between the last day of one school year and the first day of the next is not counted (Pennsylvania). */
      excludeSummer: z.boolean().optional(),
    })
    .strict(),
  z.object({ unit: z.literal('school-days'), days: z.number().int().positive().max(400) }).strict(),
  z.object({ unit: z.literal('business-days'), days: z.number().int().positive().max(400) }).strict(),
  /** The date item is itself the due day (annual review, reevaluation, progress report). */
  z.object({ unit: z.literal('on-date') }).strict(),
  /** No deadline in this jurisdiction: tracked, never overdue. */
  z.object({ unit: z.literal('none') }).strict(),
]);
export type DayCount = z.infer<typeof dayCountSchema>;

const satisfiedBySchema = z
  .object({
    type: z.enum(DATE_TYPES),
    /** `on-or-before-due`: an event after the due day makes it late; `any-time`: any event after `from` meets it. */
    timing: z.enum(['on-or-before-due', 'any-time']),
    /** For rules due on a date: how many days before the due day an event may fall and still count. */
    windowDaysBeforeDue: z.number().int().nonnegative().max(400).optional(),
    /**
     * Only an event after this one (the first recorded on or after the start) counts: a clock that starts
     * at the referral is met by the IEP meeting after the consent, not by a meeting before it.
     */
    after: z.enum(DATE_TYPES).optional(),
  })
  .strict();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A rule for consent that comes close to the end of the school year: when the trigger falls within
 * `window` before the school year's last day, the due day is `due` instead (`replace`), or the later
 * of the two (`later`, where the law counts from an earlier event we do not record).
 */
const endOfYearSchema = z
  .object({
    window: z
      .object({
        /** How the days from the trigger to the last day are counted. */
        unit: z.enum(['school-days', 'calendar-days']),
        min: z.number().int().nonnegative(),
        max: z.number().int().positive(),
      })
      .strict(),
    due: z.union([
      z.object({ monthDay: z.string().regex(/^\d{2}-\d{2}$/) }).strict(),
      z.object({ daysAfterLastDay: z.number().int().positive() }).strict(),
      z.object({ daysAfterNextFirstDay: z.number().int().positive() }).strict(),
      /** Before the next school year's first day of student attendance (Illinois 226.110(d)): 1 = the day before. */
      z.object({ daysBeforeNextFirstDay: z.number().int().positive() }).strict(),
    ]),
    combine: z.enum(['replace', 'later']),
    /**
     * The law's window runs from the referral, not from the trigger: when a referral on or before the
     * trigger is recorded, the window is judged from it and the special due day replaces the count.
     */
    windowFrom: z.literal('referral').optional(),
    /** The end-of-year rule in a few words, for "may move" notes. */
    note: z.string().min(10).max(300),
  })
  .strict();
export type EndOfYearRule = z.infer<typeof endOfYearSchema>;

export const deadlineRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/),
    /** `US` for federal rules that apply to every family, else the two-letter state. */
    jurisdiction: z.string().regex(/^[A-Z]{2}$/),
    trigger: z.enum(TRIGGER_TYPES),
    /**
     * What the rule is about (`evaluation`, `initial-iep`, `records`, ...): a state's rule replaces the
     * federal rules for the same trigger and topic; federal rules on other topics still apply.
     */
    topics: z.array(z.string().regex(/^[a-z-]+$/)).min(1),
    count: dayCountSchema,
    /** Due no later than the next IEP meeting recorded after the request (records before any meeting). */
    beforeNextMeeting: z.boolean(),
    satisfiedBy: satisfiedBySchema.nullable(),
    /** The rule in plain words a parent can read. */
    rule: z.string().min(10).max(400),
    /** The same rule in the third person, for a note from the parent to the school. */
    ruleForSchool: z.string().min(10).max(400),
    /** What is awaited, as a short noun phrase for headlines ("IEP meeting you asked for"); else by trigger. */
    what: z.string().min(3).max(120).optional(),
    /** What has not happened yet, for a draft to the school ("I have not yet ..."); else by trigger. */
    awaiting: z.string().min(10).max(200).optional(),
    /** What may move the due day that the data cannot know (an extension the law allows, an earlier start). */
    caveats: z.array(z.string().min(10).max(300)).optional(),
    endOfYear: endOfYearSchema.optional(),
    /**
     * The law counts from the referral, which only the parent records: this rule counts from the consent
     * instead, and only while no referral that led to the consent is recorded (a rule triggered by the
     * referral then applies). Its due day is estimated: the real one is earlier.
     */
    standsInForReferral: z.literal(true).optional(),
    /**
     * The law also sets a limit counted from the referral (Ohio: the IEP within 90 days of consent and
     * within 120 days of the request): with a referral recorded, the earlier of the two due days stands.
     */
    alsoFromReferral: z
      .discriminatedUnion('unit', [
        z.object({ unit: z.literal('calendar-days'), days: z.number().int().positive().max(1100) }).strict(),
        z.object({ unit: z.literal('school-days'), days: z.number().int().positive().max(400) }).strict(),
      ])
      .optional(),
    /** The citation a parent can quote. */
    citation: z.string().min(3).max(120),
    /** `text`: checked against the regulation's own words; `quoted`: against a quotation of them. */
    verified: z.enum(['text', 'quoted']),
    source: z.url(),
  })
  .strict();
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const deadlineRulesFileSchema = z
  .object({
    schema: z.literal('iep-deadline-rules/2'),
    rules: z.array(deadlineRuleSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const rule of file.rules) {
      if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${rule.id}` });
      ids.add(rule.id);
    }
    for (const trigger of TRIGGER_TYPES) {
      if (!file.rules.some((rule) => rule.jurisdiction === 'US' && rule.trigger === trigger)) {
        ctx.addIssue({ code: 'custom', message: `no federal rule for ${trigger}: every family needs one` });
      }
    }
  });
export type DeadlineRulesFile = z.infer<typeof deadlineRulesFileSchema>;

/** Parses and checks a rules file; throws with the zod issues when it does not fit. */
export function parseDeadlineRules(input: unknown): DeadlineRule[] {
  return deadlineRulesFileSchema.parse(input).rules;
}

let bundledRules: readonly DeadlineRule[] | undefined;

/** The bundled rules, checked on first use rather than when a function starts. */
export function deadlineRules(): readonly DeadlineRule[] {
  bundledRules ??= parseDeadlineRules(rulesJson);
  return bundledRules;
}

/** Whether a string is a two-letter state we could look rules up for. */
export function normaliseState(state: string | null | undefined): string | null {
  if (typeof state !== 'string') return null;
  const upper = state.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) && upper !== 'US' ? upper : null;
}

/**
 * The rules that apply to one event in one state: the state's own rules for that event, and the
 * federal rules on every topic the state's rules do not cover (a state timeframe replaces the federal
 * one, 34 CFR 300.301(c)(1)(ii); 300.323(c) still applies where the state sets no IEP meeting timeline).
 */
export function rulesFor(
  trigger: TriggerType,
  state: string | null,
  rules: readonly DeadlineRule[] = deadlineRules(),
): DeadlineRule[] {
  const code = normaliseState(state);
  const stateRules = code ? rules.filter((rule) => rule.jurisdiction === code && rule.trigger === trigger) : [];
  const covered = new Set(stateRules.flatMap((rule) => rule.topics));
  const federal = rules.filter(
    (rule) => rule.jurisdiction === 'US' && rule.trigger === trigger && !rule.topics.some((t) => covered.has(t)),
  );
  return [...stateRules, ...federal];
}

/** Said of every federal rule shown to a family whose state has no rules of its own here. */
export const FEDERAL_MINIMUM_NOTE = 'Federal minimum; your state may set a shorter or different timeline.';

/** Said of a rule counted from the consent because the referral the law counts from is not recorded. */
export const REFERRAL_NOT_RECORDED =
  'may be earlier: counted from the consent; the law counts from the day the school received the written referral, which is not recorded';

/** States with at least one rule of their own in the table. */
export function coveredStates(rules: readonly DeadlineRule[] = deadlineRules()): string[] {
  return [...new Set(rules.map((rule) => rule.jurisdiction).filter((code) => code !== 'US'))].sort();
}

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
