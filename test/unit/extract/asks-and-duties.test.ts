// A parent's written ask that names misses, and a miss whose cause is someone sent elsewhere.
import { describe, expect, it } from 'vitest';
import { requestIn } from '../../../shared/extract/written-requests';
import { readSessions as read } from '../../support/read-sessions';

// 2027-03-12 is a Friday.
const SENT = '2027-03-12';

function missed(date: string, service: string, reason: string) {
  return { date, service, minutes: null, delivery: null, location: null, status: 'missed', reason };
}

describe('a written ask for records or a meeting names misses it is about, not new ones', () => {
  it('a records request spanning a term with the misses it wants listed gives no session', () => {
    // Prepare
    const text =
      'I am requesting in writing a copy of the OT log for Ana from January 4 through today, March 12, including any sessions that were cancelled and why.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([]);
  });

  it('an undated miss after an ask dated by its span is not put on the span’s first day', () => {
    // Prepare
    const text =
      'Please send copies of all service logs from 1/4/27 to date. I am also requesting an IEP meeting to review her speech. She already missed speech twice and her sounds are slipping.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([]);
  });

  it('a meeting asked for to discuss missed sessions gives no session, a dated miss after it does', () => {
    // Prepare
    const text =
      'Thanks for the call on Monday. I am requesting a team meeting to talk about the speech sessions he missed. For your records, he missed OT on Wednesday because the therapist was at a training.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([missed('2027-03-10', 'occupational-therapy', 'provider-absent')]);
  });

  it('the ask itself is still read as the parent’s request', () => {
    expect(requestIn('I am requesting a team meeting to talk about the missed aide coverage.', true)).toEqual([
      'meeting-request',
    ]);
  });
});

describe('someone sent or drawn elsewhere: whose duty it was', () => {
  it('a provider sent to another school is unavailable, and "has not had" is a miss', () => {
    // Prepare
    const text =
      'just so you know she has not had speech since tuesday because ms ortega got sent to the middle school tuesday and again thursday.';
    // Act
    const found = read(text, SENT);
    // Assess
    expect(found).toEqual([
      missed('2027-03-09', 'speech-language', 'provider-unavailable'),
      missed('2027-03-11', 'speech-language', 'provider-unavailable'),
    ]);
  });

  it('a provider proctoring exams is unavailable; the child sent to the vice principal is unavailable', () => {
    // Prepare
    const provider = 'Wed 3/10 - no counseling. Mr. Fenn is proctoring the state exams.';
    const child = 'Thu 3/11 - no PT, he was sent to the vice principal before it started.';
    // Act
    const found = [...read(provider, SENT), ...read(child, SENT)];
    // Assess
    expect(found).toEqual([
      missed('2027-03-10', 'counseling', 'provider-unavailable'),
      missed('2027-03-11', 'physical-therapy', 'student-unavailable'),
    ]);
  });
});
