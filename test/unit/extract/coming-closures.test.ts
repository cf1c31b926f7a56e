import { describe, expect, it } from 'vitest';
import { messageFacts, sessionsFromText } from '../../../shared/extract/sessions-from-text';
import { readDates as closures } from '../../support/read-dates';

/** A week's log in the past tense, sent on Thursday 2027-03-11, signing off with what is coming. */
function weekLog(signOff: string): string {
  return [
    'Monday she worked on fractions and was focused.',
    'Tuesday we practiced multiplication facts with cards.',
    'Wednesday she completed her reading check.',
    '',
    signOff,
  ].join('\n');
}

describe('a day without school announced in mail that otherwise tells the past', () => {
  it('takes the coming weekday, not the one gone by', () => {
    expect(closures(weekLog('Enjoy the spring holiday - no school Friday!'), '2027-03-11')).toEqual([
      { type: 'school-closure', date: '2027-03-12', end: null },
    ]);
  });

  it('gives two named days in a row joined by a slash as one closure, and no weekend day', () => {
    expect(closures(weekLog('No school Thu/Fri for the fair - have a restful long weekend!'), '2027-03-10')).toEqual([
      { type: 'school-closure', date: '2027-03-11', end: '2027-03-12' },
    ]);
  });

  it('closes only the day named inside brackets, not the days of a schedule beside them', () => {
    const text = weekLog('Next week her groups meet Tue + Thu (no school Mon for the holiday).');
    expect(closures(text, '2027-03-12')).toEqual([{ type: 'school-closure', date: '2027-03-15', end: null }]);
  });

  it('leaves a log line naming a past closed day first as it was', () => {
    expect(closures(weekLog('Monday - no school, the building had no heat.'), '2027-03-11')).toEqual([
      { type: 'school-closure', date: '2027-03-08', end: null },
    ]);
  });

  it("dates a parent's note about a coming closed day on that day, with the session it costs", () => {
    const text = 'No school friday so no OT for Rosa that day.';
    const facts = messageFacts('', text, text);
    const sessions = sessionsFromText({ part: 'body', kind: 'note', text, anchor: '2027-03-08' }, facts);
    expect(sessions.map(({ date, service, status, reason }) => ({ date, service, status, reason }))).toEqual([
      { date: '2027-03-12', service: 'occupational-therapy', status: 'missed', reason: 'school-closure' },
    ]);
  });
});
