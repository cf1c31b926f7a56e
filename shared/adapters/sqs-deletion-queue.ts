// The deletion queue on SQS: one message per confirmed deletion, carrying the child's id and language. Its
// function (functions/deletion.ts) retries a failed deletion, then leaves it in the dead-letter queue.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeletionQueue, DeletionRequest } from '../ports/deletion-queue';

export class SqsDeletionQueue implements DeletionQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string | undefined,
  ) {}

  async enqueue(request: DeletionRequest): Promise<void> {
    if (!this.queueUrl) throw new Error('No deletion queue is configured');
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ childId: request.childId, language: request.language }),
      }),
    );
  }
}
