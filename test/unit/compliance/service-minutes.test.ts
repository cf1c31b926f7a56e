import { describe, expect, it } from 'vitest';
import { computeDigest } from '../../../shared/digest/digest-model';
import { closure, input, req, ses, speechTwiceWeekly } from './records';

// Week of Mon Nov 16 – Fri Nov 20, 2026, as of Friday.
const speechWeek = (sessions: Parameters<typeof ses>[0][], extra: Parameters<typeof input>[0] = {}) => {
  const digest = computeDigest(input({ requirements: [speechTwiceWeekly()], sessions: sessions.map(ses), ...extra }));
  const speech = digest.services.find((s) => s.service === 'speech-language');
  if (!speech) throw new Error('no speech figures');
  return speech.week;
};

describe('minutes of one service over a week', () => {
  it('a session missed because the therapist was out is owed', () => {
    // Required 60 × 5/5 = 60. Tue delivered 30, Thu missed provider-absent 30.
    // owed = 30 − 0 make-up = 30; unaccounted = 60 − 30 − 30 = 0
    const week = speechWeek([
      { date: '2026-11-17', status: 'delivered', minutes: 30 },
      { date: '2026-11-19', status: 'missed', reason: 'provider-absent', minutes: 30 },
    ]);
    expect(week).toEqual({
      requiredMinutes: 60,
      deliveredMinutes: 30,
      makeupMinutes: 0,
      missedMinutes: { 'provider-absent': 30 },
      missedSchoolSideMinutes: 30,
      missedChildSideMinutes: 0,
      missedReasonNotGivenMinutes: 0,
      owedMinutes: 30,
      unaccountedMinutes: 0,
      notReportedMinutes: 0,
      notTrackedMinutes: 0,
      beyondRequiredMinutes: 0,
      unknownMinutes: [],
    });
  });

  it('a make-up session offsets owed time and counts as delivered', () => {
    // Mon missed provider-unavailable 30, Tue delivered 30, Fri make-up 30.
    // delivered = 30 + 30 = 60; owed = 30 − 30 = 0; unaccounted = max(0, 60 − 60 − 30) = 0
    const week = speechWeek([
      { date: '2026-11-16', status: 'missed', reason: 'provider-unavailable', minutes: 30 },
      { date: '2026-11-17', status: 'delivered', minutes: 30 },
      { date: '2026-11-20', status: 'makeup', minutes: 30 },
    ]);
    expect(week.deliveredMinutes).toBe(60);
    expect(week.owedMinutes).toBe(0);
    expect(week.unaccountedMinutes).toBe(0);
  });

  it('owed time does not go below zero when make-ups exceed misses', () => {
    // Missed provider-absent 30, make-up 60: 30 − 60 → 0
    const week = speechWeek([
      { date: '2026-11-16', status: 'missed', reason: 'provider-absent', minutes: 30 },
      { date: '2026-11-18', status: 'makeup', minutes: 60 },
    ]);
    expect(week.owedMinutes).toBe(0);
  });

  it('a session missed because the child was absent is not owed but is accounted for', () => {
    // Tue delivered 30, Thu student-absent 30: owed 0; unaccounted = 60 − 30 − 30 = 0
    const week = speechWeek([
      { date: '2026-11-17', status: 'delivered', minutes: 30 },
      { date: '2026-11-19', status: 'missed', reason: 'student-absent', minutes: 30 },
    ]);
    expect(week.owedMinutes).toBe(0);
    expect(week.missedMinutes).toEqual({ 'student-absent': 30 });
    expect(week.unaccountedMinutes).toBe(0);
  });

  it('time no log says anything about is unaccounted', () => {
    // Only Tue delivered 30: unaccounted = 60 − 30 − 0 = 30
    const week = speechWeek([{ date: '2026-11-17', status: 'delivered', minutes: 30 }]);
    expect(week.unaccountedMinutes).toBe(30);
    expect(week.owedMinutes).toBe(0);
  });

  it('a school closure takes its day off what is required, and its missed session does not count as accounted', () => {
    // Closure Wed Nov 18: required 60 × 4/5 = 48. Tue delivered 30, Wed missed school-closure 30.
    // unaccounted = 48 − 30 − (missed other than closure: 0) = 18
    const week = speechWeek(
      [
        { date: '2026-11-17', status: 'delivered', minutes: 30 },
        { date: '2026-11-18', status: 'missed', reason: 'school-closure', minutes: 30 },
      ],
      { dates: [closure('2026-11-18')] },
    );
    expect(week.requiredMinutes).toBe(48);
    expect(week.missedMinutes).toEqual({ 'school-closure': 30 });
    expect(week.unaccountedMinutes).toBe(18);
  });

  it('a session missed for school closure closes the day even without a closure notice', () => {
    // Wed Nov 18 missed for school-closure, no date item: still 4 open days → 48
    const week = speechWeek([{ date: '2026-11-18', status: 'missed', reason: 'school-closure', minutes: 30 }]);
    expect(week.requiredMinutes).toBe(48);
  });

  it('a session without minutes counts the IEP’s minutes per session when that is unambiguous', () => {
    // 2 × 30 weekly: a delivered session with no minutes counts 30; unaccounted = 60 − 30 = 30
    const week = speechWeek([{ date: '2026-11-17', status: 'delivered', minutes: null }]);
    expect(week.deliveredMinutes).toBe(30);
    expect(week.unknownMinutes).toEqual([]);
  });

  it('a missed session without minutes counts the IEP’s minutes per session', () => {
    // Missed provider-absent, minutes not stated → 30 owed
    const week = speechWeek([{ date: '2026-11-19', status: 'missed', reason: 'provider-absent', minutes: null }]);
    expect(week.missedMinutes).toEqual({ 'provider-absent': 30 });
    expect(week.owedMinutes).toBe(30);
  });

  it('counts 0 and says so when the IEP gives two different session lengths', () => {
    // Individual 2 × 30 and group 1 × 45: a session of unstated delivery is ambiguous → 0, date listed.
    // required = 60 + 45 = 105; unaccounted = 105 − 0 = 105
    const rows = [
      speechTwiceWeekly(),
      req({ service: 'speech-language', delivery: 'group', sessions: 1, minutes: 45, totalMinutes: 45, per: 'week' }),
    ];
    const digest = computeDigest(
      input({ requirements: rows, sessions: [ses({ date: '2026-11-17', status: 'delivered', minutes: null })] }),
    );
    const week = digest.services[0]?.week;
    expect(week?.deliveredMinutes).toBe(0);
    expect(week?.unknownMinutes).toEqual(['2026-11-17']);
    expect(week?.unaccountedMinutes).toBe(105);
  });

  it('the session’s own delivery settles which session length applies', () => {
    // Same two rows; the session says "group" → 45
    const rows = [
      speechTwiceWeekly(),
      req({ service: 'speech-language', delivery: 'group', sessions: 1, minutes: 45, totalMinutes: 45, per: 'week' }),
    ];
    const digest = computeDigest(
      input({
        requirements: rows,
        sessions: [ses({ date: '2026-11-17', status: 'delivered', minutes: null, delivery: 'group' })],
      }),
    );
    expect(digest.services[0]?.week.deliveredMinutes).toBe(45);
  });

  it('counts 0 and says so when the IEP gives only a total', () => {
    // "120 min monthly", minutes per session blank: a session without minutes is unknown
    const rows = [req({ service: 'occupational-therapy', totalMinutes: 120, per: 'month' })];
    const digest = computeDigest(
      input({
        requirements: rows,
        sessions: [ses({ service: 'occupational-therapy', date: '2026-11-18', status: 'delivered' })],
      }),
    );
    expect(digest.services[0]?.week.deliveredMinutes).toBe(0);
    expect(digest.services[0]?.week.unknownMinutes).toEqual(['2026-11-18']);
  });

  it('a missed session with no reason is kept under not-stated and still counts as accounted', () => {
    const week = speechWeek([
      { date: '2026-11-17', status: 'delivered', minutes: 30 },
      { date: '2026-11-19', status: 'missed', minutes: 30 },
    ]);
    expect(week.missedMinutes).toEqual({ 'not-stated': 30 });
    expect(week.owedMinutes).toBe(0);
    expect(week.unaccountedMinutes).toBe(0);
  });

  it('unconfirmed sessions count, and the service is marked as including them', () => {
    const digest = computeDigest(
      input({
        requirements: [speechTwiceWeekly()],
        sessions: [ses({ date: '2026-11-17', status: 'delivered', minutes: 30, confirmed: false })],
      }),
    );
    expect(digest.services[0]?.week.deliveredMinutes).toBe(30);
    expect(digest.services[0]?.includesUnconfirmed).toBe(true);
    expect(digest.unconfirmed).toBe(1);
    expect(digest.unconfirmedEntries[0]).toMatchObject({ kind: 'session', date: '2026-11-17' });
  });
});

describe('minutes over the school year', () => {
  it('runs from the earliest requirement start to the as-of date, amendment included', () => {
    // Speech 60/week from Sep 1, amended to 30/week from Mon Nov 2. Closures Oct 12 and Nov 11.
    // Sep 1 – Oct 30: Sep 22 − Labor Day + Oct 21 open days = 42 → 60 × 42/5 = 504
    // Nov 2 – Nov 20: 15 weekdays − Nov 11 = 14 → 30 × 14/5 = 84; required = 588
    // Sessions: 3 delivered × 30 = 90; 2 missed provider-absent (Oct 6, Nov 17) = 60; 1 make-up 30.
    // delivered = 90 + 30 = 120; owed = 60 − 30 = 30; unaccounted = 588 − 120 − 60 = 408
    const digest = computeDigest(
      input({
        requirements: [
          speechTwiceWeekly(),
          req({
            service: 'speech-language',
            sessions: 1,
            minutes: 30,
            totalMinutes: 30,
            per: 'week',
            start: '2026-11-02',
          }),
        ],
        dates: [closure('2026-10-12'), closure('2026-11-11')],
        sessions: [
          ses({ date: '2026-09-08', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-09-10', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-10-06', status: 'missed', reason: 'provider-absent', minutes: 30 }),
          ses({ date: '2026-10-09', status: 'makeup', minutes: 30 }),
          ses({ date: '2026-11-10', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-11-17', status: 'missed', reason: 'provider-absent', minutes: 30 }),
        ],
      }),
    );
    expect(digest.services[0]?.countedFrom).toBe('2026-09-01');
    expect(digest.services[0]?.schoolYear).toEqual({
      requiredMinutes: 588,
      deliveredMinutes: 120,
      makeupMinutes: 30,
      missedMinutes: { 'provider-absent': 60 },
      missedSchoolSideMinutes: 60,
      missedChildSideMinutes: 0,
      missedReasonNotGivenMinutes: 0,
      owedMinutes: 30,
      unaccountedMinutes: 408,
      notReportedMinutes: 408,
      notTrackedMinutes: 0,
      beyondRequiredMinutes: 0,
      unknownMinutes: [],
    });
  });

  it('splits what no record covers into not tracked yet (before tracking began) and not reported', () => {
    // Speech 2 x 30 weekly from Sep 1; tracking since Mon Nov 2; Nov 11 closed.
    // Sep 1 - Oct 30: 44 weekdays less Labor Day (closed) and Columbus Day (schools differ) = 42 open
    // days x 12 = 504 due before tracking, none covered: not tracked yet.
    // Nov 2 - Nov 20: 14 open days x 12 = 168 due; 30 delivered, 30 missed (child absent): 108 not reported.
    // 672 due = 30 + 30 + 108 + 504.
    const digest = computeDigest(
      input({
        requirements: [speechTwiceWeekly()],
        dates: [closure('2026-11-11')],
        trackingSince: '2026-11-02',
        sessions: [
          ses({ date: '2026-11-03', status: 'delivered', minutes: 30 }),
          ses({ date: '2026-11-05', status: 'missed', reason: 'student-absent', minutes: 30 }),
        ],
      }),
    );
    const year = digest.services[0]?.schoolYear;
    expect(year).toMatchObject({
      requiredMinutes: 672,
      deliveredMinutes: 30,
      missedChildSideMinutes: 30,
      missedSchoolSideMinutes: 0,
      notReportedMinutes: 108,
      notTrackedMinutes: 504,
    });
    expect(digest.services[0]?.trackedFrom).toBe('2026-11-02');
  });

  it('a per-year service over the school year so far', () => {
    // 1800/year from Sep 1: Sep 22 + Oct 22 + Nov 2–20 15 = 59 weekdays, less Labor Day (closed),
    // Columbus Day and Veterans Day (schools differ: not counted) = 56 open days. 1800 × 56/180 = 560
    const digest = computeDigest(
      input({ requirements: [req({ service: 'counseling', totalMinutes: 1800, per: 'year' })] }),
    );
    expect(digest.services[0]?.schoolYear.requiredMinutes).toBe(560);
    expect(digest.services[0]?.week.requiredMinutes).toBe(50);
  });
});
