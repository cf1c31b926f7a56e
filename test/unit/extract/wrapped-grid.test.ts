// A services grid copied out of a PDF into the mail body as columns of spaces, whose long cells
// wrap onto the lines below: each wrapped line belongs to the row above it.
import { describe, expect, it } from 'vitest';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findRequirements } from '../../../shared/extract/requirements';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';

const GRID = [
  'Service                     Frequency              Setting                    Start        End',
  'Occupational Therapy        2x25 min per           Therapy room (pull-        09/08/2026   06/11/2027',
  '(group)                     week                   out)',
  'Physical Therapy            40 min 1x weekly       Gym, 1:1                   09/08/2026   06/11/2027',
  'School Counseling (small    20 min weekly          Counselor office           09/08/2026   06/11/2027',
  'group)',
].join('\n');

describe('a pasted grid with wrapped rows', () => {
  it('joins each wrapped line to the row above, cell by cell', () => {
    const [table] = tablesFromPlainText(`Services:\n${GRID}\n\nThanks`);
    expect(table?.rows).toEqual([
      ['Occupational Therapy (group)', '2x25 min per week', 'Therapy room (pull-out)', '09/08/2026', '06/11/2027'],
      ['Physical Therapy', '40 min 1x weekly', 'Gym, 1:1', '09/08/2026', '06/11/2027'],
      ['School Counseling (small group)', '20 min weekly', 'Counselor office', '09/08/2026', '06/11/2027'],
    ]);
  });

  it('reads each row as a requirement', () => {
    const ANCHOR = '2026-09-01';
    const [table] = tablesFromPlainText(GRID);
    const ctx: ReadingContext = {
      tz: 'America/New_York',
      sentOn: ANCHOR,
      subject: 'IEP services',
      sender: null,
      texts: [{ part: 'body', kind: 'author', text: GRID, anchor: ANCHOR }],
      tables: table ? [{ part: 'body', table, anchor: ANCHOR }] : [],
    };
    const found = findRequirements(ctx).map(({ source: _s, ...r }) => r);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'occupational-therapy', delivery: 'group', sessions: 2, minutes: 25 }),
        expect.objectContaining({ service: 'physical-therapy', sessions: 1, minutes: 40, per: 'week' }),
        expect.objectContaining({ service: 'counseling', delivery: 'group', totalMinutes: 20, start: '2026-09-08' }),
      ]),
    );
  });

  it('keeps a log typed with spaces one line per row', () => {
    const log = ['Date        Service   Min', '10/05/2026  OT        30', '            SLP       25'].join('\n');
    const [table] = tablesFromPlainText(log);
    expect(table?.rows).toEqual([
      ['10/05/2026', 'OT', '30'],
      ['', 'SLP', '25'],
    ]);
  });
});

describe('a grid whose dates are told in the words above it', () => {
  const ANCHOR = '2026-08-25';
  function readGrid(text: string, rows: string[][]) {
    const table = {
      label: 'grid',
      headers: ['Service', 'Ind/Grp', 'Freq.', 'Min/Sess', 'Total'],
      rows,
      rowNumbers: [],
    };
    const ctx: ReadingContext = {
      tz: 'America/New_York',
      sentOn: ANCHOR,
      subject: 'IEP summary',
      sender: null,
      texts: [{ part: 'iep.pdf', kind: 'attachment', text, anchor: ANCHOR }],
      tables: [{ part: 'iep.pdf', table, anchor: ANCHOR }],
    };
    return findRequirements(ctx).map(({ source: _s, ...r }) => r);
  }

  it('takes the start from a sentence that wraps onto the heading line giving the end', () => {
    const text = [
      'Services listed here start on September 8, 2026, the first day of school,',
      'and stay in effect through June 11, 2027.',
      'Service\tInd/Grp\tFreq.\tMin/Sess\tTotal',
      'Occupational therapy\tInd\t1x wk\t30\t30/wk',
    ].join('\n');
    expect(readGrid(text, [['Occupational therapy', 'Ind', '1x wk', '30', '30/wk']])).toEqual([
      expect.objectContaining({ service: 'occupational-therapy', start: '2026-09-08', end: '2027-06-11' }),
    ]);
  });

  it('reads "90/mo" in a total cell beside dashes as minutes a month, nothing per session', () => {
    expect(readGrid('IEP services', [['Physical therapy consult', '--', '--', '--', '90/mo']])).toEqual([
      expect.objectContaining({
        service: 'physical-therapy',
        sessions: null,
        minutes: null,
        totalMinutes: 90,
        per: 'month',
      }),
    ]);
  });
});
