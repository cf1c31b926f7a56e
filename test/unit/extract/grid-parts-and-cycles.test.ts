// A services page set out in parts, each part's heading giving its rows' place ("... in the
// General Education Classroom", "... in Other Settings"), and services written per school cycle
// ("2 x 25 min / 5-day cycle"), read per year only where the page says how many cycles a year holds.
import { describe, expect, it } from 'vitest';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { cyclesInYear, findRequirements } from '../../../shared/extract/requirements';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';

const ANCHOR = '2027-01-20';

function found(text: string) {
  const ctx: ReadingContext = {
    tz: 'America/New_York',
    sentOn: ANCHOR,
    subject: 'IEP service delivery',
    sender: null,
    texts: [{ part: 'iep.pdf', kind: 'attachment', text, anchor: ANCHOR }],
    tables: tablesFromPlainText(text).map((table) => ({ part: 'iep.pdf', table, anchor: ANCHOR })),
  };
  return findRequirements(ctx).map(({ source: _source, ...r }) => r);
}

const GRID = [
  'Service Delivery',
  'Part 1. Services in the General Education Classroom',
  'Goal\tService\tStaff\tStart\tEnd\tFrequency',
  '2\tReading support\tSpecial Education Teacher\t02/01/2027\t01/31/2028\tDaily, 45 min',
  '1\tSpeech-language therapy (small group)\tSLP\t02/01/2027\t01/31/2028\t2 x 25 min / 5-day cycle',
  'Part 2. Services in Other Settings',
  'Goal\tService\tStaff\tStart\tEnd\tFrequency',
  '3\tOccupational therapy (individual)\tOT\t02/01/2027\t01/31/2028\t1 x 30 min / week',
];

describe('a services grid in parts, with services per cycle', () => {
  it("gives each row its part's place, and leaves a per-cycle row unread without the year's cycles", () => {
    // Act
    const items = found(GRID.join('\n'));
    // Assess
    expect(items).toContainEqual(
      expect.objectContaining({
        service: 'specialized-academic-instruction',
        per: 'day',
        location: 'general-education',
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({ service: 'occupational-therapy', per: 'week', location: 'separate' }),
    );
    expect(items.some((r) => r.service === 'speech-language')).toBe(false);
  });

  it('reads a per-cycle row per year where the page says how many cycles the year has', () => {
    const items = found([...GRID, 'There are 36 cycles in the 180-day school year.'].join('\n'));
    expect(items).toContainEqual(
      expect.objectContaining({
        service: 'speech-language',
        delivery: 'group',
        sessions: 72,
        minutes: 25,
        totalMinutes: 1800,
        per: 'year',
        location: 'general-education',
      }),
    );
  });

  it('finds the number of cycles in a year only where it is stated so', () => {
    expect(cyclesInYear('36 cycles in the 180-day school year')).toBe(36);
    expect(cyclesInYear('about 30 six-day cycles per year')).toBeNull();
    expect(cyclesInYear('Day C of the 6-day cycle')).toBeNull();
  });
});
