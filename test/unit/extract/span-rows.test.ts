// A log row dated by a span of days ("11/23-11/27  --  Thanksgiving break") stands for every school
// day in it; a held row keeps its first day, and a span longer than two weeks is not spread out. A
// missed row may give its scheduled minutes only in its remark ("out sick (25 sch)").
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { readTable } from '../../support/read-table';

describe('a row dated by a span of days', () => {
  it('misses each weekday of a closed span, Saturday and Sunday left out', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Minutes', 'Notes'],
      rows: [
        ['10/16', '30', 'sorting by category'],
        ['10/19 - 10/25', '--', 'mid-term break, no school'],
        ['10/26', '30', 'back to category work'],
      ],
      rowNumbers: [2, 3, 4],
    };
    const dates = (readTable(table, 'Speech log.', 'Speech log') as Array<{ date: string; status: string }>).map(
      (s) => `${s.date} ${s.status}`,
    );
    expect(dates).toEqual([
      '2026-10-16 delivered',
      '2026-10-19 missed',
      '2026-10-20 missed',
      '2026-10-21 missed',
      '2026-10-22 missed',
      '2026-10-23 missed',
      '2026-10-26 delivered',
    ]);
  });

  it('keeps a long span to its first day', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Minutes', 'Notes'],
      rows: [['9/1-9/30', '--', 'provider on leave, no sessions']],
      rowNumbers: [2],
    };
    expect(readTable(table, 'Speech log.', 'Speech log')).toEqual([
      expect.objectContaining({ date: '2026-09-01', status: 'missed', reason: 'provider-absent' }),
    ]);
  });

  it('takes a missed row\'s scheduled minutes from its remark ("out sick (25 sch)")', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Minutes', 'Notes'],
      rows: [['10/20', '0', 'out sick (25 sch)']],
      rowNumbers: [2],
    };
    expect(readTable(table, 'Speech log.', 'Speech log')).toEqual([
      expect.objectContaining({ date: '2026-10-20', minutes: 25, status: 'missed', reason: 'student-absent' }),
    ]);
  });
});
