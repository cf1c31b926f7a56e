// Runs a function bundle the way Lambda would, on this machine: in a fresh Node process that sees
// only the bundle, the modules the stack ships beside it, and the AWS SDK (the runtime's). Its AWS
// services are local: the embedded DynamoDB, and one small HTTP server answering S3 GetObject
// (the raw mail SES stored), Secrets Manager GetSecretValue and SES v2 SendEmail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamo } from '../local/embedded-dynamo';
import { createDynamoClient, ensureTable } from '../shared/adapters/dynamodb-table';
import { composeUseCases, type UseCases } from '../shared/composition/use-cases';
import { systemClock } from '../shared/ports/clock';
import { inProcessDeletionQueue } from '../shared/ports/deletion-queue';

export const HARNESS = {
  table: 'iep-bench',
  bucket: 'iep-bench-raw',
  inboundDomain: 'in.bench.example.org',
  fromAddress: 'iep@bench.example.org',
  secret: 'bench-signing-secret-0123456789',
  region: 'us-east-1',
} as const;

export interface LambdaHarness {
  services: UseCases;
  db: DynamoDBDocumentClient;
  /** Environment of the function process. */
  env: Record<string, string>;
  /** Stores raw mail where SES would have put it; returns the key. */
  putRawMail(messageId: string, bytes: Uint8Array): string;
  /** Mail the function sent through SES. */
  sentMail(): number;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function fakeAws(objects: Map<string, Uint8Array>, sent: { count: number }): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    readBody(request).then(
      (body) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
        if (target.endsWith('GetSecretValue')) {
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify({ ARN: 'arn:bench', Name: 'bench', SecretString: HARNESS.secret }));
        } else if (request.method === 'POST' && path.startsWith('/v2/email/outbound-emails')) {
          sent.count++;
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ MessageId: `bench-${sent.count}` }));
        } else if (request.method === 'PUT' && path.startsWith(`/${HARNESS.bucket}/`)) {
          objects.set(path, new Uint8Array(body));
          response.writeHead(200, { etag: '"bench"' });
          response.end();
        } else if (request.method === 'GET' && objects.has(path)) {
          const bytes = objects.get(path) ?? new Uint8Array();
          response.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': String(bytes.byteLength) });
          response.end(bytes);
        } else {
          response.writeHead(404, { 'content-type': 'application/xml' });
          response.end(`<Error><Code>NoSuchKey</Code><Message>${request.method} ${path} not here</Message></Error>`);
        }
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
}

export async function startLambdaHarness(): Promise<LambdaHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iep-bench-harness-'));
  // The function processes sign with the environment's key below, so the store answers that one.
  const dynamo = await startEmbeddedDynamo({
    path: join(dataDir, 'dynamo'),
    host: '127.0.0.1',
    port: 0,
    accessKeyId: 'bench',
  });
  const db = createDynamoClient({ ...dynamo, region: HARNESS.region });
  await ensureTable(db, HARNESS.table);
  const objects = new Map<string, Uint8Array>();
  const sent = { count: 0 };
  const server = fakeAws(objects, sent);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services = composeUseCases({
    db,
    tableName: HARNESS.table,
    rawMail: {
      get: async () => new Uint8Array(),
      put: async () => {},
      deletePrefix: async () => 0,
      list: async () => [],
    },
    sender: { send: async () => ({ messageId: 'unused' }) },
    clock: systemClock,
    replySigningSecret: HARNESS.secret,
    inboundDomain: HARNESS.inboundDomain,
    fromAddress: HARNESS.fromAddress,
    deletionQueue: inProcessDeletionQueue,
    backupDays: 0,
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    TABLE_NAME: HARNESS.table,
    RAW_MAIL_BUCKET: HARNESS.bucket,
    INBOUND_DOMAIN: HARNESS.inboundDomain,
    FROM_ADDRESS: HARNESS.fromAddress,
    SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
    RECORDS_BACKUP_DAYS: '0',
    AWS_REGION: HARNESS.region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ENDPOINT_URL_SESV2: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOG_LEVEL: 'ERROR',
  };
  return {
    services,
    db,
    env,
    putRawMail(messageId, bytes) {
      const key = `inbound/${messageId}`;
      objects.set(`/${HARNESS.bucket}/${key}`, bytes);
      return key;
    },
    sentMail: () => sent.count,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      db.destroy();
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The SES receipt event for a message stored under `inbound/<messageId>`. */
export function sesEvent(messageId: string, recipient: string, source: string) {
  const pass = { status: 'PASS' };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        ses: {
          mail: { messageId, source, destination: [recipient], commonHeaders: { to: [recipient], from: [source] } },
          receipt: {
            recipients: [recipient],
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
          },
        },
      },
    ],
  };
}

export interface FunctionRun {
  /** Time to import the bundle, in milliseconds, measured inside the fresh process. */
  importMs: number;
  /** Time the handler took, when it was invoked. */
  invokeMs: number | null;
  /** Peak resident set size of the whole process, in bytes. */
  maxRssBytes: number;
  result: unknown;
}

const RUNNER = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [bundle, eventFile] = process.argv.slice(2);
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - t0;
let invokeMs = null;
let result = null;
if (eventFile) {
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 60000 };
  const t1 = performance.now();
  result = await mod.handler(event, context);
  invokeMs = performance.now() - t1;
}
process.stdout.write('@@RESULT ' + JSON.stringify({ importMs, invokeMs, maxRssBytes: process.resourceUsage().maxRSS * 1024, result }) + '\\n');
`;

/**
 * Imports `bundleFile` in a fresh Node process (cwd and module lookups confined to `runtimeDir`,
 * see bench/bundle-functions.ts) and, when an event is given, calls its handler once.
 */
export function runFunction(
  runtimeDir: string,
  bundleFile: string,
  options: { event?: unknown; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<FunctionRun> {
  const runner = join(runtimeDir, 'bench-runner.mjs');
  writeFileSync(runner, RUNNER);
  const args = [runner, bundleFile];
  if (options.event !== undefined) {
    const eventFile = join(runtimeDir, `bench-event-${process.pid}.json`);
    writeFileSync(eventFile, JSON.stringify(options.event));
    args.push(eventFile);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: runtimeDir,
      env: options.env ?? { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`the function process failed (exit ${code}): ${err.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice('@@RESULT '.length)) as FunctionRun);
    });
  });
}
