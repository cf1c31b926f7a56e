// Deadline reminders, each child at 07:00 in its own zone. Every hour the schedule invokes this
// with its event: the children for whom it is now 07:00 are found through the reminder index and
// queued. The queue invokes it again with batches of those children: each child's reminders for
// that day are sent once (claimed; a claim left by a run that died is taken over, never skipped).
import type { SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { lambdaHandler } from './commons/lambda-handler';
import { SqsRecordSchema } from './commons/queue-batch';
import { queueScheduledSends } from './commons/queue-due-sends';
import { runQueuedSends } from './commons/run-queued-sends';

/**
 * Which of the two invoked it: records from SQS are the queue's, however else they are shaped (the
 * queue's run then checks them whole), so a damaged batch can never start an hourly run.
 */
const fromQueue = z.object({ Records: z.array(SqsRecordSchema.pick({ eventSource: true })).nonempty() });

export const handler = lambdaHandler(
  (event: unknown): Promise<SQSBatchResponse | { queued: number }> =>
    fromQueue.safeParse(event).success ? runQueuedSends(event) : queueScheduledSends('reminders', event),
);
