// What the Lambda handlers talk to, all local and on free ports: dynalite for DynamoDB,
// aws-ses-v2-local for SES (its store is the outbox), fauxqs for S3, SQS and SNS. Only Secrets
// Manager is mocked, at the SDK boundary. The handlers read their endpoints from the environment,
// exactly as the CDK stack sets the rest of it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { type FauxqsServer, startFauxqs } from 'fauxqs';
import { createDynamoClient, ensureTable } from '../../../shared/adapters/dynamodb-table';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import { systemClock } from '../../../shared/ports/clock';
import type { TableContext } from '../../../shared/store/table-context';
import { TEST_INBOUND_DOMAIN, TEST_SIGNING_SECRET, testServicesDeps } from '../../support/services-deps';
import { asTheTest, recordOperation } from './aws-operations';

const require = createRequire(import.meta.url);

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
type SesFactory = (config: { host: string; port: number }) => Promise<Server>;

export const INBOUND_DOMAIN = TEST_INBOUND_DOMAIN;
export const FROM_ADDRESS = 'tracker@in.example.org';
export const BUCKET = 'raw-mail';
const SIGNING_SECRET = TEST_SIGNING_SECRET;

export interface OutboxMail {
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
  headers?: Array<{ name: string; value: string }>;
}

export interface SqsBatchResult {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

export interface AwsStandIns {
  env: Record<string, string>;
  fauxqs: FauxqsServer;
  digestQueueUrl: string;
  reminderQueueUrl: string;
  deletionQueueUrl: string;
  /** The queue subscribed to the alarm topic: what the operator would be told. */
  alarmQueue: string;
  table: TableContext;
  /** The same services the handlers build, for arranging a test and reading what it stored. */
  services: UseCases;
  s3: S3Client;
  putRawMail(key: string, bytes: Uint8Array): Promise<void>;
  /** Every key in the raw-mail bucket. */
  rawMailKeys(): Promise<string[]>;
  /**
   * What Lambda's SQS event source does: receives up to ten ready messages of the queue as one
   * event, and after `handle` deletes those it did not report failed (partial batch response).
   */
  drainQueue(queueUrl: string, handle: (event: unknown) => Promise<SqsBatchResult>): Promise<number>;
  outbox(): Promise<OutboxMail[]>;
  secretRequests(): number;
  /** The DynamoDB operations the stand-in answered since the last call (GetItem, Query …), in order. */
  takeDynamoRequests(): string[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * What Lambda's SQS trigger would deliver for the messages now ready in a fauxqs queue (they are
 * left in the queue), as `{ Records: [...] }`.
 */
/** An SQS event as Lambda's event source mapping delivers it, with one record per message. */
export function sqsEvent(
  queue: string,
  messages: ReadonlyArray<{ messageId: string; body: string; sentTimestamp?: number }>,
): { Records: Array<Record<string, unknown>> } {
  return {
    Records: messages.map((message, i) => ({
      messageId: message.messageId,
      receiptHandle: `handle-${i}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(message.sentTimestamp ?? Date.now()),
        SenderId: 'AROAEXAMPLE:IepStack-Dispatch',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:111122223333:${queue}`,
      awsRegion: 'us-east-1',
    })),
  };
}

/** The messages waiting on a queue of the stand-in, as the event that would deliver them. */
export function sqsEventOf(fauxqs: FauxqsServer, queue: string): { Records: Array<Record<string, unknown>> } {
  return sqsEvent(queue, fauxqs.inspectQueue(queue)?.messages.ready ?? []);
}

/** A JSON fixture under test/events/, with `{{name}}` placeholders filled in. */
export function eventFixture(path: string, values: Record<string, string> = {}): unknown {
  let text = readFileSync(join(import.meta.dirname, '../../events', path), 'utf8');
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{{${name}}}`, value);
  if (text.includes('{{')) throw new Error(`unfilled placeholder in ${path}`);
  return JSON.parse(text);
}

/** The bucket reader of the stand-ins started last (one set of stand-ins per test file). */
let versionsFrom: S3Client | undefined;

/**
 * fauxqs keeps one copy per key and answers no ListObjectVersions. At the SDK boundary that call is
 * answered from the bucket's current objects, each as its only version, `null` (S3's name for a
 * version stored before versioning was on; a delete by that id removes the key in fauxqs). Several
 * versions and delete markers are tested on the adapter alone (s3-raw-mail-store.test.ts).
 */
function answerObjectVersions(): void {
  type Sending = { middlewareStack: { add: (...args: unknown[]) => void } };
  const prototype = S3Client.prototype as unknown as { send: (this: Sending, ...args: unknown[]) => unknown };
  const send = prototype.send;
  if ((send as { answersVersions?: boolean }).answersVersions) return;
  const answering = function (this: Sending, ...args: unknown[]) {
    this.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
        async (call: { input: { Bucket?: string; Prefix?: string } }) => {
          if (context.commandName !== 'ListObjectVersionsCommand' || !versionsFrom) return next(call);
          const reader = versionsFrom;
          const listed = await asTheTest(() =>
            reader.send(new ListObjectsV2Command({ Bucket: call.input.Bucket, Prefix: call.input.Prefix })),
          );
          const versions = (listed.Contents ?? []).map((object) => ({
            Key: object.Key,
            VersionId: 'null',
            IsLatest: true,
          }));
          return { output: { $metadata: {}, Versions: versions, IsTruncated: false }, response: {} };
        },
      { step: 'serialize', name: 'answerObjectVersionsFromFauxqs', override: true },
    );
    return send.apply(this, args);
  };
  (answering as { answersVersions?: boolean }).answersVersions = true;
  prototype.send = answering;
}

export async function startAwsStandIns(): Promise<AwsStandIns> {
  const dynalite = require('dynalite') as DynaliteFactory;
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynamoPort = await listen(dynamo);
  let dynamoRequests: string[] = [];
  dynamo.on('request', (request: { headers: Record<string, string | string[] | undefined> }) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    dynamoRequests.push(target.slice(target.indexOf('.') + 1));
  });
  const sesModule = require('aws-ses-v2-local') as { default?: SesFactory } & SesFactory;
  const ses = await (sesModule.default ?? sesModule)({ host: '127.0.0.1', port: 0 });
  const sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  const fauxqs = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1' });
  fauxqs.createBucket(BUCKET);
  const { queueUrl: digestQueueUrl } = fauxqs.createQueue('digest');
  const { queueUrl: reminderQueueUrl } = fauxqs.createQueue('reminders');
  const { queueUrl: deletionQueueUrl } = fauxqs.createQueue('deletion');
  fauxqs.createQueue('alarm-inbox');
  const { topicArn: alarmTopicArn } = fauxqs.createTopic('alarms');
  fauxqs.subscribe({ topic: 'alarms', queue: 'alarm-inbox', attributes: { RawMessageDelivery: 'true' } });

  const secrets = mockClient(SecretsManagerClient);
  secrets.on(GetSecretValueCommand).callsFake(() => {
    recordOperation({ service: 'SecretsManager', operation: 'GetSecretValue' });
    return { SecretString: SIGNING_SECRET };
  });

  const tableName = 'iep-handlers';
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const db: DynamoDBDocumentClient = createDynamoClient({ endpoint: dynamoEndpoint, region: 'us-east-1' });
  await ensureTable(db, tableName);

  const env: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
    TABLE_NAME: tableName,
    RAW_MAIL_BUCKET: BUCKET,
    INBOUND_DOMAIN,
    FROM_ADDRESS,
    SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:reply-signing-abc123',
    DIGEST_QUEUE_URL: digestQueueUrl,
    REMINDER_QUEUE_URL: reminderQueueUrl,
    DELETION_QUEUE_URL: deletionQueueUrl,
    RECORDS_BACKUP_DAYS: '35',
    ALARM_TOPIC_ARN: alarmTopicArn,
    CALENDAR_BASE_URL: 'https://calendar.example.org/',
    UNSUBSCRIBE_BASE_URL: 'https://feeds.example.org',
    // Read by the AWS SDK itself: the handlers' code names no endpoint.
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: fauxqs.address,
    AWS_ENDPOINT_URL_SESV2: sesUrl,
    AWS_ENDPOINT_URL_SQS: fauxqs.address,
    AWS_ENDPOINT_URL_SNS: fauxqs.address,
  };
  Object.assign(process.env, env);

  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: fauxqs.address,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  versionsFrom = s3;
  answerObjectVersions();
  const sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: fauxqs.address,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table: TableContext = { db, tableName, clock: systemClock };
  const { S3RawMailStore } = await import('../../../shared/adapters/s3-raw-mail-store');
  const { SqsDeletionQueue } = await import('../../../shared/adapters/sqs-deletion-queue');
  const services = composeUseCases(
    testServicesDeps(
      {
        db,
        tableName,
        rawMail: new S3RawMailStore(s3, BUCKET),
        sender: { send: async () => ({ messageId: 'arranging-sends-nothing' }) },
      },
      {
        clock: systemClock,
        fromAddress: FROM_ADDRESS,
        deletionQueue: () => new SqsDeletionQueue(sqs, deletionQueueUrl),
        backupDays: 35,
      },
    ),
  );

  return {
    env,
    fauxqs,
    digestQueueUrl,
    reminderQueueUrl,
    deletionQueueUrl,
    alarmQueue: 'alarm-inbox',
    table,
    services,
    s3,
    async putRawMail(key, bytes) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes }));
    },
    async drainQueue(queueUrl, handle) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, AttributeNames: ['All'] }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) return 0;
      const result = await handle({
        Records: messages.map((m) => ({
          messageId: m.MessageId,
          receiptHandle: m.ReceiptHandle,
          body: m.Body,
          attributes: m.Attributes ?? {},
          messageAttributes: {},
          md5OfBody: m.MD5OfBody,
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:us-east-1:111122223333:${queueUrl.slice(queueUrl.lastIndexOf('/') + 1)}`,
          awsRegion: 'us-east-1',
        })),
      });
      const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
      for (const m of messages) {
        if (!failed.has(m.MessageId ?? '')) {
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        }
      }
      return messages.length;
    },
    async rawMailKeys() {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
    },
    async outbox() {
      const response = await fetch(`${sesUrl}/store`);
      return ((await response.json()) as { emails: OutboxMail[] }).emails;
    },
    secretRequests: () => secrets.commandCalls(GetSecretValueCommand).length,
    takeDynamoRequests() {
      const taken = dynamoRequests;
      dynamoRequests = [];
      return taken;
    },
    async close() {
      secrets.restore();
      db.destroy();
      s3.destroy();
      sqs.destroy();
      await fauxqs.stop();
      dynamo.closeAllConnections();
      ses.closeAllConnections();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      await new Promise<void>((resolve) => ses.close(() => resolve()));
    },
  };
}
