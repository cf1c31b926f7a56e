// Where a confirmed `delete all data` waits for the deletion worker: in AWS an SQS queue (retries,
// then a dead-letter queue with an alarm); locally the deletion runs at once, in process. The
// request carries only the child's id and the language the family reads its mail in (the
// "Deleted" email is written in it): nothing else about the family waits in a queue.
import type { Language } from '../render/language';

export interface DeletionRequest {
  childId: string;
  /** The family's language when the deletion was confirmed (English when not given). */
  language?: Language;
}

export interface DeletionQueue {
  /** Queues the request, or throws (the message that asked is then retried). */
  enqueue(request: DeletionRequest): Promise<void>;
}

/**
 * Builds the queue, given the use case its worker runs: the in-process queue calls it at once; a
 * real queue ignores it (its own worker, functions/deletion.ts, runs the same use case).
 */
export type DeletionQueueFactory = (runDeletion: (request: DeletionRequest) => Promise<unknown>) => DeletionQueue;

/** The local stand-in: each request runs when queued, through the same use case as the queue's worker. */
export const inProcessDeletionQueue: DeletionQueueFactory = (runDeletion) => ({
  async enqueue(request) {
    await runDeletion(request);
  },
});
