import { describe, expect, it } from 'vitest';
import type { Tracked } from '../../../shared/compliance/digest-types';
import { requiredMinutes, requirementsInForce } from '../../../shared/compliance/required-minutes';
import { SchoolCalendar } from '../../../shared/compliance/school-calendar';
import type { Requirement } from '../../../shared/records/types';
import { req, speechTwiceWeekly } from './records';

const WEEK_NOV_16 = { start: '2026-11-16', end: '2026-11-20' };

function required(rows: Tracked<Requirement>[], window: { start: string; end: string }, closures: string[] = []) {
  const service = rows[0]?.service ?? 'speech-language';
  return requiredMinutes(requirementsInForce(rows, service), window, new SchoolCalendar(closures));
}

describe('required minutes per week', () => {
  it('a full week of a 2 x 30 weekly service requires 60 minutes', () => {
    // 60 × 5 open days / 5 = 60
    expect(required([speechTwiceWeekly()], WEEK_NOV_16)).toBe(60);
  });

  it('a closure inside the week takes its share off', () => {
    // Week of Nov 9–13 with Veterans Day (Wed Nov 11) closed: 4 open days.
    // 60 × 4 / 5 = 48
    expect(required([speechTwiceWeekly()], { start: '2026-11-09', end: '2026-11-13' }, ['2026-11-11'])).toBe(48);
  });

  it('a week closed for a holiday range counts only the days school was open', () => {
    // Thanksgiving week Nov 23–27 with Wed–Fri closed: Mon, Tue open.
    // 60 × 2 / 5 = 24
    const closures = ['2026-11-25', '2026-11-26', '2026-11-27'];
    expect(required([speechTwiceWeekly()], { start: '2026-11-23', end: '2026-11-27' }, closures)).toBe(24);
  });

  it('a requirement starting mid-week counts only its open days', () => {
    // 90 min/week starting Wed Nov 18: Wed, Thu, Fri open in the window.
    // 90 × 3 / 5 = 54
    const rows = [req({ service: 'occupational-therapy', totalMinutes: 90, per: 'week', start: '2026-11-18' })];
    expect(required(rows, WEEK_NOV_16)).toBe(54);
  });

  it('a week that is only partly over counts the days up to the as-of date', () => {
    // As of Wed Nov 18: Mon, Tue, Wed. 60 × 3 / 5 = 36
    expect(required([speechTwiceWeekly()], { start: '2026-11-16', end: '2026-11-18' })).toBe(36);
  });
});

describe('required minutes per day, month and year', () => {
  it('a daily service multiplies by the open days', () => {
    // 30 min/day, week of Nov 9–13 with Nov 11 closed: 30 × 4 = 120
    const rows = [
      req({ service: 'specialized-academic-instruction', sessions: 1, minutes: 30, totalMinutes: 30, per: 'day' }),
    ];
    expect(required(rows, { start: '2026-11-09', end: '2026-11-13' }, ['2026-11-11'])).toBe(120);
  });

  it('a monthly service across a month boundary takes each month’s share of its own open days', () => {
    // 120 min/month, window Mon Oct 26 – Fri Nov 6, closures Oct 12, Nov 11, Nov 26, Nov 27.
    // October 2026: 22 weekdays − Oct 12 = 21 open days; Oct 26–30 in the window = 5.
    // November 2026: 21 weekdays − Nov 11, 26, 27 = 18 open days; Nov 2–6 in the window = 5.
    // 120 × 5/21 + 120 × 5/18 = 28.571 + 33.333 = 61.905 → 62
    const rows = [req({ service: 'occupational-therapy', totalMinutes: 120, per: 'month' })];
    const closures = ['2026-10-12', '2026-11-11', '2026-11-26', '2026-11-27'];
    expect(required(rows, { start: '2026-10-26', end: '2026-11-06' }, closures)).toBe(62);
  });

  it('a monthly service over a whole month requires exactly its monthly total', () => {
    // November: 18 of 18 open days → 120 × 18/18 = 120
    const rows = [req({ service: 'occupational-therapy', totalMinutes: 120, per: 'month' })];
    const closures = ['2026-11-11', '2026-11-26', '2026-11-27'];
    expect(required(rows, { start: '2026-11-01', end: '2026-11-30' }, closures)).toBe(120);
  });

  it('a yearly service is spread over 180 school days', () => {
    // "45 sessions @ 40 for 1800 min served yearly": week of Nov 16–20 → 1800 × 5 / 180 = 50
    const rows = [req({ service: 'counseling', sessions: 45, minutes: 40, totalMinutes: 1800, per: 'year' })];
    expect(required(rows, WEEK_NOV_16)).toBe(50);
  });

  it('a yearly service over the school year so far counts every open day', () => {
    // Sep 1 – Nov 20 with Oct 12 and Nov 11 closed: Sep 22 + Oct 21 + Nov 2–20 14 = 57 open days.
    // 1800 × 57 / 180 = 570
    const rows = [req({ service: 'counseling', totalMinutes: 1800, per: 'year' })];
    expect(required(rows, { start: '2026-09-01', end: '2026-11-20' }, ['2026-10-12', '2026-11-11'])).toBe(570);
  });

  it('rounds once, at the end, not row by row', () => {
    // Three rows of 7 min/week, one open day (Mon Nov 16): 3 × (7 × 1/5) = 3 × 1.4 = 4.2 → 4
    // (rounding each row first would give 1 + 1 + 1 = 3)
    const rows = [1, 2, 3].map(() => req({ service: 'other', totalMinutes: 7, per: 'week' }));
    expect(required(rows, { start: '2026-11-16', end: '2026-11-16' })).toBe(4);
  });

  it('takes sessions × minutes when the total is not written', () => {
    // 3 × 20 = 60 per week, full week → 60
    const rows = [req({ service: 'speech-language', sessions: 3, minutes: 20, per: 'week' })];
    expect(required(rows, WEEK_NOV_16)).toBe(60);
  });

  it('requires nothing it cannot count: no total and no sessions × minutes', () => {
    const rows = [req({ service: 'speech-language', per: 'week' })];
    expect(required(rows, WEEK_NOV_16)).toBe(0);
  });
});

describe('several rows and amendments', () => {
  it('adds rows of one service that start together', () => {
    // Individual 2 × 30 + group 1 × 30 per week: 60 + 30 = 90 for a full week
    const rows = [
      speechTwiceWeekly(),
      req({ service: 'speech-language', delivery: 'group', sessions: 1, minutes: 30, totalMinutes: 30, per: 'week' }),
    ];
    expect(required(rows, WEEK_NOV_16)).toBe(90);
  });

  it('an amendment replaces the earlier plan from its date', () => {
    // 60/week from Sep 1, amended to 90/week from Wed Nov 18.
    // Mon–Tue under the old plan: 60 × 2/5 = 24; Wed–Fri under the new: 90 × 3/5 = 54; 24 + 54 = 78
    const rows = [
      speechTwiceWeekly(),
      req({ service: 'speech-language', sessions: 3, minutes: 30, totalMinutes: 90, per: 'week', start: '2026-11-18' }),
    ];
    expect(required(rows, WEEK_NOV_16)).toBe(78);
  });

  it('an amendment mid-year changes the school-year total from its date only', () => {
    // 60/week Sep 1 – Oct 30, 30/week from Nov 2 (amendment). No closures.
    // Sep 1 – Oct 30: Sep 22 + Oct 22 = 44 open days → 60 × 44/5 = 528
    // Nov 2 – Nov 20: 15 open days → 30 × 15/5 = 90; total 618
    const rows = [
      speechTwiceWeekly(),
      req({ service: 'speech-language', sessions: 1, minutes: 30, totalMinutes: 30, per: 'week', start: '2026-11-02' }),
    ];
    expect(required(rows, { start: '2026-09-01', end: '2026-11-20' })).toBe(618);
  });

  it('each row of a plan keeps its own end date', () => {
    // Same start: A 60/week ending Tue Nov 17, B 30/week open-ended.
    // A: 60 × 2/5 = 24; B: 30 × 5/5 = 30; 54
    const rows = [
      req({ service: 'speech-language', totalMinutes: 60, per: 'week', end: '2026-11-17' }),
      req({ service: 'speech-language', totalMinutes: 30, per: 'week' }),
    ];
    expect(required(rows, WEEK_NOV_16)).toBe(54);
  });

  it('a row without a start belongs to the earliest plan and is replaced by a dated one', () => {
    // Undated 60/week; amendment 30/week from Mon Nov 16 → the week is all new plan: 30
    const rows = [
      req({ service: 'speech-language', totalMinutes: 60, per: 'week', start: null }),
      req({ service: 'speech-language', totalMinutes: 30, per: 'week', start: '2026-11-16' }),
    ];
    expect(required(rows, WEEK_NOV_16)).toBe(30);
  });

  it('a service not yet started requires nothing', () => {
    const rows = [req({ service: 'speech-language', totalMinutes: 60, per: 'week', start: '2026-12-01' })];
    expect(required(rows, WEEK_NOV_16)).toBe(0);
  });
});
