// How long a session lasted, written other ways than a minutes figure: a "How long" column of
// "25 min", a "Duration" of hours and minutes ("0:45"), a start and a stop time.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { readTable } from '../../support/read-table';

function log(headers: string[], rows: string[][]): Table {
  return { label: 'log', headers, rows, rowNumbers: rows.map((_, i) => i + 2) };
}

describe('a session length written another way', () => {
  it('reads a "How long" column of "25 min" cells, under a "When" column of days', () => {
    // Act
    const sessions = readTable(
      log(
        ['When', 'How long', 'With'],
        [
          ['Tue 10/13', '25 min', 'two peers'],
          ['Thu 10/15', '40 mins', 'one-on-one'],
        ],
      ),
      '',
      'OT notes',
    );
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-13', service: 'occupational-therapy', minutes: 25 }),
      expect.objectContaining({ date: '2026-10-15', minutes: 40, delivery: 'individual' }),
    ]);
  });

  it('reads hours and minutes in a "Duration" column as minutes, never "0:45" as no minutes', () => {
    // Act
    const sessions = readTable(
      log(
        ['Date', 'Duration', 'Status'],
        [
          ['10/13/2026', '0:45', 'Completed'],
          ['10/15/2026', '1:10', 'Completed'],
        ],
      ),
      '',
      'OT notes',
    );
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-13', minutes: 45, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-15', minutes: 70, status: 'delivered' }),
    ]);
  });

  it('leaves a clock-like cell in a minutes column unread rather than reading it as 0 minutes', () => {
    // Act
    const sessions = readTable(
      log(['Date', 'Min', 'Status'], [['10/13/2026', '0:45', 'Completed']]),
      '',
      'OT notes',
    ) as Array<{ status: string; minutes: unknown }>;
    // Assess
    expect(sessions.map((s) => s.status)).toEqual(['delivered']);
    expect(sessions[0]?.minutes).toBeNull();
  });

  it('reads a "Start" and "Stop" pair of clock times as the length', () => {
    // Act
    const sessions = readTable(
      log(
        ['Date', 'Start', 'Stop', 'Worked on'],
        [
          ['10/13', '1:05 PM', '1:35 PM', 'scissors'],
          ['10/15', '1:05 PM', '1:25 PM', 'buttons'],
        ],
      ),
      '',
      'OT notes',
    );
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-13', minutes: 30 }),
      expect.objectContaining({ date: '2026-10-15', minutes: 20 }),
    ]);
  });

  it('gives a cancelled row of a billing export the minutes between its Start and End as scheduled', () => {
    // Act
    const sessions = readTable(
      log(
        ['Visit Dt', 'Svc', 'Start', 'End', 'Units', 'Code'],
        [
          ['10/13/2026', 'PT', '1:15', '1:45', '2', 'K'],
          ['10/15/2026', 'PT', '1:15', '1:45', '0', 'PC'],
        ],
      ),
      'Units are 15 minutes. Code K = kept; PC = provider cancelled.',
      'Billing export',
    );
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-13', service: 'physical-therapy', minutes: 30, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-15', minutes: 30, status: 'missed' }),
    ]);
  });
});
