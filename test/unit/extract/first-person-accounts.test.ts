// A student's or parent's own account of the day or the week: the day stated once at the top,
// clock times for how long, a whole week told in one breath, a session that "did not go".
import { describe, expect, it } from 'vitest';
import { findDateMentions } from '../../../shared/extract/resolve-dates';
import { readSessions as read } from '../../support/read-sessions';

// 2027-03-12 is a Friday.
const FRIDAY = '2027-03-12';

describe('a week told in one breath', () => {
  it('each day that opens a new happening after "and" is its own session, with its own clock times', () => {
    const text =
      'this week Monday I went to the bakery with my job coach from 8:45 to 9:45 and I ate lunch with Omar and Wednesday was picture day and I had OT from 10:10 to 10:40 and today Friday I had job coach at the post office from 1:00 to 2:00 I sorted mail.';
    expect(read(text, FRIDAY)).toEqual([
      expect.objectContaining({ date: '2027-03-08', service: 'other', minutes: 60, status: 'delivered' }),
      expect.objectContaining({
        date: '2027-03-10',
        service: 'occupational-therapy',
        minutes: 30,
        status: 'delivered',
      }),
      expect.objectContaining({ date: '2027-03-12', service: 'other', minutes: 60, status: 'delivered' }),
    ]);
  });

  it('"this week" before a day names that day of the week', () => {
    expect(findDateMentions('this week Wednesday we had the science fair', FRIDAY)).toEqual([
      expect.objectContaining({ text: 'Wednesday', date: '2027-03-10' }),
    ]);
  });
});

describe('a letter that says its day at the top', () => {
  it('"Today is <day>." dates the undated sentences after it, and "It was from ... to ..." gives the length', () => {
    const text = [
      'Today is Friday March 12.',
      'I went to the post office with Mr. Alvarez. He is my job coach. It was from 1:00 to 1:45. I sorted the mail.',
      'On Tuesday I had speech group at 10:30. It was 25 minutes.',
    ].join('\n');
    expect(read(text, FRIDAY)).toEqual([
      expect.objectContaining({ date: '2027-03-12', service: 'other', minutes: 45, status: 'delivered' }),
      expect.objectContaining({ date: '2027-03-09', service: 'speech-language', minutes: 25, delivery: 'group' }),
    ]);
  });

  it('the day stated at the top is no log line: the minutes of another sentence are not its session', () => {
    const found = read(
      'Today is Friday March 12. It was a short day. Yesterday I had OT from 9:00 to 9:30 and then a speech group.',
      FRIDAY,
    );
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-03-11', service: 'occupational-therapy', minutes: 30 }),
    ]);
  });
});

describe('a session that did not go', () => {
  it('"I do not go to ... with my job coach today" on a closed day is a missed session', () => {
    expect(
      read('Today is Friday March 12. There is no school. I do not go to the bakery with my job coach today.', FRIDAY),
    ).toEqual([
      expect.objectContaining({ date: '2027-03-12', service: 'other', status: 'missed', reason: 'school-closure' }),
    ]);
  });

  it('a provider away at parent conferences was unavailable', () => {
    expect(read('We did not have speech group today because Mrs. Tran had conferences.', FRIDAY)).toEqual([
      expect.objectContaining({ date: FRIDAY, status: 'missed', reason: 'provider-unavailable' }),
    ]);
  });
});
