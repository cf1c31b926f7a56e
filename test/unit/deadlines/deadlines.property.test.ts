import fc from 'fast-check';
import ical from 'node-ical';
import { describe, expect, test } from 'vitest';
import { addDays, daysBetween } from '../../../shared/calendar/iso-days';
import { schoolCalendarFor } from '../../../shared/calendar/school-calendar';
import { renderCalendar } from '../../../shared/deadlines/calendar';
import { addBusinessDays, dueDate } from '../../../shared/deadlines/count-days';
import { meetingDays, trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import { DATE_TYPES, type DateItem } from '../../../shared/records/types';

// Days between 2024-01-01 and 2030-12-31.
const isoDay = fc.integer({ min: 0, max: 2556 }).map((offset) => addDays('2024-01-01', offset));
const closureItem = fc
  .tuple(isoDay, fc.integer({ min: 0, max: 20 }))
  .map(([date, span]): DateItem => ({ type: 'school-closure', date, end: span === 0 ? null : addDays(date, span) }));
const anyState = fc.constantFrom(null, 'CA', 'TX', 'IL', 'NY', 'WY');

function calendarOf(state: string | null, items: readonly DateItem[], asOf: string) {
  return schoolCalendarFor({ state }, items, asOf);
}

describe('day counting properties', () => {
  test('n business days later is a business day with exactly n business days in between', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 60 }), anyState, (from, n, state) => {
        const school = calendarOf(state, [], from);
        const due = addBusinessDays(from, n, school);
        expect(school.isBusinessDay(due)).toBe(true);
        let counted = 0;
        for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) if (school.isBusinessDay(day)) counted += 1;
        expect(counted).toBe(n);
      }),
      { numRuns: 100 },
    );
  });

  test('a school-day count ends on a day that may be a school day, never before the count over every day that may be one', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.integer({ min: 1, max: 40 }),
        fc.array(closureItem, { maxLength: 4 }),
        anyState,
        (from, n, items, state) => {
          const school = calendarOf(state, items, from);
          const due = dueDate(from, { unit: 'school-days', days: n }, school).due ?? '';
          expect(school.isSchoolDay(due)).not.toBe('no');
          // Counting every day that is not certainly closed gives the earliest the law could mean.
          let earliest = from;
          for (let counted = 0; counted < n; ) {
            earliest = addDays(earliest, 1);
            if (school.isSchoolDay(earliest) !== 'no') counted += 1;
          }
          expect(due >= earliest).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('long-break exclusion never makes a due day earlier than plain calendar days', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.integer({ min: 1, max: 90 }),
        fc.array(closureItem, { maxLength: 4 }),
        anyState,
        (from, n, items, state) => {
          const school = calendarOf(state, items, from);
          const plain = dueDate(from, { unit: 'calendar-days', days: n }, school).due;
          const excluding = dueDate(
            from,
            { unit: 'calendar-days', days: n, excludeBreaksLongerThanSchoolDays: 5 },
            school,
          );
          expect(plain).toBe(addDays(from, n));
          expect(excluding.due !== null && plain !== null && excluding.due >= plain).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('tracking and calendar properties', () => {
  const anyItem = fc.record({
    type: fc.constantFrom(...DATE_TYPES),
    date: fc.oneof(isoDay, fc.string({ maxLength: 12 })),
    end: fc.oneof(fc.constant(null), isoDay),
  });
  const state = fc.constantFrom(null, 'CA', 'TX', 'PA', 'MA', 'IL', 'NY', 'FL', 'GA', 'NC', 'OH', 'MI', 'ca', 'XX', '');

  test('any stored dates give deadlines whose due day is never before their start', () => {
    fc.assert(
      fc.property(fc.array(anyItem, { maxLength: 15 }), state, isoDay, (dates, childState, asOf) => {
        const deadlines = trackDeadlines({ dates, state: childState, asOf });
        for (const deadline of deadlines) {
          if (deadline.due !== null) expect(daysBetween(deadline.from, deadline.due)).toBeGreaterThanOrEqual(0);
        }
        expect(new Set(deadlines.map((d) => d.id)).size).toBe(deadlines.length);
      }),
      { numRuns: 150 },
    );
  });

  test('the calendar always parses, with one event per open or overdue deadline and per meeting day', () => {
    fc.assert(
      fc.property(
        fc.array(anyItem, { maxLength: 10 }),
        fc.string({ maxLength: 40 }),
        isoDay,
        (dates, childName, asOf) => {
          const deadlines = trackDeadlines({ dates, state: 'CA', asOf });
          const meetings = meetingDays(dates);
          const text = renderCalendar({ childId: 'c', childName, deadlines, meetings, stamp: new Date(0) });
          const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
          const expected =
            deadlines.filter((d) => d.due !== null && (d.status === 'open' || d.status === 'overdue')).length +
            meetings.length;
          expect(events).toHaveLength(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
