// A teacher's week grid: two services' minutes in one column ("90 / 90"), a column of held and
// not-held marks under a service's name, an abbreviation the mail explains or the signature's title
// gives, a "Where" column, and a closed day that closes every column.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { signatureService } from '../../../shared/extract/sessions-from-tables';
import { readTable } from '../../support/read-table';

describe('week grids with shared and marked columns', () => {
  it('reads "SDI / 1:1 aide (min)" cells of "90 / 90" as one session of each, a bare "abs" missing both', () => {
    // Prepare
    const table: Table = {
      label: 'week',
      headers: ['Cycle day', 'Date', 'SDI / 1:1 aide (min)', 'Where', 'Notes'],
      rows: [
        ['C', 'Tue 10/20', '90 / 75', 'Kinder classroom', 'good morning'],
        ['D', 'Wed 10/21', 'abs', '—', 'home with a fever'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const sessions = readTable(table, 'Notes for the week. SDI = specially designed instruction with me.', 'Week');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2026-10-20',
        service: 'specialized-academic-instruction',
        minutes: 90,
        location: 'general-education',
        status: 'delivered',
      }),
      expect.objectContaining({ date: '2026-10-20', service: 'aide', minutes: 75, delivery: 'individual' }),
      expect.objectContaining({
        date: '2026-10-21',
        service: 'specialized-academic-instruction',
        status: 'missed',
        reason: 'student-absent',
      }),
      expect.objectContaining({ date: '2026-10-21', service: 'aide', status: 'missed', reason: 'student-absent' }),
    ]);
  });

  it('reads a column of marks under the aide, an unexplained minutes column by the signature, and a closed day', () => {
    const table: Table = {
      label: 'week',
      headers: ['Date', 'XYZ min', '1:1 aide', 'Notes'],
      rows: [
        ['10/26', '120', '✓', ''],
        ['10/27', '120', '✗ aide out for a workshop, no cover', ''],
        ['10/28', '—', '—', 'No school - teacher training day'],
      ],
      rowNumbers: [2, 3, 4],
    };
    const body = 'This week below.\n\nMarta\n\nMarta Quill\nKindergarten Teacher / Special Educator';
    const sessions = readTable(table, body, 'Week');
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-26', service: 'specialized-academic-instruction', minutes: 120 }),
      expect.objectContaining({ date: '2026-10-26', service: 'aide', minutes: null, status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-27', service: 'specialized-academic-instruction', minutes: 120 }),
      expect.objectContaining({
        date: '2026-10-27',
        service: 'aide',
        delivery: 'individual',
        status: 'missed',
        reason: 'provider-absent',
      }),
      expect.objectContaining({ date: '2026-10-28', status: 'missed', reason: 'school-closure' }),
      expect.objectContaining({ date: '2026-10-28', service: 'aide', status: 'missed', reason: 'school-closure' }),
    ]);
  });

  it('gives the place a sentence states for all of a column ("All XYZ minutes are in the kindergarten classroom")', () => {
    const table: Table = {
      label: 'week',
      headers: ['Date', 'XYZ min', 'OT min'],
      rows: [['10/26', '100', '30']],
      rowNumbers: [2],
    };
    const body = 'All XYZ minutes are in the kindergarten classroom.\n\nMarta Quill\nSpecial Educator';
    expect(readTable(table, body, 'Week')).toContainEqual(
      expect.objectContaining({ service: 'specialized-academic-instruction', location: 'general-education' }),
    );
  });

  it('takes the service of a signature only where its titles name one', () => {
    expect(signatureService('Thanks!\n\nJo Park\nSpeech-Language Pathologist')).toBe('speech-language');
    expect(signatureService('Thanks!\n\nJo Park\nSpeech-Language Pathologist / Occupational Therapist')).toBeNull();
    expect(signatureService('Thanks!\n\nJo Park\nFirst grade')).toBeNull();
  });
});

describe('an agency report in billing units', () => {
  it('reads "Sch U" and "Del U" as units of the stated length, a missed row keeping its scheduled minutes and code', () => {
    // Prepare
    const table: Table = {
      label: 'report',
      headers: ['DOS', 'Therapist', 'Svc', 'Sch U', 'Del U', 'Att'],
      rows: [
        [new Date('2026-10-05T00:00:00Z'), 'R. Vale, OTR/L', 'IND', 3, 3, 'P'],
        [new Date('2026-10-12T00:00:00Z'), 'R. Vale, OTR/L', 'IND', 3, 0, 'A'],
        [new Date('2026-10-19T00:00:00Z'), 'R. Vale, OTR/L', 'CONS', 3, 3, 'P'],
      ],
      rowNumbers: [4, 5, 6],
    };
    const legend =
      'One unit = 10 min\nAtt: P = seen; A = student absent\nSvc: IND = direct, individual; CONS = consult';
    // Act
    const sessions = readTable(table, legend, 'OT report');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-05', minutes: 30, delivery: 'individual', status: 'delivered' }),
      expect.objectContaining({
        date: '2026-10-12',
        minutes: 30,
        delivery: 'individual',
        status: 'missed',
        reason: 'student-absent',
      }),
      expect.objectContaining({ date: '2026-10-19', minutes: 30, delivery: null, status: 'delivered' }),
    ]);
  });

  it('leaves scheduled units without minutes where no unit length is stated', () => {
    const table: Table = {
      label: 'report',
      headers: ['DOS', 'Svc', 'Sch U', 'Del U'],
      rows: [['10/12/2026', 'OT', 2, 0]],
      rowNumbers: [2],
    };
    expect(readTable(table, '', 'OT report')).toEqual([expect.objectContaining({ status: 'missed', minutes: null })]);
  });
});
