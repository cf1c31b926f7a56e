// `iep outbox` reads what was sent from the data folder, so the answers to mail that came in over
// SMTP are still there after the stack stopped.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { EXAMPLES_DIR } from '../../local/demo-family';
import { startLocalStack } from '../../local/stack';
import { registerChild } from '../../shared/replies/welcome';
import { runIep } from '../support/iep-process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'iep-cli-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const iep = (args: string[]) => runIep(dir, args);

describe('iep outbox after the stack stopped', { timeout: 180_000 }, () => {
  it('lists the answers to mail received over SMTP, oldest first, with the signed reply address', async () => {
    // Prepare
    const stack = await startLocalStack(
      readLocalConfig(
        { IEP_DATA_DIR: dir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0' },
        process.cwd(),
      ),
    );
    const guardian = 'demo.parent@example.com';
    const child = await registerChild(stack.services, {
      name: 'Lena',
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
    });
    const smtp = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true, pool: true });
    try {
      for (const file of ['01-speech-weekly-note.eml', '02-ot-missed-therapist-out-sick.eml']) {
        await smtp.sendMail({
          envelope: { from: guardian, to: [child.inboundAddress] },
          raw: readFileSync(join(EXAMPLES_DIR, file)),
        });
      }
    } finally {
      smtp.close();
      await stack.stop();
    }

    // Act
    const run = await iep(['outbox', '--json']);

    // Assess
    expect(run.code).toBe(0);
    const sent = JSON.parse(run.stdout) as Array<{
      to: string[];
      from: string;
      replyTo: string | null;
      subject: string;
      date: string;
      text: string;
    }>;
    // The answers, after the welcome mail the new family got first.
    const answers = sent.filter((mail) => mail.replyTo?.includes('+'));
    expect(answers.map((mail) => mail.subject)).toEqual([
      expect.stringContaining('Speech this week'),
      expect.stringContaining('No OT today'),
    ]);
    for (const mail of answers) {
      expect(mail.to).toEqual([guardian]);
      expect(mail.replyTo).toMatch(
        new RegExp(`^${child.inboundAddress.split('@')[0]}\\+[a-z2-7]+@inbound\\.localhost$`),
      );
      expect(Number.isNaN(Date.parse(mail.date))).toBe(false);
    }
    expect(answers[0]!.date <= answers[1]!.date).toBe(true);
  });
});
