// Every hour: the children whose digest is due this hour, found through the digest index (one
// query per shard, never a scan), queued ten to a batch for the digest function.
import { lambdaHandler } from './commons/lambda-handler';
import { queueScheduledSends } from './commons/queue-due-sends';

export const handler = lambdaHandler((event: unknown) => queueScheduledSends('digest', event));
