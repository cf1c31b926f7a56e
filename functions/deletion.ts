// The deletion queue's worker: each message is one confirmed `delete all data` (the child's id and
// the family's language, checked here like every queued body). The child's raw mail (every
// version), records, messages and address are deleted, then the guardians are told once. A failed
// deletion goes back to the queue alone and is retried (every step can run again), then waits in
// the dead-letter queue, whose alarm tells the operator.
import type { SQSBatchResponse } from 'aws-lambda';
import { z } from 'zod';
import { runDeletion } from '../shared/deletion/child-deletion';
import { logger } from '../shared/observability/logger';
import { LANGUAGES } from '../shared/render/language';
import { lambdaHandler } from './commons/lambda-handler';
import { sesMailSender } from './commons/mail-sender';
import { runQueueBatch, SqsSchema } from './commons/queue-batch';
import { s3RawMail } from './commons/raw-mail';
import { lambdaUseCaseDeps } from './commons/use-case-deps';

const deletionRequestSchema = z.object({
  childId: z.string().min(1).max(64),
  // A language we do not write never holds a deletion back: the "Deleted" email is then in English.
  language: z.enum(LANGUAGES).optional().catch(undefined),
});

async function runDeletions(event: unknown): Promise<SQSBatchResponse> {
  const parsed = SqsSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('deletion event rejected', { issues: parsed.error.issues.length });
    return { batchItemFailures: [] };
  }
  const deps = await lambdaUseCaseDeps({ rawMail: s3RawMail, sender: sesMailSender });
  return runQueueBatch(parsed.data.Records, deletionRequestSchema, 'deletion', (request) => runDeletion(deps, request));
}

export const handler = lambdaHandler(runDeletions);
