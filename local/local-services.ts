// The local composition root: the use cases' dependencies built by the same `composeUseCases` as
// every runtime's, with the raw mail in a folder and the mail going to the SES-compatible outbox.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FolderRawMailStore } from '../shared/adapters/folder-raw-mail-store';
import { SesMailSender } from '../shared/adapters/ses-mail-sender';
import { composeUseCases, type UseCases } from '../shared/composition/use-cases';
import type { Clock } from '../shared/ports/clock';
import { inProcessDeletionQueue } from '../shared/ports/deletion-queue';
import type { MailSender } from '../shared/ports/mail-sender';
import type { LocalConfig } from './config';
import { dataPaths } from './data-folder';
import { urlHost } from './embedded-dynamo';
import { outboxFolder } from './outbox';
import { localSentMailCopies } from './sent-mail-copies';

export type LocalServices = UseCases;

export function localServices(deps: {
  config: LocalConfig;
  db: DynamoDBDocumentClient;
  clock: Clock;
  replySigningSecret: string;
  sender: MailSender;
  /** The feed server's address, once it listens (its port may be chosen at start). */
  feedBaseUrl?: string;
}): LocalServices {
  // The feed server's address serves the calendar feeds and the one-click unsubscribe, as the
  // feeds distribution does in AWS.
  const feedBaseUrl =
    deps.feedBaseUrl ??
    (deps.config.calendarPort > 0 ? `http://${urlHost(deps.config.host)}:${deps.config.calendarPort}` : undefined);
  return composeUseCases({
    db: deps.db,
    tableName: deps.config.tableName,
    rawMail: new FolderRawMailStore(dataPaths(deps.config.dataDir).raw),
    sender: deps.sender,
    clock: deps.clock,
    replySigningSecret: deps.replySigningSecret,
    inboundDomain: deps.config.inboundDomain,
    fromAddress: deps.config.fromAddress,
    calendarBaseUrl: feedBaseUrl,
    unsubscribeBaseUrl: feedBaseUrl,
    // A confirmed deletion runs at once; the outbox's copies of the child's mail go with it. The
    // data folder has no backups of its own.
    deletionQueue: inProcessDeletionQueue,
    sentMailCopies: localSentMailCopies(outboxFolder(dataPaths(deps.config.dataDir).outbox)),
    backupDays: 0,
  });
}

/** An SES v2 client for the local SES-compatible server (it wants some credentials, any will do). */
export function localSesClient(endpoint: string, region: string): SESv2Client {
  return new SESv2Client({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

export function localSesSender(client: SESv2Client): MailSender {
  return new SesMailSender(client);
}
