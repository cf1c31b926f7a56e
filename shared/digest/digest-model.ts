// One child's digest: the figures and flags (compliance, pure arithmetic) with the letters the flags
// call for (wording). Kept apart so that the arithmetic never depends on how things are worded.

import { computeDigestFigures, lookbackWindow } from '../compliance/compute-digest';
import type { DigestInput, DigestModel } from '../compliance/digest-types';
import { buildDraftsFor } from '../render/drafts';
import { type Language, SCHOOL_LANGUAGE } from '../render/language';

/**
 * Pure: the same input always gives the same model. Check untrusted input with parseDigestInput
 * first. Letters are in the school's language unless the family chose another (`letterLanguage`); a
 * family reading a language the letters are not in gets each one in its own too.
 */
export function computeDigest(
  input: DigestInput,
  familyLanguage: Language = 'en',
  letterLanguage: Language = SCHOOL_LANGUAGE,
): DigestModel {
  const figures = computeDigestFigures(input);
  return {
    ...figures,
    drafts: buildDraftsFor(
      {
        child: figures.child,
        asOf: figures.asOf,
        week: figures.week,
        lookback: lookbackWindow(figures.asOf),
        flags: figures.flags,
        contacts: input.contacts,
        hasRequirements: input.requirements.length > 0,
        signature: input.signature ?? null,
        deadlines: figures.deadlines,
        generalEducationPercent: input.settingPercent?.generalEducation ?? null,
        state: input.state ?? null,
      },
      familyLanguage,
      letterLanguage,
    ),
  };
}
