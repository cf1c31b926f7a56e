// Logs whose headers the vocabulary does not know are read by what their cells hold: a column of
// dates is the date, a column of 5-240 numbers is minutes, codes are read through shorthand.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readTable } from '../../support/read-table';

describe('tables read by content', () => {
  it('finds the date in "Svc Dt/Time" cells with a clock time and the minutes in "Dur"', () => {
    // Prepare
    const table: Table = {
      label: 'export',
      headers: ['Stu ID', 'Svc', 'Svc Dt/Time', 'Dur', 'Grp/Ind', 'Loc', 'Stat'],
      rows: [
        ['0048812', 'SLP', '10/01/2026 10:00 AM', '30', 'G', 'Speech Rm', 'C'],
        ['0048812', 'OT', '10/20/2026 08:15 AM', '-', 'I', 'OT Rm', 'ABS'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table);
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-01', service: 'speech-language', minutes: 30, delivery: 'group' }),
      expect.objectContaining({
        date: '2026-10-20',
        service: 'occupational-therapy',
        status: 'missed',
        reason: 'student-absent',
      }),
    ]);
  });

  it('reads the day and the minutes from one "date start – end" cell, a cancelled slot keeping its length', () => {
    const table: Table = {
      label: 'platform export',
      headers: ['Learner', 'Visit (start – end)', 'Mode', 'Attend.', 'Comment'],
      rows: [
        ['K-77', '10/06/2026 01:10 PM – 01:40 PM', 'Indiv / video', 'Attended', null],
        ['K-77', '10/08/2026 01:10 PM – 01:40 PM', 'Indiv / video', 'Cancelled', 'Clinician illness'],
      ],
      rowNumbers: [4, 5],
    };
    expect(readTable(table, 'Thanks,\nRowan Ellery, M.A., CCC-SLP', 'October visits')).toEqual([
      expect.objectContaining({ date: '2026-10-06', service: 'speech-language', minutes: 30, status: 'delivered' }),
      expect.objectContaining({
        date: '2026-10-08',
        service: 'speech-language',
        minutes: 30,
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });

  it("takes a log's service from the one discipline its sender's text names, where its rows name none", () => {
    const table: Table = {
      label: 'export',
      headers: ['Visit day', 'Window', 'Status'],
      rows: [['2026-10-13', '09:00-09:25', 'Attended']],
      rowNumbers: [2],
    };
    expect(readTable(table, 'Export attached.\nDana Oyelaran, OTR/L', 'Monthly export')).toEqual([
      expect.objectContaining({ date: '2026-10-13', service: 'occupational-therapy', minutes: 25 }),
    ]);
  });

  it('gives a minutes log whose service the message never tells the service other, blank minutes filled from its span', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Where', 'From-To', 'Mins', 'Notes'],
      rows: [
        ['2026-10-13', 'Work site, 1:1', '8:00-9:10', '70', null],
        ['2026-10-15', 'Grocery store (w/ 3 classmates)', '9:00-9:45', '', 'bought lunch items'],
      ],
      rowNumbers: [2, 3],
    };
    expect(readTable(table, 'Log attached.', 'Community log')).toEqual([
      expect.objectContaining({ date: '2026-10-13', service: 'other', minutes: 70 }),
      expect.objectContaining({ date: '2026-10-15', service: 'other', minutes: 45 }),
    ]);
  });

  it('reads a log retyped by hand whose rows do not line up under its header, notes giving grouping, room and a miss', () => {
    const text = [
      'her sheet for the week',
      '',
      'DATE      SERVICE        MIN     NOTES',
      '10/5    Speech              30   small group  speech rm',
      '10/6      Speech  artic   25        1:1',
      '10/7    OT               --     canc - field trip',
      '',
      'thanks',
    ].join('\n');
    const [table] = tablesFromPlainText(text);
    expect(table?.rows).toHaveLength(3);
    expect(readTable(table as Table, text, 'sheet')).toEqual([
      expect.objectContaining({
        date: '2026-10-05',
        service: 'speech-language',
        minutes: 30,
        delivery: 'group',
        location: 'separate',
      }),
      expect.objectContaining({ date: '2026-10-06', service: 'speech-language', minutes: 25, delivery: 'individual' }),
      expect.objectContaining({ date: '2026-10-07', service: 'occupational-therapy', status: 'missed', minutes: null }),
    ]);
  });

  it('reads Excel serial numbers written as text as days', () => {
    const table: Table = {
      label: 'xlsx',
      headers: ['Svc', 'Dt', 'Dur', 'Stat'],
      rows: [['SAI-RDG', '46286', '45', 'Complete']],
      rowNumbers: [2],
    };
    expect(readTable(table)).toEqual([
      expect.objectContaining({ date: '2026-09-21', service: 'specialized-academic-instruction', minutes: 45 }),
    ]);
  });

  it('never reads a services grid (frequency, initiation) as sessions', () => {
    const table: Table = {
      label: 'grid',
      headers: ['Service', 'Frequency', 'Min. per session', 'Initiation', 'Duration'],
      rows: [['Speech', '2x weekly', '30', '12/09/2025', '12/08/2026']],
      rowNumbers: [2],
    };
    expect(readTable(table)).toEqual([]);
  });

  it('reads a week grid with one minutes column per service, a dash with a note being a miss', () => {
    const table: Table = {
      label: 'week',
      headers: ['Day', 'Resource room reading (min)', 'Co-taught math (min)', 'Notes'],
      rows: [
        ['Mon 10/26', '45', '60', ''],
        ['Tue 10/27', '45', '—', 'co-taught not held, I was pulled for testing duty'],
      ],
      rowNumbers: [3, 4],
    };
    const sessions = readTable(table, 'special education log');
    expect(sessions).toHaveLength(4);
    expect(sessions).toContainEqual(
      expect.objectContaining({ date: '2026-10-27', status: 'missed', reason: 'provider-unavailable', minutes: null }),
    );
  });

  it('cuts a table typed with spaces at its header columns, blank cells kept blank', () => {
    const text = [
      'Dt     Day  Time          Min  G/I  Rm         Notes',
      '8/27   Th   10:00-10:30   30   G    Spch Rm',
      '9/3    Th   --            --   --   --         NS - stu in screening',
      '',
      'Thanks',
    ].join('\n');
    const [table] = tablesFromPlainText(text);
    expect(table?.headers).toEqual(['Dt', 'Day', 'Time', 'Min', 'G/I', 'Rm', 'Notes']);
    expect(table?.rows).toEqual([
      ['8/27', 'Th', '10:00-10:30', '30', 'G', 'Spch Rm', ''],
      ['9/3', 'Th', '--', '--', '--', '--', 'NS - stu in screening'],
    ]);
  });
});

describe('minutes from a column of clock-time spans', () => {
  it('reads "10:05-10:25" in a Window column as 20 minutes', () => {
    const table: Table = {
      label: 'export',
      headers: ['Svc date', 'Window', 'Fmt', 'Status'],
      rows: [['2026-10-05', '10:05-10:25', '1:1 / video', 'Attended']],
      rowNumbers: [2],
    };
    expect(readTable(table, '', 'Speech attendance')).toEqual([
      expect.objectContaining({ date: '2026-10-05', service: 'speech-language', minutes: 20, status: 'delivered' }),
    ]);
  });
});

describe('short day cells', () => {
  it('reads 24-Aug (M), Aug-24, 9.2 and Wed 9.2 as days near the anchor', async () => {
    const { dateFromCell } = await import('../../../shared/extract/resolve-dates');
    expect(dateFromCell('24-Aug (M)', '2026-09-01')).toBe('2026-08-24');
    expect(dateFromCell('Aug-24', '2026-09-01')).toBe('2026-08-24');
    expect(dateFromCell('9.2', '2026-09-10')).toBe('2026-09-02');
    expect(dateFromCell('Wed 9.2', '2026-09-10')).toBe('2026-09-02');
    expect(dateFromCell('Room 12', '2026-09-10')).toBeNull();
  });
});

describe('a log with Spanish headers', () => {
  it('takes scheduled and given minutes, format, place and notes from their Spanish headers', () => {
    // Prepare
    const table: Table = {
      label: 'registro',
      headers: ['Fecha', 'Día', 'Servicio', 'Formato', 'Lugar', 'Min. prog.', 'Min. dados', 'Notas'],
      rows: [
        ['10/06/2026', 'mar', 'Lenguaje', 'grupo (4)', 'sala de terapia', '20', '20', ''],
        ['10/08/2026', 'jue', 'Lenguaje', '—', '—', '20', '0', 'Cancelada: capacitación del distrito'],
        ['10/09/2026', 'vie', 'Articulación', 'individual', 'salón de clases', '10', '10', ''],
      ],
      rowNumbers: [2, 3, 4],
    };
    // Act
    const sessions = readTable(table, '', 'Registro de terapia del habla');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-06', minutes: 20, delivery: 'group', location: 'separate' }),
      expect.objectContaining({ date: '2026-10-08', minutes: 20, status: 'missed', reason: 'provider-absent' }),
      expect.objectContaining({
        date: '2026-10-09',
        minutes: 10,
        delivery: 'individual',
        location: 'general-education',
      }),
    ]);
  });
});

describe('columns that hold two fields, and fields a log states once', () => {
  it('reads "Fmt/Setting" cells as the grouping and the place, and a status in a "Cd" column through the legend', () => {
    const table: Table = {
      label: 'weekly export',
      headers: ['Day', 'Disc', 'Fmt/Setting', 'Cd'],
      rows: [
        ['10/13/2026', 'OT', 'indiv, motor room', 'P'],
        ['10/14/2026', 'OT', 'pair, in class', 'P'],
        ['10/15/2026', 'OT', '--', 'X'],
      ],
      rowNumbers: [2, 3, 4],
    };
    const legend = 'Key: P = provided  X = student absent';
    expect(readTable(table, legend)).toEqual([
      expect.objectContaining({
        date: '2026-10-13',
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
      }),
      expect.objectContaining({ date: '2026-10-14', delivery: 'group', location: 'general-education' }),
      expect.objectContaining({ date: '2026-10-15', status: 'missed', reason: 'student-absent', delivery: null }),
    ]);
  });

  it('reads a group size in a "Sz" column, a place in a "Set" column and "0/25" under "Mins del/sch" as 25 scheduled', () => {
    const table: Table = {
      label: 'log.csv',
      headers: ['Fecha', 'Svc', 'Sz', 'Mins del/sch', 'Set'],
      rows: [
        ['10/6', 'SLP', '1', '25/25', 'speech rm'],
        ['10/8', 'SLP', '4', '20/25', 'gen ed'],
        ['10/13', 'SLP', '', '0/25', ''],
      ],
      rowNumbers: [2, 3, 4],
    };
    expect(readTable(table)).toEqual([
      expect.objectContaining({ date: '2026-10-06', minutes: 25, delivery: 'individual', location: 'separate' }),
      expect.objectContaining({ date: '2026-10-08', minutes: 20, delivery: 'group', location: 'general-education' }),
      expect.objectContaining({ date: '2026-10-13', minutes: 25, status: 'missed' }),
    ]);
  });

  it('gives every held row the grouping the log states once in its "Service:" line, never a missed one', () => {
    const table: Table = {
      label: 'verification.pdf',
      headers: ['Date', 'In', 'Out', 'Minutes', 'Notes'],
      rows: [
        ['10/20/2026', '1:00', '1:30', '30', ''],
        ['10/21/2026', '-', '-', '0', 'cancelled - therapist ill'],
      ],
      rowNumbers: [4, 5],
    };
    const documentText = 'Attendance record\nService: occupational therapy, one-on-one\tClinic: North';
    expect(readTable(table, documentText)).toEqual([
      expect.objectContaining({ date: '2026-10-20', service: 'occupational-therapy', delivery: 'individual' }),
      expect.objectContaining({ date: '2026-10-21', status: 'missed', delivery: null, reason: 'provider-absent' }),
    ]);
  });
});

describe('a log written day first', () => {
  it.each([
    [
      'English',
      ['Date', 'Type', 'Mins', 'Notes'],
      'Not held: I was covering a crisis at another school',
      'Ollie Brandt, school social worker',
    ],
    [
      'Spanish',
      ['Fecha', 'Tipo', 'Min.', 'Notas'],
      'No hubo sesión: atendí una crisis en otra escuela',
      'Ofelia Brandt, trabajadora social',
    ],
  ])(
    'reads "14/10" as the 14th of October, and "0 of 25" as 25 minutes scheduled (%s)',
    (_l, headers, note, signature) => {
      const table: Table = {
        label: 'log',
        headers,
        rows: [
          ['07/10', 'Individual', '25', ''],
          ['14/10', '—', _l === 'English' ? '0 of 25' : '0 de 25', note],
          ['21/10', 'Individual', '25', ''],
        ],
        rowNumbers: [2, 3, 4],
      };
      expect(readTable(table, signature, 'Counseling log')).toEqual([
        expect.objectContaining({ date: '2026-10-07', service: 'counseling', minutes: 25, delivery: 'individual' }),
        expect.objectContaining({ date: '2026-10-14', minutes: 25, status: 'missed', reason: 'provider-unavailable' }),
        expect.objectContaining({ date: '2026-10-21', minutes: 25, status: 'delivered' }),
      ]);
    },
  );

  it('keeps month first where a cell can only be month first ("10/21")', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Mins'],
      rows: [
        ['10/07', '25'],
        ['10/21', '25'],
      ],
      rowNumbers: [2, 3],
    };
    expect(readTable(table, '', 'Counseling log')).toEqual([
      expect.objectContaining({ date: '2026-10-07' }),
      expect.objectContaining({ date: '2026-10-21' }),
    ]);
  });
});
