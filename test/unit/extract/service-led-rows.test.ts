import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../shared/extract/sentences';
import { readSessions } from '../../support/read-sessions';

function read(text: string, sentOn: string) {
  return readSessions(text, sentOn).map(({ date, service, minutes, delivery, status, reason }) => ({
    date,
    service,
    minutes,
    delivery,
    status,
    reason,
  }));
}

describe('log lines that open with the service, then the day', () => {
  const log = [
    'Notes for Ana, catching up:',
    '',
    'occupational therapy 4/12 25m individual - scissors and cutting on a line',
    'occupational therapy 4/14 -- no school, teacher workday',
    'occupational therapy 4/19 30m group (3) - handwriting warm-ups',
  ].join('\n');

  it('reads each line as its own day, with the minutes a terse "25m" gives', () => {
    expect(read(log, '2027-04-20')).toEqual([
      {
        date: '2027-04-12',
        service: 'occupational-therapy',
        minutes: 25,
        delivery: 'individual',
        status: 'delivered',
        reason: null,
      },
      {
        date: '2027-04-14',
        service: 'occupational-therapy',
        minutes: null,
        delivery: null,
        status: 'missed',
        reason: 'school-closure',
      },
      {
        date: '2027-04-19',
        service: 'occupational-therapy',
        minutes: 30,
        delivery: 'group',
        status: 'delivered',
        reason: null,
      },
    ]);
  });

  it('keeps such rows apart as sentences, where a wrapped line of prose is still joined', () => {
    expect(splitSentences(log).map((s) => s.line)).toEqual([1, 3, 4, 5]);
    const wrapped =
      'She worked hard on her cutting today and then we moved on to\nhandwriting for the last ten minutes.';
    expect(splitSentences(wrapped)).toHaveLength(1);
  });
});
