// Services grids whose rows come apart: a header run together so the grid is read line by line, a
// cell wrapped onto the next line, a count written with its noun, a grouping given with the place.
import { describe, expect, it } from 'vitest';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findRequirements, readAmounts } from '../../../shared/extract/requirements';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';

const ANCHOR = '2027-02-03';

function found(text: string, withTables = false) {
  const ctx: ReadingContext = {
    tz: 'America/New_York',
    sentOn: ANCHOR,
    subject: 'Amended services',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: ANCHOR }],
    tables: withTables ? tablesFromPlainText(text).map((table) => ({ part: 'body', table, anchor: ANCHOR })) : [],
  };
  return findRequirements(ctx).map(({ source: _source, ...r }) => r);
}

describe('services grid rows', () => {
  it('a row read as a line takes its last two cells, two days in order, as its start and end', () => {
    // Prepare: the header's last two names ran together, so the grid is not a table.
    const text = [
      'IEP amendment - related services',
      'Service\tHow often\tWhere\tStarting OnLasting Until',
      'Occupational therapy\t2x25 min weekly\tOT room\t02/15/2027\t01/10/2028',
      'Counseling\t1x30 min weekly\tCounselor office\t02/15/2027\t01/10/2028',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatchObject({ start: '2027-02-15', end: '2028-01-10' });
  });

  it('two days out of order, or days among other words, are not read as start and end', () => {
    // Prepare
    const text = [
      'IEP amendment - related services',
      'Occupational therapy\t2x25 min weekly\tOT room\t01/10/2028\t02/15/2027',
      'Counseling\t1x30 min weekly\tCounselor office\tmet 02/15/2027\t01/10/2028',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatchObject({ start: null, end: null });
  });

  it('a bracketed remainder of the row on the next line gives the grouping the row left out', () => {
    // Prepare
    const text = [
      'IEP amendment - related services',
      'Speech-language therapy\t2x20 min weekly\tSpeech room\t02/15/2027\t01/10/2028',
      '(small group)',
      'Occupational therapy\t1x30 min weekly\tOT room\t02/15/2027\t01/10/2028',
      'The team will meet again in the spring (date to be set).',
    ].join('\n');
    // Act
    const items = found(text);
    // Assess
    expect(items.find((r) => r.service === 'speech-language')?.delivery).toBe('group');
    expect(items.find((r) => r.service === 'occupational-therapy')?.delivery).toBeNull();
  });

  it('a count written with its noun ("4 sessions monthly, 20 min each") is the number of sessions', () => {
    // Act / Assess
    expect(readAmounts('4 sessions monthly, 20 min each')).toEqual({
      sessions: 4,
      minutes: 20,
      totalMinutes: 80,
      per: 'month',
    });
    expect(readAmounts('2 visitas al mes de 45 minutos')).toMatchObject({ sessions: 2, minutes: 45, per: 'month' });
  });

  it('a grid with no grouping column takes the grouping its place cell states', () => {
    // Prepare
    const text = [
      'IEP services',
      '',
      'Service              Frequency            Location',
      'Occupational therapy 2x30 min weekly      OT room (small group)',
      'Vision services      1x40 min weekly      Online, 1:1',
      'Counseling           1x30 min weekly      Counselor office',
    ].join('\n');
    // Act
    const items = found(text, true);
    // Assess
    expect(items.find((r) => r.service === 'occupational-therapy')?.delivery).toBe('group');
    expect(items.find((r) => r.service === 'vision')?.delivery).toBe('individual');
    expect(items.find((r) => r.service === 'counseling')?.delivery).toBeNull();
  });
});

describe('an amendment grid with the service as it was and as it now is', () => {
  function fromGrid(headers: string[], rows: Array<Array<string | null>>) {
    const table = { label: 'table 1', headers, rows, rowNumbers: rows.map((_, i) => i + 2) };
    const ctx: ReadingContext = {
      tz: 'America/Phoenix',
      sentOn: ANCHOR,
      subject: 'Amendment',
      sender: null,
      texts: [{ part: 'amendment.pdf', kind: 'attachment', text: 'IEP amendment', anchor: ANCHOR }],
      tables: [{ part: 'amendment.pdf', table, anchor: ANCHOR }],
    };
    return findRequirements(ctx).map(({ source: _source, ...r }) => r);
  }

  it('reads the service from the After cell, dated by the Effective cell, its wrapped lines joined', () => {
    // Act
    const items = fromGrid(
      ['Service changed', 'Before', 'After', 'Effective'],
      [
        [
          'Occupational Therapy',
          'Individual, 1 x 30 min weekly,',
          'Small group, 2 sessions x 25',
          'From 02/22/2027 through',
        ],
        [null, 'OT room', 'minutes per week, OT room', '01/10/2028'],
      ],
    );
    // Assess
    expect(items).toEqual([
      {
        service: 'occupational-therapy',
        delivery: 'group',
        sessions: 2,
        minutes: 25,
        totalMinutes: 50,
        per: 'week',
        location: 'separate',
        start: '2027-02-22',
        end: '2028-01-10',
      },
    ]);
  });

  it('reads a Spanish grid ("Antes | Ahora | Vigencia") the same way', () => {
    // Act
    const items = fromGrid(
      ['Servicio modificado', 'Antes', 'Ahora', 'Vigencia'],
      [
        [
          'Terapia ocupacional',
          'Individual, 60 minutos al mes',
          'En grupo, 3 sesiones de 20 minutos por semana, salón de terapia',
          'Del 22/02/2027 al 10/01/2028',
        ],
      ],
    );
    // Assess
    expect(items).toMatchObject([
      { service: 'occupational-therapy', delivery: 'group', sessions: 3, minutes: 20, per: 'week' },
    ]);
    expect(items[0]).toMatchObject({ start: '2027-02-22', end: '2028-01-10' });
  });

  it('a summary grid with abbreviated headers, the group size as a number, and the dates in the sentence above', () => {
    // Prepare: frequency and duration in columns of their own; "Grp" holds how many children.
    const text = [
      'Here is a summary of services for the year (as agreed at the meeting of 1/12/2027). They start on Monday, February 8, 2027 and run through the annual review due date of January 11, 2028.',
      '',
      'Related Service\tFreq.\tDur.\tGrp\tWhere',
      'Physical Therapy\t1x/wk\t45 min\t1\tPT room',
      'Social work\t2x/wk\t20 min\t4\tSocial work office',
      'Classroom aide\tdaily\t300 min (whole day)\t1\tSpecial class',
    ].join('\n');
    // Act
    const items = found(text, true);
    // Assess
    expect(items).toEqual([
      expect.objectContaining({
        service: 'physical-therapy',
        delivery: 'individual',
        sessions: 1,
        minutes: 45,
        per: 'week',
      }),
      expect.objectContaining({ service: 'counseling', delivery: 'group', sessions: 2, minutes: 20, totalMinutes: 40 }),
      expect.objectContaining({
        service: 'aide',
        delivery: 'individual',
        sessions: 1,
        minutes: 300,
        per: 'day',
        location: 'separate',
      }),
    ]);
    for (const item of items) expect(item).toMatchObject({ start: '2027-02-08', end: '2028-01-11' });
  });
});
