import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServicesDeps } from '../../shared/composition/use-case-deps';
import { composeUseCases, type UseCases } from '../../shared/composition/use-cases';
import { deleteChildNow } from '../../shared/deletion/child-deletion';
import { summary } from '../../shared/digest/weekly-digest';
import { receiptAuthentication } from '../../shared/ingest/sender-authentication';
import { fixedClock } from '../../shared/ports/clock';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { RawMailStore } from '../../shared/ports/raw-mail-store';
import type { VersionStep } from '../../shared/ports/repositories';
import { resolveReply } from '../../shared/replies/resolve-reply';
import { registerChild } from '../../shared/replies/welcome';
import type { Child } from '../../shared/store/families';
import { type StoredRecord, saveRecordVersion } from '../../shared/store/records';
import { DMARC_PASSED } from '../support/authentication';
import { TEST_SIGNING_SECRET, testServicesDeps } from '../support/services-deps';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

const NOW = '2026-11-04T17:00:00Z';
const _SECRET = TEST_SIGNING_SECRET;
const GUARDIAN = 'jordan.parent@example.com';
const SECOND_GUARDIAN = 'sam.parent@example.com';

let servers: LocalServers;

function depsWith(overrides: Partial<ServicesDeps> = {}): ServicesDeps {
  return testServicesDeps(servers, { clock: fixedClock(NOW), ...overrides });
}

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

function forwardedSpeechNote(options: {
  from: string;
  messageId: string;
  note?: string;
  minutes?: number;
  to: string;
}) {
  return new TextEncoder().encode(
    crlf(`From: Parent <${options.from}>
To: ${options.to}
Subject: Fwd: Speech today
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <${options.messageId}>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${options.note ?? 'FYI'}

---------- Forwarded message ---------
From: Jane Lee <jlee@district.k12.ca.us>
Date: Tue, Nov 3, 2026 at 3:10 PM
Subject: Speech today
To: Parent <${options.from}>

Hi! Maya had speech today for ${options.minutes ?? 30} minutes in a small group in the speech room. She did great.

Jane Lee, CCC-SLP
`),
  );
}

/** A new child; the welcome mail it gets is left out of the outbox (the reply suites test it). */
async function newChild(services: UseCases, name = 'Maya'): Promise<Child> {
  const child = await registerChild(services, {
    name,
    guardians: [GUARDIAN, SECOND_GUARDIAN],
    timeZone: 'America/Los_Angeles',
    state: 'ca',
  });
  await servers.clearOutbox();
  return child;
}

beforeAll(async () => {
  servers = await startLocalServers();
});

afterAll(async () => {
  await servers?.close();
});

beforeEach(async () => {
  await servers.clearOutbox();
});

describe('ingesting a message', () => {
  it("a guardian's forward is kept, read into records and answered once with a signed Reply-To", async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'a1@example.com', to: child.inboundAddress });
    // Act
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(result.children).toEqual([expect.objectContaining({ status: 'recorded', recorded: 1, answered: true })]);
    expect(Buffer.from(await servers.rawMail.get(result.rawKey))).toEqual(Buffer.from(bytes));
    const records = await services.records.list(child.id);
    expect(records).toEqual([
      expect.objectContaining({
        kind: 'session',
        date: '2026-11-03',
        service: 'speech-language',
        minutes: 30,
        status: 'delivered',
        confirmed: false,
        source: expect.objectContaining({ messageKey: result.rawKey, part: 'body' }),
      }),
    ]);
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to).toEqual([GUARDIAN]);
    expect(sent[0]?.body.text).toContain('1. Tue Nov 3 · Speech-language · 30 min · group · separate room · delivered');
    const replyTo = sent[0]?.replyTo[0] ?? '';
    const [local] = replyTo.split('@');
    const ref = local?.split('+')[1] ?? '';
    expect(replyTo.startsWith(`${child.inboundAddress.split('@')[0]}+`)).toBe(true);
    expect(local?.length).toBeLessThanOrEqual(64);
    const resolved = await resolveReply(services, child.id, ref);
    expect(resolved?.answer.recordIds).toEqual(records.map((r) => r.id));
  });

  it('the raw message is stored before anything is written to the record store', async () => {
    // Prepare
    const seed = composeUseCases(depsWith());
    const child = await newChild(seed);
    const seenAtPut: number[] = [];
    const watching: RawMailStore = {
      put: async (key, bytes) => {
        seenAtPut.push((await seed.messages.list(child.id)).length + (await seed.records.list(child.id)).length);
        await servers.rawMail.put(key, bytes);
      },
      get: (key) => servers.rawMail.get(key),
      list: (prefix) => servers.rawMail.list(prefix),
      deletePrefix: (prefix) => servers.rawMail.deletePrefix(prefix),
    };
    const services = composeUseCases(depsWith({ rawMail: watching }));
    // Act
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'first@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    // Assess
    expect(seenAtPut).toEqual([0]);
    expect(await seed.records.list(child.id)).toHaveLength(1);
  });

  it("a recorded message keeps its author's signature, so the digest names the staff without reading stored mail", async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'signed@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    const noStoredMail: RawMailStore = {
      put: (key, bytes) => servers.rawMail.put(key, bytes),
      get: () => Promise.reject(new Error('the digest must not read stored mail')),
      list: (prefix) => servers.rawMail.list(prefix),
      deletePrefix: (prefix) => servers.rawMail.deletePrefix(prefix),
    };
    // Act
    const computed = await summary(composeUseCases(depsWith({ rawMail: noStoredMail })), child.id, '2026-11-06');
    // Assess
    expect(computed?.input.contacts).toEqual([
      { address: 'jlee@district.k12.ca.us', name: 'Jane Lee', roles: ['Jane Lee, CCC-SLP'] },
    ]);
  });
  it("the digest of a child whose calendar link exists reads the child's partition with one query and nothing else", async () => {
    // Prepare
    const calendarBaseUrl = 'https://calendar.example.org';
    const services = composeUseCases(depsWith({ calendarBaseUrl }));
    const child = await newChild(services);
    const first = await summary(services, child.id, '2026-11-06');
    const commands: string[] = [];
    const counted = new Proxy(servers.db, {
      get(target, key, receiver) {
        if (key !== 'send') return Reflect.get(target, key, receiver);
        return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
          commands.push(command.constructor.name);
          return (target.send as (...args: unknown[]) => unknown)(command, ...rest);
        };
      },
    });
    // Act
    const again = await summary(composeUseCases(depsWith({ calendarBaseUrl, db: counted })), child.id, '2026-11-06');
    // Assess
    expect(first?.calendarUrl).toMatch(/^https:\/\/calendar\.example\.org\/calendar\/[a-z2-7]{26}\.ics$/);
    expect(again?.calendarUrl).toBe(first?.calendarUrl);
    expect(commands).toEqual(['QueryCommand']);
  });

  it('a message is kept even when the record store is down, and a retry completes it', async () => {
    // Prepare
    const good = composeUseCases(depsWith());
    const child = await newChild(good);
    const broken = composeUseCases(depsWith({ tableName: 'no-such-table' }));
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'down@example.com', to: child.inboundAddress });
    // Act
    const failed = await broken
      .ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] })
      .then(
        () => false,
        () => true,
      );
    const retried = await good.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(failed).toBe(true);
    expect(await servers.rawMail.list(retried.rawKey)).toEqual([retried.rawKey]);
    expect(retried.children[0]).toMatchObject({ status: 'recorded', recorded: 1, answered: true });
  });

  it('a stranger writing to the address is kept and quarantined, never read or answered; the guardians are told', async () => {
    // Prepare
    const notices: string[] = [];
    const services = composeUseCases(
      depsWith({ onQuarantined: async (notice) => void notices.push(notice.messageId) }),
    );
    const child = await newChild(services);
    const bytes = forwardedSpeechNote({ from: 'stranger@spam.example', messageId: 's1@x', to: child.inboundAddress });
    // Act
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(result.children[0]).toMatchObject({ status: 'quarantined', recorded: 0, answered: false });
    expect(await servers.rawMail.get(result.rawKey)).toHaveLength(bytes.length);
    expect(await services.records.list(child.id)).toEqual([]);
    expect(await services.messages.held(child.id)).toEqual([
      expect.objectContaining({ messageId: result.messageId, rawKey: result.rawKey, guardiansTold: true }),
    ]);
    expect(notices).toEqual([result.messageId]);
    const sent = await servers.outbox();
    expect(sent.map((mail) => mail.destination.to)).toEqual([[GUARDIAN, SECOND_GUARDIAN]]);
    expect(sent[0]?.subject).toContain('stranger@spam.example sent something');
  });

  it("a guardian's address failing DMARC is treated as a stranger", async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'spoof@x', to: child.inboundAddress });
    const result = await services.ingest({
      bytes,
      recipients: [child.inboundAddress],
      authentication: receiptAuthentication({ spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL', spam: 'PASS', virus: 'PASS' }),
    });
    expect(result.children[0]?.status).toBe('quarantined');
    expect(await services.records.list(child.id)).toEqual([]);
    const sent = await servers.outbox();
    expect(sent.map((mail) => mail.destination.to)).toEqual([[GUARDIAN, SECOND_GUARDIAN]]);
    expect(sent[0]?.body.text).toContain('failed the sender checks');
  });

  it('a guardian of another child is a stranger to this one', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    await registerChild(services, { name: 'Leo', guardians: ['other@example.com'], timeZone: 'America/Chicago' });
    const bytes = forwardedSpeechNote({ from: 'other@example.com', messageId: 'o1@x', to: child.inboundAddress });
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    expect(result.children[0]?.status).toBe('quarantined');
  });

  it('an allow-listed provider writing directly is recorded, and nobody is answered automatically', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    await services.children.allowSender(child.id, 'JLee@District.k12.ca.us');
    const bytes = new TextEncoder().encode(
      crlf(`From: Jane Lee <jlee@district.k12.ca.us>
To: ${child.inboundAddress}
Subject: OT and speech
Date: Tue, 03 Nov 2026 15:10:00 -0800
Message-ID: <p1@district>
Content-Type: text/plain

Maya had speech today for 30 minutes in a small group in the speech room.
`),
    );
    const result = await services.ingest({
      authentication: DMARC_PASSED,
      bytes,
      recipients: [child.inboundAddress.toUpperCase()],
    });
    expect(result.children[0]).toMatchObject({ status: 'recorded', recorded: 1, answered: false });
    expect(await servers.outbox()).toEqual([]);
  });

  it('a message to no known address is kept under unrouted/ and nothing else happens', async () => {
    const services = composeUseCases(depsWith());
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'u1@x', to: 'nobody@in.example.org' });
    const result = await services.ingest({
      authentication: DMARC_PASSED,
      bytes,
      recipients: ['nobody-aaaaaaaaaaaaaaaa@in.example.org'],
    });
    expect(result).toMatchObject({ unrouted: true, children: [] });
    const base = result.rawKey.slice(result.rawKey.lastIndexOf('/') + 1);
    expect(await servers.rawMail.list('unrouted/')).toContain(`unrouted/${base}`);
    expect(await servers.rawMail.list(result.rawKey)).toEqual([]);
    expect(await servers.outbox()).toEqual([]);
  });
});

describe('duplicates', () => {
  it('the same bytes delivered twice add nothing and are answered once', async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'twice@example.com', to: child.inboundAddress });
    // Act
    await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    const second = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(second.children[0]).toMatchObject({ status: 'duplicate', answered: false });
    expect(await services.records.list(child.id)).toHaveLength(1);
    expect(await servers.outbox()).toHaveLength(1);
  });

  it('the same original forwarded by two guardians is recorded once; the second answer says already recorded', async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const fromJordan = forwardedSpeechNote({ from: GUARDIAN, messageId: 'j@example.com', to: child.inboundAddress });
    const fromSam = forwardedSpeechNote({
      from: SECOND_GUARDIAN,
      messageId: 's@example.com',
      note: 'Did you see this?',
      to: child.inboundAddress,
    });
    // Act
    await services.ingest({ authentication: DMARC_PASSED, bytes: fromJordan, recipients: [child.inboundAddress] });
    const second = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: fromSam,
      recipients: [child.inboundAddress],
    });
    // Assess
    expect(second.children[0]).toMatchObject({ status: 'recorded', recorded: 0, alreadyRecorded: 1, answered: true });
    expect(await services.records.list(child.id)).toHaveLength(1);
    const sent = await servers.outbox();
    expect(sent.map((mail) => mail.destination.to[0])).toEqual([GUARDIAN, SECOND_GUARDIAN]);
    expect(sent[1]?.subject).toContain('Already recorded');
    expect(sent[1]?.body.text).toContain('(already recorded)');
  });

  it('two deliveries of one message at the same moment give one set of records and one answer', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'race@example.com', to: child.inboundAddress });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] }),
      ),
    );
    expect(await services.records.list(child.id)).toHaveLength(1);
    expect(await servers.outbox()).toHaveLength(1);
    expect(results.filter((r) => r.children[0]?.answered)).toHaveLength(1);
  });

  it('an answer whose send failed is sent once by the retry, still as newly recorded', async () => {
    // Prepare
    let failures = 0;
    const flaky: MailSender = {
      send: async (mail) => {
        if (failures-- > 0) throw new Error('throttled');
        return servers.sender.send(mail);
      },
    };
    const services = composeUseCases(depsWith({ sender: flaky }));
    const child = await newChild(services);
    failures = 1;
    const bytes = forwardedSpeechNote({ from: GUARDIAN, messageId: 'flaky@example.com', to: child.inboundAddress });
    // Act
    await expect(
      services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] }),
    ).rejects.toThrow('throttled');
    const retry = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    const again = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(retry.children[0]).toMatchObject({ status: 'recorded', recorded: 1, alreadyRecorded: 0, answered: true });
    expect(again.children[0]?.status).toBe('duplicate');
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('Recorded for Maya: 1 item');
  });
});

describe('messages that break the reader', () => {
  it('a truncated MIME message is kept, the guardian is told, and the next message is read normally', async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const truncated = new TextEncoder().encode(
      crlf(`From: Parent <${GUARDIAN}>
To: ${child.inboundAddress}
Subject: Fwd: OT log
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <trunc@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

Here is the log
--b1
Content-Type: application/pdf; name="log.pdf"
Content-Disposition: attachment; filename="log.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmls`),
    );
    // Act
    const broken = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: truncated,
      recipients: [child.inboundAddress],
    });
    const next = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'after@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    // Assess
    expect(await servers.rawMail.get(broken.rawKey)).toHaveLength(truncated.length);
    expect(broken.children[0]?.answered).toBe(true);
    expect(next.children[0]).toMatchObject({ status: 'recorded', recorded: 1, answered: true });
    const sent = await servers.outbox();
    expect(sent).toHaveLength(2);
    expect(sent[0]?.destination.to).toEqual([GUARDIAN]);
    expect(sent[0]?.body.text).toContain('Problems reading it:');
  });

  it('a fake PDF and an empty attachment are kept and named to the guardian in plain words', async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = new TextEncoder().encode(
      crlf(`From: Parent <${GUARDIAN}>
To: ${child.inboundAddress}
Subject: Logs
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <fake-pdf@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

Two logs attached.
--b1
Content-Type: application/pdf; name="log.pdf"
Content-Disposition: attachment; filename="log.pdf"
Content-Transfer-Encoding: base64

${Buffer.from('this is not a PDF at all').toString('base64')}
--b1
Content-Type: text/csv; name="empty.csv"
Content-Disposition: attachment; filename="empty.csv"
Content-Transfer-Encoding: base64


--b1--
`),
    );
    // Act
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    // Assess
    expect(result.children[0]).toMatchObject({ status: 'recorded', recorded: 0, answered: true });
    expect(await servers.rawMail.get(result.rawKey)).toHaveLength(bytes.length);
    const [answer] = await servers.outbox();
    expect(answer?.body.text).toContain('Problems reading it:');
    expect(answer?.body.text).toContain('log.pdf');
  });

  it('a message claiming to be Gmail without a DKIM pass is not passed on', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = new TextEncoder().encode(
      crlf(`From: Gmail Team <forwarding-noreply@google.com>
To: ${child.inboundAddress}
Subject: (#1) Gmail Forwarding Confirmation
Message-ID: <spoofed-gmail@x>
Content-Type: text/plain

Click here.
`),
    );
    const result = await services.ingest({
      bytes,
      recipients: [child.inboundAddress],
      authentication: receiptAuthentication({ spf: 'PASS', dkim: 'FAIL', dmarc: 'GRAY' }),
    });
    expect(result.children[0]?.status).toBe('quarantined');
    // The guardians hear that something was held; its words are not passed on.
    const sent = await servers.outbox();
    expect(sent.map((mail) => mail.destination.to)).toEqual([[GUARDIAN, SECOND_GUARDIAN]]);
    expect(sent[0]?.body.text).toContain('It is kept');
    expect(sent[0]?.body.text).not.toContain('Click here');
  });

  it("Gmail's forwarding confirmation is passed on to the guardians", async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const bytes = new TextEncoder().encode(
      crlf(`From: Gmail Team <forwarding-noreply@google.com>
To: ${child.inboundAddress}
Subject: (#123456789) Gmail Forwarding Confirmation - Receive Mail from ${GUARDIAN}
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <gmail-verify@google.com>
Content-Type: text/plain; charset=utf-8

${GUARDIAN} has requested to automatically forward mail to your email address.
Confirmation code: 123456789
`),
    );
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    expect(result.children[0]).toMatchObject({ status: 'forwarding-verification', answered: true });
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to).toEqual([GUARDIAN, SECOND_GUARDIAN]);
    expect(sent[0]?.body.text).toContain('Confirmation code: 123456789');
  });

  it("Gmail's forwarding confirmation reaches a Spanish-reading family with the words around it in Spanish", async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await registerChild(services, {
      name: 'Sofía',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      language: 'es',
    });
    await servers.clearOutbox();
    const bytes = new TextEncoder().encode(
      crlf(`From: Gmail Team <forwarding-noreply@google.com>
To: ${child.inboundAddress}
Subject: (#123456789) Gmail Forwarding Confirmation
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <gmail-verify-es@google.com>
Content-Type: text/plain; charset=utf-8

Confirmation code: 123456789
`),
    );

    // Act
    await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });

    // Assess
    const [mail] = await servers.outbox();
    expect(mail?.subject).toBe(
      'Confirmación de reenvío de Gmail para la dirección de Sofía · (#123456789) Gmail Forwarding Confirmation',
    );
    expect(mail?.body.text).toMatch(/^Gmail envió una confirmación de reenvío a la dirección de Sofía\./);
    expect(mail?.body.text).toContain('Confirmation code: 123456789');
  });
});

describe('families', () => {
  it('finds a child by address whatever the case and with plus-addressing', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services, 'Zoë Smith');
    const [local, domain] = child.inboundAddress.split('@');
    expect(child.inboundAddress).toMatch(/^zoe-[a-z2-7]{16}@in\.example\.org$/);
    expect((await services.children.findByAddress(`${local}+anything@${domain}`.toUpperCase()))?.id).toBe(child.id);
    expect(await services.children.findByAddress(`zoe-aaaaaaaaaaaaaaaa@${domain}`)).toBeNull();
  });

  it('deleting a child removes its records, messages and raw mail', async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    const result = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'del@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    // Act
    const report = await deleteChildNow(services, child.id);
    // Assess
    expect(report.rawMessages).toBe(1);
    expect(await servers.rawMail.list(result.rawKey)).toEqual([]);
    expect(await services.records.list(child.id)).toEqual([]);
    expect(await services.messages.list(child.id)).toEqual([]);
    expect(await services.children.get(child.id)).toBeNull();
    expect(await services.children.findByAddress(child.inboundAddress)).toBeNull();
  });

  it.each([
    ['found through the raw-mail index', 'indexed'],
    ['with the reference items earlier versions wrote', 'references'],
    ['stored before either existed', 'neither'],
  ] as const)(
    'one raw message kept for two siblings (%s) stays until the last of them is deleted',
    async (_, stored) => {
      // Prepare: one forward to both siblings' addresses is one raw object
      const services = composeUseCases(depsWith());
      const older = await newChild(services, 'Maya');
      const younger = await newChild(services, 'Leo');
      const result = await services.ingest({
        authentication: DMARC_PASSED,
        bytes: forwardedSpeechNote({
          from: GUARDIAN,
          messageId: `sib-${stored}@example.com`,
          to: older.inboundAddress,
        }),
        recipients: [older.inboundAddress, younger.inboundAddress],
      });
      const indexed = await servers.db.send(
        new QueryCommand({
          TableName: servers.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `RAWMAIL#${result.rawKey}` },
        }),
      );
      expect(indexed.Items?.map((item) => item.pk).sort()).toEqual([`CHILD#${older.id}`, `CHILD#${younger.id}`].sort());
      if (stored !== 'indexed') {
        for (const child of [older, younger]) {
          const key = { pk: `CHILD#${child.id}`, sk: `MSG#${result.messageId}` };
          await servers.db.send(
            new UpdateCommand({ TableName: servers.tableName, Key: key, UpdateExpression: 'REMOVE gsi1pk, gsi1sk' }),
          );
          if (stored === 'references') {
            const ref = {
              pk: `RAWMAIL#${result.rawKey}`,
              sk: `CHILD#${child.id}`,
              type: 'raw-mail-ref',
              childId: child.id,
            };
            await servers.db.send(new PutCommand({ TableName: servers.tableName, Item: ref }));
          }
        }
      }

      // Act / Assess: the first deletion keeps the sibling's original, the second removes it
      expect((await deleteChildNow(services, older.id)).rawMessages).toBe(0);
      expect(await servers.rawMail.list(result.rawKey)).toEqual([result.rawKey]);
      expect((await deleteChildNow(services, younger.id)).rawMessages).toBe(1);
      expect(await servers.rawMail.list(result.rawKey)).toEqual([]);
      const left = await servers.db.send(
        new QueryCommand({
          TableName: servers.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `RAWMAIL#${result.rawKey}` },
        }),
      );
      expect(left.Items).toEqual([]);
    },
  );

  it("lists children due for a digest by the hour, in the family's zone, and not while paused", async () => {
    const services = composeUseCases(depsWith());
    const child = await registerChild(services, {
      name: 'Ava',
      guardians: [GUARDIAN],
      timeZone: 'Pacific/Honolulu',
      digest: { weekday: 2, hour: 6 },
    });
    // Tuesday Nov 10 2026 06:00 in Honolulu is 16:00 UTC
    const dueHour = new Date('2026-11-10T16:30:00Z');
    expect((await services.children.dueForDigest(dueHour)).map((c) => c.id)).toContain(child.id);
    await services.children.pause(child.id);
    expect((await services.children.dueForDigest(dueHour)).map((c) => c.id)).not.toContain(child.id);
    await services.children.resume(child.id);
    const sent = await services.children.markDigestSent(child.id, new Date('2026-11-10T16:05:00Z'));
    expect(sent.nextDigestAt).toBe('2026-11-17T16:00:00.000Z');
  });

  it("a guardian's reply with a valid reference goes to the reply step, not into records", async () => {
    // Prepare
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'orig@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    const replyTo = (await servers.outbox())[0]?.replyTo[0] ?? '';
    await servers.clearOutbox();
    const reply = new TextEncoder().encode(
      crlf(`From: Parent <${GUARDIAN}>
To: ${replyTo}
Subject: Re: Recorded for Maya
Message-ID: <reply@example.com>
Content-Type: text/plain

1 20 min
`),
    );
    // Act
    const result = await services.ingest({ authentication: DMARC_PASSED, bytes: reply, recipients: [replyTo] });
    // Assess
    expect(result.children[0]).toMatchObject({ status: 'reply', answered: true });
    const records = await services.records.list(child.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ minutes: 20, confirmed: true });
    expect(await servers.outbox()).toHaveLength(1);
  });

  it('a correction is a new version: the old value stays in the record history', async () => {
    // Prepare
    const deps = depsWith();
    const services = composeUseCases(deps);
    const child = await newChild(services);
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'fix@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    const [record] = await services.records.list(child.id);
    const correction: VersionStep = (current) => ({
      record: { ...current, minutes: 20, confirmed: true } as StoredRecord,
      change: { at: NOW, action: 'corrected', by: 'answer', before: { minutes: 30 }, ref: 'fix#1' },
    });
    // Act
    const changed = await saveRecordVersion(deps, child.id, record?.id ?? '', correction);
    const again = await saveRecordVersion(deps, child.id, record?.id ?? '', correction);
    // Assess
    expect(changed).toMatchObject({ id: record?.id, minutes: 20, confirmed: true });
    expect(changed?.history.at(-1)).toMatchObject({ action: 'corrected', by: 'answer', before: { minutes: 30 } });
    expect(again?.history).toHaveLength(changed?.history.length ?? 0);
    expect(await services.records.get(child.id, record?.id ?? '')).toEqual(changed);
    expect(await saveRecordVersion(deps, child.id, 'no-such-record', correction)).toBeNull();
  });

  it('a reply reference stops resolving after 60 days', async () => {
    const services = composeUseCases(depsWith());
    const child = await newChild(services);
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedSpeechNote({ from: GUARDIAN, messageId: 'old@example.com', to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    const ref = ((await servers.outbox())[0]?.replyTo[0] ?? '').split('@')[0]?.split('+')[1] ?? '';
    const later = composeUseCases(depsWith({ clock: fixedClock('2027-01-10T00:00:00Z') }));
    expect(await resolveReply(services, child.id, ref)).not.toBeNull();
    expect(await resolveReply(later, child.id, ref)).toBeNull();
  });
});
