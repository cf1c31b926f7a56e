// The first half of the hourly path, the same in AWS and locally: who is due at this hour, from
// the indexes alone, handed to the queue. Apart from running a send (scheduled-sends.ts) so that
// the hourly dispatcher loads no digest or reminder code.
import type { ScheduledKind, ScheduledSend, ScheduledSendQueue } from '../ports/scheduled-send-queue';
import { listDueChildIds } from '../store/families';
import { listReminderChildIds } from '../store/reminder-index';
import type { TableContext } from '../store/table-context';

/** The sends due in the hour starting at `hour`, from the index alone (no child is read). */
export async function dueSends(deps: TableContext, kind: ScheduledKind, hour: Date): Promise<ScheduledSend[]> {
  const ids = kind === 'digest' ? await listDueChildIds(deps, hour) : await listReminderChildIds(deps, hour);
  const dueAt = hour.toISOString();
  return [...new Set(ids)].map((childId) => ({ kind, childId, dueAt }));
}

/** Finds what is due and queues it; returns how many sends were queued. */
export async function dispatchSends(
  deps: TableContext,
  kind: ScheduledKind,
  hour: Date,
  queue: ScheduledSendQueue,
): Promise<number> {
  const sends = await dueSends(deps, kind, hour);
  await queue.enqueue(sends);
  return sends.length;
}
