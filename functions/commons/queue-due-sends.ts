// The first half of the hourly path in AWS: a scheduled run queues what is due at its hour. Reads
// the index only, so it needs the table and the queue, nothing of the digest or reminders.
import { SqsScheduledSendQueue } from '../../shared/adapters/sqs-scheduled-send-queue';
import { logger } from '../../shared/observability/logger';
import type { ScheduledKind } from '../../shared/ports/scheduled-send-queue';
import { queueDueSends } from '../../shared/scheduling/due-sends';
import { tableDueSendsIndex } from '../../shared/store/due-sends-index';
import { handlerEnvironment } from './environment';
import { sqsClient } from './messaging';
import { scheduledInstant } from './scheduled-event';
import { lambdaTable } from './table';

/** Queues the sends of `kind` due at the event's hour. */
export async function queueScheduledSends(kind: ScheduledKind, event: unknown): Promise<{ queued: number }> {
  const env = handlerEnvironment();
  const queueUrl = kind === 'digest' ? env.DIGEST_QUEUE_URL : env.REMINDER_QUEUE_URL;
  if (!queueUrl) throw new Error(`The function is misconfigured: check the ${kind} queue URL`);
  const queue = new SqsScheduledSendQueue(sqsClient(), { [kind]: queueUrl });
  const { hour, queued } = await queueDueSends(
    tableDueSendsIndex(lambdaTable()),
    queue,
    kind,
    scheduledInstant(event, new Date()),
  );
  logger.info('scheduled sends queued', { kind, hour: hour.toISOString(), queued });
  return { queued };
}
