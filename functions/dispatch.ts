// Every hour: the children whose digest is due this hour, found through the digest index (one
// query per shard, never a scan), queued ten to a batch for the digest function.
import middy from '@middy/core';
import { queueScheduledSends } from './commons/queue-due-sends';

export const handler = middy((event: unknown) => queueScheduledSends('digest', event));
