import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { codeLegend, tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readTable } from '../../support/read-table';

describe('sessionsFromTable', () => {
  it('a log row with 0 (30 scheduled) is a missed session of 30 scheduled minutes', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: ['Date', 'Minutes', 'Grouping', 'Room', 'Notes'],
      rows: [
        ['10/6/2026', '30', 'Individual', 'PT room', 'Stairs'],
        ['10/8/2026', '0 (30 scheduled)', '--', '--', 'Therapist at a training'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, '', 'PT log for October');
    // Assess
    expect(sessions).toEqual([
      {
        date: '2026-10-06',
        service: 'physical-therapy',
        minutes: 30,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
      {
        date: '2026-10-08',
        service: 'physical-therapy',
        minutes: 30,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'provider-absent',
      },
    ]);
  });

  it('reads status codes from the legend the document gives', () => {
    const legend = codeLegend('Codes: D = delivered MU = make-up session SA = student absent HOL = school holiday');
    expect(legend.get('MU')).toBe('make-up session');
    const table: Table = {
      label: 'statement',
      headers: ['Date', 'Disc.', 'Code', 'Minutes'],
      rows: [
        ['10/12/2026', 'PT', 'HOL', '0 (30 sched.)'],
        ['10/14/2026', 'PT', 'MU', '30'],
        ['10/16/2026', 'OT', 'SA', '0'],
      ],
      rowNumbers: [1, 2, 3],
    };
    const sessions = readTable(
      table,
      'D = delivered MU = make-up session SA = student absent HOL = school holiday / no school',
    );
    expect(sessions).toMatchObject([
      { date: '2026-10-12', service: 'physical-therapy', status: 'missed', reason: 'school-closure', minutes: 30 },
      { date: '2026-10-14', service: 'physical-therapy', status: 'makeup', minutes: 30 },
      {
        date: '2026-10-16',
        service: 'occupational-therapy',
        status: 'missed',
        reason: 'student-absent',
        minutes: null,
      },
    ]);
  });

  it('group size 1 is individual, a larger group is group, and the row service wins over the message', () => {
    const table: Table = {
      label: 'minutes',
      headers: ['Service', 'Session Date', 'Actual Min', 'Group Size', 'Location', 'Attendance'],
      rows: [
        ['Speech Therapy', '10/06/2026', '30', '1', 'Therapy Room', 'Present'],
        ['Math Resource', '10/07/2026', '45', '5', 'Gen Ed Classroom (push-in)', 'Present'],
        ['Speech Therapy', '10/08/2026', '0', '', '', 'Provider Unavailable'],
      ],
      rowNumbers: [1, 2, 3],
    };
    expect(readTable(table)).toEqual([
      {
        date: '2026-10-06',
        service: 'speech-language',
        minutes: 30,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
      {
        date: '2026-10-07',
        service: 'specialized-academic-instruction',
        minutes: 45,
        delivery: 'group',
        location: 'general-education',
        status: 'delivered',
        reason: null,
      },
      {
        date: '2026-10-08',
        service: 'speech-language',
        minutes: null,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'provider-unavailable',
      },
    ]);
  });

  it('a grid of IEP services with start and end dates is not a session log', () => {
    const table: Table = {
      label: 'services',
      headers: ['Service', 'Frequency', 'Minutes per Session', 'Start Date', 'End Date'],
      rows: [['Speech', '2x weekly', '30', '09/16/2026', '03/12/2027']],
      rowNumbers: [1],
    };
    expect(readTable(table)).toEqual([]);
  });
});

describe('tablesFromPlainText', () => {
  it('finds a tab-separated log pasted into a plain-text body', () => {
    const tables = tablesFromPlainText('Log:\nDate\tMinutes\tStatus\n9/2\t30\tSeen\n9/9\t0\tMissed\n\nThanks');
    expect(tables).toHaveLength(1);
    expect(tables[0]?.headers).toEqual(['Date', 'Minutes', 'Status']);
    expect(tables[0]?.rows).toHaveLength(2);
  });
});

describe('sessionsFromTable with clock times', () => {
  it('takes the minutes between Time In and Time Out where no minutes are written', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Time In', 'Time Out', 'Attendance'],
      rows: [
        ['10/06/2026', '10:15', '10:45', 'Present'],
        ['10/08/2026', '', '', 'No Show'],
      ],
      rowNumbers: [1, 2],
    };
    expect(readTable(table, '', 'OT log')).toMatchObject([
      { date: '2026-10-06', service: 'occupational-therapy', minutes: 30, status: 'delivered' },
      {
        date: '2026-10-08',
        service: 'occupational-therapy',
        minutes: null,
        status: 'missed',
        reason: 'student-absent',
      },
    ]);
  });
  it('reads delivery from a Format column and location from a Where column', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: ['Date', 'Format', 'Minutes', 'Where', 'Status'],
      rows: [
        ['11/2/2026', 'Small group (4)', '25', 'Social worker office', 'Seen'],
        ['11/9/2026', 'Individual', '25', 'Gen ed classroom', 'Seen'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, '', 'Counseling log');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-11-02', delivery: 'group', location: 'separate', status: 'delivered' },
      { date: '2026-11-09', delivery: 'individual', location: 'general-education', status: 'delivered' },
    ]);
  });

  it('an outcome naming the therapist as out is a provider absence', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: ['Date', 'Minutes', 'Outcome', 'Comments'],
      rows: [['10/20/2026', '0', 'SLP out', '']],
      rowNumbers: [2],
    };
    // Act
    const sessions = readTable(table, '', 'Speech log');
    // Assess
    expect(sessions).toMatchObject([{ date: '2026-10-20', status: 'missed', reason: 'provider-absent' }]);
  });
  it('reads the service from a Svc column and the delivery from a Mode column', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: ['Date', 'Svc', 'Mode', 'Mins', 'Status'],
      rows: [
        ['10/5/2026', 'OT', '1:1', '30', 'Seen'],
        ['10/6/2026', 'PT', 'Group', '30', 'Seen'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, '', 'Related services log');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-10-05', service: 'occupational-therapy', delivery: 'individual' },
      { date: '2026-10-06', service: 'physical-therapy', delivery: 'group' },
    ]);
  });
  it('a "Session Type" column of individual and group is the delivery, not the service', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: ['Date of Service', 'Session Type', 'Attendance', 'Min.'],
      rows: [
        ['01/04/2027', 'Individual', 'Present', '30'],
        ['01/06/2027', 'Small group', 'Present', '30'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, '', 'Speech log January');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2027-01-04', service: 'speech-language', delivery: 'individual' },
      { date: '2027-01-06', service: 'speech-language', delivery: 'group' },
    ]);
  });

  it('reads an export whose headers are field names joined by underscores', () => {
    // Prepare
    const table: Table = {
      label: 'export',
      headers: ['PUPIL_NO', 'SVC_CD', 'SRV_DT', 'SCHED_MIN', 'ACT_MIN', 'GRP_IND', 'LOC_DESC', 'ATT_CD', 'CMNT'],
      rows: [
        ['5501', 'OT', '02/01/2027', '40', '40', 'IND', 'OT RM', 'X', ''],
        ['5501', 'OT', '3-Feb', '40', '0', 'GRP', 'OT RM', 'TA', 'therapist at conference'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, 'Codes: X = Attended  TA = Therapist Absent', 'OT log');
    // Assess
    expect(sessions).toEqual([
      {
        date: '2027-02-01',
        service: 'occupational-therapy',
        minutes: 40,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
      {
        date: '2027-02-03',
        service: 'occupational-therapy',
        minutes: 40,
        delivery: 'group',
        location: 'separate',
        status: 'missed',
        reason: 'provider-absent',
      },
    ]);
  });
});

describe('a log with two fields in one column and times as its only minutes', () => {
  it('reads "Svc-Grp/Ind" as service and grouping, skips a slot with a dash for service, and a note that says no support is a miss', () => {
    // Prepare: a classroom aide's sheet export, the day and its clock span in one column
    const table: Table = {
      label: 'table 1',
      headers: ['Day/Time In-Out', 'Class', 'Svc-Grp/Ind', 'Staff', 'Notes'],
      rows: [
        ['10/5 9:10a-9:55a', 'Room 12 Math (GE)', 'Aide-Grp', 'LM', 'two prompts'],
        ['10/5 11:40a-12:05p', 'Cafeteria', '-', '-', 'ate with his friends'],
        ['10/6 9:10a-9:55a', 'Room 12 Math (GE)', 'Aide-Grp', '-', 'NO AIDE - LM covering another room'],
        ['10/6 1:30p-2:00p', 'PT room', 'PT-Ind', 'RS', 'stairs'],
      ],
      rowNumbers: [2, 3, 4, 5],
    };

    // Act
    const sessions = readTable(table, '', 'aide log this week');

    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2026-10-05',
        service: 'aide',
        minutes: 45,
        delivery: 'group',
        status: 'delivered',
      }),
      expect.objectContaining({ date: '2026-10-06', service: 'aide', minutes: 45, status: 'missed' }),
      expect.objectContaining({
        date: '2026-10-06',
        service: 'physical-therapy',
        minutes: 30,
        delivery: 'individual',
        status: 'delivered',
      }),
    ]);
  });
});
