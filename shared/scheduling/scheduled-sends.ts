// The second half of the hourly path, the same in AWS and locally: run one queued send (what is
// due is found by due-sends.ts). The day a send is for is the due hour's day in the family's zone,
// so a late or retried run sends that day's mail.

import { z } from 'zod';
import { dayIn } from '../calendar/iso-days';
import { type DigestDeps, type DigestSendResult, sendDigest } from '../digest/weekly-digest';
import { SCHEDULED_KINDS, type ScheduledSend } from '../ports/scheduled-send-queue';
import { type ReminderResult, sendReminders } from '../reminders/daily-reminders';

export const scheduledSendSchema = z.object({
  // Messages queued before reminders were queued too carry no kind: they are digests.
  kind: z.enum(SCHEDULED_KINDS).default('digest'),
  childId: z.string().min(1).max(40),
  dueAt: z.iso.datetime(),
});

export type ScheduledSendResult = DigestSendResult | ReminderResult;

/** Runs one queued send (each mail claimed, so a repeated send sends nothing twice). */
export async function runScheduledSend(deps: DigestDeps, send: ScheduledSend): Promise<ScheduledSendResult> {
  const child = await deps.children.get(send.childId);
  if (!child) return { status: 'no-child' };
  const day = dayIn(child.timeZone, new Date(send.dueAt));
  return send.kind === 'digest'
    ? sendDigest(deps, child.id, { asOf: day, reschedule: true })
    : sendReminders(deps, child.id, { today: day });
}
