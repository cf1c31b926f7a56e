// A family's own table of sessions under a column named for the service, whose cells give the
// minutes and then the grouping ("25 min, 1:1"), a "?" where nobody told them, and "none" for a day
// with no session.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { readTable } from '../../support/read-table';

describe('minutes cells that go on in words', () => {
  it('reads "25 min, 1:1" as 25 minutes individual, skips "?", and takes "none" as a miss with its remark', () => {
    // Prepare
    const table: Table = {
      label: 'ours',
      headers: ['Date', 'Weekday', 'OT', 'How we know'],
      rows: [
        ['10/19', 'Mon', '25 min, 1:1', 'her weekly note'],
        ['10/21', 'Wed', '25 min with two classmates', 'her weekly note'],
        ['10/23', 'Fri', '?', 'nothing came home'],
        ['10/26', 'Mon', 'none', 'school closed for the storm'],
      ],
      rowNumbers: [2, 3, 4, 5],
    };
    // Act
    const sessions = readTable(table, 'Here is what we have for OT.', 'Our OT notes');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2026-10-19',
        service: 'occupational-therapy',
        minutes: 25,
        delivery: 'individual',
        status: 'delivered',
      }),
      expect.objectContaining({ date: '2026-10-21', minutes: 25, delivery: 'group', status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-26', status: 'missed', reason: 'school-closure' }),
    ]);
  });

  it('leaves a column of scores with words after them alone', () => {
    const table: Table = {
      label: 'probes',
      headers: ['Date', 'Probe'],
      rows: [
        ['10/19', '7 of 10 correct'],
        ['10/21', '8 of 10 correct'],
      ],
      rowNumbers: [2, 3],
    };
    expect(readTable(table, 'Speech probes this month.', 'Speech probes')).toEqual([]);
  });
});
