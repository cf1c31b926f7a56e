// Bus logs: a route's exception log lists the runs that did not happen, one row per day; a header
// naming the route tells the service where the mail does not, and a breakdown or a driver out is
// the provider's absence.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readSessions as read } from '../../support/read-sessions';
import { readTable } from '../../support/read-table';

describe('transportation exception logs', () => {
  it('reads an export headed "Day, Rte, Run, Exc, Cmt" as missed runs, the codes from the mail', () => {
    const table: Table = {
      label: 'exceptions.csv',
      headers: ['Day', 'Rte', 'Run', 'Exc', 'Cmt'],
      rows: [
        ['10/6/2026', 'T-3', 'PM', 'NR', 'DRVR ABSENT/NO SUB'],
        ['10/20/2026', 'T-3', 'AM', 'NR', 'MECH - WOULD NOT START'],
      ],
      rowNumbers: [2, 3],
    };
    const mail = 'Attached is the log you asked for. Exc codes: NR = run not made.\nOffice of Pupil Records';
    expect(readTable(table, mail, 'Your request')).toEqual([
      {
        date: '2026-10-06',
        service: 'transportation',
        minutes: null,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'provider-absent',
      },
      expect.objectContaining({ date: '2026-10-20', service: 'transportation', reason: 'provider-absent' }),
    ]);
  });

  it('takes "Bus #" as a bus log and a disabled bus as the provider absent, in a table typed with spaces', () => {
    const body = [
      'DATE      BUS #   EXCEPTION     DETAIL',
      '11/02/26  41      NOT RUN       bus disabled on the highway',
      '11/04/26  41      NOT RUN       substitute driver lost, no pickup',
    ].join('\n');
    const [table] = tablesFromPlainText(body);
    expect(table).toBeDefined();
    expect(readTable(table as Table, body, 'Weekly report')).toEqual([
      expect.objectContaining({
        date: '2026-11-02',
        service: 'transportation',
        status: 'missed',
        reason: 'provider-absent',
      }),
      expect.objectContaining({ date: '2026-11-04', service: 'transportation', status: 'missed' }),
    ]);
  });

  it('leaves a log without a route column to the service the mail names', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Exception', 'Notes'],
      rows: [['10/6/2026', 'not held', 'therapist out']],
      rowNumbers: [2],
    };
    expect(readTable(table, 'Speech log attached.', 'Speech log')).toEqual([
      expect.objectContaining({ service: 'speech-language', status: 'missed', reason: 'provider-absent' }),
    ]);
  });
});

describe('the bus in a family’s own words', () => {
  it('a bus that never came on a dated line is a missed transportation session', () => {
    expect(read('Wed 3/10 - the bus never showed, I drove her in late', '2027-03-12', 'my notes')).toEqual([
      expect.objectContaining({ date: '2027-03-10', service: 'transportation', status: 'missed' }),
    ]);
  });

  it('the day that dates a notice is not the day the run was missed', () => {
    const text =
      'On Monday, March 8, the special bus did not come at all. The routing office’s letter of March 9 says the driver was out sick.';
    expect(read(text, '2027-03-15', 'questions')).toEqual([
      expect.objectContaining({ date: '2027-03-08', service: 'transportation', status: 'missed' }),
    ]);
  });
});

describe('a list of the sessions a guardian says were lost', () => {
  it('reads "Date | Service | Sched. | Reason given" rows as misses with their scheduled minutes', () => {
    const body = [
      'Date        Service              Sched.    Reason given',
      '03/02/2027  OT                   25 min    therapist at a training',
      '03/09/2027  Counseling (group)   40 min    he was in court with his caseworker',
      '03/11/2027  OT                   25 min    picked up early by the agency',
    ].join('\n');
    const [table] = tablesFromPlainText(body);
    expect(readTable(table as Table, body, 'Sessions not delivered')).toEqual([
      expect.objectContaining({ date: '2027-03-02', service: 'occupational-therapy', minutes: 25, status: 'missed' }),
      expect.objectContaining({ date: '2027-03-09', service: 'counseling', minutes: 40, reason: 'student-absent' }),
      expect.objectContaining({ date: '2027-03-11', status: 'missed', reason: 'student-absent' }),
    ]);
  });

  it('does not read a reason column alone, without the minutes scheduled, as a list of misses', () => {
    const table: Table = {
      label: 'log',
      headers: ['Date', 'Service', 'Reason for referral'],
      rows: [['03/02/2027', 'OT', 'handwriting']],
      rowNumbers: [2],
    };
    expect(readTable(table, '', 'Referrals')).toEqual([]);
  });
});
