// Where the hourly runs put the work they found due: one digest or one day's reminders of one
// child. In AWS a queue (retries, then a dead-letter queue); locally the work runs in process.

export const SCHEDULED_KINDS = ['digest', 'reminders'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/** One child's scheduled send, as queued. */
export interface ScheduledSend {
  kind: ScheduledKind;
  childId: string;
  /** The hour it was due (ISO instant); the day it is for is this hour's day in the family's zone. */
  dueAt: string;
}

export interface ScheduledSendQueue {
  /** Queues every send, or throws naming how many could not be queued (the hour is then retried). */
  enqueue(sends: readonly ScheduledSend[]): Promise<void>;
}
