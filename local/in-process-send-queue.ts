// The local stand-in for the scheduled-send queues: each send runs at once, in process, through
// the same use case the queue's Lambda runs. One child's failure does not stop the others; the
// sends are claimed, so running an hour again sends nothing twice.
import type { UseCases } from '../shared/composition/use-cases';
import type { ScheduledSend, ScheduledSendQueue } from '../shared/ports/scheduled-send-queue';
import { runScheduledSend } from '../shared/scheduling/scheduled-sends';

export interface InProcessSendQueue extends ScheduledSendQueue {
  /** Sends that failed since the queue was made. */
  failed(): number;
}

export function inProcessSendQueue(useCases: UseCases): InProcessSendQueue {
  let failed = 0;
  return {
    async enqueue(sends: readonly ScheduledSend[]) {
      for (const send of sends) {
        try {
          await runScheduledSend(useCases, send);
        } catch {
          failed += 1;
        }
      }
    },
    failed: () => failed,
  };
}
