// The local stand-ins the ingest tests run against, each on a free port: dynalite (DynamoDB,
// in memory) and aws-ses-v2-local (SES v2 with a readable outbox), reached with the real SDK clients.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient, ensureTable } from '../../shared/adapters/dynamodb-table';
import { FolderRawMailStore } from '../../shared/adapters/folder-raw-mail-store';
import { SesMailSender } from '../../shared/adapters/ses-mail-sender';

const require = createRequire(import.meta.url);

type DynaliteFactory = (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;
type SesFactory = (config: { host: string; port: number }) => Promise<Server>;

export interface SentMail {
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: Array<{ name: string; value: string }>;
}

export interface LocalServers {
  db: DynamoDBDocumentClient;
  tableName: string;
  rawDir: string;
  rawMail: FolderRawMailStore;
  sender: SesMailSender;
  outbox(): Promise<SentMail[]>;
  clearOutbox(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startLocalServers(): Promise<LocalServers> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynalite = require('dynalite') as DynaliteFactory;
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynamoPort = await listen(dynamo);

  const sesModule = require('aws-ses-v2-local') as { default?: SesFactory } & SesFactory;
  const ses = await (sesModule.default ?? sesModule)({ host: '127.0.0.1', port: 0 });
  const sesPort = (ses.address() as AddressInfo).port;
  const sesUrl = `http://127.0.0.1:${sesPort}`;

  const db = createDynamoClient({ endpoint: `http://127.0.0.1:${dynamoPort}`, region: 'us-east-1' });
  const tableName = 'iep-test';
  await ensureTable(db, tableName);
  const rawDir = await mkdtemp(join(tmpdir(), 'iep-raw-'));
  const sesClient = new SESv2Client({
    endpoint: sesUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  return {
    db,
    tableName,
    rawDir,
    rawMail: new FolderRawMailStore(rawDir),
    sender: new SesMailSender(sesClient),
    async outbox() {
      const response = await fetch(`${sesUrl}/store`);
      const body = (await response.json()) as { emails: SentMail[] };
      return body.emails;
    },
    async clearOutbox() {
      await fetch(`${sesUrl}/clear-store`, { method: 'POST' });
    },
    async close() {
      db.destroy();
      sesClient.destroy();
      dynamo.closeAllConnections();
      ses.closeAllConnections();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
      await new Promise<void>((resolve) => ses.close(() => resolve()));
      await rm(rawDir, { recursive: true, force: true });
    },
  };
}
