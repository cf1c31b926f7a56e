import { describe, expect, it } from 'vitest';
import { schoolYearWindow } from '../../../shared/compliance/compute-digest';
import { computeDigest } from '../../../shared/digest/digest-model';
import { renderDigestEmail } from '../../../shared/render/digest-email';
import { entrySummary, flagDetail } from '../../../shared/render/digest-wording';
import { wordingFor } from '../../../shared/render/wording';
import { closure, input, req, ses, setting, speechTwiceWeekly } from './records';

const ENGLISH = wordingFor('en');
const detailOf = (flag: Parameters<typeof flagDetail>[0] | undefined) => (flag ? flagDetail(flag, ENGLISH) : undefined);

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
      schoolYear: { start: '2026-08-19', end: '2026-11-20' },
      schoolYearDays: { start: '2026-08-19', end: '2027-06-11', estimated: false },
      services: [
        {
          service: 'speech-language',
          countedFrom: '2026-09-01',
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
    expect(digest.drafts.find((d) => d.purpose === 'missed-sessions')?.to).toEqual(['jlee@district.org']);
    expect(JSON.parse(JSON.stringify(digest))).toEqual(digest);
  });

  it('starts the week on Monday whatever day the digest is for', () => {
    const digest = computeDigest(input({ asOf: '2026-11-18' }));
    expect(digest.week).toEqual({ start: '2026-11-16', end: '2026-11-18' });
  });

  it('counts each service from the later of the school year’s first day and the IEP’s start', () => {
    // School year set Aug 19, 2026 - Jun 11, 2027. Counseling from Aug 10 (before school) counts
    // from Aug 19; speech from Sep 1 counts from Sep 1; a row with no start counts from Aug 19.
    const digest = computeDigest(
      input({
        schoolYear: { firstDay: '2026-08-19', lastDay: '2027-06-11' },
        requirements: [
          req({ service: 'counseling', per: 'week', totalMinutes: 30, start: '2026-08-10' }),
          speechTwiceWeekly(),
          req({ service: 'occupational-therapy', per: 'week', totalMinutes: 30, start: null }),
        ],
      }),
    );
    expect(digest.schoolYear).toEqual({ start: '2026-08-19', end: '2026-11-20' });
    expect(digest.services.map((s) => [s.service, s.countedFrom])).toEqual([
      ['speech-language', '2026-09-01'],
      ['occupational-therapy', '2026-08-19'],
      ['counseling', '2026-08-19'],
    ]);
  });

  it('never counts July 1 or summer days, unless the IEP gives extended school year services', () => {
    // As of Wed Feb 3, 2027, no state: the year is estimated from the usual US dates.
    const window = schoolYearWindow({ asOf: '2027-02-03', dates: [] });
    expect(window.start >= '2026-08-01' && window.start <= '2026-09-08').toBe(true);
    // As of Fri Jul 10, 2026 (summer): the 2025-26 year, ended Mon Jun 15, 2026; nothing due in July.
    const summer = computeDigest(
      input({ asOf: '2026-07-10', requirements: [{ ...speechTwiceWeekly(), start: '2026-01-05' }] }),
    );
    expect(summer.services[0]?.week.requiredMinutes).toBe(0);
    for (const flag of summer.flags) for (const date of flag.dates) expect(date <= '2026-06-15').toBe(true);
    const esy = computeDigest(
      input({
        asOf: '2026-07-10',
        extendedSchoolYear: true,
        requirements: [{ ...speechTwiceWeekly(), start: '2026-01-05' }],
      }),
    );
    expect(esy.services[0]?.week.requiredMinutes).toBe(60);
  });

  it('as of Nov 13, an IEP from Sep 1 (speech 2 x 30 weekly) counts the school year from Sep 1', () => {
    // California, school year not set (estimated: first day by Aug 31). Sep 1 - Nov 13, 2026: 54
    // weekdays, less Labor Day (Sep 7) and Veterans Day (Nov 11), closed, and Native American Day
    // (Sep 25) and Columbus Day (Oct 12), on which schools differ, so not counted as due:
    // 50 open days x 12 = 600 min.
    // Week of Nov 9: 4 open days x 12 = 48 due; Nov 10 delivered 30, Nov 12 missed (provider absent) 30.
    const digest = computeDigest(
      input({
        asOf: '2026-11-13',
        state: 'CA',
        schoolYear: null,
        requirements: [speechTwiceWeekly()],
        dates: [closure('2026-11-11')],
        sessions: [
          ses({ date: '2026-11-10', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-11-12', status: 'missed', reason: 'provider-absent', minutes: 30 }),
        ],
        trackingSince: '2026-11-02',
      }),
    );
    const speech = digest.services[0];
    expect(speech?.countedFrom).toBe('2026-09-01');
    expect(speech?.schoolYear.requiredMinutes).toBe(600);
    expect(digest.uncertainDays).toEqual([
      {
        date: '2026-09-25',
        why: 'Native American Day: schools differ',
        uncertainty: { kind: 'holiday', names: ['Native American Day'] },
      },
      {
        date: '2026-10-12',
        why: 'Columbus Day: schools differ',
        uncertainty: { kind: 'holiday', names: ['Columbus Day'] },
      },
    ]);
    expect(digest.schoolYearDays.estimated).toBe(true);
    expect(speech?.week).toMatchObject({
      requiredMinutes: 48,
      deliveredMinutes: 30,
      missedMinutes: { 'provider-absent': 30 },
      owedMinutes: 30,
      // 30 + 30 logged against 48 due: 12 beyond the short week's share, none unreported.
      beyondRequiredMinutes: 12,
      notReportedMinutes: 0,
    });
    for (const flag of digest.flags) for (const date of flag.dates) expect(date >= '2026-09-01').toBe(true);
    expect(JSON.stringify(digest.flags)).not.toMatch(/Aug|Jul|Jun/);
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
    expect(digest.unconfirmedEntries.map((e) => entrySummary(e, ENGLISH))).toEqual([
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

describe('a spring break nobody has recorded', () => {
  // Speech 2 × 30 weekly (12 min a school day), the family's year Aug 19, 2026 to Jun 11, 2027,
  // California. Spring break usually falls somewhere from Mar 9 to Apr 17: five weekdays in six weeks.
  const asOf = '2027-04-16';
  const digestOf = (dates: ReturnType<typeof closure>[]) =>
    computeDigest(
      input({
        asOf,
        state: 'CA',
        requirements: [speechTwiceWeekly()],
        sessions: [ses({ date: '2027-03-02', status: 'delivered', minutes: 30 })],
        dates,
        trackingSince: '2027-03-01',
      }),
    );

  it('counts the six weeks as school days and says up to five of them may have been the break', () => {
    // Act
    const unknown = digestOf([]);
    const recorded = digestOf([closure('2027-04-05', '2027-04-09')]);

    // Assess: the week of Apr 12 is due (5 days x 12), not "nothing due" for six weeks.
    expect(unknown.services[0]?.week.requiredMinutes).toBe(60);
    expect(unknown.unrecordedBreaks).toEqual([
      { name: 'spring break', first: '2027-03-09', last: '2027-04-17', weekdays: 5 },
    ]);
    // Recorded, the break takes exactly its five days (60 min) off the year, and nothing is flagged as uncertain.
    expect(recorded.unrecordedBreaks).toEqual([]);
    const year = (d: typeof unknown) => d.services[0]?.schoolYear.requiredMinutes ?? 0;
    expect(year(unknown) - year(recorded)).toBe(60);
    // The days are not listed as "not counted": they are counted, and said to be uncertain.
    expect(unknown.uncertainDays.map((d) => d.date).filter((d) => d >= '2027-03-09' && d !== '2027-03-31')).toEqual([]);
    const noLogs = unknown.flags.find((f) => f.kind === 'no-logs');
    expect(detailOf(noLogs)).toContain(
      'Spring break is not recorded: 5 school days between Mar 9 and Apr 17 may have been the break, with nothing due.',
    );
    expect(detailOf(recorded.flags.find((f) => f.kind === 'no-logs'))).not.toContain('Spring break');
  });

  it('the digest says so in words, in both parts', () => {
    // Act
    const email = renderDigestEmail(digestOf([]));

    // Assess
    const said =
      'Spring break is not recorded yet: the school days from Mar 9 to Apr 17 are counted as due, though 5 of them were probably the break.';
    expect(email.text).toContain(said);
    expect(email.html).toContain(said);
    expect(email.text).toContain('Not counted as due, because schools differ');
    expect(email.text).toContain('Mar 31 (Cesar Chavez Day: schools differ)');
  });
});
