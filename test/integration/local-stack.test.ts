// The local stack as a new user runs it: real SMTP in, the embedded store on disk, the
// SES-compatible outbox, all on free ports with a temporary data folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { dataPaths, FolderBusyError } from '../../local/data-folder';
import { EXAMPLES_DIR } from '../../local/demo-family';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { FolderRawMailStore } from '../../shared/adapters/folder-raw-mail-store';
import { registerChild } from '../../shared/replies/welcome';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const guardian = 'demo.parent@example.com';
const folders: string[] = [];

function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iep-local-'));
  folders.push(dir);
  return dir;
}

function configFor(dataDir: string, extra: Record<string, string> = {}) {
  return readLocalConfig(
    { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', ...extra },
    process.cwd(),
  );
}

/** One pooled connection: each new SMTP connection waits 100 ms before the greeting. */
function smtpTo(stack: LocalStack): Transporter {
  return createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true, pool: true, maxConnections: 1 });
}

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('the local stack receiving mail over SMTP', () => {
  let stack: LocalStack;
  let smtp: Transporter;
  let address: string;

  beforeAll(async () => {
    stack = await startLocalStack(configFor(freshFolder(), { IEP_MAX_MESSAGE_MB: '0.05' }));
    smtp = smtpTo(stack);
    const child = await registerChild(stack.services, {
      name: 'Lena',
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    address = child.inboundAddress;
  });

  afterAll(async () => {
    smtp?.close();
    await stack?.stop();
  });

  it('keeps the raw message exactly as it came and answers the guardian in the outbox', async () => {
    // Prepare
    const raw = readFileSync(join(EXAMPLES_DIR, '02-ot-missed-therapist-out-sick.eml'));

    // Act
    const info = await smtp.sendMail({ envelope: { from: guardian, to: [address] }, raw });

    // Assess
    expect(info.accepted).toEqual([address]);
    const store = new FolderRawMailStore(dataPaths(stack.config.dataDir).raw);
    const keys = await store.list('');
    expect(keys.length).toBe(1);
    const kept = Buffer.from(await store.get(keys[0]!))
      .toString('latin1')
      .replace(/\r\n/g, '\n');
    expect(kept).toBe(raw.toString('latin1').replace(/\r\n/g, '\n'));
    const answer = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.to.includes(guardian) && mail.subject.includes('No OT today')),
    );
    expect(answer.replyTo[0]).toMatch(/^lena-[a-z2-7]{16}\+[a-z2-7]+@inbound\.localhost$/);
    expect(answer.from).toBe(stack.config.fromAddress);
    const page = (await (await fetch(new URL('store', stack.outboxUrl))).json()) as {
      emails: Array<{ subject: string }>;
    };
    expect(page.emails.map((email) => email.subject)).toContain(answer.subject);
  });

  it('refuses mail for addresses outside the inbound domain', async () => {
    // Act
    const sending = smtp.sendMail({
      envelope: { from: guardian, to: ['someone@example.com'] },
      raw: 'Subject: hi\r\n\r\nhello\r\n',
    });

    // Assess
    await expect(sending).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over the size limit with 552 and keeps nothing of it', async () => {
    // Prepare
    const store = new FolderRawMailStore(dataPaths(stack.config.dataDir).raw);
    const before = await store.list('');
    const big = `From: ${guardian}\r\nSubject: big\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(1_000)}`;

    // Act
    const sending = smtp.sendMail({ envelope: { from: guardian, to: [address] }, raw: big });

    // Assess
    await expect(sending).rejects.toMatchObject({ responseCode: 552 });
    expect(await store.list('')).toEqual(before);
  });

  it('trusts mail handed to its own listener (no verdicts exist locally), but never a From with two mailboxes', async () => {
    // Prepare
    const mail = (from: string, subject: string) =>
      `From: ${from}\r\nTo: ${address}\r\nSubject: ${subject}\r\nMessage-ID: <${subject}-${Date.now()}@example.com>\r\n\r\n${subject}\r\n`;
    const child = await stack.services.children.findByAddress(address);

    // Act
    await smtp.sendMail({
      envelope: { from: guardian, to: [address] },
      raw: mail(`${guardian}, other@example.net`, 'pause'),
    });
    const held = await waitFor(async () => {
      const list = await stack.services.messages.held(child!.id);
      return list.length > 0 ? list : undefined;
    });
    const pausedByTwo = (await stack.services.children.get(child!.id))?.paused;
    await smtp.sendMail({ envelope: { from: guardian, to: [address] }, raw: mail(guardian, 'pause') });
    const paused = await waitFor(async () =>
      (await stack.services.children.get(child!.id))?.paused ? true : undefined,
    );

    // Assess
    expect(held).toEqual([expect.objectContaining({ hold: 'sender-unclear' })]);
    expect(pausedByTwo).toBe(false);
    expect(paused).toBe(true);
    await stack.services.children.resume(child!.id);
  });
});

describe('the local stack on a schedule', () => {
  it('sends a family its weekly digest when the dispatch job runs in the hour it is due, once', async () => {
    // Prepare
    let now = new Date('2026-11-23T08:00:00Z');
    const stack = await startLocalStack(configFor(freshFolder()), { clock: { now: () => new Date(now.getTime()) } });
    try {
      const child = await registerChild(stack.services, {
        name: 'Lena',
        guardians: [guardian],
        timeZone: 'America/Los_Angeles',
      });
      const before = stack.outbox.list().mails.length;
      now = new Date(child.nextDigestAt!);

      // Act
      await stack.scheduler.runNow('dispatch');
      await stack.scheduler.runNow('dispatch');

      // Assess
      expect(stack.scheduler.registered()).toEqual(['dispatch', 'reminders']);
      const sent = stack.outbox.list().mails.slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toEqual([guardian]);
    } finally {
      await stack.stop();
    }
  });
});

describe('the local stack across restarts', () => {
  const running: LocalStack[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((stack) => stack.stop()));
  });

  it('keeps a family when stopped and started again on the same folder', async () => {
    // Prepare
    const dir = freshFolder();
    const first = await startLocalStack(configFor(dir));
    const child = await registerChild(first.services, {
      name: 'Sam',
      guardians: ['sam.parent@example.com'],
      timeZone: 'America/New_York',
    });
    await first.stop();

    // Act
    const second = await startLocalStack(configFor(dir));
    running.push(second);
    const families = await second.services.children.list();

    // Assess
    expect(second.firstStart).toBe(false);
    expect(families.map((f) => f.inboundAddress)).toEqual([child.inboundAddress]);
  });

  it('shows mail sent before a restart on the outbox page', async () => {
    // Prepare
    const dir = freshFolder();
    const first = await startLocalStack(configFor(dir));
    first.outbox.record(
      {
        from: 'iep@inbound.localhost',
        to: ['sam.parent@example.com'],
        subject: 'Before the restart',
        text: 't',
        html: '<p>t</p>',
      },
      'local-1',
      new Date('2026-11-20T10:00:00Z'),
    );
    await first.stop();

    // Act
    const second = await startLocalStack(configFor(dir));
    running.push(second);
    const page = (await (await fetch(new URL('store', second.outboxUrl))).json()) as {
      emails: Array<{ subject: string }>;
    };

    // Assess
    expect(page.emails.map((email) => email.subject)).toEqual(['Before the restart']);
  });

  it('refuses a second stack on a folder a running stack owns, and runs one beside it on another', async () => {
    // Prepare
    const dir = freshFolder();
    running.push(await startLocalStack(configFor(dir)));

    // Act
    const same = await startLocalStack(configFor(dir)).then(
      (stack) => {
        running.push(stack);
        return null;
      },
      (error: unknown) => error,
    );
    const beside = await startLocalStack(configFor(freshFolder()));
    running.push(beside);

    // Assess
    expect(same).toBeInstanceOf(FolderBusyError);
    expect(beside.ports.smtp).not.toBe(running[0]!.ports.smtp);
  });

  it('seeds the demo only on the first start, even when an earlier start failed on a busy port', async () => {
    // Prepare
    const other = await startLocalStack(configFor(freshFolder()));
    running.push(other);
    const dir = freshFolder();
    const failed = await startLocalStack(configFor(dir, { IEP_SMTP_PORT: String(other.ports.smtp) })).then(
      () => null,
      (error: unknown) => error,
    );

    // Act
    const first = await startLocalStack(configFor(dir));
    await registerChild(first.services, { name: 'Ana', guardians: ['ana.parent@example.com'], timeZone: 'UTC' });
    await first.stop();
    const second = await startLocalStack(configFor(dir));
    running.push(second);

    // Assess
    expect(failed).toMatchObject({ code: 'EADDRINUSE' });
    expect(first.firstStart).toBe(true);
    expect(second.firstStart).toBe(false);
  });

  it('creates the reply-signing secret once, readable by the owner only', async () => {
    // Prepare
    const dir = freshFolder();
    await (await startLocalStack(configFor(dir))).stop();
    const secret = readFileSync(dataPaths(dir).secret, 'utf8');

    // Act
    await (await startLocalStack(configFor(dir))).stop();

    // Assess
    expect(readFileSync(dataPaths(dir).secret, 'utf8')).toBe(secret);
    const { statSync } = await import('node:fs');
    expect(statSync(dataPaths(dir).secret).mode & 0o777).toBe(0o600);
  });
});
