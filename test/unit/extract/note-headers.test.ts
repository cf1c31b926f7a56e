// Clinical notes whose day sits in a header field ("DOS:", "Date of Service", a line that is only
// the date) while the lines below (S:, O:, A:, P:) tell what happened without naming the day.
import { describe, expect, it } from 'vitest';
import { readSessions as read } from '../../support/read-sessions';

describe('notes with the day in a header', () => {
  it('gives the day of a "DOS:" field to the labelled lines under it, with the service its header names', () => {
    const text = [
      'Hello both, my note from this week is below.',
      '',
      'Client: Ana R.   Svc: Physical therapy   Code 97110',
      'Date of Service: 03/09/2027',
      '',
      'S: Ana said her knee felt fine; came in with the aide.',
      'O: Seen 1:1 in the motor room 1:05-1:35. Stairs with rail 4/5.',
      'A: Steady gains.',
      'P: Continue plan. Units: 2 (15 min each)',
      '',
      'Jo Quill, DPT',
    ].join('\n');
    expect(read(text, '2027-03-10')).toEqual([
      expect.objectContaining({
        date: '2027-03-09',
        service: 'physical-therapy',
        minutes: 30,
        delivery: 'individual',
        status: 'delivered',
      }),
    ]);
  });

  it('reads a make-up line and the line that gives its details as one make-up', () => {
    const text = [
      'Daily note | DOS: 04/14/2027 | Units: 3 (10 min each)',
      'Session type: make-up for 4/7 (therapist out sick)',
      'O: Seen individually in the OT room 9:00-9:30.',
    ].join('\n');
    expect(read(text, '2027-04-15', 'OT note')).toEqual([
      expect.objectContaining({ date: '2027-04-14', status: 'makeup', minutes: 30, delivery: 'individual' }),
    ]);
  });

  it('takes a line that is only a date ("4/20 (Tu)") as the day of the note lines under it', () => {
    const text = [
      '4/20 (Tu)',
      'S: tired today.',
      'O: 20 min 1:1 at his desk, pencil grasp work.',
      '',
      'Pat Lee, COTA',
    ].join('\n');
    expect(read(text, '2027-04-22', 'OT notes')).toEqual([
      expect.objectContaining({
        date: '2027-04-20',
        service: 'occupational-therapy',
        minutes: 20,
        status: 'delivered',
      }),
    ]);
  });

  it('does not carry the day past the note into a plain paragraph', () => {
    const text = ['DOS: 04/14/2027', 'O: seen 1:1, 30 min.', '', 'We met for 30 min about the schedule.'].join('\n');
    expect(read(text, '2027-04-15', 'speech note')).toHaveLength(1);
  });
});
