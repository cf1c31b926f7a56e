// The second half of the hourly path in AWS: an SQS batch of queued sends is run one by one, a
// failed one reported back alone (partial batch failure) so that SQS retries only it, later (after
// its visibility timeout).
import type { SQSBatchResponse } from 'aws-lambda';
import { logger } from '../../shared/observability/logger';
import { runScheduledSend, scheduledSendSchema } from '../../shared/scheduling/scheduled-sends';
import { sesMailSender } from './mail-sender';
import { runQueueBatch, SqsSchema } from './queue-batch';
import { lambdaUseCaseDeps } from './use-case-deps';

/** Runs a batch of queued sends; only the failed ones go back to the queue. */
export async function runQueuedSends(event: unknown): Promise<SQSBatchResponse> {
  const parsed = SqsSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('queued sends rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const deps = await lambdaUseCaseDeps({ sender: sesMailSender });
  const outcomes: Record<string, number> = {};
  const response = await runQueueBatch(parsed.data.Records, scheduledSendSchema, 'scheduled send', async (send) => {
    const result = await runScheduledSend(deps, send);
    const outcome = `${send.kind}:${result.status}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  });
  logger.info('queued sends handled', { outcomes, failed: response.batchItemFailures.length });
  return response;
}
