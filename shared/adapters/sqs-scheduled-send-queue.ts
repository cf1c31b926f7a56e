// The scheduled-send queue on SQS: each kind to its own queue, ten messages a request.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  SCHEDULED_KINDS,
  type ScheduledKind,
  type ScheduledSend,
  type ScheduledSendQueue,
} from '../ports/scheduled-send-queue';

export class SqsScheduledSendQueue implements ScheduledSendQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrls: Partial<Record<ScheduledKind, string>>,
  ) {}

  async enqueue(sends: readonly ScheduledSend[]): Promise<void> {
    let failed = 0;
    for (const kind of SCHEDULED_KINDS) {
      const ofKind = sends.filter((send) => send.kind === kind);
      if (ofKind.length === 0) continue;
      const queueUrl = this.queueUrls[kind];
      if (!queueUrl) throw new Error(`No queue is configured for ${kind} sends`);
      for (let i = 0; i < ofKind.length; i += 10) {
        const result = await this.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: ofKind.slice(i, i + 10).map((send, n) => ({ Id: String(n), MessageBody: JSON.stringify(send) })),
          }),
        );
        failed += result.Failed?.length ?? 0;
      }
    }
    // A send that was not queued stays due in the index: failing makes the scheduler retry the hour.
    if (failed > 0) throw new Error(`${failed} scheduled sends could not be queued`);
  }
}
