// Logs whose figures and days are written the other way round from what the reader first knew: one
// column of scheduled over delivered minutes ("Min (plan/actual)": "60/45"), and days written with a
// hyphen ("Tue 3-10", "3-11-27").
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { dateFromCell } from '../../../shared/extract/resolve-dates';
import { readPlainTextTable, readTable } from '../../support/read-table';

describe('a column of scheduled over delivered minutes', () => {
  it('reads "60/45" under "plan/actual" as 45 held and "60/0" as a miss of 60', () => {
    // Prepare
    const table: Table = {
      label: 'week',
      headers: ['Date', 'Reading min (plan/actual)', 'Comment'],
      rows: [
        ['10/26', '60/45', 'fire drill cut it short'],
        ['10/27', '60/0', 'out sick'],
        ['Total', '120/45', ''],
      ],
      rowNumbers: [2, 3, 4],
    };
    // Act
    const sessions = readTable(table, 'Resource reading minutes for the week.', 'Resource reading');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-26', minutes: 45, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-27', minutes: 60, status: 'missed', reason: 'student-absent' }),
    ]);
  });
});

describe('days written with hyphens', () => {
  it('reads a weekday beside month-day, and month-day-year, but not a bare pair of figures', () => {
    expect(dateFromCell('Tue 10-27', '2026-10-30')).toBe('2026-10-27');
    expect(dateFromCell('10-27-26', '2026-10-30')).toBe('2026-10-27');
    expect(dateFromCell('10-27-2026', '2026-10-30')).toBe('2026-10-27');
    expect(dateFromCell('10-27', '2026-10-30')).toBeNull();
    expect(dateFromCell('13-27-26', '2026-10-30')).toBeNull();
  });

  it('reads a typed log whose day column is "Mon 10-26"', () => {
    const body = [
      'Day         Check-in   Counseling min',
      'Mon 10-26   8:02       15',
      'Tue 10-27   absent     0',
    ].join('\n');
    expect(readPlainTextTable(body, `${body}\nSchool counselor`, 'Counseling minutes')).toEqual([
      expect.objectContaining({ date: '2026-10-26', service: 'counseling', minutes: 15, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-27', service: 'counseling', status: 'missed' }),
    ]);
  });
});
