// Properties that hold for any records: figures are whole, never negative, and consistent; the
// email never lets inbound text become markup, a header line or a link.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/calendar/iso-days';
import type { DigestInput, Tracked } from '../../../shared/compliance/digest-types';
import { computeDigest } from '../../../shared/digest/digest-model';
import { MISSED_REASONS, type Requirement, type Session } from '../../../shared/records/types';
import { renderDigestEmail } from '../../../shared/render/digest-email';
import { draftMailto } from '../../../shared/render/drafts';

const SERVICES = ['speech-language', 'occupational-therapy', 'aide'] as const;
const day = fc.integer({ min: 0, max: 110 }).map((n) => addDays('2026-09-01', n));

const sessionArb: fc.Arbitrary<Tracked<Session>> = fc.record({
  id: fc.uuid(),
  confirmed: fc.boolean(),
  date: day,
  service: fc.constantFrom(...SERVICES),
  minutes: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  delivery: fc.constantFrom('individual' as const, 'group' as const, null),
  location: fc.constant(null),
  status: fc.constantFrom('delivered' as const, 'missed' as const, 'makeup' as const),
  reason: fc.option(fc.constantFrom(...MISSED_REASONS), { nil: null }),
});

const requirementArb: fc.Arbitrary<Tracked<Requirement>> = fc.record({
  id: fc.uuid(),
  confirmed: fc.boolean(),
  service: fc.constantFrom(...SERVICES),
  delivery: fc.constantFrom('individual' as const, 'group' as const, null),
  sessions: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  minutes: fc.option(fc.integer({ min: 10, max: 60 }), { nil: null }),
  totalMinutes: fc.option(fc.integer({ min: 10, max: 2000 }), { nil: null }),
  per: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  location: fc.constant(null),
  start: fc.option(day, { nil: null }),
  end: fc.option(day, { nil: null }),
});

const inputArb: fc.Arbitrary<DigestInput> = fc.record({
  child: fc.string({ maxLength: 30 }),
  asOf: fc.integer({ min: 30, max: 110 }).map((n) => addDays('2026-09-01', n)),
  sessions: fc.array(sessionArb, { maxLength: 40 }),
  requirements: fc.array(requirementArb, { maxLength: 5 }),
  settingEvents: fc.constant([]),
  dates: fc.array(
    fc.record({
      id: fc.uuid(),
      confirmed: fc.boolean(),
      type: fc.constant('school-closure' as const),
      date: day,
      end: fc.option(day, { nil: null }),
    }),
    { maxLength: 4 },
  ),
  contacts: fc.array(
    fc.record({ address: fc.oneof(fc.emailAddress(), fc.string()), roles: fc.array(fc.string(), { maxLength: 2 }) }),
    { maxLength: 3 },
  ),
  deadlines: fc.constant([]),
});

describe('digest properties', () => {
  // Each digest builds the family's school calendar (holidays, breaks): 200 of them take seconds.
  it('every figure is a whole number of minutes, at least 0, owed never exceeds what was missed, and the parts add up to the minutes due', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const digest = computeDigest(input);
        for (const s of digest.services) {
          for (const w of [s.week, s.schoolYear]) {
            const numbers = [w.requiredMinutes, w.deliveredMinutes, w.owedMinutes, w.unaccountedMinutes];
            for (const n of [...numbers, ...Object.values(w.missedMinutes)]) {
              expect(Number.isInteger(n)).toBe(true);
              expect(n).toBeGreaterThanOrEqual(0);
            }
            const providerMissed =
              (w.missedMinutes['provider-absent'] ?? 0) + (w.missedMinutes['provider-unavailable'] ?? 0);
            expect(w.owedMinutes).toBeLessThanOrEqual(providerMissed);
            expect(w.unaccountedMinutes).toBeLessThanOrEqual(w.requiredMinutes);
            const parts =
              w.deliveredMinutes +
              w.missedSchoolSideMinutes +
              w.missedChildSideMinutes +
              w.missedReasonNotGivenMinutes +
              w.notReportedMinutes +
              w.notTrackedMinutes -
              w.beyondRequiredMinutes;
            expect(parts).toBe(w.requiredMinutes);
          }
          // The week may begin before a service's first counted day; the school year never counts more.
          if (s.countedFrom <= digest.week.start) {
            expect(s.week.requiredMinutes).toBeLessThanOrEqual(s.schoolYear.requiredMinutes);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('no inbound text becomes markup, a second header line or a link', () => {
    fc.assert(
      fc.property(inputArb, fc.string(), (input, hostile) => {
        const digest = computeDigest({ ...input, child: `${hostile}<script>"'\r\n` });
        const email = renderDigestEmail(digest);
        expect(email.subject).not.toMatch(/[\r\n]/);
        expect(email.html).not.toMatch(/<script/i);
        for (const m of email.html.matchAll(/href="([^"]*)"/g)) expect(m[1]?.startsWith('mailto:')).toBe(true);
        for (const d of digest.drafts) expect(draftMailto(d)).not.toMatch(/[\s<>"]/);
      }),
      { numRuns: 100 },
    );
  });
});
