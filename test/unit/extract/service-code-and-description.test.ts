// A log export that gives each row's service twice: a code of the district's own ("BHV-I") and
// its description ("Behavior support individual"). The description names the service where the code does not.
import { describe, expect, it } from 'vitest';
import { readTable } from '../../support/read-table';

describe('a service code beside its description', () => {
  it('takes the service, and the grouping of a missed row, from the description where the code is unknown', () => {
    const table = {
      label: 'export',
      headers: ['Svc Code', 'Service Description', 'Session Date', 'Mins Delivered', 'Group Size', 'Status'],
      rows: [
        ['PT-I', 'Physical therapy individual', '2026-10-06', '30', '1', 'DEL'],
        ['BHV-G', 'Behavior support group', '2026-10-06', '25', '3', 'DEL'],
        ['BHV-G', 'Behavior support group', '2026-10-08', '0', null, 'absent'],
      ],
      rowNumbers: [2, 3, 4],
    };
    expect(readTable(table, '', 'October export')).toEqual([
      expect.objectContaining({ date: '2026-10-06', service: 'physical-therapy', minutes: 30, delivery: 'individual' }),
      expect.objectContaining({ date: '2026-10-06', service: 'behavior', minutes: 25, delivery: 'group' }),
      expect.objectContaining({
        date: '2026-10-08',
        service: 'behavior',
        delivery: 'group',
        status: 'missed',
        reason: 'student-absent',
      }),
    ]);
  });
});
