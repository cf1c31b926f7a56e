// Who is due at an hour, as the hourly Lambdas and the local scheduler both ask it: the rules of
// the hour, the digest's next time, the zones at 07:00, and what goes to the queue.
import { describe, expect, it } from 'vitest';
import type { DueSendsIndex } from '../../../shared/ports/due-sends-index';
import type { ScheduledSend, ScheduledSendQueue } from '../../../shared/ports/scheduled-send-queue';
import { dueSends, queueDueSends } from '../../../shared/scheduling/due-sends';
import { dueHour, nextDigestDue, zonesAtReminderHour } from '../../../shared/scheduling/schedule-rules';

/** The indexes as plain maps: digest ids by the hour's ISO instant, reminder ids by zone. */
function indexOf(digests: Record<string, string[]>, zones: Record<string, string[]>): DueSendsIndex {
  return {
    digestChildIds: async (hour) => digests[hour.toISOString()] ?? [],
    reminderZones: async () => Object.keys(zones),
    reminderChildIds: async (zone) => zones[zone] ?? [],
  };
}

function recordingQueue(): ScheduledSendQueue & { sent: ScheduledSend[] } {
  const sent: ScheduledSend[] = [];
  return { sent, enqueue: async (sends) => void sent.push(...sends) };
}

describe('dueHour', () => {
  it('takes a run a few minutes early or late to the hour it was scheduled for', () => {
    expect(dueHour(new Date('2026-11-21T01:00:04Z')).toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(dueHour(new Date('2026-11-21T00:59:40Z')).toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(dueHour(new Date('2026-11-21T00:55:00Z')).toISOString()).toBe('2026-11-21T01:00:00.000Z');
  });

  it('takes any other instant to the hour that contains it', () => {
    expect(dueHour(new Date('2026-11-21T01:20:00Z')).toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(dueHour(new Date('2026-11-21T00:54:59Z')).toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('nextDigestDue', () => {
  it("falls on the family's weekday and hour in their own zone", () => {
    // Wednesday Nov 4 2026, Friday 17:00 in Los Angeles is 01:00 UTC Saturday
    const due = nextDigestDue(new Date('2026-11-04T12:00:00Z'), 'America/Los_Angeles', { weekday: 5, hour: 17 });
    expect(due.toISOString()).toBe('2026-11-07T01:00:00.000Z');
  });

  it('moves with daylight saving time', () => {
    const before = nextDigestDue(new Date('2026-10-28T12:00:00Z'), 'America/Los_Angeles', { weekday: 5, hour: 17 });
    expect(before.toISOString()).toBe('2026-10-31T00:00:00.000Z');
  });

  it('is strictly after the given instant', () => {
    const at = new Date('2026-11-07T01:00:00.000Z');
    const due = nextDigestDue(at, 'America/Los_Angeles', { weekday: 5, hour: 17 });
    expect(due.toISOString()).toBe('2026-11-14T01:00:00.000Z');
  });
});

describe('zonesAtReminderHour', () => {
  it('keeps the zones where it is 07:00, in winter and in summer time', () => {
    const zones = ['America/Los_Angeles', 'America/New_York', 'Pacific/Honolulu'];
    expect(zonesAtReminderHour(zones, new Date('2026-11-20T15:00:00Z'))).toEqual(['America/Los_Angeles']);
    expect(zonesAtReminderHour(zones, new Date('2026-07-20T14:00:00Z'))).toEqual(['America/Los_Angeles']);
    expect(zonesAtReminderHour(zones, new Date('2026-07-20T11:00:00Z'))).toEqual(['America/New_York']);
  });

  it('passes over a zone this runtime does not know', () => {
    expect(zonesAtReminderHour(['Mars/Olympus_Mons', 'America/Chicago'], new Date('2026-11-20T13:00:00Z'))).toEqual([
      'America/Chicago',
    ]);
  });
});

describe('dueSends', () => {
  const index = indexOf(
    { '2026-11-21T01:00:00.000Z': ['maya', 'leo', 'maya'] },
    { 'America/Los_Angeles': ['maya', 'ana'], 'America/New_York': ['sam'], 'Not/A_Zone': ['lost'] },
  );

  it("queues each child's digest once for the due hour, not the instant the run started", async () => {
    const queue = recordingQueue();
    const result = await queueDueSends(index, queue, 'digest', new Date('2026-11-21T00:59:57Z'));
    expect(result).toEqual({ hour: new Date('2026-11-21T01:00:00Z'), queued: 2 });
    expect(queue.sent).toEqual([
      { kind: 'digest', childId: 'maya', dueAt: '2026-11-21T01:00:00.000Z' },
      { kind: 'digest', childId: 'leo', dueAt: '2026-11-21T01:00:00.000Z' },
    ]);
  });

  it('finds the reminders of the families at 07:00 only', async () => {
    const sends = await dueSends(index, 'reminders', new Date('2026-11-20T15:20:00Z'));
    expect(sends).toEqual([
      { kind: 'reminders', childId: 'maya', dueAt: '2026-11-20T15:00:00.000Z' },
      { kind: 'reminders', childId: 'ana', dueAt: '2026-11-20T15:00:00.000Z' },
    ]);
  });

  it('queues nothing in an hour with nobody due, and passes on a queue that refuses', async () => {
    const queue = recordingQueue();
    expect(await queueDueSends(index, queue, 'digest', new Date('2026-11-21T05:00:00Z'))).toMatchObject({ queued: 0 });
    const refusing: ScheduledSendQueue = {
      enqueue: async () => {
        throw new Error('2 scheduled sends could not be queued');
      },
    };
    await expect(queueDueSends(index, refusing, 'digest', new Date('2026-11-21T01:00:00Z'))).rejects.toThrow(
      /could not be queued/,
    );
  });
});
