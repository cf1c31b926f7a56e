// A log row whose minutes are a dash and whose remark gives only why ("Columbus Day", "field trip"),
// with no word such as "missed" or "cancelled": the slot was not held, and a named holiday is a
// closed day, whichever of a "Dt" and a "Day" column holds the dates.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { findDates } from '../../../shared/extract/dates';
import { readTable } from '../../support/read-table';

const table: Table = {
  label: 'log',
  headers: ['Dt', 'Day', 'Min', 'Remarks'],
  rows: [
    ['10/8', 'Th', '30', 'retell with pictures'],
    ['10/12', 'M', '--', 'Columbus Day'],
    ['10/15', 'Th', '--', 'field trip to the farm'],
    ['10/19', 'M', '', 'goal review'],
  ],
  rowNumbers: [2, 3, 4, 5],
};

describe('a dash for the minutes beside a reason', () => {
  it('is a missed session with that reason; a blank beside a plain remark stays unread', () => {
    expect(readTable(table, 'Speech log.', 'Speech log')).toEqual([
      expect.objectContaining({ date: '2026-10-08', minutes: 30, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-12', status: 'missed', reason: 'school-closure' }),
      expect.objectContaining({ date: '2026-10-15', status: 'missed', reason: 'student-unavailable' }),
    ]);
  });

  it('gives the named holiday as a closed day, read from the "Dt" column and not the day letters', () => {
    const dates = findDates({
      tz: 'America/Chicago',
      sentOn: '2026-10-30',
      subject: '',
      sender: null,
      texts: [],
      tables: [{ part: 'log.csv', table, anchor: '2026-10-30' }],
    }).map(({ type, date }) => ({ type, date }));
    expect(dates).toEqual([{ type: 'school-closure', date: '2026-10-12' }]);
  });
});
