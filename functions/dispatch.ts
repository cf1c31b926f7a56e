// Every hour: the children whose digest is due this hour, found through the digest index (one
// query per shard, never a scan), queued ten to a batch for the digest function.
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import { logger } from '../shared/observability/logger';
import { sqsClient } from './commons/messaging';
import { scheduledHour } from './commons/scheduled-event';
import { awsContext } from './commons/services';

/** What the digest function receives for each child. */
export interface DigestRequest {
  childId: string;
  /** The hour the digest was due (ISO); the digest's week is the one this falls in. */
  dueAt: string;
}

async function dispatchDigests(event: unknown): Promise<{ queued: number; failed: number }> {
  const { services, env } = await awsContext({ signsReplies: false });
  if (!env.DIGEST_QUEUE_URL) throw new Error('The function is misconfigured: check DIGEST_QUEUE_URL');
  const hour = scheduledHour(event, new Date());
  // Ids from the index only: this function may query the index and nothing else.
  const due = await services.families.dueForDigestIds(hour);
  let queued = 0;
  let failed = 0;
  for (let i = 0; i < due.length; i += 10) {
    const batch = due.slice(i, i + 10);
    const result = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: env.DIGEST_QUEUE_URL,
        Entries: batch.map((childId, n) => ({
          Id: String(n),
          MessageBody: JSON.stringify({ childId, dueAt: hour.toISOString() } satisfies DigestRequest),
        })),
      }),
    );
    queued += result.Successful?.length ?? 0;
    failed += result.Failed?.length ?? 0;
  }
  logger.info('digests queued', { hour: hour.toISOString(), due: due.length, queued, failed });
  // A failed entry stays due in the index; failing the run makes the scheduler retry the hour.
  if (failed > 0) throw new Error(`${failed} digests could not be queued`);
  return { queued, failed };
}

export const handler = middy(dispatchDigests);
