// The finders `extractFromBytes` runs by default for the lists other than sessions.
import { findDates } from './dates';
import type { Finders } from './extract-message';
import { findRequirements } from './requirements';
import { findSettingEvents, findSettingPercent } from './setting';

export const projectFinders: Finders = {
  requirements: findRequirements,
  settingPercent: findSettingPercent,
  settingEvents: findSettingEvents,
  dates: findDates,
};
