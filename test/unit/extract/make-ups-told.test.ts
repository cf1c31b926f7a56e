// A make-up told in the words people use for it: after the session it describes, in a log's free
// notes, as an extra or replacement session, in Spanish; and the day of the miss it replaces is not its day.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { readSessions as read } from '../../support/read-sessions';
import { readTable } from '../../support/read-table';

// 2027-03-12 is a Friday.
const SENT = '2027-03-12';

describe('a make-up told after the session it describes', () => {
  it('"this session = make-up for" a day turns the session read just before it into the make-up', () => {
    // Prepare
    const text =
      'Contact note. O: counseling session, seen individually, 03/10/2027, 2:00-2:30 pm. This session = make-up for 3/3 (counselor at a district meeting).';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([
      {
        date: '2027-03-10',
        service: 'counseling',
        minutes: 30,
        delivery: 'individual',
        location: null,
        status: 'makeup',
        reason: null,
      },
    ]);
  });
});

describe('a make-up told as an extra or replacement session', () => {
  it('an extra session for one missed, and a replacement for a missed one, are make-ups on their own days', () => {
    // Prepare
    const text = [
      'Tue 3/9: OT, 30 min, an extra session for the one missed on 3/2.',
      'Wed 3/10: speech 30 minutes, to replace the missed session from Monday.',
    ].join('\n');
    // Act
    const found = read(text, SENT).map((s) => [s.date, s.service, s.status]);
    // Assess
    expect(found).toEqual([
      ['2027-03-09', 'occupational-therapy', 'makeup'],
      ['2027-03-10', 'speech-language', 'makeup'],
    ]);
  });

  it('the same in Spanish', () => {
    // Prepare
    const text = 'Martes 9 de marzo: terapia ocupacional, 30 minutos, sesion extra por la que perdio el 2 de marzo.';
    // Act
    const found = read(text, SENT).map((s) => [s.date, s.service, s.status]);
    // Assess
    expect(found).toEqual([['2027-03-09', 'occupational-therapy', 'makeup']]);
  });

  it('an extra session still to come is a promise, nothing yet', () => {
    expect(read('I will add an extra session for the one he missed on 3/2.', SENT)).toEqual([]);
  });
});

describe("a make-up told in a log's column of free notes", () => {
  const table = (notesHeader: string, note: string): Table => ({
    label: 'table 1',
    headers: ['Date', 'Group', 'Room', 'Time', notesHeader],
    rows: [['10/20/26', 'Indiv', 'Speech Rm 4', '0900-0930', note]],
    rowNumbers: [1],
  });

  it('a make-up named in a column headed by its kind of note is the make-up', () => {
    // Act
    const found = readTable(
      table('Progress', 'Make-up for 10/13 (SLP at a training). Worked on /l/ blends.'),
      '',
      'Speech log',
    );
    // Assess
    expect(found).toEqual([
      expect.objectContaining({ date: '2026-10-20', service: 'speech-language', minutes: 30, status: 'makeup' }),
    ]);
  });

  it('"comp" in such a column may be comprehension: the session stays delivered', () => {
    // Act
    const found = readTable(table('Progress', 'Reading comp questions 4/5 with visuals.'));
    // Assess
    expect(found).toEqual([expect.objectContaining({ date: '2026-10-20', status: 'delivered' })]);
  });
});
