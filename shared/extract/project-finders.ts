// The finders `extractFromBytes` runs by default for the lists other than sessions.
import { findDates } from './dates';
import type { Finders } from './extract-message';

export const projectFinders: Finders = {
  requirements: () => [],
  settingPercent: () => null,
  settingEvents: () => [],
  dates: findDates,
};
