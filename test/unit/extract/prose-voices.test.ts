// Mail written as people write it, not as notices are drafted: a school closed under its own short
// name or behind an aside, days and numbers in lower case and in words, run-on sentences.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { readDates } from '../../support/read-dates';
import { readSessions as read } from '../../support/read-sessions';

// 2027-02-09 is a Tuesday.
const SENT = '2027-02-09';

function dates(written: string, sentOn = SENT) {
  return readDates(written, sentOn);
}

describe('a closure told of a school by its name or behind an aside', () => {
  it('a school the message names in full and then by its short name is closed on the day given', () => {
    // Prepare
    const text =
      'Maple Bend Elementary lost power this morning. Crews are working on it, so Maple Bend will be CLOSED tomorrow, Wednesday, February 10.';
    // Act
    const found = dates(text);
    // Assess
    expect(found).toEqual([{ type: 'school-closure', date: '2027-02-10', end: null }]);
  });

  it('schools closed with an aside between them and the verb are closed', () => {
    expect(
      dates('Every county school, including the early learning center, will be closed Thursday, February 11.'),
    ).toEqual([{ type: 'school-closure', date: '2027-02-11', end: null }]);
  });

  it('a room or office of a school that is closed is no school closure', () => {
    // Prepare
    const office = 'The school office will be closed tomorrow, February 10, for inventory.';
    const other = 'Maple Bend Elementary families: the Riverside pool will be closed Thursday, February 11.';
    // Act
    const found = [...dates(office), ...dates(other)];
    // Assess
    expect(found).toEqual([]);
  });
});

describe('mail typed in one breath, in lower case', () => {
  it('a run-on message without commas tells each happening with its own day, service and cause', () => {
    // Prepare
    const text =
      'hi its his uncle the ot guy came mon and tues but not thurs bc of the roads the pass was closed and he couldnt get through and then the lift bus didnt come wed morning so we got there late and he missed his counseling';
    // Act
    const found = read(text, '2027-02-12');
    // Assess
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-02-08', service: 'occupational-therapy', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-09', service: 'occupational-therapy', status: 'delivered' }),
      expect.objectContaining({
        date: '2027-02-11',
        service: 'occupational-therapy',
        status: 'missed',
        reason: 'provider-absent',
      }),
      expect.objectContaining({ date: '2027-02-10', service: 'transportation', status: 'missed', reason: null }),
      expect.objectContaining({
        date: '2027-02-10',
        service: 'counseling',
        status: 'missed',
        reason: 'student-absent',
      }),
    ]);
  });

  it('contractions without their apostrophe and short lower-case day names read as written out', () => {
    expect(read('speech didnt happen tues, the slp wasnt there', '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-09', service: 'speech-language', status: 'missed' }),
    ]);
    expect(normaliseText('she came tues and wed, we wed in june')).toBe(
      'she came Tuesday and Wednesday, we wed in june',
    );
  });

  it('a closed road is why a provider did not come, not a closed school', () => {
    expect(
      read('No PT on Thursday because the highway was closed and she could not get through.', '2027-02-12'),
    ).toEqual([expect.objectContaining({ date: '2027-02-11', status: 'missed', reason: 'provider-absent' })]);
  });

  it('"her IA" is her instructional assistant; a state in an address is not', () => {
    expect(normaliseText("Tom's IA was out Monday")).toBe("Tom's instructional assistant was out Monday");
    expect(normaliseText('Ames, IA 50010')).toBe('Ames, IA 50010');
  });

  it('", also the bus ..." opens a happening of its own; ", also in the speech room" does not', () => {
    expect(read('she had no aide friday, also the bus didnt come friday', '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-12', service: 'aide', status: 'missed' }),
      expect.objectContaining({ date: '2027-02-12', service: 'transportation', status: 'missed' }),
    ]);
    expect(read('Monday was 30 minutes 1:1, also in the speech room.', '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-08', location: 'separate' }),
    ]);
  });
});

describe('a closed day that cost no session', () => {
  it('a closure whose line says the session moved, or that nothing was lost, is no missed session', () => {
    // Prepare
    const moved = 'Friday - no school (teacher workday), so her OT simply moved to Thursday.';
    const nothing =
      'Monday - the school was closed for the holiday; our rotation skips closed days, so nothing was lost.';
    // Act
    const found = [...read(moved, '2027-02-12', 'OT this week'), ...read(nothing, '2027-02-12', 'OT this week')];
    // Assess
    expect(found.filter((s) => s.status === 'missed')).toEqual([]);
  });

  it('a closure with no word of a move is still a missed session', () => {
    expect(read('Friday - no school (teacher workday), so no OT.', '2027-02-12', 'OT this week')).toEqual([
      expect.objectContaining({ date: '2027-02-12', status: 'missed', reason: 'school-closure' }),
    ]);
  });
});
