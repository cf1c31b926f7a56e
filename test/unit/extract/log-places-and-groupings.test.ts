// Where a log's sessions were and with whom, where the log's own cells do not say it plainly: a
// sentence of the mail about all its sessions, a place cell that names a class, a room code before
// a room number, a grouping column that holds a place, and units scheduled for a missed row.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { readTable } from '../../support/read-table';

type Row = Record<string, unknown>;

/** A log of the given rows, numbered from the line after its header. */
function logOf(headers: string[], rows: string[][]): Table {
  return { label: 'log', headers, rows, rowNumbers: rows.map((_, i) => i + 2) };
}

describe('a sentence of the mail about all of its log sessions', () => {
  const table: Table = logOf(
    ['Date', 'Min', 'Note'],
    [
      ['10/05', '30', 'vocabulary game'],
      ['10/07', '30', 'seen 1:1, partner absent'],
      ['10/09', '—', 'not held - SLP at a training'],
    ],
  );

  it('gives its place and grouping to the held rows that do not say theirs', () => {
    // Prepare
    const mail = 'Here is the October log. All sessions were small group in the speech room.\n';
    // Act
    const sessions = readTable(table, mail, 'Speech log') as Row[];
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-05', delivery: 'group', location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-07', delivery: 'individual', location: 'separate' }),
      expect.objectContaining({ date: '2026-10-09', delivery: null, location: null, status: 'missed' }),
    ]);
  });

  it('"they are 1:1 with me in my office" is how every held row was given', () => {
    // Act
    const sessions = readTable(table, 'The check-ins are 1:1 with me in my office.\n', 'Speech log') as Row[];
    // Assess
    expect(sessions.map((s) => [s.delivery, s.location])).toEqual([
      ['individual', 'separate'],
      ['individual', 'separate'],
      [null, null],
    ]);
  });

  it('a sentence about one session only says nothing of the others', () => {
    // Act
    const sessions = readTable(table, 'On Monday we met in the speech room.\n', 'Speech log') as Row[];
    // Assess
    expect(sessions.map((s) => s.location)).toEqual([null, null, null]);
  });
});

describe("a log's place and grouping cells that do not say it plainly", () => {
  it('a place cell naming a class leaves the place to the row note ("push-in")', () => {
    // Prepare
    const table: Table = logOf(
      ['Date', 'Min', 'Room', 'Notes'],
      [
        ['10/05', '30', '4th Science', 'push-in, vocabulary'],
        ['10/07', '30', 'Speech Rm', ''],
      ],
    );
    // Act
    const sessions = readTable(table, '', 'Speech log') as Row[];
    // Assess
    expect(sessions.map((s) => s.location)).toEqual(['general-education', 'separate']);
  });

  it('a room code the mail explains is read before a room number', () => {
    // Prepare
    const table: Table = logOf(['Date', 'Loc', 'Min'], [['10/05', 'TR 14', '30']]);
    // Act
    const sessions = readTable(table, 'Codes: TR = therapy room\n', 'OT log') as Row[];
    // Assess
    expect(sessions).toEqual([expect.objectContaining({ date: '2026-10-05', location: 'separate', minutes: 30 })]);
  });

  it('a grouping column that holds a place leaves the grouping to the service cell', () => {
    // Prepare
    const table: Table = logOf(
      ['DOS', 'Service', 'Mode / location', 'Time', 'Units (15 min)', 'Status'],
      [
        ['10/05/26', 'Skills training - indiv', 'School (conf rm A)', '1:00-1:45', '3', 'Attended'],
        ['10/07/26', 'Skills training - indiv', 'School (conf rm A)', '1:00-1:45', '0 of 3', 'No show'],
      ],
    );
    // Act
    const sessions = readTable(table, '', 'Counseling progress note') as Row[];
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-05', minutes: 45, delivery: 'individual', status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-07', minutes: 45, delivery: 'individual', status: 'missed' }),
    ]);
  });
});

describe('a sentence in Spanish about all of its log sessions', () => {
  it('"todas las sesiones fueron en grupo pequeño en el salón de terapia" places and groups the held rows', () => {
    // Prepare
    const table: Table = logOf(['Fecha', 'Min', 'Nota'], [['10/05', '30', 'vocabulario']]);
    const mail = normaliseText('Todas las sesiones fueron en grupo pequeño en el salón de terapia.\n');
    // Act
    const sessions = readTable(table, mail, 'Registro de terapia del habla') as Row[];
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-05', minutes: 30, delivery: 'group', location: 'separate' }),
    ]);
  });
});
