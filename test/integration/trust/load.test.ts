// Load through the local stack: 1,000 messages over SMTP on 10 pooled connections, every one kept,
// read and recorded once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../../local/config';
import { dataPaths } from '../../../local/data-folder';
import { type LocalStack, startLocalStack } from '../../../local/stack';
import { FolderRawMailStore } from '../../../shared/adapters/folder-raw-mail-store';
import { registerChild } from '../../../shared/replies/welcome';
import type { Child } from '../../../shared/store/families';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const COUNT = 1_000;
const CONNECTIONS = 10;
const PROVIDER = 'slp@district.example.org';

let stack: LocalStack;
let dataDir: string;
let child: Child;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iep-load-'));
  stack = await startLocalStack(
    readLocalConfig(
      { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
      process.cwd(),
    ),
  );
  child = await registerChild(stack.services, {
    name: 'Lena',
    guardians: ['load.parent@example.com'],
    timeZone: 'America/Los_Angeles',
    state: 'CA',
  });
  // A provider writing directly: read and recorded, answered to nobody, so only the inbound path is timed.
  await stack.services.children.allowSender(child.id, PROVIDER);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function note(i: number): string {
  const day = 2 + (i % 20);
  return [
    `From: Speech <${PROVIDER}>`,
    `To: ${child.inboundAddress}`,
    `Subject: Speech note ${i}`,
    `Date: Mon, ${String(day).padStart(2, '0')} Nov 2026 15:00:00 -0800`,
    `Message-ID: <load-${i}@district.example.org>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Lena had speech on November ${day} for ${20 + (i % 40)} minutes in the speech room (note ${i}).`,
    '',
  ].join('\r\n');
}

describe('the local stack under load', () => {
  it('1,000 messages on 10 parallel SMTP connections: 1,000 kept, all read, none lost or doubled', async () => {
    // Prepare
    const smtp = createTransport({
      host: '127.0.0.1',
      port: stack.ports.smtp,
      ignoreTLS: true,
      pool: true,
      maxConnections: CONNECTIONS,
      maxMessages: Number.POSITIVE_INFINITY,
    });

    // Act
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: COUNT }, (_, i) =>
        smtp.sendMail({ envelope: { from: PROVIDER, to: [child.inboundAddress] }, raw: note(i) }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    smtp.close();

    // Assess
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toEqual([]);
    const raw = await new FolderRawMailStore(dataPaths(dataDir).raw).list('');
    expect(raw).toHaveLength(COUNT);
    const messages = await stack.services.messages.list(child.id);
    expect(messages).toHaveLength(COUNT);
    expect(messages.filter((message) => message.done && message.status === 'recorded')).toHaveLength(COUNT);
    expect(new Set(messages.map((message) => message.rawKey)).size).toBe(COUNT);
    const records = await stack.services.records.list(child.id);
    expect(new Set(records.map((record) => record.messageId)).size).toBe(COUNT);
    expect(records).toHaveLength(COUNT);
    console.info(`load: ${COUNT} messages over ${CONNECTIONS} connections in ${seconds.toFixed(1)} s`);
  }, 240_000);
});
