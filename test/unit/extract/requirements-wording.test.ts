// Requirements written in other districts' wording: a grid's service-dates line, two subject rows
// of one program, a daily aide, a group size in a header, a delivery word before the service's
// name, and a committee's recommendation told in prose.
import { describe, expect, it } from 'vitest';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findRequirements } from '../../../shared/extract/requirements';

const ANCHOR = '2027-01-20';

function found(text: string, subject = '') {
  const ctx: ReadingContext = {
    tz: 'America/Chicago',
    sentOn: ANCHOR,
    subject,
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: ANCHOR }],
    tables: [],
  };
  return findRequirements(ctx).map(({ source: _source, ...r }) => r);
}

describe("findRequirements in other districts' wording", () => {
  it('a "Service dates: A - B" line under the grid dates every row that states none', () => {
    // Prepare
    const text = [
      'IEP services page',
      '',
      'Related services:',
      '  Occupational Therapy | Individual | 1 x weekly | 40 minutes | OT room',
      '  Counseling | Small group | 2 x monthly | 30 minutes | Counseling office',
      '',
      'Testing accommodations: extended time, separate location.',
      '',
      'Service dates: 02/01/2027 - 01/31/2028',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatchObject({ start: '2027-02-01', end: '2028-01-31' });
  });

  it('two rows of one program for two subjects are two requirements', () => {
    // Prepare
    const text = [
      'Schedule of services',
      'Special education program: co-teaching',
      '  Reading | 4 x weekly | 50 minutes | general education classroom',
      '  Math    | 4 x weekly | 50 minutes | general education classroom',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'specialized-academic-instruction', totalMinutes: 200, per: 'week' }),
      expect.objectContaining({ service: 'specialized-academic-instruction', totalMinutes: 200, per: 'week' }),
    ]);
  });

  it('a daily aide with minutes and no "x" count is one session a day', () => {
    // Prepare
    const text =
      'Services page\nSupplementary aids: 1:1 paraprofessional | Daily | 300 minutes | general education classroom';
    // Act
    const items = found(text);
    // Assess
    expect(items).toEqual([
      {
        service: 'aide',
        delivery: 'individual',
        sessions: 1,
        minutes: 300,
        totalMinutes: 300,
        per: 'day',
        location: 'general-education',
        start: null,
        end: null,
      },
    ]);
  });

  it("a group size in an amended service's header line gives its delivery", () => {
    // Prepare
    const text = [
      'IEP amendment',
      '',
      'Related service: Occupational Therapy, Group (2)',
      '  Was: 1 x weekly, 30 minutes, separate location',
      '  Now: 2 x weekly, 30 minutes, separate location',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'occupational-therapy', delivery: 'group', sessions: 2, minutes: 30 }),
    ]);
  });

  it('a delivery word right before the service name wins over a later mention of another group', () => {
    // Prepare
    const text =
      'At the annual review the committee recommended adding individual speech, 2 x weekly for 20 minutes in the speech room, on top of her speech group.';
    // Act
    const items = found(text);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'speech-language', delivery: 'individual', sessions: 2, minutes: 20 }),
    ]);
  });

  it("a teacher's own recommendation is still not a requirement", () => {
    // Prepare
    const text =
      'The amended IEP is attached. I recommended adding counseling, 1 x weekly for 30 minutes, but it was not agreed.';
    // Act
    const items = found(text);
    // Assess
    expect(items).toEqual([]);
  });
});

describe('findRequirements in an amendment and the mail that carries it', () => {
  it("the carrying mail's summary of the change is the grid's own line stated again: one item, the grid's", () => {
    // Prepare
    const body =
      'Hello both, the amendment from our meeting is attached. Counseling moves up to 2 x 30 minutes weekly in the counseling office; nothing else changes.';
    const grid = {
      label: 'table 1',
      headers: ['Service', 'Frequency', 'Location', 'Begin', 'End'],
      rows: [['Counseling - individual', '30 min 2x weekly', 'Counseling office', '02/01/2027', '09/30/2027']],
      rowNumbers: [3],
    };
    const ctx: ReadingContext = {
      tz: 'America/Chicago',
      sentOn: ANCHOR,
      subject: 'IEP amendment',
      sender: null,
      texts: [
        { part: 'body', kind: 'author', text: body, anchor: ANCHOR },
        { part: 'amendment.pdf', kind: 'attachment', text: 'IEP AMENDMENT\nServices (as amended)', anchor: ANCHOR },
      ],
      tables: [{ part: 'amendment.pdf', table: grid, anchor: ANCHOR }],
    };
    // Act
    const items = findRequirements(ctx).map(({ source: _source, ...r }) => r);
    // Assess
    expect(items).toEqual([
      {
        service: 'counseling',
        delivery: 'individual',
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
        start: '2027-02-01',
        end: '2027-09-30',
      },
    ]);
  });
});
