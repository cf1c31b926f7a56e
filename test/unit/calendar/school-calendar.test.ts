import { describe, expect, test } from 'vitest';
import {
  calendarStates,
  FEDERAL_CALENDAR,
  holidaysOn,
  isBusinessDay,
  parseStateCalendar,
  stateCalendar,
} from '../../../shared/calendar/holidays';
import { parseSchoolYearRange, schoolCalendarFor } from '../../../shared/calendar/school-calendar';

const OWN_YEAR = { firstDay: '2026-08-19', lastDay: '2027-06-11' };

describe('holidays as data', () => {
  test('every state file loads, names a source for each holiday, and covers the eleven states', () => {
    expect(calendarStates()).toEqual(['CA', 'FL', 'GA', 'IL', 'MA', 'MI', 'NC', 'NY', 'OH', 'PA', 'TX']);
    for (const state of calendarStates()) {
      const data = stateCalendar(state);
      expect(data?.state).toBe(state);
      for (const source of data?.sources ?? []) expect(source.url).toMatch(/^https?:\/\//);
    }
    expect(FEDERAL_CALENDAR.typicalBreaks.map((b) => b.name)).toEqual([
      'Thanksgiving break',
      'winter break',
      'spring break',
    ]);
  });

  test('a holiday naming a source the file does not list is refused', () => {
    const ca = stateCalendar('CA');
    const broken = { ...ca, holidays: [{ ...ca?.holidays[0], source: 'nowhere' }] };
    expect(() => parseStateCalendar(broken)).toThrow();
  });

  test('the day after Thanksgiving is a California holiday, not a federal one: no business day in CA, one in Ohio', () => {
    // Thanksgiving 2026 is Thu 11-26.
    expect(isBusinessDay('2026-11-27', 'CA')).toBe(false);
    expect(isBusinessDay('2026-11-27', 'OH')).toBe(true);
    expect(isBusinessDay('2026-11-27', null)).toBe(true);
    expect(holidaysOn('2026-11-27', 'CA').map((h) => h.citation)).toEqual([
      'Cal. Gov. Code 19853 (state employees); Code Civ. Proc. 135',
    ]);
  });

  test('state holidays of the other states fall where their laws put them', () => {
    expect(isBusinessDay('2026-03-02', 'TX')).toBe(false); // Texas Independence Day, a Monday
    expect(isBusinessDay('2026-11-03', 'NY')).toBe(false); // General Election Day: Tuesday after the first Monday
    expect(isBusinessDay('2027-03-26', 'NC')).toBe(false); // Good Friday
    expect(isBusinessDay('2026-12-31', 'MI')).toBe(false); // New Year's Eve
    expect(isBusinessDay('2027-04-19', 'MA')).toBe(false); // Patriots' Day, third Monday in April
    expect(isBusinessDay('2027-03-01', 'IL')).toBe(false); // Casimir Pulaski Day, first Monday in March
    expect(isBusinessDay('2026-07-03', null)).toBe(false); // July 4 on a Saturday is observed Friday
    expect(isBusinessDay('2026-11-10', 'CA')).toBe(true);
  });
});

describe("the family's own school year", () => {
  const calendar = schoolCalendarFor({ state: 'CA', schoolYear: OWN_YEAR }, [], '2026-11-13');

  test('gives its first and last days, not estimated, and summer is never school', () => {
    expect(calendar.firstDay).toBe('2026-08-19');
    expect(calendar.lastDay).toBe('2027-06-11');
    expect(calendar.estimated).toBe(false);
    expect(calendar.source).toContain('your setting');
    expect(calendar.isSchoolDay('2026-08-18')).toBe('no');
    expect(calendar.isSchoolDay('2026-08-19')).toBe('yes');
    expect(calendar.isSchoolDay('2027-06-11')).toBe('yes');
    expect(calendar.isSchoolDay('2027-06-14')).toBe('no');
    expect(calendar.readDay('2027-07-06').why).toBe('summer');
  });

  test('with extended school year services summer weekdays are unknown, weekends still no', () => {
    const esy = schoolCalendarFor({ state: 'CA', schoolYear: OWN_YEAR, extendedSchoolYear: true }, [], '2026-11-13');
    expect(esy.isSchoolDay('2027-07-06')).toBe('unknown');
    expect(esy.isSchoolDay('2027-07-10')).toBe('no');
  });

  test('holidays: closed by law is no, left to the district is unknown, open stays a school day', () => {
    expect(calendar.isSchoolDay('2026-11-11')).toBe('no'); // Veterans Day, Cal. Ed. Code 37220
    expect(calendar.readDay('2026-11-11').why).toBe('Veterans Day');
    expect(calendar.isSchoolDay('2026-09-25')).toBe('unknown'); // Native American Day, 37220.7: may close
    expect(calendar.isSchoolDay('2026-09-09')).toBe('yes'); // Admission Day: schools open
    const texas = schoolCalendarFor({ state: 'TX', schoolYear: OWN_YEAR }, [], '2026-11-13');
    expect(texas.isSchoolDay('2027-03-02')).toBe('yes'); // Texas Independence Day: schools open
    expect(texas.isBusinessDay('2027-03-02')).toBe(false); // but no business day
  });
});

describe('a state default year when the family set none', () => {
  test('California: the latest usual first day and earliest usual last day, days between them unknown', () => {
    const calendar = schoolCalendarFor({ state: 'CA' }, [], '2026-11-13');
    expect(calendar.estimated).toBe(true);
    expect(calendar.firstDay).toBe('2026-08-31');
    expect(calendar.lastDay).toBe('2027-05-28');
    expect(calendar.source).toContain('Cal. Ed. Code 37200');
    expect(calendar.isSchoolDay('2026-08-03')).toBe('no');
    expect(calendar.isSchoolDay('2026-08-20')).toBe('unknown');
    expect(calendar.isSchoolDay('2026-09-01')).toBe('yes');
    expect(calendar.isSchoolDay('2027-06-08')).toBe('unknown');
    expect(calendar.isSchoolDay('2027-06-21')).toBe('no');
  });

  test('a state without a file gets the nationwide default, and says so', () => {
    const calendar = schoolCalendarFor({ state: 'WY' }, [], '2026-11-13');
    expect(calendar.estimated).toBe(true);
    expect(calendar.source).toContain('usual US dates');
    expect(calendar.firstDay).toBe('2026-09-08');
  });

  test('during summer the calendar shows the year about to start', () => {
    const calendar = schoolCalendarFor({ state: 'CA', schoolYear: OWN_YEAR }, [], '2027-06-20');
    expect(calendar.firstDay).toBe('2027-08-31');
    expect(calendar.estimated).toBe(true);
  });
});

describe('breaks: recorded from school mail, else the usual ones unknown', () => {
  test('with nothing recorded, Thanksgiving week and winter break weekdays are unknown', () => {
    const calendar = schoolCalendarFor({ state: 'CA', schoolYear: OWN_YEAR }, [], '2026-11-13');
    expect(calendar.isSchoolDay('2026-11-23')).toBe('unknown');
    expect(calendar.isSchoolDay('2026-11-26')).toBe('no'); // Thanksgiving Day
    expect(calendar.readDay('2026-12-22').why).toBe('winter break not recorded');
    expect(calendar.isSchoolDay('2026-12-18')).toBe('yes');
    expect(calendar.isSchoolDay('2027-01-04')).toBe('yes');
    expect(calendar.breaks.filter((b) => !b.recorded).map((b) => b.name)).toEqual([
      'Thanksgiving break',
      'winter break',
      'spring break',
    ]);
  });

  test('a recorded winter break with Christmas Day unrecorded is one break, Sat 12-19 to Sun 01-03', () => {
    // School mail: closed Mon 12-21..Thu 12-24 and Mon 12-28..Fri 01-01. Fri 12-25 is Christmas Day (closed
    // by law), so the days without school run unbroken from Sat 12-19 to Sun 2027-01-03.
    const calendar = schoolCalendarFor(
      { state: 'CA', schoolYear: OWN_YEAR },
      [
        { date: '2026-12-21', end: '2026-12-24' },
        { date: '2026-12-28', end: '2027-01-01' },
      ],
      '2026-11-13',
    );
    expect(calendar.isSchoolDay('2026-12-25')).toBe('no');
    expect(calendar.breaks.filter((b) => b.recorded)).toEqual([
      { name: 'winter break', first: '2026-12-19', last: '2027-01-03', recorded: true },
    ]);
    expect(calendar.breaks.some((b) => b.name === 'winter break' && !b.recorded)).toBe(false);
  });

  test('an unrecorded spring break floats: five weekdays somewhere from Mar 9 to Apr 17', () => {
    const calendar = schoolCalendarFor({ state: 'CA', schoolYear: OWN_YEAR }, [], '2026-11-13');
    const reading = calendar.readDay('2027-03-15');
    expect(reading.answer).toBe('unknown');
    expect(reading.floatingBreak).toEqual({
      name: 'spring break',
      first: '2027-03-09',
      last: '2027-04-17',
      recorded: false,
      weekdays: 5,
    });
    const recorded = schoolCalendarFor(
      { state: 'CA', schoolYear: OWN_YEAR },
      [{ date: '2027-03-22', end: '2027-03-26' }],
      '2026-11-13',
    );
    expect(recorded.isSchoolDay('2027-03-15')).toBe('yes');
    expect(recorded.isSchoolDay('2027-03-23')).toBe('no');
  });

  test('other date items passed along are ignored; only school-closure items close school', () => {
    const calendar = schoolCalendarFor(
      { state: 'CA', schoolYear: OWN_YEAR },
      [
        { type: 'meeting-scheduled', date: '2026-10-06', end: null },
        { type: 'school-closure', date: '2026-10-07', end: null },
      ],
      '2026-11-13',
    );
    expect(calendar.isSchoolDay('2026-10-06')).toBe('yes');
    expect(calendar.isSchoolDay('2026-10-07')).toBe('no');
  });
});

describe('the --school-year setting', () => {
  test('reads FIRST..LAST and refuses anything else with a message a person can act on', () => {
    expect(parseSchoolYearRange('2026-08-19..2027-06-11')).toEqual(OWN_YEAR);
    expect(() => parseSchoolYearRange('2027-06-11..2026-08-19')).toThrow(/FIRST\.\.LAST/);
    expect(() => parseSchoolYearRange('2026-08-19..2028-06-11')).toThrow(RangeError);
    expect(() => parseSchoolYearRange('2026-02-30..2026-06-11')).toThrow(RangeError);
    expect(() => parseSchoolYearRange('next year')).toThrow(RangeError);
  });
});
