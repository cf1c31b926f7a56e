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
] as const satisfies readonly DateType[];
export type TriggerType = (typeof TRIGGER_TYPES)[number];

const dayCountSchema = z.discriminatedUnion('unit', [
  z
    .object({
      unit: z.literal('calendar-days'),
      days: z.number().int().positive().max(1100),
      /** Closure runs with more than this many weekday closures are not counted (California's long breaks). */
      excludeBreaksLongerThanSchoolDays: z.number().int().nonnegative().optional(),
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
  })
  .strict();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const deadlineRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z]{2}-[a-z0-9-]+$/),
    /** `US` for federal rules that apply to every family, else the two-letter state. */
    jurisdiction: z.string().regex(/^[A-Z]{2}$/),
    trigger: z.enum(TRIGGER_TYPES),
    count: dayCountSchema,
    /** Due no later than the next IEP meeting recorded after the request (records before any meeting). */
    beforeNextMeeting: z.boolean(),
    satisfiedBy: satisfiedBySchema.nullable(),
    /** The rule in plain words a parent can read. */
    rule: z.string().min(10).max(400),
    /** The same rule in the third person, for a note from the parent to the school. */
    ruleForSchool: z.string().min(10).max(400),
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
    schema: z.literal('iep-deadline-rules/1'),
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

export const DEADLINE_RULES: readonly DeadlineRule[] = parseDeadlineRules(rulesJson);

/** Whether a string is a two-letter state we could look rules up for. */
export function normaliseState(state: string | null | undefined): string | null {
  if (typeof state !== 'string') return null;
  const upper = state.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) && upper !== 'US' ? upper : null;
}

/**
 * The rules that apply to one event in one state: the state's own rules for that event where it has
 * any (a state timeframe replaces the federal one, 34 CFR 300.301(c)(1)(ii)), else the federal rules.
 */
export function rulesFor(
  trigger: TriggerType,
  state: string | null,
  rules: readonly DeadlineRule[] = DEADLINE_RULES,
): DeadlineRule[] {
  const code = normaliseState(state);
  const stateRules = code ? rules.filter((rule) => rule.jurisdiction === code && rule.trigger === trigger) : [];
  if (stateRules.length > 0) return stateRules;
  return rules.filter((rule) => rule.jurisdiction === 'US' && rule.trigger === trigger);
}

/** States with at least one rule of their own in the table. */
export function coveredStates(rules: readonly DeadlineRule[] = DEADLINE_RULES): string[] {
  return [...new Set(rules.map((rule) => rule.jurisdiction).filter((code) => code !== 'US'))].sort();
}

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}
