// Logs whose columns say more than their headers: a "Kind" column of codes the mail explains
// ("V = video (1:1)") is how each session was given; a week grid's column named for a room gives
// that room to the slots it missed too; and the plain-text copy of an HTML log is not read again
// as sentences.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { findSessions } from '../../../shared/extract/find-sessions';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { readTable } from '../../support/read-table';

describe('a log whose grouping is written in codes the mail explains', () => {
  const table: Table = {
    label: 'log',
    headers: ['Date', 'Kind', 'Min', 'Notes'],
    rows: [
      ['10/06', 'V', '30', 'sight words'],
      ['10/08', 'C', '15', 'lighting check'],
      ['10/13', 'V', '0', 'child absent'],
    ],
    rowNumbers: [2, 3, 4],
  };

  it('reads each code by its meaning: video 1:1 is individual, a consultation says no grouping', () => {
    // Prepare
    const mail = 'Vision itinerant log for October.\nKind: V = video session (1:1), C = consultation\n';
    // Act
    const sessions = readTable(table, mail, 'Vision log') as Array<Record<string, unknown>>;
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-06', service: 'vision', delivery: 'individual', minutes: 30 }),
      expect.objectContaining({ date: '2026-10-08', service: 'vision', delivery: null, minutes: 15 }),
      expect.objectContaining({ date: '2026-10-13', service: 'vision', delivery: 'individual', status: 'missed' }),
    ]);
  });

  it('without a key the codes say nothing of the grouping', () => {
    // Act
    const sessions = readTable(table, 'Vision itinerant log for October.\n', 'Vision log') as Array<{
      delivery: unknown;
    }>;
    // Assess
    expect(sessions.map((s) => s.delivery)).toEqual([null, null, null]);
  });
});

describe('a week grid whose columns are named for their room', () => {
  it('gives the room to a missed slot as well as to a held one', () => {
    // Prepare
    const table: Table = {
      label: 'week',
      headers: ['Day', 'Resource Room Writing (min)', 'Co-Taught Science - Gen Ed (min)', 'Notes'],
      rows: [
        ['Mon 11/02', '40', '30', ''],
        ['Tue 11/03', '—', '30', 'resource writing not held - teacher at a training'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, 'Weekly SDI minutes. "—" = not held.', 'SDI week') as Array<
      Record<string, unknown>
    >;
    // Assess
    const missed = sessions.find((s) => s.status === 'missed');
    expect(missed).toMatchObject({ date: '2026-11-03', location: 'separate', reason: 'provider-absent' });
    expect(sessions.filter((s) => s.location === 'general-education')).toHaveLength(2);
  });
});

describe('a log sent as HTML with a plain-text copy', () => {
  it('reads the rows once, from the table, not again as sentences naming another day', () => {
    // Prepare: sent on a Tuesday, so "Tue." alone would be read as the day it was sent.
    const written = [
      'Here is the counseling log.',
      '',
      'Date   Time        Min  Notes',
      '11/02  1:00-1:30   30   check-in, went well',
      '11/04  1:00-1:30   30   Moved from Tue. (field trip)',
      '',
      'Ms. Ortega, School Counselor',
    ].join('\n');
    const text = normaliseText(written);
    const html: Table = {
      label: 'table 1',
      headers: ['Date', 'Time', 'Min', 'Notes'],
      rows: [
        ['11/02', '1:00-1:30', '30', 'check-in, went well'],
        ['11/04', '1:00-1:30', '30', 'Moved from Tue. (field trip)'],
      ],
      rowNumbers: [1, 2],
    };
    const ctx: ReadingContext = {
      tz: 'America/Chicago',
      sentOn: '2026-11-10',
      subject: 'Counseling log',
      sender: null,
      texts: [{ part: 'body', kind: 'author', text, original: written, anchor: '2026-11-10' }],
      tables: [{ part: 'body', table: html, anchor: '2026-11-10' }],
    };
    // Act
    const sessions = findSessions(ctx);
    // Assess
    expect(sessions.map((s) => s.date)).toEqual(['2026-11-02', '2026-11-04']);
  });
});
