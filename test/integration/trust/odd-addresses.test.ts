// Finding 5: a stranger writing from a valid but odd address ("x y"@example.org) got the guardians a
// notice, and the guardian's `allow` then failed validation and was refused with 451 on every retry.
// Over the local stack's real SMTP listener and embedded store: such an address is allowed and its
// held mail read; one that cannot be kept is answered in plain words; nothing is lost either way.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../../local/config';
import { type LocalStack, startLocalStack } from '../../../local/stack';
import { registerChild } from '../../../shared/replies/welcome';
import type { Child } from '../../../shared/store/families';

const GUARDIAN = 'odd.parent@example.com';

let dataDir: string;
let stack: LocalStack;
let n = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iep-odd-addresses-'));
  stack = await startLocalStack(
    readLocalConfig(
      { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
      process.cwd(),
    ),
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Hands a raw message to the stack's SMTP listener; resolves with its answer or rejects with its refusal. */
async function overSmtp(to: string, message: string): Promise<string> {
  const transport = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true });
  try {
    const info = await transport.sendMail({
      envelope: { from: 'bounces@example.net', to: [to] },
      raw: Buffer.from(message.replace(/\r?\n/g, '\r\n')),
    });
    return info.response;
  } finally {
    transport.close();
  }
}

function mail(from: string, to: string, subject: string, text: string): string {
  n += 1;
  return `From: ${from}\nTo: ${to}\nSubject: ${subject}\nDate: Thu, 05 Nov 2026 09:00:00 -0800\nMessage-ID: <odd-${n}-${Date.now()}@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${text}\n`;
}

async function newChild(): Promise<Child> {
  n += 1;
  return registerChild(stack.services, {
    name: `Odd${n}`,
    guardians: [GUARDIAN],
    timeZone: 'America/Los_Angeles',
    state: 'CA',
  });
}

const NOTE = 'Speech therapy today, 30 minutes, small group.';

/** The last mail to the guardian whose subject matches, from the stack's outbox. */
function lastTo(subject: RegExp) {
  const mails = stack.outbox.list().mails.filter((m) => m.to.includes(GUARDIAN) && subject.test(m.subject));
  const last = mails.at(-1);
  if (!last) throw new Error(`no mail to the guardian matching ${subject}`);
  return last;
}

describe('finding 5: odd sender addresses and allow', { timeout: 120_000 }, () => {
  it.each([
    ['a quoted local part with a space', '"x y"@example.org', '"x y"@example.org'],
    [
      'a quoted local part with a comma',
      '"Smith, J." <"smith, j."@school.example.org>',
      '"smith, j."@school.example.org',
    ],
    ['an apostrophe and a plus', "Pat O'Brien <O'Brien+IEP@School.example.org>", "o'brien+iep@school.example.org"],
  ])('%s: the guardian\'s "allow" reply allows it and reads what was held', async (_, from, kept) => {
    // Prepare: the stranger's mail is held and the guardian told.
    const child = await newChild();
    const held = await overSmtp(child.inboundAddress, mail(from, child.inboundAddress, 'Speech today', NOTE));
    const notice = lastTo(new RegExp(`sent something to ${child.name}'s address`));
    const replyTo = (notice.replyTo[0] ?? '').replace(/^.*</, '').replace(/>.*$/, '');

    // Act
    const answer = await overSmtp(replyTo, mail(GUARDIAN, replyTo, 'Re: held', 'allow'));

    // Assess
    expect([held.slice(0, 3), answer.slice(0, 3)]).toEqual(['250', '250']);
    expect(notice.text).toContain('Reply "allow" to accept it');
    expect((await stack.services.children.get(child.id))?.allowedSenders).toEqual([kept]);
    expect(await stack.services.messages.held(child.id)).toEqual([]);
    expect((await stack.services.records.list(child.id)).length).toBeGreaterThan(0);
    expect(lastTo(/./).text).toContain('held message from them was read now');
  });

  it('the command `allow "x y"@example.org` allows that very address', async () => {
    // Prepare
    const child = await newChild();

    // Act
    const answer = await overSmtp(
      child.inboundAddress,
      mail(GUARDIAN, child.inboundAddress, 'allow "x y"@example.org', ''),
    );

    // Assess
    expect(answer.slice(0, 3)).toBe('250');
    expect((await stack.services.children.get(child.id))?.allowedSenders).toEqual(['"x y"@example.org']);
  });

  it('an address that cannot be kept (no top-level domain) is not offered, and "allow" gets a plain answer; the mail stays held', async () => {
    // Prepare
    const child = await newChild();
    const held = await overSmtp(
      child.inboundAddress,
      mail('someone@schoolserver', child.inboundAddress, 'Speech today', NOTE),
    );
    const notice = lastTo(/sent something to/);
    const replyTo = (notice.replyTo[0] ?? '').replace(/^.*</, '').replace(/>.*$/, '');

    // Act
    const answer = await overSmtp(replyTo, mail(GUARDIAN, replyTo, 'Re: held', 'allow'));

    // Assess
    expect([held.slice(0, 3), answer.slice(0, 3)]).toEqual(['250', '250']);
    expect(notice.text).toContain('cannot be allowed');
    expect(notice.text).not.toContain('Reply "allow" to accept it');
    expect(lastTo(/still held/).text).toContain('cannot be allowed');
    expect((await stack.services.children.get(child.id))?.allowedSenders).toEqual([]);
    expect(await stack.services.messages.held(child.id)).toHaveLength(1);
  });
});
