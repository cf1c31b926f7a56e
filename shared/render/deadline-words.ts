// A deadline explained to the parent in the family's language: the rule in plain words (the
// citation is never translated), what is awaited, and whether the day may move. English comes from
// deadline-rules.json itself, Spanish from deadline-rules-es.json, one entry per rule id; so do the
// rule and what is awaited as a letter to the school states them.
import { z } from 'zod';
import { FEDERAL_MINIMUM_NOTE } from '../deadlines/deadline-rules';
import spanishJson from '../deadlines/deadline-rules-es.json';
import type { Deadline } from '../deadlines/track-deadlines';
import type { Language } from './language';
import type { Wording } from './wording';

const spanishSchema = z.object({
  federalMinimumNote: z.string().min(10),
  mayMoveNote: z.string().min(10),
  rules: z.record(
    z.string(),
    z.object({
      rule: z.string().min(10).max(500),
      what: z.string().min(3).max(160).optional(),
      ruleForSchool: z.string().min(10).max(500),
      awaiting: z.string().min(10).max(200).optional(),
    }),
  ),
});

export const SPANISH_RULES = spanishSchema.parse(spanishJson);

type Explained = Pick<Deadline, 'ruleId' | 'rule' | 'type' | 'what' | 'mayMove'>;
type ForSchool = Pick<Deadline, 'ruleId' | 'ruleForSchool' | 'awaiting'>;

function spanishRule(deadline: Pick<Deadline, 'ruleId'>) {
  const rule = SPANISH_RULES.rules[deadline.ruleId];
  if (!rule) throw new Error(`deadline-rules-es.json has no rule ${deadline.ruleId}`);
  return rule;
}

/** The rule as shown to the parent, with the federal-minimum note when the English one carries it. */
export function ruleWords(deadline: Explained, say: Wording): string {
  if (say.language === 'en') return deadline.rule;
  const words = spanishRule(deadline).rule;
  return deadline.rule.endsWith(FEDERAL_MINIMUM_NOTE) ? `${words} ${SPANISH_RULES.federalMinimumNote}` : words;
}

/** The rule's own name for what is awaited ("answer to your ARD meeting request ..."), if it has one. */
export function ownWhat(deadline: Explained, say: Wording): string | null {
  return say.language === 'en' ? deadline.what : (spanishRule(deadline).what ?? null);
}

/** What is awaited: the rule's own words where it has them, else the kind of deadline in words. */
export function awaitedWords(deadline: Explained, child: string, say: Wording): string {
  return ownWhat(deadline, say) ?? say(`reminder.what.${deadline.type}`, { child });
}

/** What may move the due day, as notes to show after the rule (none when nothing would). */
export function mayMoveWords(deadline: Explained, say: Wording): string[] {
  if (deadline.mayMove.length === 0) return [];
  return say.language === 'en' ? deadline.mayMove.map((note) => `(${note})`) : [SPANISH_RULES.mayMoveNote];
}

/** The rule as a letter to the school states it, in the letter's language (a clause, lower-case). */
export function schoolRuleWords(deadline: ForSchool, language: Language): string {
  return language === 'en' ? deadline.ruleForSchool : spanishRule(deadline).ruleForSchool;
}

/** What the parent has not received yet, as the rule words it for a letter, if it does. */
export function awaitingWords(deadline: ForSchool, language: Language): string | null {
  return language === 'en' ? deadline.awaiting : (spanishRule(deadline).awaiting ?? null);
}
