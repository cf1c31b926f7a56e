// One reading of "from one clock time to another" for prose and table cells.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import {
  clockSpanCellMinutes,
  clockSpanMinutes,
  minutesBetweenClocks,
  unitLengthIn,
} from '../../../shared/extract/clock-spans';
import { readTable } from '../../support/read-table';

describe('clock spans', () => {
  it.each([
    ['seen 10:05-10:25 in the library', 20],
    ['pulled 11:30-12:15', 45],
    ['11:00 to 1:20 with the aide', 140],
    ['from 7:50 a 14:20', null],
    ['7:50-14:20 in the classroom', 390],
    ['2:10 \u2013 2:40 pm', 30],
    ['1:00-1:30 pm over video', 30],
    ['11:40-12:10 pm', 30],
    ['9:40 AM to 10:10 AM', 30],
    ['8:00-8:00', 0],
    ['12:40p-1:05p at recess', 25],
    ['11:50a-12:20p', 30],
    ['no clock here, 30 minutes', null],
    ['12:50-13:25 in the hallway', 35],
    ['Time: 0915-0945 | pull-out', 30],
    ['saw him 1340 to 1420 hrs', 40],
    ['the 2025-2026 school year', null],
    ['rooms 1012-1013 are closed', null],
  ])('reads %j in prose as %s minutes', (text, minutes) => {
    expect(clockSpanMinutes(text)).toBe(minutes);
  });

  it('reads a cell that ends with a span, after its day, and two cells of one time each', () => {
    expect(clockSpanCellMinutes('11/04/2026 02:05 PM \u2013 02:35 PM')).toBe(30);
    expect(clockSpanCellMinutes('02:05 PM \u2013 02:35 PM, see note')).toBeNull();
    expect(clockSpanCellMinutes('1315-1340')).toBe(25);
    expect(clockSpanCellMinutes('0730-0800 hrs')).toBe(30);
    expect(clockSpanCellMinutes('2024-2025')).toBeNull();
    expect(minutesBetweenClocks('9:05', '9:30')).toBe(25);
    expect(minutesBetweenClocks('12:50', '1:15')).toBe(25);
    expect(minutesBetweenClocks('-', '9:30')).toBeNull();
  });
});

describe('billing units in a log', () => {
  it.each([
    ['1 Unit = 15 min. Codes: P = present', 15],
    ['Total units billed: 6 (15 min each)', 15],
    ['billed in 15-minute units', 15],
    ['Units: see the invoice', null],
  ])('finds the unit length in %j', (text, minutes) => {
    expect(unitLengthIn(text)).toBe(minutes);
  });

  it('reads minutes from the clock columns, not from the units beside them', () => {
    const table: Table = {
      label: 'verification log',
      headers: ['Date', 'Time In', 'Time Out', 'Units', 'Notes'],
      rows: [
        ['11/02/26', '1:10', '1:40', '2', null],
        ['11/04/26', '1:15', '1:40', '2', 'started late'],
      ],
      rowNumbers: [3, 4],
    };
    expect(readTable(table, 'Unit = 15 min', 'Occupational therapy log')).toEqual([
      expect.objectContaining({ date: '2026-11-02', minutes: 30, status: 'delivered' }),
      expect.objectContaining({ date: '2026-11-04', minutes: 25, status: 'delivered' }),
    ]);
  });

  it('multiplies units by the stated unit length, and leaves minutes unread where no length is stated', () => {
    const table: Table = {
      label: 'portal export',
      headers: ['Svc', 'Svc Dt', 'Units', 'Att'],
      rows: [
        ['PT', '11/09/2026', '3', 'P'],
        ['PT', '11/16/2026', '0', 'ABS'],
      ],
      rowNumbers: [2, 3],
    };
    expect(readTable(table, '1 unit = 10 minutes')).toEqual([
      expect.objectContaining({ date: '2026-11-09', service: 'physical-therapy', minutes: 30, status: 'delivered' }),
      expect.objectContaining({ date: '2026-11-16', status: 'missed', reason: 'student-absent' }),
    ]);
    expect(readTable(table, '')).toEqual([
      expect.objectContaining({ date: '2026-11-09', minutes: null, status: 'delivered' }),
      expect.objectContaining({ date: '2026-11-16', status: 'missed' }),
    ]);
  });

  it('takes a "Time" column of spans as the clock and the "Min" column beside it as the minutes', () => {
    const table: Table = {
      label: 'pasted log',
      headers: ['Dt', 'Time', 'Min', 'Notes'],
      rows: [
        ['11/03', '9:15-9:45', '30', null],
        ['11/05', '9:15-9:45', '20', 'left early'],
      ],
      rowNumbers: [5, 6],
    };
    expect(readTable(table, '', 'Speech log')).toEqual([
      expect.objectContaining({ date: '2026-11-03', minutes: 30 }),
      expect.objectContaining({ date: '2026-11-05', minutes: 20 }),
    ]);
  });
});
