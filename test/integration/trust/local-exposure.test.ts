// Finding 3: the local stack's servers answer only its own processes. A web page open in a browser
// on the same machine (any Origin, or a rebound DNS name in Host) gets nothing, the embedded store
// wants the data folder's own key, nothing destructive runs without a token, and the data folder is
// the owner's alone.
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readLocalConfig } from '../../../local/config';
import { openLocalData } from '../../../local/open-local-data';
import { type LocalStack, startLocalStack } from '../../../local/stack';
import { registerChild, welcomeChild } from '../../../shared/replies/welcome';

let dataDir: string;
let stack: LocalStack;

function configFor(dir: string, extra: Record<string, string> = {}) {
  return readLocalConfig(
    {
      IEP_DATA_DIR: dir,
      IEP_SMTP_PORT: '0',
      IEP_OUTBOX_PORT: '0',
      IEP_DYNAMO_PORT: '0',
      IEP_DEMO: '0',
      ...extra,
    },
    process.cwd(),
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iep-exposure-'));
  stack = await startLocalStack(configFor(dataDir));
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request with exactly the headers a browser (or an attacker's page) would send. */
function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const listTables = JSON.stringify({});
const dynamoHeaders = (extra: Record<string, string>) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20261104/local/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
  ...extra,
});

describe('finding 3: the embedded store', () => {
  it('refuses a request carrying an Origin header (a web page), with no CORS grant', async () => {
    // Act
    const answer = await send(stack.ports.dynamo, {
      method: 'POST',
      headers: dynamoHeaders({ origin: 'http://evil.example', host: `127.0.0.1:${stack.ports.dynamo}` }),
      body: listTables,
    });
    const preflight = await send(stack.ports.dynamo, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('TableNames');
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a Host that is not its own (DNS rebinding)', async () => {
    // Act
    const answer = await send(stack.ports.dynamo, {
      method: 'POST',
      headers: dynamoHeaders({ host: `rebound.evil.example:${stack.ports.dynamo}` }),
      body: listTables,
    });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('TableNames');
  });

  it('refuses any key but the data folder’s own, and the stack and the CLI still get through', async () => {
    // Prepare
    const stranger = new DynamoDBClient({
      endpoint: stack.dynamoEndpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });

    // Act
    const refused = await stranger.send(new ListTablesCommand({})).then(
      () => 'answered',
      () => 'refused',
    );
    stranger.destroy();
    const cli = await openLocalData(configFor(dataDir));
    const families = await cli.services.children.list();
    await cli.close();

    // Assess
    expect(refused).toBe('refused');
    expect(families).toEqual(await stack.services.children.list());
  });
});

describe('finding 3: the outbox and calendar servers', () => {
  it('refuse a Host that is not their own', async () => {
    // Act
    const outbox = await send(stack.ports.outbox, { path: '/store', headers: { host: 'rebound.evil.example' } });
    const calendarPort = Number(new URL(stack.calendarUrl).port);
    const calendar = await send(calendarPort, { path: '/calendar/x.ics', headers: { host: 'rebound.evil.example' } });

    // Assess
    expect(outbox.status).toBe(403);
    expect(outbox.body).not.toContain('emails');
    expect(calendar.status).toBe(403);
  });

  it('refuse a cross-origin request from a page', async () => {
    // Act
    const answer = await send(stack.ports.outbox, {
      path: '/store',
      headers: { host: `127.0.0.1:${stack.ports.outbox}`, origin: 'http://evil.example' },
    });

    // Assess
    expect(answer.status).toBe(403);
  });

  it('never clears the outbox page on request', async () => {
    // Prepare: something on the page.
    const child = await registerChild(stack.services, {
      name: 'Lena',
      guardians: ['demo.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await welcomeChild(stack.services, child.id);
    const before = JSON.parse((await send(stack.ports.outbox, { path: '/store' })).body) as { emails: unknown[] };

    // Act
    const cleared = await send(stack.ports.outbox, {
      method: 'POST',
      path: '/clear-store',
      headers: { host: `127.0.0.1:${stack.ports.outbox}` },
    });

    // Assess
    expect(before.emails.length).toBeGreaterThan(0);
    expect(cleared.status).toBe(403);
    const after = JSON.parse((await send(stack.ports.outbox, { path: '/store' })).body) as { emails: unknown[] };
    expect(after.emails).toHaveLength(before.emails.length);
  });
});

describe('finding 3: the data folder', () => {
  it('is the owner’s only: the folder 0700, every file in it 0600', async () => {
    // Prepare: one message through SMTP, so raw mail, records and an answer are written.
    const child = await registerChild(stack.services, {
      name: 'Mia',
      guardians: ['demo.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const smtp = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true });
    await smtp.sendMail({
      envelope: { from: 'demo.parent@example.com', to: [child.inboundAddress] },
      raw: `From: demo.parent@example.com\r\nTo: ${child.inboundAddress}\r\nSubject: help\r\n\r\nhelp\r\n`,
    });
    smtp.close();

    // Act
    const modes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile() && (statSync(path).mode & 0o077) !== 0) modes.push(path.slice(dataDir.length));
      }
    };
    walk(dataDir);

    // Assess
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(modes).toEqual([]);
  });
});

describe('finding 3: listening beyond this machine', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20'])('IEP_HOST=%s is refused without IEP_ALLOW_NETWORK=1', (host) => {
    // Act
    const refused = () => configFor(dataDir, { IEP_HOST: host });
    const allowed = configFor(dataDir, { IEP_HOST: host, IEP_ALLOW_NETWORK: '1' });

    // Assess
    expect(refused).toThrow(ConfigError);
    expect(refused).toThrow(/IEP_ALLOW_NETWORK=1/);
    expect(allowed.host).toBe(host);
  });

  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1'])('IEP_HOST=%s is loopback and needs no flag', (host) => {
    expect(configFor(dataDir, { IEP_HOST: host }).host).toBe(host);
  });
});
