// One weekly digest per queued child: computed from the stored records and sent once. A child whose
// digest fails is reported back to SQS alone (partial batch failure) and retried from the queue.
import middy from '@middy/core';
import { z } from 'zod';
import { dayIn } from '../shared/deadlines/reminders';
import { logger } from '../shared/observability/logger';
import { awsContext } from './commons/services';

const sqsEventSchema = z
  .object({
    Records: z.array(z.object({ messageId: z.string().min(1), body: z.string().max(10_000) }).loose()).max(10_000),
  })
  .loose();

const requestSchema = z.object({
  childId: z.string().min(1).max(40),
  dueAt: z.iso.datetime().optional(),
});

export interface SqsBatchResponse {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

async function sendDigests(event: unknown): Promise<SqsBatchResponse> {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('digest event rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const { services } = await awsContext();
  const failures: Array<{ itemIdentifier: string }> = [];
  const outcomes: Record<string, number> = {};
  for (const record of parsed.data.Records) {
    let request: z.infer<typeof requestSchema>;
    try {
      request = requestSchema.parse(JSON.parse(record.body));
    } catch {
      // A body of the wrong shape never gets better: dropped, not retried.
      outcomes.rejected = (outcomes.rejected ?? 0) + 1;
      continue;
    }
    try {
      const child = await services.families.get(request.childId);
      const asOf = child && request.dueAt ? dayIn(child.timeZone, new Date(request.dueAt)) : undefined;
      const result = await services.digest.send(request.childId, { reschedule: true, ...(asOf ? { asOf } : {}) });
      outcomes[result.status] = (outcomes[result.status] ?? 0) + 1;
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      logger.error('digest failed', { errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }
  logger.info('digests handled', { outcomes, failed: failures.length });
  return { batchItemFailures: failures };
}

export const handler = middy(sendDigests);
