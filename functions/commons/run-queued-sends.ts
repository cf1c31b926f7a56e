// The second half of the hourly path in AWS: an SQS batch of queued sends is run one by one, a
// failed one reported back alone (partial batch failure) so that SQS retries only it, later (after
// its visibility timeout).
import { z } from 'zod';
import { logger } from '../../shared/observability/logger';
import { runScheduledSend, scheduledSendSchema } from '../../shared/scheduling/scheduled-sends';
import { lambdaUseCaseDeps } from './use-case-deps';

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

/** Runs a batch of queued sends; only the failed ones go back to the queue. */
export async function runQueuedSends(event: unknown): Promise<SqsBatchResponse> {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('queued sends rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const deps = await lambdaUseCaseDeps();
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
      const result = await runScheduledSend(deps, send);
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
