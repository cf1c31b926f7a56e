// "TDHH", the teacher of the deaf and hard of hearing, is how families and schools write that
// service in a log line.
import { describe, expect, it } from 'vitest';
import { readSessions } from '../../support/read-sessions';

describe('the teacher of the deaf and hard of hearing by her initials', () => {
  it('reads "TDHH ... held, 40 min" as a hearing session', () => {
    const sessions = readSessions('Tue 3/9  TDHH 1:00-1:40 held, 40 min. Worked on mic checks.', '2027-03-12', 'log');
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2027-03-09', service: 'hearing', minutes: 40, status: 'delivered' }),
    ]);
  });
});
