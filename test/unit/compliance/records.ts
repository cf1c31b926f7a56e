// Small builders for tracked records, so each test states only what matters to it.

import type { DigestInput, Tracked } from '../../../shared/compliance/digest-types';
import type { DateItem, Requirement, Session, SettingEvent } from '../../../shared/records/types';

let next = 0;
const newId = (prefix: string) => `${prefix}-${++next}`;

export function req(
  fields: Partial<Tracked<Requirement>> & Pick<Requirement, 'service' | 'per'>,
): Tracked<Requirement> {
  return {
    id: newId('req'),
    confirmed: true,
    delivery: null,
    sessions: null,
    minutes: null,
    totalMinutes: null,
    location: null,
    start: '2026-09-01',
    end: null,
    ...fields,
  };
}

export function ses(fields: Partial<Tracked<Session>> & Pick<Session, 'date' | 'status'>): Tracked<Session> {
  return {
    id: newId('ses'),
    confirmed: true,
    service: 'speech-language',
    minutes: null,
    delivery: null,
    location: null,
    reason: null,
    ...fields,
  };
}

export function closure(date: string, end: string | null = null): Tracked<DateItem> {
  return { id: newId('date'), confirmed: true, type: 'school-closure', date, end };
}

export function setting(
  fields: Partial<Tracked<SettingEvent>> & Pick<SettingEvent, 'date' | 'activity'>,
): Tracked<SettingEvent> {
  return { id: newId('set'), confirmed: true, setting: 'separate', ...fields };
}

/** Speech twice a week for 30 minutes from Sep 1, the most common line on a services page. */
export const speechTwiceWeekly = () =>
  req({ service: 'speech-language', delivery: 'individual', sessions: 2, minutes: 30, totalMinutes: 60, per: 'week' });

export function input(fields: Partial<DigestInput>): DigestInput {
  return {
    child: 'Maya',
    asOf: '2026-11-20',
    // A family-set school year, so that the hand-worked figures need no estimate; federal holidays
    // still apply (Labor Day closed; Columbus Day, Veterans Day and Thanksgiving week uncertain).
    schoolYear: { firstDay: '2026-08-19', lastDay: '2027-06-11' },
    sessions: [],
    requirements: [],
    settingEvents: [],
    dates: [],
    contacts: [],
    deadlines: [],
    ...fields,
  };
}
