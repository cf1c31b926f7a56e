import { describe, expect, test } from 'vitest';
import {
  MAX_CLOSURE_RANGE_DAYS,
  recordedClosureDays,
  schoolCalendarFor,
} from '../../../shared/calendar/school-calendar';
import { addBusinessDays, dueDate } from '../../../shared/deadlines/count-days';

// The family's own year: first day Wed 2026-08-19, last day Fri 2027-06-11.
const OWN_YEAR = { firstDay: '2026-08-19', lastDay: '2027-06-11' };

function calendar(state: string | null, closures: Array<[string, string?]> = [], schoolYear = OWN_YEAR) {
  return schoolCalendarFor(
    { state, schoolYear },
    closures.map(([date, end]) => ({ date, end: end ?? null })),
    '2026-11-01',
  );
}

const caMeeting = { unit: 'calendar-days', days: 30, excludeBreaksLongerThanSchoolDays: 5 } as const;

describe('calendar days', () => {
  test('30 days from a request on Mon 2026-11-02 fall on Wed 2026-12-02', () => {
    // Day 1 is Tue 11-03; November has 30 days, so day 28 is Mon 11-30, day 29 Tue 12-01, day 30 Wed 12-02.
    expect(dueDate('2026-11-02', { unit: 'calendar-days', days: 30 }, calendar('CA'))).toEqual({
      due: '2026-12-02',
      estimated: false,
      mayMove: [],
    });
  });

  test('a due day that lands on a closure day stays there: calendar days do not move', () => {
    // Consent Thu 2026-09-24 + 60 = Mon 11-23, the first day of a recorded Thanksgiving closure 11-23..11-27.
    const counted = dueDate(
      '2026-09-24',
      { unit: 'calendar-days', days: 60 },
      calendar('CA', [['2026-11-23', '2026-11-27']]),
    );
    expect(counted.due).toBe('2026-11-23');
  });
});

describe('breaks judged by the school calendar (California: more than five school days)', () => {
  test('a recorded winter break with Christmas Day unrecorded is one long break: 30 days from 12-01 end 01-16', () => {
    // Mail: closed Mon 12-21..Thu 12-24 and Mon 12-28..Fri 01-01; Fri 12-25 is Christmas Day, closed by law.
    // Days without school run Sat 12-19..Sun 01-03 (10 weekdays > 5): none counted.
    // Counted: 12-02..12-18 = 17 days; 13 more from Mon 01-04 → Sat 2027-01-16. Before, the unrecorded
    // Christmas split the break into two runs of 4 and 5 weekdays and the due day was 12-31.
    const school = calendar('CA', [
      ['2026-12-21', '2026-12-24'],
      ['2026-12-28', '2027-01-01'],
    ]);
    expect(dueDate('2026-12-01', caMeeting, school)).toEqual({ due: '2027-01-16', estimated: false, mayMove: [] });
  });

  test('an unrecorded winter break is assumed long and the due day says it may move', () => {
    // Nothing recorded: Dec 21-24 and 28-31 are unknown (usual winter break), Dec 25 and Jan 1 holidays.
    // Taken as a break (never earlier than the law's), the same count gives 01-16, marked estimated.
    const counted = dueDate('2026-12-01', caMeeting, calendar('CA'));
    expect(counted.due).toBe('2027-01-16');
    expect(counted.estimated).toBe(true);
    expect(counted.mayMove).toEqual(['may move: school vacation (winter break not recorded)']);
  });

  test('Thanksgiving week (five weekdays) is not "in excess of five schooldays": 30 days from 11-02 stay 12-02', () => {
    // Mon 11-23..Wed 11-25 unknown, Thu 11-26 Thanksgiving, Fri 11-27 unknown: 5 weekdays, not long.
    expect(dueDate('2026-11-02', caMeeting, calendar('CA')).due).toBe('2026-12-02');
    expect(dueDate('2026-11-02', caMeeting, calendar('CA', [['2026-11-23', '2026-11-27']])).due).toBe('2026-12-02');
  });

  test('a due day that would fall inside a long break moves past it', () => {
    // Request Fri 2026-11-20, winter break recorded 12-21..01-01. Thanksgiving week is 5 weekdays (counted).
    // 11-21..12-18 = 28 days; 12-19..01-03 not counted; day 29 Mon 01-04, day 30 Tue 2027-01-05.
    const school = calendar('CA', [['2026-12-21', '2027-01-01']]);
    expect(dueDate('2026-11-20', caMeeting, school).due).toBe('2027-01-05');
  });

  test('an unrecorded spring week is not a California long break, wherever it falls', () => {
    // CA request Fri 2027-04-02, spring break not recorded (5 weekdays somewhere Mar 9..Apr 17). Any
    // placement is a run of 5 weekdays with its weekends: not more than five school days, so it is
    // counted and 30 days end Sun 05-02 whatever week the break is.
    const counted = dueDate('2027-04-02', caMeeting, calendar('CA'));
    expect(counted.due).toBe('2027-05-02');
  });

  test('Georgia (breaks of five or more school days): a floating spring week is a long break', () => {
    // GA 60 days, breaks of 5+ school days not counted. Consent Mon 2027-03-01 with spring break not
    // recorded: a week Mon..Fri is 5 weekdays, long for Georgia, so the latest placement (the last full
    // week, Mon 04-12..Fri 04-16, with its weekends Sat 04-10..Sun 04-18 = 9 days) pushes the day on 9 days:
    // 03-01 + 60 = Fri 04-30 → Sun 2027-05-09.
    const georgia = { unit: 'calendar-days', days: 60, excludeBreaksLongerThanSchoolDays: 4 } as const;
    const counted = dueDate('2027-03-01', georgia, calendar('GA'));
    expect(counted.due).toBe('2027-05-09');
    expect(counted.estimated).toBe(true);
    expect(counted.mayMove).toContain(
      'may be earlier: spring break not recorded (counted as if it fell before this date)',
    );
  });
});

describe('summer (Pennsylvania)', () => {
  const pa = { unit: 'calendar-days', days: 60, excludeSummer: true } as const;

  test("summer between the family's last day and the next (estimated) first day is not counted", () => {
    // Consent Mon 2027-05-24, last day Fri 06-11: 05-25..06-11 = 18 days. 2027-28 is estimated: first day
    // Wed 09-08 at the latest. Sep 8..30 = 23 days (41 in all); Oct 1..19 = 19 more: day 60 is Tue 2027-10-19.
    const counted = dueDate('2027-05-24', pa, calendar('PA'));
    expect(counted.due).toBe('2027-10-19');
    expect(counted.mayMove).toEqual(['may move: school vacation (the first day of school is estimated)']);
  });

  test('a long break that is not summer does not stop the Pennsylvania clock', () => {
    // Consent Mon 2026-12-07 with the winter break recorded: 60 plain days → Fri 2027-02-05.
    const counted = dueDate('2026-12-07', pa, calendar('PA', [['2026-12-21', '2027-01-01']]));
    expect(counted).toEqual({ due: '2027-02-05', estimated: false, mayMove: [] });
  });
});

describe('school days: days the calendar says are school days', () => {
  test('five school days from Mon 2026-11-02 skip the weekend; a recorded closure adds a day', () => {
    expect(dueDate('2026-11-02', { unit: 'school-days', days: 5 }, calendar('TX')).due).toBe('2026-11-09');
    // Closure Wed 11-04: Tue 03, Thu 05, Fri 06, Mon 09, Tue 10.
    expect(dueDate('2026-11-02', { unit: 'school-days', days: 5 }, calendar('TX', [['2026-11-04']])).due).toBe(
      '2026-11-10',
    );
  });

  test('a holiday districts differ on is not counted, and the day says it may be earlier', () => {
    // Texas, from Thu 2026-11-05: Fri 06, Mon 09, Tue 10, (Wed 11 Veterans Day: unknown), Thu 12, Fri 13.
    const counted = dueDate('2026-11-05', { unit: 'school-days', days: 5 }, calendar('TX'));
    expect(counted.due).toBe('2026-11-13');
    expect(counted.estimated).toBe(true);
    expect(counted.mayMove).toEqual([
      "may be earlier if the school was open on days the school's calendar does not give: Veterans Day: schools differ",
    ]);
  });

  test('a holiday closed by state law is simply not a school day', () => {
    // California closes schools on Veterans Day (Ed. Code 37220): same count, not estimated.
    expect(dueDate('2026-11-05', { unit: 'school-days', days: 5 }, calendar('CA'))).toEqual({
      due: '2026-11-13',
      estimated: false,
      mayMove: [],
    });
  });

  test('Illinois 60 school days from consent Thu 2026-10-01 with nothing recorded end Tue 2027-01-19, not 12-24', () => {
    // Fri 10-02 (1); Oct 5-9 (6); Mon 10-12 Columbus Day unknown; Oct 13-16 (10); Oct 19-23 (15);
    // Oct 26-30 (20); Nov 2-6 (25); Nov 9-10 (27); Wed 11-11 Veterans' Day unknown; Nov 12-13 (29);
    // Nov 16-20 (34); Thanksgiving week none; Nov 30-Dec 4 (39); Dec 7-11 (44); Dec 14-18 (49);
    // winter break unknown Dec 21-31, Jan 1 holiday; Jan 4-8 (54); Jan 11-15 (59); Mon 01-18 MLK Day
    // unknown in Illinois (24-2(b) lets boards hold school); Tue 2027-01-19 (60).
    const counted = dueDate('2026-10-01', { unit: 'school-days', days: 60 }, calendar('IL'));
    expect(counted.due).toBe('2027-01-19');
    expect(counted.estimated).toBe(true);
  });

  test('a spring break nobody recorded adds its week to a school-day count that crosses it', () => {
    // Texas, 10 school days from Fri 2027-03-26 (no break recorded). Without a break: Mar 29-Apr 2 (5),
    // Apr 5-9 (10) → Fri 04-09. The latest placement (Mon 04-05..Fri 04-09) gives Apr 12-16 → Fri 04-16.
    const counted = dueDate('2027-03-26', { unit: 'school-days', days: 10 }, calendar('TX'));
    expect(counted.due).toBe('2027-04-16');
    expect(counted.estimated).toBe(true);
  });
});

describe('business days: weekdays except federal and state holidays (34 CFR 300.11(b))', () => {
  test('five business days from Mon 2026-11-02 end Mon 2026-11-09', () => {
    expect(addBusinessDays('2026-11-02', 5, calendar('CA'))).toBe('2026-11-09');
  });

  test('the day after Thanksgiving is a California holiday: records asked Fri 11-20 are due Tue 12-01, not Mon 11-30', () => {
    // Mon 23, Tue 24, Wed 25, (Thu 26 Thanksgiving, Fri 27 day after Thanksgiving: Cal. Gov. Code 19853),
    // Mon 30, Tue 12-01. In Ohio the Friday is a business day: Mon 23, Tue 24, Wed 25, Fri 27, Mon 30.
    expect(addBusinessDays('2026-11-20', 5, calendar('CA'))).toBe('2026-12-01');
    expect(addBusinessDays('2026-11-20', 5, calendar('OH'))).toBe('2026-11-30');
  });

  test('Illinois records asked Mon 2026-11-02: 10 business days end Tue 11-17 (Veterans Day skipped)', () => {
    // Nov 3-6 (4), 9-10 (6), (Wed 11 Veterans Day), 12-13 (8), 16-17 (10).
    expect(dueDate('2026-11-02', { unit: 'business-days', days: 10 }, calendar('IL'))).toEqual({
      due: '2026-11-17',
      estimated: false,
      mayMove: [],
    });
  });
});

describe('closure items and rules without a count', () => {
  test('a range gives every day from first to last; an absurd range is cut', () => {
    const closed = recordedClosureDays([{ date: '2026-12-30', end: '2027-01-02' }, { date: '2027-02-15' }]);
    expect([...closed].sort()).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-02-15']);
    expect(recordedClosureDays([{ date: '2026-01-01', end: '2036-01-01' }]).size).toBe(MAX_CLOSURE_RANGE_DAYS + 1);
  });

  test('rules without a deadline give no due day, and on-date rules give the date itself', () => {
    expect(dueDate('2026-11-02', { unit: 'none' }, calendar(null)).due).toBeNull();
    expect(dueDate('2027-03-01', { unit: 'on-date' }, calendar(null)).due).toBe('2027-03-01');
  });
});
