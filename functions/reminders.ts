// Deadline reminders, each child at 07:00 in its own zone. Every hour the schedule invokes this
// with its event: the children for whom it is now 07:00 are found through the reminder index and
// queued. The queue invokes it again with batches of those children: each child's reminders for
// that day are sent once (claimed; a claim left by a run that died is taken over, never skipped).
import middy from '@middy/core';
import { queueScheduledSends } from './commons/queue-due-sends';
import { runQueuedSends, sqsEventSchema } from './commons/run-queued-sends';

function fromQueue(event: unknown): boolean {
  const parsed = sqsEventSchema.safeParse(event);
  return parsed.success && parsed.data.Records.every((record) => record.eventSource === 'aws:sqs');
}

export const handler = middy((event: unknown) =>
  fromQueue(event) ? runQueuedSends(event) : queueScheduledSends('reminders', event),
);
