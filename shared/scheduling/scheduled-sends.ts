// The hourly path, the same in AWS and locally: find who is due at this hour from the indexes
// alone, hand each child's send to the queue, and run one queued send. The day a send is for is
// the due hour's day in the family's zone, so a late or retried run sends that day's mail.
import { z } from 'zod';
import { dayIn } from '../deadlines/reminders';
import { type DigestDeps, type DigestSendResult, sendDigest } from '../digest/weekly-digest';
import {
  SCHEDULED_KINDS,
  type ScheduledKind,
  type ScheduledSend,
  type ScheduledSendQueue,
} from '../ports/scheduled-send-queue';
import { type ReminderResult, sendReminders } from '../reminders/daily-reminders';
import { getChild, listDueChildIds } from '../store/families';
import { listReminderChildIds } from '../store/reminder-index';

export const scheduledSendSchema = z.object({
  // Messages queued before reminders were queued too carry no kind: they are digests.
  kind: z.enum(SCHEDULED_KINDS).default('digest'),
  childId: z.string().min(1).max(40),
  dueAt: z.iso.datetime(),
});

/** The sends due in the hour starting at `hour`, from the index alone (no child is read). */
export async function dueSends(deps: DigestDeps, kind: ScheduledKind, hour: Date): Promise<ScheduledSend[]> {
  const ids = kind === 'digest' ? await listDueChildIds(deps, hour) : await listReminderChildIds(deps, hour);
  const dueAt = hour.toISOString();
  return [...new Set(ids)].map((childId) => ({ kind, childId, dueAt }));
}

/** Finds what is due and queues it; returns how many sends were queued. */
export async function dispatchSends(
  deps: DigestDeps,
  kind: ScheduledKind,
  hour: Date,
  queue: ScheduledSendQueue,
): Promise<number> {
  const sends = await dueSends(deps, kind, hour);
  await queue.enqueue(sends);
  return sends.length;
}

export type ScheduledSendResult = DigestSendResult | ReminderResult;

/** Runs one queued send (each mail claimed, so a repeated send sends nothing twice). */
export async function runScheduledSend(deps: DigestDeps, send: ScheduledSend): Promise<ScheduledSendResult> {
  const child = await getChild(deps, send.childId);
  if (!child) return { status: 'no-child' };
  const day = dayIn(child.timeZone, new Date(send.dueAt));
  return send.kind === 'digest'
    ? sendDigest(deps, child.id, { asOf: day, reschedule: true })
    : sendReminders(deps, child.id, { today: day });
}
