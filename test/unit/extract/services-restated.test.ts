// Services stated where a parser meets them less often: a grid with only an end column and its
// start in the prose above it.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { readRequirements } from '../../support/read-requirements';

const ANCHOR = '2027-01-20';

/** The requirements of a message body. */
const readBody = (text: string) => readRequirements(text, { sentOn: ANCHOR, part: 'body' });

function fromGrid(text: string, headers: string[], rows: string[][]) {
  const table: Table = { label: 'table 1', headers, rows, rowNumbers: rows.map((_, i) => i + 5) };
  return readRequirements(text, { sentOn: ANCHOR, subject: 'Services', table });
}

describe('a services grid with an end column only', () => {
  const headers = ['Service', 'Where', 'How often', 'Min/session', 'Ends'];
  const rows = [['Occupational therapy', 'OT room', '2x weekly', '25', '01/05/2028']];

  it('reads "Ends" as the end and takes the start the prose gives', () => {
    // Prepare
    const text = 'Amendment to the IEP\nThe services below start on Monday, February 1, 2027.\n';
    // Act
    const items = fromGrid(text, headers, rows);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'occupational-therapy', start: '2027-02-01', end: '2028-01-05' }),
    ]);
  });

  it('leaves the start unread where the prose gives none', () => {
    // Act
    const items = fromGrid('Amendment to the IEP\n', headers, rows);
    // Assess
    expect(items).toEqual([expect.objectContaining({ start: null, end: '2028-01-05' })]);
  });
});

describe("a minutes summary's column of what the IEP requires", () => {
  it('reads each service row\'s "IEP req" cell as that service\'s requirement', () => {
    // Prepare: planned and delivered minutes for the month beside the requirement.
    const table: Table = {
      label: 'text table 1',
      headers: ['Service', 'IEP req', 'Planned (Jan)', 'Delivered (Jan)'],
      rows: [
        ['Physical therapy', '1x40/wk', '160', '120'],
        ['Social work group', '90 min/mo', '90', '90'],
      ],
      rowNumbers: [4, 5],
    };
    // Act
    const items = readRequirements('January minutes', { sentOn: ANCHOR, table, part: 'body' });
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'physical-therapy', sessions: 1, minutes: 40, totalMinutes: 40, per: 'week' }),
      expect.objectContaining({
        service: 'counseling',
        delivery: 'group',
        sessions: null,
        minutes: null,
        totalMinutes: 90,
        per: 'month',
      }),
    ]);
  });
});

describe('services listed with semicolons after a dated lead', () => {
  it('dates every item, and an item naming no service continues the one before it', () => {
    // Prepare
    const text =
      'Attached are the log and the amended IEP (eff. 2/8): physical therapy 2x30/week; social work group 60 min/month; individual check-ins 2x15/month; OT 1x30/month.';
    // Act
    const items = readBody(text);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({ service: 'physical-therapy', sessions: 2, minutes: 30, start: '2027-02-08' }),
      expect.objectContaining({ service: 'counseling', delivery: 'group', totalMinutes: 60, start: '2027-02-08' }),
      expect.objectContaining({
        service: 'counseling',
        delivery: 'individual',
        sessions: 2,
        minutes: 15,
        per: 'month',
        start: '2027-02-08',
      }),
      expect.objectContaining({ service: 'occupational-therapy', sessions: 1, minutes: 30, start: '2027-02-08' }),
    ]);
  });
});

describe('a summary restating the IEP beside an amendment that takes effect', () => {
  const text = [
    'As agreed, from 2/8 the amended amounts apply (physical therapy 2x30/week; individual social work check-ins 2x15/month added).',
    '',
    'Physical therapy    req 1x30/week   planned 120   delivered 90',
    'Social work group   req 60/month    planned 60    delivered 60',
  ].join('\n');

  it('keeps the dated, amended amount of a service and drops the undated one it replaces', () => {
    // Act
    const items = readBody(text);
    // Assess
    const therapy = items.filter((r) => r.service === 'physical-therapy');
    expect(therapy).toEqual([expect.objectContaining({ sessions: 2, minutes: 30, start: '2027-02-08' })]);
  });

  it('reads "req 60/month" as minutes for the month, the unit left unsaid', () => {
    // Act
    const items = readBody(text);
    // Assess
    expect(items.filter((r) => r.service === 'counseling')).toEqual([
      expect.objectContaining({ delivery: 'individual', sessions: 2, minutes: 15, start: '2027-02-08' }),
      expect.objectContaining({ delivery: 'group', sessions: null, totalMinutes: 60, per: 'month', start: null }),
    ]);
  });
});

describe('a notice listing services as labelled fields', () => {
  const text = `NOTICE: TRANSFER FROM ANOTHER STATE - COMPARABLE SERVICES
COMPARABLE SERVICES BEGIN: 01/25/2027
COMPARABLE SERVICES END:   WHEN THE NEW IEP IS WRITTEN

ITEM A
  SERVICE:    OCCUPATIONAL THERAPY
  SETTING:    SEPARATE (OT ROOM)
  GROUPING:   INDIVIDUAL OR SMALL GROUP
  FREQUENCY:  3 X WEEKLY
  DURATION:   20 MINUTES

ITEM B
  SERVICE:    SPECIALLY DESIGNED INSTRUCTION - MATH
  SETTING:    REGULAR EDUCATION CLASSROOM
  GROUPING:   SMALL GROUP
  FREQUENCY:  5 X WEEKLY
  DURATION:   40 MINUTES

REVIEW MEETING DATE: 02/17/2027`;

  it('opens a card at each "SERVICE:" line and dates the cards by the notice', () => {
    // Act
    const items = readBody(text);
    // Assess
    expect(items).toEqual([
      {
        service: 'occupational-therapy',
        delivery: null,
        sessions: 3,
        minutes: 20,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
        start: '2027-01-25',
        end: null,
      },
      {
        service: 'specialized-academic-instruction',
        delivery: 'group',
        sessions: 5,
        minutes: 40,
        totalMinutes: 200,
        per: 'week',
        location: 'general-education',
        start: '2027-01-25',
        end: null,
      },
    ]);
  });
});
