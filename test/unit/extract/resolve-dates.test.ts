import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/calendar/iso-days';
import {
  dateFromCell,
  findDateMentions,
  isoDate,
  placeMonthDay,
  resolveDate,
  resolveWeekday,
  tenseOf,
} from '../../../shared/extract/resolve-dates';

// 2026-11-03 is a Tuesday.
const ANCHOR = '2026-11-03';

describe('dotted month and day', () => {
  it('reads "10.28 (Wed)" and "10.29 Thu" as days, the weekday after them; a decimal before a weekday is no day', () => {
    expect(findDateMentions('GROUP - 10.28 (Wed) - 30 min', ANCHOR).map((m) => m.date)).toEqual(['2026-10-28']);
    expect(findDateMentions('OT 10.29 Thu, 25 min', ANCHOR).map((m) => m.date)).toEqual(['2026-10-29']);
    expect(findDateMentions('She read at level 2.5 Wed and 3.1 Thu', ANCHOR).filter((m) => !m.relative)).toEqual([]);
  });
});

describe('resolveDate', () => {
  it('reads today, tomorrow and yesterday against the anchor', () => {
    expect(resolveDate('see you today', ANCHOR)).toBe('2026-11-03');
    expect(resolveDate('no OT tomorrow, I am out sick', ANCHOR)).toBe('2026-11-04');
    expect(resolveDate('she was absent yesterday', ANCHOR)).toBe('2026-11-02');
  });

  it('reads a weekday in words about the past as the latest such day on or before the anchor', () => {
    expect(resolveDate('On Friday we worked on /r/ sounds', ANCHOR)).toBe('2026-10-30');
    expect(resolveDate('Tuesday we practiced', ANCHOR)).toBe('2026-11-03');
  });

  it('reads a weekday in words about the future as the next such day after the anchor', () => {
    expect(resolveDate('I will be out Friday', ANCHOR)).toBe('2026-11-06');
    expect(resolveDate('There will be no session Tuesday', ANCHOR)).toBe('2026-11-10');
  });

  it('reads a month and day written with a dot after a weekday, never a decimal', () => {
    expect(findDateMentions('Thu 10.29 - 30 min', ANCHOR)[0]?.date).toBe('2026-10-29');
    expect(findDateMentions('she read at a 2.5 grade level', ANCHOR)).toEqual([]);
  });

  it('takes the date written beside a weekday', () => {
    expect(resolveDate('we met Tuesday (9/29) for 30 minutes', ANCHOR)).toBe('2026-09-29');
    expect(resolveDate('Mon 9/14', ANCHOR)).toBe('2026-09-14');
  });

  it('places a date without a year in the year nearest the anchor', () => {
    expect(resolveDate('on 9/29 she attended', ANCHOR)).toBe('2026-09-29');
    expect(resolveDate('the review is due 1/12', ANCHOR)).toBe('2027-01-12');
    expect(resolveDate('due 3/2/27', ANCHOR)).toBe('2027-03-02');
  });

  it('honours last and next before a weekday', () => {
    expect(resolveDate('last Tuesday', ANCHOR)).toBe('2026-10-27');
    expect(resolveDate('next Monday', ANCHOR)).toBe('2026-11-09');
  });

  it('gives nothing for words that name no single day', () => {
    expect(resolveDate('sometime next week', ANCHOR)).toBeNull();
    expect(resolveDate('in November', ANCHOR)).toBeNull();
    expect(resolveDate('2x30 min weekly', ANCHOR)).toBeNull();
    expect(resolveDate('a 1/2 hour session', ANCHOR)).toBeNull();
  });
});

describe('findDateMentions', () => {
  it('reads a day of the month written without its month', () => {
    expect(resolveDate('New ARD date is Thursday the 19th.', '2026-11-10')).toBe('2026-11-19');
    expect(resolveDate('the team is meeting on the 15th', '2026-09-04')).toBe('2026-09-15');
  });

  it('reads a range written with the month once, and never a lowercase verb as a weekday', () => {
    const [m] = findDateMentions('No speech 11/26-27 (Thanksgiving break)', ANCHOR);
    expect([m?.date, m?.end]).toEqual(['2026-11-26', '2026-11-27']);
    expect(findDateMentions('Sam sat with his friends', ANCHOR)).toEqual([]);
    expect(findDateMentions('Speech is every Tuesday at 10:15', ANCHOR)).toEqual([]);
  });

  it('does not read a count of days as a date', () => {
    // Act
    const found = findDateMentions('For the last 3 days – Monday, Tuesday and today – she ate there', '2026-10-21');
    // Assess
    expect(found.map((m) => m.date)).toEqual(['2026-10-19', '2026-10-20', '2026-10-21']);
  });

  it('reads a range within one month', () => {
    // Act
    const [m] = findDateMentions('No school Nov. 23–27 for Thanksgiving', ANCHOR);
    // Assess
    expect(m?.date).toBe('2026-11-23');
    expect(m?.end).toBe('2026-11-27');
  });

  it('reads a range across the new year and slash ranges', () => {
    expect(findDateMentions('Winter break Dec 21 through Jan 1', ANCHOR)[0]?.end).toBe('2027-01-01');
    const [m] = findDateMentions('closed 11/23-11/27', ANCHOR);
    expect([m?.date, m?.end]).toEqual(['2026-11-23', '2026-11-27']);
  });

  it('gives offsets into the text as written', () => {
    const text = 'Closed — Nov 11 (Veterans Day)';
    const [m] = findDateMentions(text, ANCHOR);
    expect(text.slice(m?.index ?? 0)).toMatch(/^Nov 11/);
  });
});

describe('tenseOf', () => {
  it('tells words about the future from words about the past', () => {
    expect(tenseOf('I will be out Friday')).toBe('future');
    expect(tenseOf('She was absent Friday')).toBe('past');
    expect(tenseOf('Friday')).toBeNull();
    // A meeting told by what was said at it was held.
    expect(tenseOf('Here is the plan we talked about at the team meeting on Tuesday')).toBe('past');
  });
});

describe('calendar helpers', () => {
  it('resolves weekdays and month/days by rule', () => {
    expect(resolveWeekday(2, ANCHOR, 'past')).toBe('2026-11-03');
    expect(resolveWeekday(2, ANCHOR, 'future')).toBe('2026-11-10');
    expect(placeMonthDay(12, 30, '2027-01-05')).toBe('2026-12-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('gives each day its own answer when the same days are asked again and again', () => {
    for (let round = 0; round < 3; round++) {
      expect(isoDate(2026, 1, 12)).toBe('2026-01-12');
      expect(isoDate(2026, 11, 2)).toBe('2026-11-02');
      expect(isoDate(2026, 2, 30)).toBeNull();
      expect(placeMonthDay(1, 12, '2026-12-20')).toBe('2027-01-12');
      expect(placeMonthDay(1, 12, '2026-03-01')).toBe('2026-01-12');
    }
  });
});

describe('dateFromCell', () => {
  it('reads the shapes a log column holds', () => {
    expect(dateFromCell('9/14', ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell('Mon 9/14', ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell('2026-09-14', ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell('09/14/2026', ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell(new Date(Date.UTC(2026, 8, 14)), ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell(46279, ANCHOR)).toBe('2026-09-14');
    expect(dateFromCell('Speech', ANCHOR)).toBeNull();
    expect(dateFromCell(null, ANCHOR)).toBeNull();
  });
});

describe('a weekday with a bare day of the month', () => {
  it('reads "Tuesday 10" as the nearby 10th that is a Tuesday, and leaves counts alone', async () => {
    const { findDateMentions } = await import('../../../shared/extract/resolve-dates');
    expect(findDateMentions('missed on Tuesday 10 and Thursday 12', '2026-03-16').map((m) => m.date)).toEqual([
      '2026-03-10',
      '2026-03-12',
    ]);
    expect(findDateMentions('Monday 3 students came', '2026-03-16').map((m) => m.text)).toEqual(['Monday']);
  });
});
