// Everything one message states, as iep-extract/1 records with where each was read from: the
// reading context (texts and tables with their anchor days) goes to each finder in turn.
import type { DateItem, ExtractionWithProvenance, Requirement, SettingEvent, SettingPercent } from '../records/types';
import { findSessions } from './find-sessions';
import type { Finding, ReadingContext } from './reading-context';
import type { ExtractedPart, ReadingProblem } from './reading-problem';

/** The finders for the lists other than sessions; each reads the same context. */
export interface Finders {
  requirements(ctx: ReadingContext): Array<Finding<Requirement>>;
  settingPercent(ctx: ReadingContext): SettingPercent | null;
  settingEvents(ctx: ReadingContext): Array<Finding<SettingEvent>>;
  dates(ctx: ReadingContext): Array<Finding<DateItem>>;
}

export const noFinders: Finders = {
  requirements: () => [],
  settingPercent: () => null,
  settingEvents: () => [],
  dates: () => [],
};

/** Runs every finder over the context; a finder that throws loses only its own list, with a problem. */
export function extractMessage(
  ctx: ReadingContext,
  file: string,
  finders: Finders,
  problems: ReadingProblem[] = [],
): ExtractionWithProvenance {
  const guard = <T>(part: ExtractedPart, run: () => T, fallback: T): T => {
    try {
      return run();
    } catch {
      problems.push({ key: 'partUnread', part });
      return fallback;
    }
  };
  return {
    schema: 'iep-extract/1',
    file,
    sender: ctx.sender,
    sentOn: ctx.sentOn,
    sessions: guard('sessions', () => findSessions(ctx), []),
    requirements: guard('requirements', () => finders.requirements(ctx), []),
    settingPercent: guard('settingPercent', () => finders.settingPercent(ctx), null),
    settingEvents: guard('settingEvents', () => finders.settingEvents(ctx), []),
    dates: guard('dates', () => finders.dates(ctx), []),
  };
}
