import fc from 'fast-check';
import ical from 'node-ical';
import { describe, expect, test } from 'vitest';
import { renderCalendar } from '../../../shared/deadlines/calendar';
import {
  addBusinessDays,
  addDays,
  addSchoolDays,
  closureDates,
  daysBetween,
  dueDate,
  isBusinessDay,
  isSchoolDay,
} from '../../../shared/deadlines/count-days';
import { meetingDays, trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import { DATE_TYPES, type DateItem } from '../../../shared/records/types';

// Days between 2024-01-01 and 2030-12-31.
const isoDay = fc.integer({ min: 0, max: 2556 }).map((offset) => addDays('2024-01-01', offset));
const closureItem = fc
  .tuple(isoDay, fc.integer({ min: 0, max: 20 }))
  .map(([date, span]): DateItem => ({ type: 'school-closure', date, end: span === 0 ? null : addDays(date, span) }));

describe('day counting properties', () => {
  test('n business days later is a business day with exactly n business days in between', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const due = addBusinessDays(from, n);
        expect(isBusinessDay(due)).toBe(true);
        let counted = 0;
        for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) if (isBusinessDay(day)) counted += 1;
        expect(counted).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  test('a school-day count ends on a school day, and more closures never make it earlier', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.integer({ min: 1, max: 60 }),
        fc.array(closureItem, { maxLength: 6 }),
        closureItem,
        (from, n, items, extra) => {
          const closures = closureDates(items);
          const due = addSchoolDays(from, n, closures);
          expect(isSchoolDay(due, closures)).toBe(true);
          expect(addSchoolDays(from, n, closureDates([...items, extra])) >= due).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('long-break exclusion never makes a California due day earlier than plain calendar days', () => {
    fc.assert(
      fc.property(
        isoDay,
        fc.integer({ min: 1, max: 90 }),
        fc.array(closureItem, { maxLength: 6 }),
        (from, n, items) => {
          const closures = closureDates(items);
          const plain = dueDate(from, { unit: 'calendar-days', days: n }, closures);
          const excluding = dueDate(
            from,
            { unit: 'calendar-days', days: n, excludeBreaksLongerThanSchoolDays: 5 },
            closures,
          );
          expect(plain).toBe(addDays(from, n));
          expect(excluding !== null && plain !== null && excluding >= plain).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('tracking and calendar properties', () => {
  const anyItem = fc.record({
    type: fc.constantFrom(...DATE_TYPES),
    date: fc.oneof(isoDay, fc.string({ maxLength: 12 })),
    end: fc.oneof(fc.constant(null), isoDay),
  });
  const state = fc.constantFrom(null, 'CA', 'TX', 'PA', 'MA', 'IL', 'NY', 'ca', 'XX', '');

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
