// A realistic school term for one child, used by the rendering and browser tests.

import { addDays, isoWeekday } from '../../../shared/calendar/iso-days';
import type { DigestInput, Tracked } from '../../../shared/compliance/digest-types';
import { datesOf } from '../../../shared/compliance/school-calendar';
import type { IsoDate, Requirement, Session } from '../../../shared/records/types';

let counter = 0;
const id = (prefix: string) => `${prefix}-${++counter}`;

function requirement(fields: Partial<Requirement> & Pick<Requirement, 'service' | 'per'>): Tracked<Requirement> {
  return {
    id: id('req'),
    confirmed: true,
    delivery: null,
    sessions: null,
    minutes: null,
    totalMinutes: null,
    location: null,
    start: '2026-09-01',
    end: '2027-06-11',
    ...fields,
  };
}

function session(fields: Partial<Tracked<Session>> & Pick<Session, 'date' | 'service' | 'status'>): Tracked<Session> {
  return {
    id: id('ses'),
    confirmed: true,
    minutes: null,
    delivery: null,
    location: null,
    reason: null,
    ...fields,
  };
}

const CLOSED: IsoDate[] = ['2026-09-07', '2026-10-12', '2026-11-11'];

export function realisticDigestInput(): DigestInput {
  counter = 0;
  const sessions: Tracked<Session>[] = [];
  const days = datesOf({ start: '2026-09-01', end: '2026-11-20' }).filter(
    (d) => isoWeekday(d) <= 5 && !CLOSED.includes(d),
  );
  const speechMissed: Record<IsoDate, Session['reason']> = {
    '2026-10-06': 'provider-absent',
    '2026-10-08': 'provider-absent',
    '2026-11-19': 'provider-absent',
    '2026-10-20': 'student-absent',
  };
  for (const d of days) {
    const wd = isoWeekday(d);
    if ((wd === 2 || wd === 4) && d !== '2026-11-17') {
      const reason = speechMissed[d];
      sessions.push(
        reason
          ? session({ date: d, service: 'speech-language', status: 'missed', reason, minutes: 30 })
          : session({ date: d, service: 'speech-language', status: 'delivered', minutes: 30, delivery: 'individual' }),
      );
    }
    if (wd === 3 && d < '2026-11-16') {
      sessions.push(session({ date: d, service: 'occupational-therapy', status: 'delivered', minutes: 30 }));
    }
    if (d < '2026-11-09') {
      sessions.push(
        session({ date: d, service: 'specialized-academic-instruction', status: 'delivered', minutes: 60 }),
      );
    }
  }
  sessions.push(session({ date: '2026-10-16', service: 'speech-language', status: 'makeup', minutes: 30 }));
  sessions.push(
    session({ date: '2026-11-04', service: 'aide', status: 'missed', reason: 'provider-absent', confirmed: false }),
  );
  sessions.push(session({ date: '2026-11-18', service: 'aide', status: 'missed', reason: 'provider-absent' }));
  sessions.push(
    session({ date: '2026-11-17', service: 'speech-language', status: 'delivered', minutes: null, confirmed: false }),
  );

  return {
    child: 'Maya',
    asOf: '2026-11-20',
    requirements: [
      requirement({
        service: 'speech-language',
        delivery: 'individual',
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
      }),
      requirement({ service: 'occupational-therapy', totalMinutes: 120, per: 'month', location: 'separate' }),
      requirement({
        service: 'specialized-academic-instruction',
        sessions: 5,
        minutes: 60,
        totalMinutes: 300,
        per: 'week',
        location: 'separate',
      }),
      requirement({
        service: 'aide',
        delivery: 'individual',
        sessions: 1,
        minutes: 360,
        totalMinutes: 360,
        per: 'day',
        location: 'general-education',
      }),
    ],
    sessions,
    settingEvents: [
      { id: 'set-1', confirmed: true, date: '2026-11-02', activity: 'lunch', setting: 'separate' },
      { id: 'set-2', confirmed: false, date: '2026-11-12', activity: 'recess', setting: 'separate' },
      { id: 'set-3', confirmed: true, date: '2026-11-13', activity: 'math', setting: 'general-education' },
    ],
    dates: CLOSED.map((d) => ({
      id: `date-${d}`,
      confirmed: true,
      type: 'school-closure' as const,
      date: d,
      end: null,
    })),
    settingPercent: { id: 'pct-1', confirmed: true, generalEducation: 80 },
    contacts: [
      { address: 'jlee@district.k12.ca.us', name: 'Jordan Lee', roles: ['Speech-Language Pathologist'] },
      {
        address: 'maria.garcia-fernandez.occupational.therapy@district.k12.ca.us',
        name: 'Maria Garcia',
        roles: ['Occupational Therapist, OTR/L'],
      },
      { address: 'tnguyen@district.k12.ca.us', name: 'Tam Nguyen', roles: ['Education Specialist / Case Manager'] },
      { address: 'noreply@seis.org', roles: [] },
    ],
    deadlines: [
      {
        type: 'meeting-request',
        from: '2026-11-02',
        due: '2026-12-02',
        rule: 'California Ed Code 56343.5: an IEP meeting within 30 days of a written request',
      },
      { type: 'annual-review', from: '2026-03-10', due: '2027-03-09', rule: '34 CFR 300.324(b): at least once a year' },
    ],
    flagHistory: [
      { weekStart: addDays('2026-11-16', -7), flags: [{ kind: 'owed', service: 'speech-language' }] },
      { weekStart: addDays('2026-11-16', -14), flags: [{ kind: 'owed', service: 'speech-language' }] },
    ],
  };
}
