import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { findDateMentions } from '../../../shared/extract/resolve-dates';
import { readSessions as read } from '../../support/read-sessions';

describe('terse staff mail', () => {
  it('a log line opening with its grouping before the day is a line of its own, not part of the make-up above it', () => {
    const text = [
      'Grp cx’d 3/4 (dept mtg). Made up today: GRP 25 min, room 12.',
      'IND Tue 3/9 - 25 min, my office.',
    ].join('\n');
    expect(read(text, '2027-03-11', 'counseling notes')).toEqual([
      expect.objectContaining({ date: '2027-03-04', status: 'missed', reason: 'provider-unavailable' }),
      expect.objectContaining({ date: '2027-03-11', status: 'makeup', minutes: 25, delivery: 'group' }),
      expect.objectContaining({ date: '2027-03-09', status: 'delivered', minutes: 25, delivery: 'individual' }),
    ]);
  });

  it('"no <service>" followed by the day it did not happen is a miss', () => {
    expect(read('Mia says there was no OT group last Thursday (4/8).', '2027-04-13')).toEqual([
      expect.objectContaining({
        date: '2027-04-08',
        service: 'occupational-therapy',
        status: 'missed',
        delivery: 'group',
      }),
    ]);
    expect(read('She sat the district benchmark instead, so no OT Wed.', '2027-04-16')).toEqual([
      expect.objectContaining({ date: '2027-04-14', service: 'occupational-therapy', status: 'missed' }),
    ]);
  });

  it('a student pulled from a session for a test is unavailable, not the provider', () => {
    expect(read('On Mon she was pulled from speech for a practice exam, so no speech Mon.', '2027-04-16')).toEqual([
      expect.objectContaining({ date: '2027-04-12', status: 'missed', reason: 'student-unavailable' }),
    ]);
  });

  it('an aide who "was not there" on named days is a missed aide session for each', () => {
    expect(read('Her aide, Mr. Ruiz, wasn’t there after lunch on Monday or Tuesday.', '2027-04-15')).toEqual([
      expect.objectContaining({ date: '2027-04-12', service: 'aide', status: 'missed', reason: 'provider-absent' }),
      expect.objectContaining({ date: '2027-04-13', service: 'aide', status: 'missed', reason: 'provider-absent' }),
    ]);
  });

  it('one peer beside the child makes a group', () => {
    expect(read('Speech today was 15 min (her + 1 peer, speech room).', '2027-04-15')).toEqual([
      expect.objectContaining({ minutes: 15, delivery: 'group', location: 'separate' }),
    ]);
  });

  it('"Tues" is a Tuesday where it is written with a capital, as other short day names are', () => {
    expect(findDateMentions('Mon, Tues and Fri', '2027-04-16', { tense: 'past' }).map((m) => m.date)).toEqual([
      '2027-04-12',
      '2027-04-13',
      '2027-04-16',
    ]);
    expect(findDateMentions('she came tues and wed', '2027-04-16', { tense: 'past' })).toEqual([]);
  });

  it('day letters name days only in the week the message is about, and only days that have come', () => {
    const text = ['- Reading lab: 45 min M/W/Th in the resource rm. Tue 5/4 she was absent so no SDI.'].join('\n');
    expect(read(text, '2027-05-06', 'SDI notes wk of 5/3')).toEqual([
      expect.objectContaining({ date: '2027-05-03', minutes: 45, location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-05-05', minutes: 45, location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-05-06', minutes: 45, location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-05-04', minutes: null, status: 'missed', reason: 'student-absent' }),
    ]);
    // No week named: a schedule, not days.
    expect(read('Speech: 30 min T/Th in the speech room.', '2027-05-06')).toEqual([]);
  });

  it("a special-education teacher's consultation with other teachers is other, not instruction", () => {
    const text = '- Consult: met w/ the science teacher Tue 5/4, 20 min (consult mins) about quiz accommodations.';
    expect(read(text, '2027-05-06', 'resource room notes')).toEqual([
      expect.objectContaining({ date: '2027-05-04', service: 'other', minutes: 20, delivery: null, location: null }),
    ]);
  });

  it('"w/" is "with", but W between slashes is a day letter', () => {
    expect(normaliseText('met w/ her teacher; sessions M/W/F and W/Th')).toBe(
      'met with her teacher; sessions M/W/F and W/Th',
    );
  });

  it('the dot of a short form that also ends a sentence stays; before a day or a room number it goes', () => {
    expect(normaliseText('Seen in the resource rm. Wed. 5/5 in rm. B12.')).toBe(
      'Seen in the resource room. Wed 5/5 in room B12.',
    );
  });

  it("a missed session's place comes only from its own push-in or pull-out words", () => {
    const text = 'BCBA (R. Osei)\n  M/W/F 10:00-10:20 push-in - not held all week (state testing).';
    expect(read(text, '2027-05-07', 'Weekly summary wk of 5/3')).toEqual([
      expect.objectContaining({
        date: '2027-05-03',
        service: 'behavior',
        status: 'missed',
        location: 'general-education',
      }),
      expect.objectContaining({
        date: '2027-05-05',
        service: 'behavior',
        status: 'missed',
        location: 'general-education',
      }),
      expect.objectContaining({
        date: '2027-05-07',
        service: 'behavior',
        status: 'missed',
        location: 'general-education',
      }),
    ]);
    expect(read('Speech was cancelled Tue 5/4 by the front office.', '2027-05-07')).toEqual([
      expect.objectContaining({ date: '2027-05-04', status: 'missed', location: null }),
    ]);
  });
});

describe('transportation notices', () => {
  it('a pickup that was not completed because the driver was out is a missed transportation session, the provider absent', () => {
    const text =
      'On Tuesday, 11/10/2026, the morning pickup on route 22 was not completed; the assigned driver was absent.';
    expect(read(text, '2026-11-10', 'Route 22 notice')).toEqual([
      expect.objectContaining({
        date: '2026-11-10',
        service: 'transportation',
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });

  it('a school bus that did not come is a miss; a bus that came is no report at all', () => {
    expect(read('Wed 11/11 the school bus did not come.', '2026-11-12')).toEqual([
      expect.objectContaining({ date: '2026-11-11', service: 'transportation', status: 'missed' }),
    ]);
    expect(read('Thu 11/12 she rode the bus with her friend and was happy.', '2026-11-12')).toEqual([]);
  });
});

describe('times kept on the 24-hour clock without a colon', () => {
  it('a dated line timed "1310-1340" lasted the 30 minutes between', () => {
    expect(read('Tue 3/9 - speech group, 1310-1340, room 4.', '2027-03-11', 'speech notes')).toEqual([
      expect.objectContaining({ date: '2027-03-09', service: 'speech-language', minutes: 30, status: 'delivered' }),
    ]);
  });
});
