import { describe, expect, it } from 'vitest';
import { reconcileSessions } from '../../../shared/compliance/reconcile-sessions';
import { computeDigest } from '../../../shared/digest/digest-model';
import { input as digestInput, req, ses } from './records';

describe('one session told in several messages', () => {
  it('counts once in the week when the therapist’s note and the monthly log both report it', () => {
    // Prepare: 2 x 30 min weekly; Tuesday's session is in the note and again in the log.
    const input = digestInput({
      asOf: '2026-11-20',
      requirements: [req({ service: 'speech-language', per: 'week', sessions: 2, minutes: 30, totalMinutes: 60 })],
      sessions: [
        ses({ date: '2026-11-17', status: 'delivered', minutes: 30, delivery: 'individual' }),
        ses({ date: '2026-11-17', status: 'delivered', minutes: 30, delivery: 'individual', location: 'separate' }),
      ],
    });
    // Act
    const week = computeDigest(input).services[0]?.week;
    // Assess: 30 delivered of 60, not 60 of 60.
    expect(week?.deliveredMinutes).toBe(30);
    expect(week?.unaccountedMinutes).toBe(30);
  });

  it('keeps the later report when a log corrects a note (missed, then held for 20 minutes)', () => {
    const note = ses({ date: '2026-11-17', status: 'missed', reason: 'provider-absent', minutes: 30 });
    const log = ses({ date: '2026-11-17', status: 'delivered', minutes: 20 });
    expect(reconcileSessions([note, log])).toEqual([log]);
  });

  it('keeps the report the parent confirmed over a later unconfirmed one', () => {
    const confirmed = ses({ date: '2026-11-17', status: 'delivered', minutes: 30 });
    const later = ses({ date: '2026-11-17', status: 'missed', reason: 'student-absent', confirmed: false });
    expect(reconcileSessions([confirmed, later])).toEqual([confirmed]);
  });

  it('keeps an individual and a group session of one day apart, and a report without delivery joins the one it matches', () => {
    const individual = ses({ date: '2026-11-17', status: 'delivered', minutes: 30, delivery: 'individual' });
    const group = ses({ date: '2026-11-17', status: 'delivered', minutes: 30, delivery: 'group' });
    const vague = ses({ date: '2026-11-18', status: 'delivered', minutes: 30 });
    const precise = ses({ date: '2026-11-18', status: 'delivered', minutes: 30, delivery: 'group' });
    expect(reconcileSessions([individual, group, vague, precise])).toEqual([individual, group, precise]);
  });

  it('keeps sessions of different services or days', () => {
    const speech = ses({ date: '2026-11-17', status: 'delivered', minutes: 30 });
    const ot = ses({ date: '2026-11-17', status: 'delivered', minutes: 30, service: 'occupational-therapy' });
    const nextDay = ses({ date: '2026-11-18', status: 'delivered', minutes: 30 });
    expect(reconcileSessions([speech, ot, nextDay])).toEqual([speech, ot, nextDay]);
  });
});
