// One weekly digest per queued child: computed from the stored records and sent once, for the
// week the due hour fell in. A child whose digest fails is reported back to SQS alone (partial
// batch failure) and retried from the queue.
import { lambdaHandler } from './commons/lambda-handler';
import { runQueuedSends } from './commons/run-queued-sends';

export const handler = lambdaHandler(runQueuedSends);
