// The queue workers' SQS batches (scheduled sends, deletions), through Powertools' batch processing:
// each message runs on its own, one after another (as many sends at once as the queue's concurrency
// allows, no more), and only the failed ones go back to the queue (partial batch response), to be
// retried after their visibility timeout and then kept in the dead-letter queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SqsRecordSchema, SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SqsRecord } from '@aws-lambda-powertools/parser/types';
import type { SQSBatchResponse } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../../shared/observability/logger';

export { SqsRecordSchema, SqsSchema };

/**
 * Runs `run` on the body of each message, read with `bodySchema`. A body of the wrong shape never
 * gets better: it is counted and dropped, not retried. A message whose run throws is reported back
 * alone; `name` says which work failed in the log line (with the error's name only).
 */
export async function runQueueBatch<Body>(
  records: SqsRecord[],
  bodySchema: z.ZodType<Body>,
  name: string,
  run: (body: Body) => Promise<unknown>,
): Promise<SQSBatchResponse> {
  const readBody = JSONStringified(bodySchema);
  let rejected = 0;
  const response = await processPartialResponse(
    { Records: records },
    async (record: SqsRecord) => {
      const body = readBody.safeParse(record.body);
      if (!body.success) {
        rejected += 1;
        return;
      }
      try {
        await run(body.data);
      } catch (error) {
        logger.error(`${name} failed`, { errorName: error instanceof Error ? error.name : 'unknown' });
        throw error;
      }
    },
    new BatchProcessor(EventType.SQS, { logger }),
    { processInParallel: false, throwOnFullBatchFailure: false },
  );
  if (rejected > 0) logger.error(`${name} rejected`, { rejected });
  return { batchItemFailures: response.batchItemFailures };
}
