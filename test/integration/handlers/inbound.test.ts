// The inbound Lambda fed SES receipt events as SES sends them (DMARC passing leaves out
// dmarcPolicy, a Bcc'd address leaves out To, long headers are truncated), reading the raw mail
// from the S3 stand-in and writing records and answers to the local stand-ins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLES_DIR } from '../../../local/demo-family';
import { registerChild } from '../../../shared/replies/welcome';
import { attachmentLines } from '../../support/mail-with-attachments';
import { pdfBomb } from '../../support/pdf-bomb';
import {
  CODED_LOG,
  CODED_LOG_NOT_READ,
  forwardedLog,
  replyMail,
  UNNAMED_WHERE_ES,
  UNREADABLE_FORWARD_ES,
  unreadableForward,
} from '../guardian-mail-support';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, startAwsStandIns } from './aws-stand-ins';

const guardian = 'demo.parent@example.com';
const raw = readFileSync(join(EXAMPLES_DIR, '02-ot-missed-therapist-out-sick.eml'));

describe('the inbound handler', () => {
  let aws: AwsStandIns;
  let handler: typeof import('../../../functions/inbound').handler;
  let n = 0;

  beforeAll(async () => {
    aws = await startAwsStandIns();
    ({ handler } = await import('../../../functions/inbound'));
  });

  afterAll(async () => {
    await aws?.close();
  });

  async function newChild(language: 'en' | 'es' = 'en') {
    n += 1;
    return registerChild(aws.services, {
      name: `Lena${n}`,
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language,
    });
  }

  /** A fresh child, the raw mail where SES's receipt rule puts it, and the event naming both. */
  async function arrive(fixture: string, message: (to: string) => Uint8Array = () => raw) {
    const child = await newChild();
    const messageId = `o3vq2fhf0d4lq1r4k9${n}example`;
    await aws.putRawMail(`inbound/${messageId}`, message(child.inboundAddress));
    const event = eventFixture(`ses/${fixture}`, { messageId, to: child.inboundAddress });
    const before = (await aws.outbox()).length;
    const result = await invoke('IepStack-Inbound', handler, event);
    const answers = (await aws.outbox()).slice(before);
    return { child, result, answers };
  }

  it.each([
    ['receipt-dmarc-pass.json', 'DMARC passed, so no dmarcPolicy'],
    ['receipt-bcc-only.json', 'the address was only Bcc’d, so no To'],
    ['receipt-headers-truncated.json', 'the headers were truncated'],
  ])('records the message and answers the guardian once when %s (%s)', async (fixture) => {
    // Act
    const { child, result, answers } = await arrive(fixture);

    // Assess
    expect(result).toEqual({ processed: 1 });
    const records = await aws.services.records.list(child.id);
    const sessions = records.filter((r) => r.kind === 'session');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.kind === 'session' && s.service === 'occupational-therapy')).toBe(true);
    const messages = await aws.services.messages.list(child.id);
    expect(messages.map((m) => [m.status, m.rawKey])).toEqual([['recorded', expect.stringMatching(/^inbound\//)]]);
    expect(answers.filter((mail) => mail.destination.to.includes(guardian))).toHaveLength(1);
  });

  it('answers a log it cannot read by quoting each row with the line that adds it, and adds the row sent back', async () => {
    // Act: the forward, then the guardian's reply with one suggested line, the service filled in
    const { child, answers } = await arrive('receipt-dmarc-pass.json', (to) =>
      forwardedLog({ from: guardian, to, text: CODED_LOG, signature: 'Jane' }),
    );
    const answer = answers.find((mail) => mail.destination.to.includes(guardian));
    const recordsBefore = await aws.services.records.list(child.id);
    const replyTo = (answer?.replyTo[0] ?? '').replace(/^.*</, '').replace(/>.*$/, '');
    const replyId = `o3vq2fhf0d4lq1r4k9${n}reply`;
    const line = CODED_LOG_NOT_READ[0][1].replace('SERVICE', 'speech');
    await aws.putRawMail(`inbound/${replyId}`, replyMail({ from: guardian, to: replyTo, lines: line }));
    const before = (await aws.outbox()).length;
    await invoke(
      'IepStack-Inbound',
      handler,
      eventFixture('ses/receipt-dmarc-pass.json', { messageId: replyId, to: replyTo }),
    );
    const result = (await aws.outbox()).slice(before);

    // Assess: the answer
    expect(recordsBefore).toEqual([]);
    expect(answer?.subject).toContain('5 not read');
    const text = answer?.body.text ?? '';
    expect(text).toContain('Not read: these lines look like session reports but I could not read them.');
    for (const [row, reply] of CODED_LOG_NOT_READ) expect(text).toContain(`“${row}” (in the message)\n    ${reply}`);
    // Assess: the reply added the one session, confirmed, and said so
    const sessions = (await aws.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    expect(sessions.map((s) => [s.date, s.service, s.minutes, s.status, s.confirmed])).toEqual([
      ['2026-10-05', 'speech-language', 30, 'delivered', true],
    ]);
    expect(result.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Updated for Lena/)]);
  });

  it('quarantines a message whose sender failed DMARC with a reject policy, recording nothing', async () => {
    // Act
    const { child, result } = await arrive('receipt-dmarc-fail-reject.json');

    // Assess
    expect(result).toEqual({ processed: 1 });
    expect(await aws.services.records.list(child.id)).toEqual([]);
    expect(await aws.services.messages.held(child.id)).toHaveLength(1);
  });

  it.each([
    ['every verdict GRAY (a domain without DMARC)', 'GRAY', 'GRAY', 'GRAY'],
    ['SPF and DKIM passing for another domain, DMARC not', 'PASS', 'PASS', 'GRAY'],
    ['verdicts that could not be computed', 'PROCESSING_FAILED', 'PROCESSING_FAILED', 'PROCESSING_FAILED'],
  ])("holds a guardian's mail and does not obey its command when %s", async (_, spf, dkim, dmarc) => {
    // Prepare: the guardian's address on a "pause" with the verdicts SES gives a forgery.
    const child = await newChild();
    const messageId = `forged${n}example`;
    const forged = `From: ${guardian}\r\nTo: ${child.inboundAddress}\r\nSubject: pause\r\nMessage-ID: <forged-${n}@example.com>\r\n\r\npause\r\n`;
    await aws.putRawMail(`inbound/${messageId}`, Buffer.from(forged));
    const event = eventFixture('ses/receipt-dmarc-pass.json', { messageId, to: child.inboundAddress }) as {
      Records: Array<{ ses: { receipt: Record<string, { status: string }> } }>;
    };
    const receipt = event.Records[0]!.ses.receipt;
    receipt.spfVerdict = { status: spf };
    receipt.dkimVerdict = { status: dkim };
    receipt.dmarcVerdict = { status: dmarc };

    // Act
    const result = await invoke('IepStack-Inbound', handler, event);

    // Assess
    expect(result).toEqual({ processed: 1 });
    expect((await aws.services.children.get(child.id))?.paused).toBe(false);
    expect(await aws.services.messages.held(child.id)).toEqual([expect.objectContaining({ hold: 'unauthenticated' })]);
  });

  it('allows a stranger writing from "x y"@example.org when the guardian replies allow, and reads what was held', async () => {
    // Prepare: the stranger's mail arrives and is held; the guardian gets the notice.
    const child = await newChild();
    const strangerId = `oddsender${n}example`;
    const stranger = `From: "x y"@example.org\r\nTo: ${child.inboundAddress}\r\nSubject: Speech today\r\nMessage-ID: <odd-${n}@example.org>\r\n\r\nSpeech therapy today, 30 minutes, small group.\r\n`;
    await aws.putRawMail(`inbound/${strangerId}`, Buffer.from(stranger));
    const before = (await aws.outbox()).length;
    await invoke(
      'IepStack-Inbound',
      handler,
      eventFixture('ses/receipt-dmarc-pass.json', { messageId: strangerId, to: child.inboundAddress }),
    );
    const notice = (await aws.outbox()).slice(before).find((mail) => mail.destination.to.includes(guardian));
    const replyTo = (notice?.replyTo[0] ?? '').replace(/^.*</, '').replace(/>.*$/, '');
    const replyId = `oddallow${n}example`;
    await aws.putRawMail(
      `inbound/${replyId}`,
      Buffer.from(
        `From: ${guardian}\r\nTo: ${replyTo}\r\nSubject: Re: held\r\nMessage-ID: <odd-allow-${n}@example.com>\r\n\r\nallow\r\n`,
      ),
    );

    // Act
    const result = await invoke(
      'IepStack-Inbound',
      handler,
      eventFixture('ses/receipt-dmarc-pass.json', { messageId: replyId, to: replyTo }),
    );

    // Assess
    expect(result).toEqual({ processed: 1 });
    expect(notice?.body.text).toContain('Reply "allow" to accept it');
    expect((await aws.services.children.get(child.id))?.allowedSenders).toEqual(['"x y"@example.org']);
    expect(await aws.services.messages.held(child.id)).toEqual([]);
    const answer = (await aws.outbox()).at(-1);
    expect(answer?.body.text).toContain('1 held message from them was read now.');
  });

  /** Stores `message` where SES puts raw mail and invokes the handler with SES's verdicts for it. */
  async function deliver(
    to: string,
    message: string,
    verdicts: Partial<Record<'spf' | 'dkim' | 'dmarc', string>> = {},
  ) {
    n += 1;
    const messageId = `verdicts${n}example`;
    await aws.putRawMail(`inbound/${messageId}`, Buffer.from(message.replace(/\r?\n/g, '\r\n')));
    const event = eventFixture('ses/receipt-dmarc-pass.json', { messageId, to }) as {
      Records: Array<{ ses: { receipt: Record<string, { status: string }> } }>;
    };
    const receipt = event.Records[0]!.ses.receipt;
    for (const [name, status] of Object.entries(verdicts)) receipt[`${name}Verdict`] = { status };
    return invoke('IepStack-Inbound', handler, event);
  }

  it("finding 2: a message in a provider's name that failed DMARC stays held when the guardian allows that name", async () => {
    // Prepare: a forgery in the provider's name, then the provider's own (proven) mail.
    const child = await newChild();
    const provider = 'provider@school.example.org';
    const note = (subject: string, text: string) =>
      `From: ${provider}\nTo: ${child.inboundAddress}\nSubject: ${subject}\nDate: Wed, 04 Nov 2026 08:00:00 -0800\nMessage-ID: <${subject.replace(/ /g, '-')}-${n}@school.example.org>\n\n${text}\n`;
    await deliver(
      child.inboundAddress,
      note('forged sessions', 'Lena had speech on Monday 11/2 for 30 minutes in a small group.'),
      { dmarc: 'FAIL' },
    );
    await deliver(
      child.inboundAddress,
      note('more sessions', 'Lena had OT on Tuesday 11/3 for 45 minutes, individual, in the classroom.'),
    );

    // Act
    const result = await deliver(
      child.inboundAddress,
      `From: ${guardian}\nTo: ${child.inboundAddress}\nSubject: allow ${provider}\nMessage-ID: <allow-${n}@example.com>\n\n`,
    );

    // Assess: the proven one is read; the forgery is still held and recorded nothing.
    expect(result).toEqual({ processed: 1 });
    const records = await aws.services.records.list(child.id);
    expect(records.map((r) => (r.kind === 'session' ? r.service : r.kind))).toEqual(['occupational-therapy']);
    expect(await aws.services.messages.held(child.id)).toEqual([
      expect.objectContaining({ hold: expect.not.stringMatching(/^unknown-sender$/) }),
    ]);
  });

  it("finding 6: passes on forwarding-verification mail only when DMARC proves it is Google's, once a day", async () => {
    // Prepare
    const child = await newChild();
    const verification = (k: number) =>
      `From: Gmail Team <forwarding-noreply@google.com>\nTo: ${child.inboundAddress}\nSubject: (#1234567${k}) Gmail Forwarding Confirmation\nMessage-ID: <gmail-verify-${k}-${n}@google.com>\n\nClick this link to confirm: https://mail-settings.google.com/mail/vf-${k}\n`;
    const before = (await aws.outbox()).length;

    // Act: one not proven (no DMARC record, SPF and DKIM passing for some domain), then three proven.
    await deliver(child.inboundAddress, verification(1), { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
    const afterForged = (await aws.outbox()).slice(before);
    for (let k = 2; k <= 4; k++) await deliver(child.inboundAddress, verification(k));

    // Assess
    const relayed = (await aws.outbox())
      .slice(before)
      .filter((mail) => mail.body.text?.includes('mail-settings.google.com'));
    expect(afterForged.filter((mail) => mail.body.text?.includes('mail-settings.google.com'))).toEqual([]);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.destination.to).toEqual([guardian]);
  });

  it("passes Gmail's forwarding confirmation to a Spanish-reading family with the words around it in Spanish", async () => {
    // Prepare
    const child = await newChild('es');
    const before = (await aws.outbox()).length;

    // Act
    await deliver(
      child.inboundAddress,
      `From: Gmail Team <forwarding-noreply@google.com>\nTo: ${child.inboundAddress}\nSubject: (#7654321) Gmail Forwarding Confirmation\nMessage-ID: <gmail-verify-es-${n}@google.com>\n\nConfirmation code: 7654321\n`,
    );

    // Assess
    const [relayed] = (await aws.outbox()).slice(before).filter((mail) => mail.body.text?.includes('7654321'));
    expect(relayed?.subject).toMatch(/^Confirmación de reenvío de Gmail para la dirección de Lena\d+ · /);
    expect(relayed?.body.text).toContain('Si usted configuró el reenvío desde su Gmail, aquí la tiene');
  });

  it('finding 4: keeps a 2 KB PDF bomb unread, tells the guardian so, and reads the next message', async () => {
    // Prepare: the guardian forwards the services page as a PDF whose streams inflate to 50 GB
    const bomb = await pdfBomb();
    const withBomb = (to: string) =>
      Buffer.from(
        [
          `From: Parent <${guardian}>`,
          `To: ${to}`,
          'Subject: Fwd: services page',
          'Date: Wed, 04 Nov 2026 08:00:00 -0800',
          'Message-ID: <pdf-bomb@example.com>',
          'MIME-Version: 1.0',
          ...attachmentLines([{ name: 'services.pdf', type: 'application/pdf', bytes: bomb }]),
        ].join('\r\n'),
      );

    // Act
    const { child, result, answers } = await arrive('receipt-dmarc-pass.json', withBomb);
    const nextId = `o3vq2fhf0d4lq1r4k9${n}next`;
    await aws.putRawMail(`inbound/${nextId}`, raw);
    await invoke(
      'IepStack-Inbound',
      handler,
      eventFixture('ses/receipt-dmarc-pass.json', { messageId: nextId, to: child.inboundAddress }),
    );

    // Assess: kept, nothing recorded from it, the guardian told in plain words, the next one read
    expect(result).toEqual({ processed: 1 });
    const messages = await aws.services.messages.list(child.id);
    expect(messages).toHaveLength(2);
    expect((await aws.rawMailKeys()).filter((key) => key.includes(`k9${n}`))).toHaveLength(2);
    const answer = answers.find((mail) => mail.destination.to.includes(guardian));
    expect(answer?.body.text).toMatch(/services\.pdf expands to more than \d+ MB when opened, so it was not read/);
    const sessions = (await aws.services.records.list(child.id)).filter((r) => r.kind === 'session');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.kind === 'session' && s.service === 'occupational-therapy')).toBe(true);
  });

  it('tells a Spanish-reading family in Spanish what could not be read: the message cut off, a file that is not what it says, a file without a name', async () => {
    // Prepare: a family that reads Spanish forwards a "PDF" that is really a web page
    n += 1;
    const child = await registerChild(aws.services, {
      name: `Sofía${n}`,
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    const messageId = `o3vq2fhf0d4lq1r4k9${n}spanish`;
    await aws.putRawMail(`inbound/${messageId}`, unreadableForward({ from: guardian, to: child.inboundAddress }));
    const before = (await aws.outbox()).length;

    // Act
    await invoke(
      'IepStack-Inbound',
      handler,
      eventFixture('ses/receipt-dmarc-pass.json', { messageId, to: child.inboundAddress }),
    );

    // Assess
    const answer = (await aws.outbox())
      .slice(before)
      .find((mail) => mail.destination.to.includes(guardian) && mail.subject.startsWith('No se guardó nada para'));
    expect(answer?.body.text).toContain('Problemas al leerlo:');
    expect(answer?.body.text).toContain(UNREADABLE_FORWARD_ES);
    expect(answer?.body.text).toContain(UNNAMED_WHERE_ES);
    expect(answer?.body.text).not.toMatch(/not a real PDF|looks cut off|no name|attachment-2/);
  });

  it('does nothing with a redelivery of the same event', async () => {
    // Prepare
    const { child } = await arrive('receipt-dmarc-pass.json');
    const messageId = `o3vq2fhf0d4lq1r4k9${n}example`;
    const event = eventFixture('ses/receipt-dmarc-pass.json', { messageId, to: child.inboundAddress });
    const before = (await aws.outbox()).length;
    const recordsBefore = (await aws.services.records.list(child.id)).length;

    // Act
    await invoke('IepStack-Inbound', handler, event);

    // Assess
    expect((await aws.outbox()).length).toBe(before);
    expect(await aws.services.records.list(child.id)).toHaveLength(recordsBefore);
  });

  it('moves mail for no child to unrouted/, leaving no version of it under inbound/', async () => {
    // Prepare
    const messageId = 'o3vq2fhf0d4lq1r4k9unroutedexample';
    await aws.putRawMail(`inbound/${messageId}`, raw);
    const event = eventFixture('ses/receipt-dmarc-pass.json', { messageId, to: 'nobody-zzzz@in.example.org' });

    // Act
    const result = await invoke('IepStack-Inbound', handler, event);

    // Assess
    expect(result).toEqual({ processed: 1 });
    const keys = await aws.rawMailKeys();
    expect(keys).toContain(`unrouted/${messageId}`);
    expect(keys).not.toContain(`inbound/${messageId}`);
  });

  it('rejects an event of the wrong shape without reading anything', async () => {
    // Act
    const result = await invoke('IepStack-Inbound', handler, { Records: [{ ses: { mail: {} } }] });

    // Assess
    expect(result).toEqual({ processed: 0 });
  });

  it('reads the signing secret from Secrets Manager once per cold start', () => {
    // Assess
    expect(aws.secretRequests()).toBe(1);
  });

  it("logs with the invocation's Lambda context and never the event, the mail, the child or the guardian", async () => {
    // Prepare: a new cold start logging at INFO, with the event logging switch on, and what
    // reaches stdout kept (the logger takes its level when it is made, as in Lambda)
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    Object.assign(process.env, { LOG_LEVEL: 'INFO', POWERTOOLS_LOGGER_LOG_EVENT: 'true' });
    try {
      vi.resetModules();
      ({ handler } = await import('../../../functions/inbound'));

      // Act: two invocations, so the second is a warm one
      await arrive('receipt-dmarc-pass.json');
      const { child } = await arrive('receipt-dmarc-pass.json');

      // Assess
      const read = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(read.filter((line) => line.message === 'inbound message read')).toHaveLength(2);
      expect(read.map((line) => line.cold_start)).toContain(false);
      for (const line of read) {
        expect(line).toMatchObject({
          function_name: 'IepStack-Inbound',
          function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
          cold_start: expect.any(Boolean),
        });
      }
      const logged = lines.join('');
      for (const secret of [child.name, child.inboundAddress, guardian, 'out sick', 'Records', 'dmarcVerdict']) {
        expect(logged).not.toContain(secret);
      }
    } finally {
      Object.assign(process.env, { LOG_LEVEL: 'SILENT' });
      delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
      write.mockRestore();
    }
  });
});
