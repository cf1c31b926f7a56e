// The two halves of the hourly path in AWS: a scheduled run queues what is due at its hour, and an
// SQS batch of queued sends is run one by one, a failed one reported back alone (partial batch
// failure) so that SQS retries only it, later (after its visibility timeout).
import { z } from 'zod';
import { SqsScheduledSendQueue } from '../../shared/adapters/sqs-scheduled-send-queue';
import { logger } from '../../shared/observability/logger';
import type { ScheduledKind } from '../../shared/ports/scheduled-send-queue';
import { scheduledSendSchema } from '../../shared/scheduling/scheduled-sends';
import { sqsClient } from './messaging';
import { scheduledHour } from './scheduled-event';
import { awsContext } from './services';

export const sqsEventSchema = z
  .object({
    Records: z
      .array(
        z
          .object({ messageId: z.string().min(1), body: z.string().max(10_000), eventSource: z.string().optional() })
          .loose(),
      )
      .max(10_000),
  })
  .loose();

export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/** Queues the sends of `kind` due at the event's hour. */
export async function queueDueSends(kind: ScheduledKind, event: unknown): Promise<{ queued: number; failed: number }> {
  const { services, env } = await awsContext({ signsReplies: false });
  const queueUrl = kind === 'digest' ? env.DIGEST_QUEUE_URL : env.REMINDER_QUEUE_URL;
  if (!queueUrl) throw new Error(`The function is misconfigured: check the ${kind} queue URL`);
  const hour = scheduledHour(event, new Date());
  const queue = new SqsScheduledSendQueue(sqsClient(), { [kind]: queueUrl });
  const queued = await services.scheduled.dispatch(kind, hour, queue);
  logger.info('scheduled sends queued', { kind, hour: hour.toISOString(), queued });
  return { queued, failed: 0 };
}

/** Runs a batch of queued sends; only the failed ones go back to the queue. */
export async function runQueuedSends(event: unknown): Promise<SqsBatchResponse> {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('queued sends rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const { services } = await awsContext();
  const failures: Array<{ itemIdentifier: string }> = [];
  const outcomes: Record<string, number> = {};
  for (const record of parsed.data.Records) {
    let send: z.infer<typeof scheduledSendSchema>;
    try {
      send = scheduledSendSchema.parse(JSON.parse(record.body));
    } catch {
      // A body of the wrong shape never gets better: dropped, not retried.
      outcomes.rejected = (outcomes.rejected ?? 0) + 1;
      continue;
    }
    try {
      const result = await services.scheduled.run(send);
      const outcome = `${send.kind}:${result.status}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      logger.error('scheduled send failed', {
        kind: send.kind,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  }
  logger.info('queued sends handled', { outcomes, failed: failures.length });
  return { batchItemFailures: failures };
}
