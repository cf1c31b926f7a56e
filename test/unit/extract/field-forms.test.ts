// Service-entry forms and notices that give one session per block of labelled fields
// ("Date of Service: ... / Minutes Served: ... / Attendance: ..."), read as rows of a log.
import { describe, expect, it } from 'vitest';
import { formTableOf } from '../../../shared/extract/field-forms';
import { findSessions } from '../../../shared/extract/find-sessions';
import { bodyContext } from '../../support/body-context';

function sessionsOf(text: string, sentOn: string, subject = '') {
  return findSessions(bodyContext(text, sentOn, { subject })).map(({ source: _s, ...s }) => s);
}

describe('service-entry forms', () => {
  it('reads a portal entry of labelled lines as one session with its minutes, group size and room', () => {
    const text = [
      'A new entry was posted to the family portal.',
      '',
      'Service: Occupational Therapy',
      'Date of Service: 02/03/2027',
      'Therapist: Lund, Pia',
      'Minutes Served: 25',
      'Group Size: 1',
      'Setting: OT Room',
      'Attendance: Present',
      '',
      'Sign in to see more.',
    ].join('\n');
    expect(sessionsOf(text, '2027-02-03')).toEqual([
      {
        date: '2027-02-03',
        service: 'occupational-therapy',
        minutes: 25,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
    ]);
  });

  it('reads a notice of a missed visit with its scheduled clock span and its status', () => {
    const text = [
      'VISIT NOTICE',
      '',
      'Service:     Physical Therapy (group)',
      'Date:        Wed 03/10/2027',
      'Time:        1:00 PM - 1:25 PM CT',
      'Status:      Student absent',
    ].join('\n');
    expect(sessionsOf(text, '2027-03-10')).toEqual([
      expect.objectContaining({
        date: '2027-03-10',
        service: 'physical-therapy',
        minutes: 25,
        delivery: 'group',
        status: 'missed',
        reason: 'student-absent',
      }),
    ]);
  });

  it('reads note blocks whose fields share a line, one record per day of service, a remark saying one was not held', () => {
    const text = [
      'Counseling contact notes',
      'DOS: 01/11/2027 Time: 9:05-9:35 Type: small group Place: counselor office',
      'S: Talked about the weekend.',
      'DOS: 01/13/2027 Session not held - school closed for ice.',
      'DOS: 01/15/2027 Time: 9:05-9:25 Type: individual Place: counselor office',
      'P: Keep the same goals.',
    ].join('\n');
    const found = sessionsOf(text, '2027-01-18');
    expect(found.map((s) => [s.date, s.service, s.minutes, s.delivery, s.status, s.reason])).toEqual([
      ['2027-01-11', 'counseling', 30, 'group', 'delivered', null],
      ['2027-01-13', 'counseling', null, null, 'missed', 'school-closure'],
      ['2027-01-15', 'counseling', 20, 'individual', 'delivered', null],
    ]);
  });

  it('gives a make-up where the entry says it is present and its comment says it makes up a miss', () => {
    const text = [
      'Service: Speech therapy',
      'Date of Service: 04/22/2027',
      'Minutes Served: 20',
      'Attendance: Present',
      'Comments: make-up for 4/15',
    ].join('\n');
    expect(sessionsOf(text, '2027-04-22')).toEqual([
      expect.objectContaining({ date: '2027-04-22', status: 'makeup', minutes: 20 }),
    ]);
  });

  it('reads nothing from a form of what is planned: a day and a time with no status or minutes served', () => {
    const reminder = [
      'Upcoming appointment',
      'Service: Speech therapy',
      'Date: Mon 05/03/2027',
      'Time: 10:00 AM - 10:30 AM',
      'Join: https://video.example.org/room',
    ].join('\n');
    expect(formTableOf(reminder, '2027-04-28')).toBeNull();
    expect(sessionsOf(reminder, '2027-04-28')).toEqual([]);
  });

  it('keeps the original miss of a make-up notice and leaves the make-up it promises', () => {
    const text = [
      'MAKE-UP BOOKED',
      'Service: Occupational therapy (individual)',
      '',
      'Missed visit',
      '  Date/Time: Tue 02/09/2027, 2:00 PM - 2:30 PM',
      '  Status:    Provider cancel (therapist ill)',
      '',
      'Make-up visit',
      '  Date/Time: Fri 02/12/2027, 9:00 AM - 9:30 AM',
    ].join('\n');
    expect(sessionsOf(text, '2027-02-10')).toEqual([
      expect.objectContaining({
        date: '2027-02-09',
        service: 'occupational-therapy',
        minutes: 30,
        delivery: 'individual',
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });

  it('takes no field from a sentence that only opens with a word like a label', () => {
    expect(formTableOf('Note: the group met on 03/02/2027 as usual.\nTime: we will see.', '2027-03-05')).toBeNull();
  });
});
