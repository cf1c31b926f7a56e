// The SQS client of the handlers that queue digests, reminders or deletions, built once per cold
// start (AWS_ENDPOINT_URL_SQS points it at the local stand-in in tests).
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeletionQueue } from '../../shared/adapters/sqs-deletion-queue';
import type { DeletionQueueFactory } from '../../shared/ports/deletion-queue';
import { type HandlerEnvironment, handlerEnvironment } from './environment';

let sqs: SQSClient | undefined;

export function sqsClient(): SQSClient {
  const env = handlerEnvironment();
  // The endpoint comes from the region (or AWS_ENDPOINT_URL_SQS), never from each queue URL: in
  // AWS both name the same host, and the local stand-in's queue URLs name a host the SDK cannot
  // parse, which it otherwise reports on every send.
  sqs ??= new SQSClient({ region: env.AWS_REGION, useQueueUrlAsEndpoint: false });
  return sqs;
}

/** Confirmed deletions go to the deletion function's queue (functions/deletion.ts runs them). */
export const sqsDeletionQueue =
  (env: HandlerEnvironment): DeletionQueueFactory =>
  () =>
    new SqsDeletionQueue(sqsClient(), env.DELETION_QUEUE_URL);
