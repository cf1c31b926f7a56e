import { describe, expect, it } from 'vitest';
import { readSessions as read } from '../../support/read-sessions';
import { readPlainTextTable } from '../../support/read-table';

describe('middle-school mail', () => {
  it('a held session of a service the mail names by its room ("RR reading") was in that room', () => {
    const text = [
      'Quick recap (RR reading, B days):',
      'Tue 2/9 - 40 min, grp of 4. Vowel teams.',
      'Thu 2/11 - 35 min.',
    ].join('\n');
    expect(read(text, '2027-02-12', 'RR reading wk of 2/8')).toEqual([
      expect.objectContaining({ date: '2027-02-09', minutes: 40, location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-11', minutes: 35, location: 'separate', status: 'delivered' }),
    ]);
  });

  it('the named room is no held session’s place where the line says another, and no missed one’s', () => {
    const text = [
      'Resource reading this week:',
      'Mon 2/8 - 30 min, push-in during her ELA class.',
      'Wed 2/10 - not held, I was out sick.',
    ].join('\n');
    expect(read(text, '2027-02-12', 'Resource reading')).toEqual([
      expect.objectContaining({ date: '2027-02-08', location: 'general-education', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-10', location: null, status: 'missed' }),
    ]);
  });

  it('a log table with no place column under a room-named subject gives its held rows that room', () => {
    const body = ['Date\tMin\tGrp\tNote', '8-Feb\t40\t3\tunit rates', '10-Feb\t–\t\tabsent'].join('\n');
    expect(readPlainTextTable(body, body, 'RR math - week of 8-Feb')).toEqual([
      expect.objectContaining({ date: '2027-02-08', location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-10', location: null, status: 'missed' }),
    ]);
  });
});
