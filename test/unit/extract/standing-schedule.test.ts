// A standing schedule lists weekdays joined to each other ("Mon + Wed", "Tue/Thu") without day
// numbers: it is neither a session nor a miss.
import { describe, expect, it } from 'vitest';
import { readSessions as read } from '../../support/read-sessions';

describe('standing schedules', () => {
  it('reads no session from weekdays joined by "+" or "/" beside a clock span', () => {
    const text = 'Here is the plan for the term.\n\nPT   Lou Hart, DPT   Mon + Wed   10:10-10:40   motor room';
    expect(read(text, '2027-01-15', 'term plan')).toEqual([]);
    expect(read('Speech Tue/Thu 9:00-9:30 in the speech room.', '2027-01-15')).toEqual([]);
  });

  it('still reads a weekday told alone as the day a session was held', () => {
    expect(read('Speech on Tue 9:00-9:30 went well, seen 1:1.', '2027-01-15')).toEqual([
      expect.objectContaining({ date: '2027-01-12', service: 'speech-language', minutes: 30 }),
    ]);
  });

  it('reads weekdays joined by "/" as the days of a week the message names, as day letters are', () => {
    const text = 'Art therapy: 30 min Mon/Thu in the studio.';
    expect(read(text, '2027-03-05', 'notes for the week of 3/1')).toEqual([
      expect.objectContaining({ date: '2027-03-01', minutes: 30, status: 'delivered' }),
      expect.objectContaining({ date: '2027-03-04', minutes: 30, status: 'delivered' }),
    ]);
    expect(read(text, '2027-03-05')).toEqual([]);
  });
});
