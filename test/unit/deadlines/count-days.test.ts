import { describe, expect, test } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  addSchoolDays,
  closureDates,
  dueDate,
  isFederalHoliday,
  longBreakDays,
  MAX_CLOSURE_RANGE_DAYS,
} from '../../../shared/deadlines/count-days';
import type { DateItem } from '../../../shared/records/types';

function closure(date: string, end: string | null = null): DateItem {
  return { type: 'school-closure', date, end };
}

describe('calendar days', () => {
  test('30 days from a request on Mon 2026-11-02 fall on Wed 2026-12-02', () => {
    // Day 1 is Tue 11-03; November has 30 days, so day 28 is Mon 11-30, day 29 Tue 12-01, day 30 Wed 12-02.
    expect(addCalendarDays('2026-11-02', 30)).toBe('2026-12-02');
  });

  test('45 days count straight through weekends and month ends', () => {
    // 2026-11-02 + 28 = 11-30; + 17 more = 12-17.
    expect(addCalendarDays('2026-11-02', 45)).toBe('2026-12-17');
  });

  test('a due day that lands on a closure day stays there: calendar days do not move', () => {
    // Consent Thu 2026-09-24: day 6 is 09-30, day 37 is 10-31, day 60 is Mon 11-23, the first day of a
    // Thanksgiving closure 11-23..11-27. The federal 60 days say nothing about closures, so 11-23 stands.
    // Prepare
    const closures = closureDates([closure('2026-11-23', '2026-11-27')]);
    // Act
    const due = dueDate('2026-09-24', { unit: 'calendar-days', days: 60 }, closures);
    // Assess
    expect(due).toBe('2026-11-23');
    expect(closures.has('2026-11-23')).toBe(true);
  });
});

describe('California long breaks (more than five school days) are not counted', () => {
  const caMeeting = { unit: 'calendar-days', days: 30, excludeBreaksLongerThanSchoolDays: 5 } as const;

  test('a two-week winter break stops the clock, weekends at either end included', () => {
    // Request Mon 2026-12-07. Winter break closures Mon 12-21..Fri 2027-01-01 (10 weekdays) make one run of
    // days without school from Sat 12-19 to Sun 01-03, none counted.
    // Counted: 12-08..12-18 = 11 days; then 01-04..01-22 = 19 days; 11 + 19 = 30 → Fri 2027-01-22.
    // Prepare
    const closures = closureDates([closure('2026-12-21', '2027-01-01')]);
    // Act
    const due = dueDate('2026-12-07', caMeeting, closures);
    // Assess
    expect(due).toBe('2027-01-22');
    expect(dueDate('2026-12-07', { unit: 'calendar-days', days: 30 }, closures)).toBe('2027-01-06');
  });

  test('a five-day Thanksgiving week is not "in excess of five schooldays" and still counts', () => {
    // Closures Mon 11-23..Fri 11-27: exactly 5 weekdays, so the request of Mon 11-02 stays due Wed 12-02.
    const closures = closureDates([closure('2026-11-23', '2026-11-27')]);
    expect(dueDate('2026-11-02', caMeeting, closures)).toBe('2026-12-02');
  });

  test('a due day that would fall inside a long break moves past it', () => {
    // Request Fri 2026-11-20. Counted: 11-21..12-18 = 28 days; 12-19..01-03 are the break; day 29 is
    // Mon 01-04 and day 30 Tue 2027-01-05. Without the exclusion day 30 is Sun 12-20, inside the break.
    const closures = closureDates([closure('2026-12-21', '2027-01-01')]);
    expect(dueDate('2026-11-20', caMeeting, closures)).toBe('2027-01-05');
  });

  test('a break is long from the sixth weekday closure on', () => {
    // Mon 2027-03-22..Fri 03-26 is 5 weekdays (not long); adding Mon 03-29 makes 6 (long).
    const five = longBreakDays(closureDates([closure('2027-03-22', '2027-03-26')]), 5);
    const six = longBreakDays(closureDates([closure('2027-03-22', '2027-03-29')]), 5);
    expect(five.size).toBe(0);
    // Sat 03-20 .. Mon 03-29 is 10 days.
    expect([...six].sort()).toEqual([
      '2027-03-20',
      '2027-03-21',
      '2027-03-22',
      '2027-03-23',
      '2027-03-24',
      '2027-03-25',
      '2027-03-26',
      '2027-03-27',
      '2027-03-28',
      '2027-03-29',
    ]);
  });
});

describe('school days (weekdays that are not closure days)', () => {
  test('five school days from Mon 2026-11-02 skip the weekend', () => {
    // Tue 03, Wed 04, Thu 05, Fri 06, (Sat, Sun), Mon 09.
    expect(addSchoolDays('2026-11-02', 5, new Set())).toBe('2026-11-09');
  });

  test('a closure inside the window adds a day', () => {
    // Closure Wed 11-04: Tue 03, Thu 05, Fri 06, Mon 09, Tue 10.
    expect(addSchoolDays('2026-11-02', 5, closureDates([closure('2026-11-04')]))).toBe('2026-11-10');
  });

  test('a federal holiday is a school day unless the school says it is closed', () => {
    // From Thu 2026-11-05: Fri 06, Mon 09, Tue 10, Wed 11 (Veterans Day), Thu 12.
    expect(addSchoolDays('2026-11-05', 5, new Set())).toBe('2026-11-12');
    // With Veterans Day recorded as a closure: Fri 06, Mon 09, Tue 10, Thu 12, Fri 13.
    expect(addSchoolDays('2026-11-05', 5, closureDates([closure('2026-11-11')]))).toBe('2026-11-13');
  });

  test('a count never ends on a closure day: it runs on to the next school day', () => {
    // From Thu 2026-11-19 with Thanksgiving week closed (11-23..11-27): Fri 20, Mon 30, Tue 12-01, Wed 12-02, Thu 12-03.
    const closures = closureDates([closure('2026-11-23', '2026-11-27')]);
    expect(addSchoolDays('2026-11-19', 5, closures)).toBe('2026-12-03');
  });

  test('45 school days from Mon 2026-09-14 with no closures are nine school weeks', () => {
    // Day 1 is Tue 09-15; every Tue..Mon span holds 5 school days; nine spans end Mon 2026-11-16.
    expect(dueDate('2026-09-14', { unit: 'school-days', days: 45 }, new Set())).toBe('2026-11-16');
  });
});

describe('business days (weekdays that are not US federal holidays)', () => {
  test('five business days from Mon 2026-11-02 end Mon 2026-11-09', () => {
    // Tue 03, Wed 04, Thu 05, Fri 06, Mon 09 (Veterans Day is Wed 11-11, after the window).
    expect(addBusinessDays('2026-11-02', 5)).toBe('2026-11-09');
  });

  test('a weekend and Veterans Day inside the window push the due day on', () => {
    // From Fri 2026-11-06: Mon 09, Tue 10, (Wed 11 Veterans Day), Thu 12, Fri 13, (weekend), Mon 16.
    expect(addBusinessDays('2026-11-06', 5)).toBe('2026-11-16');
  });

  test('holidays on a weekend are observed on the nearest weekday', () => {
    // July 4, 2026 is a Saturday: observed Fri 07-03. January 1, 2028 is a Saturday: observed Fri 2027-12-31.
    expect(isFederalHoliday('2026-07-03')).toBe(true);
    expect(isFederalHoliday('2027-12-31')).toBe(true);
    expect(isFederalHoliday('2026-07-06')).toBe(false);
  });
});

describe('closure dates', () => {
  test('a range gives every day from first to last; a single day only itself', () => {
    const closed = closureDates([closure('2026-12-30', '2027-01-02'), closure('2027-02-15')]);
    expect([...closed].sort()).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-02-15']);
  });

  test('an absurd range is cut instead of filling the calendar', () => {
    const closed = closureDates([closure('2026-01-01', '2036-01-01')]);
    expect(closed.size).toBe(MAX_CLOSURE_RANGE_DAYS + 1);
  });

  test('rules without a deadline give no due day, and on-date rules give the date itself', () => {
    expect(dueDate('2026-11-02', { unit: 'none' }, new Set())).toBeNull();
    expect(dueDate('2027-03-01', { unit: 'on-date' }, new Set())).toBe('2027-03-01');
  });
});
