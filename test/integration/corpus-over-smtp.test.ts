// The development corpus through the local stack, as a family would send it: every message over
// real SMTP to a child whose guardians are the corpus's. Every raw message is kept, the records
// appear in `iep records`, each message from a guardian gets one answer (mail sent straight to the
// address by school staff waits for the guardians' approval), and sending it all again adds nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../local/cli/main';
import { readLocalConfig } from '../../local/config';
import { dataPaths } from '../../local/data-folder';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { FolderRawMailStore } from '../../shared/adapters/folder-raw-mail-store';
import { registerChild } from '../../shared/replies/welcome';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CORPUS = resolve(process.cwd(), '../shared/corpus/dev');
const present = existsSync(join(CORPUS, 'corpus.json'));
if (!present) console.warn(`corpus over SMTP test skipped: ${CORPUS} does not exist`);

describe.skipIf(!present)('the development corpus sent over SMTP to the local stack', () => {
  let stack: LocalStack;
  let smtp: Transporter;
  let dataDir: string;
  let address: string;
  let guardians: string[];
  const files = present
    ? readdirSync(CORPUS)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : [];

  async function iep(args: string[]) {
    const out: string[] = [];
    const code = await main(args, {
      out: (l) => out.push(l),
      err: () => {},
      env: { IEP_DATA_DIR: dataDir },
      cwd: dataDir,
    });
    return { code, stdout: out.join('\n') };
  }

  async function sendAll() {
    for (const file of files) {
      await smtp.sendMail({
        envelope: { from: 'relay@example.org', to: [address] },
        raw: readFileSync(join(CORPUS, file)),
      });
    }
  }

  // Answers carry a signed reply reference; the notices about staff mail held for approval do too,
  // and are told apart by their subject.
  const outbox = () => stack.outbox.list().mails.filter((mail) => mail.to.every((to) => guardians.includes(to)));
  const answers = () =>
    outbox().filter((mail) => mail.replyTo.some((to) => to.includes('+')) && !/sent something to/.test(mail.subject));
  const notices = () => outbox().filter((mail) => /sent something to/.test(mail.subject));

  beforeAll(async () => {
    const corpus = JSON.parse(readFileSync(join(CORPUS, 'corpus.json'), 'utf8')) as {
      tz: string;
      child: string;
      guardians: string[];
    };
    guardians = corpus.guardians;
    dataDir = mkdtempSync(join(tmpdir(), 'iep-smtp-corpus-'));
    stack = await startLocalStack(
      readLocalConfig(
        { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
        process.cwd(),
      ),
    );
    smtp = createTransport({
      host: '127.0.0.1',
      port: stack.ports.smtp,
      ignoreTLS: true,
      pool: true,
      maxConnections: 2,
    });
    const child = await registerChild(stack.services, {
      name: corpus.child,
      guardians: corpus.guardians,
      timeZone: corpus.tz,
    });
    address = child.inboundAddress;
    await sendAll();
  }, 180_000);

  afterAll(async () => {
    smtp?.close();
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every raw message, shows the records, and answers each guardian message once', async () => {
    // Prepare: which messages a guardian wrote (the outer From), and what their labels hold.
    const fromGuardian: string[] = [];
    const labelled = { sessions: 0, requirements: 0, dates: 0 };
    for (const file of files) {
      const parsed = await simpleParser(readFileSync(join(CORPUS, file)));
      const from = parsed.from?.value[0]?.address?.toLowerCase() ?? '';
      if (!guardians.includes(from)) continue;
      fromGuardian.push(file);
      const label = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.eml$/, '.expected.json')), 'utf8'));
      for (const list of ['sessions', 'requirements', 'dates'] as const) labelled[list] += label[list].length;
    }

    // Act
    const kept = await new FolderRawMailStore(dataPaths(dataDir).raw).list('');
    const listed = await iep(['records', '--child', address, '--json']);

    // Assess
    expect(kept).toHaveLength(files.length);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as Record<string, unknown[]>;
    // Guardians' messages are read into records; staff's direct mail waits in quarantine.
    expect(records.sessions).toHaveLength(labelled.sessions);
    expect(records.requirements).toHaveLength(labelled.requirements);
    expect(records.dates).toHaveLength(labelled.dates);
    expect(fromGuardian.length).toBeGreaterThan(files.length / 2);
    expect(fromGuardian.length).toBeLessThan(files.length);
    expect(answers()).toHaveLength(fromGuardian.length);
    expect(notices()).toHaveLength(1); // one a day per sender, to the guardians, never to the sender
  });

  it('adds no record and no answer when everything is sent a second time', async () => {
    // Prepare
    const before = (await stack.services.records.list((await stack.services.children.findByAddress(address))!.id))
      .length;
    const answered = answers().length;

    // Act
    await sendAll();

    // Assess
    const child = await stack.services.children.findByAddress(address);
    const after = (await stack.services.records.list(child!.id)).length;
    expect(after).toBe(before);
    expect(answers()).toHaveLength(answered);
  }, 180_000);
});
