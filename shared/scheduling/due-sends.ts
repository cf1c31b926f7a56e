// The first half of the hourly path, the same in AWS and locally: who is due at this hour, from
// the indexes alone, handed to the queue. Apart from running a send (scheduled-sends.ts) so that
// the hourly dispatcher loads no digest or reminder code.
import type { DueSendsIndex } from '../ports/due-sends-index';
import type { ScheduledKind, ScheduledSend, ScheduledSendQueue } from '../ports/scheduled-send-queue';
import { dueHour, zonesAtReminderHour } from './schedule-rules';

/** The sends of `kind` due in the hour a run at `at` is for (see `dueHour`), from the index alone. */
export async function dueSends(index: DueSendsIndex, kind: ScheduledKind, at: Date): Promise<ScheduledSend[]> {
  const hour = dueHour(at);
  const ids =
    kind === 'digest'
      ? await index.digestChildIds(hour)
      : (
          await Promise.all(
            zonesAtReminderHour(await index.reminderZones(), hour).map((zone) => index.reminderChildIds(zone)),
          )
        ).flat();
  // The hour, not the instant of the run: a late or retried run sends the same day's mail.
  const dueAt = hour.toISOString();
  return [...new Set(ids)].map((childId) => ({ kind, childId, dueAt }));
}

/** Finds what is due at `at` and queues it; returns the hour it ran for and how many sends were queued. */
export async function queueDueSends(
  index: DueSendsIndex,
  queue: ScheduledSendQueue,
  kind: ScheduledKind,
  at: Date,
): Promise<{ hour: Date; queued: number }> {
  const sends = await dueSends(index, kind, at);
  await queue.enqueue(sends);
  return { hour: dueHour(at), queued: sends.length };
}
