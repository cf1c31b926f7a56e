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

describe("a parent's tally of what was missed", () => {
  it('dated lines under a line about misses are misses, each with the cause its line gives', () => {
    const heading = 'my list of missed sessions so far (tell me if I got it wrong)';
    const text = `${heading}\n2/22 reading sdi 30 min - mr k out at a training\n3/1 OT group - fire drill\n3/3 speech 25 min - state testing`;
    const found = read(text, FRIDAY);
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-02-22', status: 'missed', minutes: 30, reason: 'provider-absent' }),
      expect.objectContaining({ date: '2027-03-01', service: 'occupational-therapy', status: 'missed' }),
      expect.objectContaining({ date: '2027-03-03', service: 'speech-language', status: 'missed', minutes: 25 }),
    ]);
  });

  it('"- same" goes as the line before it; two dated lines of one day are two sessions', () => {
    const text = ['special education', '3/2 reading 30 min - teacher out sick, no sub', '3/2 math 30 min - same'].join(
      '\n',
    );
    expect(read(text, FRIDAY)).toEqual([
      expect.objectContaining({ date: '2027-03-02', status: 'missed', reason: 'provider-absent' }),
      expect.objectContaining({ date: '2027-03-02', status: 'missed', reason: 'provider-absent' }),
    ]);
  });

  it('a day he was home sick misses each subject its line names', () => {
    const found = read('3/4 reading + math - he was home sick', FRIDAY, 'SDI tally');
    expect(found).toHaveLength(2);
    expect(found).toEqual([
      expect.objectContaining({ date: '2027-03-04', status: 'missed', reason: 'student-absent' }),
      expect.objectContaining({ date: '2027-03-04', status: 'missed', reason: 'student-absent' }),
    ]);
  });
});

describe('a list typed in columns: date, day, what happened', () => {
  it('the day written beside each date, in its own column, is that date', () => {
    const text = ['Date   Day   Speech', '3/1    Mon   25 min, 1:1', '3/3    Wed   missed, he was absent'].join('\n');
    expect(read(text, FRIDAY, 'speech log')).toEqual([
      expect.objectContaining({ date: '2027-03-01', status: 'delivered', minutes: 25 }),
      expect.objectContaining({ date: '2027-03-03', status: 'missed', reason: 'student-absent' }),
    ]);
    expect(findDateMentions('3/1    Mon   25 min', FRIDAY)).toEqual([expect.objectContaining({ date: '2027-03-01' })]);
  });
});
