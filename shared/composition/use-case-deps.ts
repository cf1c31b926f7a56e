// What the use cases are given, built the same way by every composition root (the Lambda handlers,
// the local stack, the CLI): the adapters, with every outgoing mail passing the suppression list.
// Light on purpose: a handler that only reads the table imports this and nothing of mail reading.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runDeletion } from '../deletion/child-deletion';
import { suppressingMailSender } from '../feedback/suppressed-recipients';
import type { IngestDeps } from '../ingest/ingest-deps';
import type { QuarantineNotice } from '../ingest/ingest-types';
import type { Clock } from '../ports/clock';
import type { DeletionQueue, DeletionQueueFactory } from '../ports/deletion-queue';
import type { MailSender } from '../ports/mail-sender';
import type { RawMailStore } from '../ports/raw-mail-store';
import type { SentMailCopies } from '../ports/sent-mail-copies';
import { tableRepositories } from '../store/repositories';

export interface ServicesDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  rawMail: RawMailStore;
  sender: MailSender;
  clock: Clock;
  /** At least 16 characters; signs reply references. */
  replySigningSecret: string;
  /** The domain children's inbound addresses live on, e.g. `in.example.org`. */
  inboundDomain: string;
  /** The address answers and digests come from. */
  fromAddress: string;
  /** Base of the private calendar feed URLs, for the `new calendar link` command. */
  calendarBaseUrl?: string;
  /** Base of the one-click unsubscribe URLs (`<base>/unsubscribe/<token>`) put in digests and reminders. */
  unsubscribeBaseUrl?: string;
  /** Called once per quarantined message, after the guardians were noticed (for observers). */
  onQuarantined?: (notice: QuarantineNotice) => Promise<void>;
  /** Where confirmed deletions wait for their worker: SQS in AWS, `inProcessDeletionQueue` locally. */
  deletionQueue: DeletionQueueFactory;
  /** Days the records' backups keep deleted data (point-in-time recovery in AWS); 0 where none are kept. */
  backupDays: number;
  /** Copies of sent mail the system keeps (the local outbox); absent where none are kept (SES). */
  sentMailCopies?: SentMailCopies;
}

/** The use cases' dependencies from the adapters (no hooks: see shared/ingest/inbound-mail.ts). */
export function useCaseDeps(deps: ServicesDeps): IngestDeps {
  if (deps.replySigningSecret.length < 16) throw new Error('replySigningSecret must be at least 16 characters');
  const repositories = tableRepositories({
    db: deps.db,
    tableName: deps.tableName,
    clock: deps.clock,
    inboundDomain: deps.inboundDomain.toLowerCase(),
    rawMail: deps.rawMail,
  });
  // The queue is given the deletion worker's use case (the in-process queue runs it at once).
  let queue: DeletionQueue | undefined;
  const useCases: IngestDeps = {
    ...repositories,
    clock: deps.clock,
    inboundDomain: deps.inboundDomain.toLowerCase(),
    rawMail: deps.rawMail,
    // Every outgoing mail skips addresses that bounced for good or complained.
    sender: suppressingMailSender(deps.sender, repositories.suppressions),
    replySigningSecret: deps.replySigningSecret,
    fromAddress: deps.fromAddress,
    calendarBaseUrl: deps.calendarBaseUrl,
    unsubscribeBaseUrl: deps.unsubscribeBaseUrl,
    deletions: { enqueue: (request) => (queue as DeletionQueue).enqueue(request) },
    backupDays: deps.backupDays,
    sentMailCopies: deps.sentMailCopies,
  };
  queue = deps.deletionQueue((request) => runDeletion(useCases, request));
  return useCases;
}
