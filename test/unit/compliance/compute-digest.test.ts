import { describe, expect, it } from 'vitest';
import { computeDigest, schoolYearWindow } from '../../../shared/compliance/compute-digest';
import { closure, input, req, ses, setting, speechTwiceWeekly } from './records';

describe('computeDigest', () => {
  it('produces the digest --json shape for a week with a missed session', () => {
    // Speech 2 × 30 weekly from Sep 1; Tue delivered 30, Thu missed (provider absent).
    const digest = computeDigest(
      input({
        requirements: [speechTwiceWeekly()],
        sessions: [
          ses({ date: '2026-11-17', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-11-19', status: 'missed', reason: 'provider-absent', minutes: 30 }),
        ],
        contacts: [{ address: 'jlee@district.org', roles: ['SLP'] }],
      }),
    );
    expect(digest).toMatchObject({
      child: 'Maya',
      asOf: '2026-11-20',
      week: { start: '2026-11-16', end: '2026-11-20' },
      schoolYear: { start: '2026-09-01', end: '2026-11-20' },
      services: [
        {
          service: 'speech-language',
          week: {
            requiredMinutes: 60,
            deliveredMinutes: 30,
            missedMinutes: { 'provider-absent': 30 },
            owedMinutes: 30,
            unaccountedMinutes: 0,
          },
        },
      ],
      aideGaps: [],
      unconfirmed: 0,
    });
    expect(digest.flags.map((f) => f.kind)).toContain('owed');
    expect(digest.drafts.find((d) => d.purpose === 'compensatory-services')?.to).toEqual(['jlee@district.org']);
    expect(JSON.parse(JSON.stringify(digest))).toEqual(digest);
  });

  it('starts the week on Monday whatever day the digest is for', () => {
    const digest = computeDigest(input({ asOf: '2026-11-18' }));
    expect(digest.week).toEqual({ start: '2026-11-16', end: '2026-11-18' });
  });

  it('starts the school year at the earliest requirement start', () => {
    const window = schoolYearWindow({
      asOf: '2026-11-20',
      requirements: [req({ service: 'counseling', per: 'week', start: '2026-08-20' }), speechTwiceWeekly()],
    });
    expect(window).toEqual({ start: '2026-08-20', end: '2026-11-20' });
  });

  it('starts the school year on July 1 when there are no requirements, or one has no start', () => {
    expect(schoolYearWindow({ asOf: '2027-02-03', requirements: [] })).toEqual({
      start: '2026-07-01',
      end: '2027-02-03',
    });
    const undated = [req({ service: 'counseling', per: 'week', start: null }), speechTwiceWeekly()];
    expect(schoolYearWindow({ asOf: '2026-11-20', requirements: undated })).toEqual({
      start: '2026-07-01',
      end: '2026-11-20',
    });
  });

  it('counts every unconfirmed record and lists it in plain words', () => {
    const digest = computeDigest(
      input({
        requirements: [{ ...speechTwiceWeekly(), confirmed: false }],
        sessions: [ses({ date: '2026-11-17', status: 'missed', reason: 'provider-absent', confirmed: false })],
        settingEvents: [setting({ date: '2026-11-02', activity: 'lunch', confirmed: false })],
        dates: [{ ...closure('2026-11-26', '2026-11-27'), confirmed: false }],
        settingPercent: { id: 'p', confirmed: false, generalEducation: 80 },
      }),
    );
    expect(digest.unconfirmed).toBe(5);
    expect(digest.unconfirmedEntries.map((e) => e.summary)).toEqual([
      'IEP: speech-language therapy, 60 min per week',
      'lunch in a separate setting',
      'speech-language therapy missed (provider absent), minutes not stated',
      'school closure until Nov 27',
      'IEP: 80% of the day in general education',
    ]);
    expect(digest.settingEvents).toEqual([
      { date: '2026-11-02', activity: 'lunch', setting: 'separate', confirmed: false },
    ]);
  });

  it('lists deadlines still to meet, soonest first, and leaves out met and dismissed ones', () => {
    const digest = computeDigest(
      input({
        deadlines: [
          { type: 'annual-review', from: '2026-03-10', due: '2027-03-09', rule: 'yearly', status: 'open' },
          { type: 'records-request', from: '2026-11-02', due: '2026-11-09', rule: '5 business days', status: 'met' },
          { type: 'meeting-request', from: '2026-11-02', due: '2026-12-02', rule: '30 days' },
          { type: 'meeting-request', from: '2026-11-10', due: null, rule: 'no federal deadline', status: 'open' },
          {
            type: 'progress-report',
            from: '2026-09-01',
            due: '2026-11-13',
            rule: 'with report cards',
            status: 'dismissed',
          },
        ],
      }),
    );
    expect(digest.deadlines.map((d) => [d.type, d.due])).toEqual([
      ['meeting-request', '2026-12-02'],
      ['annual-review', '2027-03-09'],
      ['meeting-request', null],
    ]);
  });
});
