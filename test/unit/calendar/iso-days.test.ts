import { describe, expect, test } from 'vitest';
import {
  addDays,
  DAY_MS,
  dayFromNumber,
  dayIn,
  dayNumber,
  daysBetween,
  daysFrom,
  easterSunday,
  isIsoDay,
  isoWeekday,
  isWeekend,
  mondayOf,
  nthWeekdayOf,
} from '../../../shared/calendar/iso-days';

describe('ISO days on luxon', () => {
  test('steps, differences and weekdays of plain days', () => {
    expect(addDays('2026-11-02', 30)).toBe('2026-12-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-2-3')).toBe(false);
    expect(nthWeekdayOf(2026, 11, 4, 4)).toBe('2026-11-26');
    expect(nthWeekdayOf(2026, 5, 1, -1)).toBe('2026-05-25');
    // Easter 2026 is Apr 5, 2027 Mar 28 (Good Friday Mar 26).
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });
});

describe('one treatment of days that are not days', () => {
  test.each(['2026-02-30', '2026-2-3', '11/17/2026', '2026-11-17T10:00:00Z', ''])(
    '%j throws wherever it is used',
    (bad) => {
      expect(isIsoDay(bad)).toBe(false);
      expect(() => dayNumber(bad)).toThrow(RangeError);
      expect(() => addDays(bad, 1)).toThrow(/not a YYYY-MM-DD calendar date/);
      expect(() => daysBetween('2026-11-02', bad)).toThrow(RangeError);
      expect(() => isoWeekday(bad)).toThrow(RangeError);
      expect(() => daysFrom(bad, '2026-11-30')).toThrow(RangeError);
    },
  );
});

describe('one weekday numbering: ISO, 1 = Monday … 7 = Sunday', () => {
  test('a week from Monday Nov 2, 2026', () => {
    const week = daysFrom('2026-11-02', '2026-11-08');
    expect(week.map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(week.map(isWeekend)).toEqual([false, false, false, false, false, true, true]);
    expect(week.map(mondayOf)).toEqual(Array(7).fill('2026-11-02'));
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });
});

describe('day numbers', () => {
  test('count days since 1970-01-01 both ways', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2026-11-02') * DAY_MS).toBe(Date.UTC(2026, 10, 2));
    expect(dayFromNumber(dayNumber('2028-02-29'))).toBe('2028-02-29');
    expect(daysFrom('2026-11-03', '2026-11-02')).toEqual([]);
  });
});

describe('dayIn', () => {
  test('the day of a scheduled job is the child’s own day, not UTC’s', () => {
    // 06:30 UTC on 11-03 is 22:30 on 11-02 in Los Angeles (PST, UTC-8).
    expect(dayIn('America/Los_Angeles', new Date('2026-11-03T06:30:00Z'))).toBe('2026-11-02');
    expect(dayIn('America/New_York', new Date('2026-11-03T12:00:00Z'))).toBe('2026-11-03');
  });

  test('refuses a time zone that does not exist', () => {
    expect(() => dayIn('America/Nowhere', new Date('2026-11-03T12:00:00Z'))).toThrow(RangeError);
  });
});
