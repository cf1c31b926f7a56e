// The deletion queue's worker: each message is one confirmed `delete all data` (the child's id
// and the family's language, checked here like every queued body). The child's raw mail (every version), records, messages and address are deleted, then the
// guardians are told once. A failed deletion goes back to the queue alone and is retried (every
// step can run again), then waits in the dead-letter queue, whose alarm tells the operator.
import middy from '@middy/core';
import { z } from 'zod';
import { runDeletion } from '../shared/deletion/child-deletion';
import { logger } from '../shared/observability/logger';
import { LANGUAGES } from '../shared/render/language';
import { type SqsBatchResponse, sqsEventSchema } from './commons/run-queued-sends';
import { lambdaUseCaseDeps } from './commons/use-case-deps';

const deletionRequestSchema = z.object({
  childId: z.string().min(1).max(64),
  // A language we do not write never holds a deletion back: the "Deleted" email is then in English.
  language: z.enum(LANGUAGES).optional().catch(undefined),
});

async function runDeletions(event: unknown): Promise<SqsBatchResponse> {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('deletion event rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const deps = await lambdaUseCaseDeps();
  const failures: SqsBatchResponse['batchItemFailures'] = [];
  for (const record of parsed.data.Records) {
    const request = deletionRequestSchema.safeParse(safeJson(record.body));
    if (!request.success) {
      // A body of the wrong shape never gets better: dropped, not retried.
      logger.error('deletion request rejected');
      continue;
    }
    try {
      await runDeletion(deps, request.data);
    } catch (error) {
      failures.push({ itemIdentifier: record.messageId });
      logger.error('deletion failed', { errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }
  return { batchItemFailures: failures };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const handler = middy(runDeletions);
