// Hostile words in subjects, bodies, file names, display names and the child's own name go out in
// answers, notices, digests (with their drafts and mailto links) and reminders only escaped, and
// never on a header line of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import { sendDigest } from '../../../shared/digest/weekly-digest';
import type { OutgoingMail } from '../../../shared/ports/mail-sender';
import { sendReminders } from '../../../shared/reminders/daily-reminders';
import { registerChild } from '../../../shared/replies/welcome';
import { DMARC_PASSED } from '../../support/authentication';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import { depsOn, example, FlakySender, GUARDIAN } from './trust-support';

const TAGS = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>';
const BREAK = '\r\nBcc: evil@attacker.example\r\nX-Injected: yes';

let servers: LocalServers;
let sender: FlakySender;
let services: UseCases;

beforeAll(async () => {
  servers = await startLocalServers();
  sender = new FlakySender(servers.sender);
  services = composeUseCases(depsOn(servers, { sender }));
});

afterAll(async () => {
  await servers?.close();
});

const encodedWord = (text: string) => `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

function hostileForward(from: string, id: string): Uint8Array {
  const lines = [
    `From: ${encodedWord(`Mom ${TAGS}${BREAK}`)} <${from}>`,
    'To: inbox@in.example.org',
    `Subject: ${encodedWord(`Fwd: Speech ${TAGS}${BREAK}`)}`,
    'Date: Wed, 04 Nov 2026 08:00:00 -0800',
    `Message-ID: <${id}@example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `FYI ${TAGS}`,
    '',
    '---------- Forwarded message ---------',
    `From: Jane ${TAGS} <jlee@district.example.org>`,
    'Date: Tue, Nov 3, 2026 at 3:10 PM',
    `Subject: Speech ${TAGS}`,
    '',
    `Maya had speech today for 30 minutes ${TAGS} in the speech room.`,
    'The therapist was out sick on Monday so OT was missed, no substitute.',
    '',
    `Jane ${TAGS}`,
    `Speech ${TAGS} Pathologist`,
    '--b1',
    `Content-Type: text/plain; name="${encodedWord(`log ${TAGS}${BREAK}.txt`)}"`,
    `Content-Disposition: attachment; filename="${encodedWord(`log ${TAGS}${BREAK}.txt`)}"`,
    '',
    `Nov 2 speech 30 minutes ${TAGS}`,
    '--b1--',
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** What any one outgoing mail must never carry, in words for the failure message. */
function breaches(mail: OutgoingMail): string[] {
  const found: string[] = [];
  const html = mail.html;
  if (/<script/i.test(html)) found.push('a script tag in the HTML');
  if (/<img[^>]*onerror/i.test(html)) found.push('an img with onerror in the HTML');
  if (/<a[^>]+href\s*=\s*["']?\s*javascript:/i.test(html)) found.push('a javascript: link');
  for (const match of html.matchAll(/href\s*=\s*"([^"]*)"/gi)) {
    const href = match[1] ?? '';
    if (!/^(mailto:|https:\/\/)/.test(href)) found.push(`a link that is not mailto: or https: (${href.slice(0, 40)})`);
    if (/[<>\s]/.test(href)) found.push('a link with a raw space or angle bracket');
  }
  const headerValues = [
    mail.subject,
    mail.from,
    ...mail.to,
    ...(mail.replyTo ?? []),
    ...Object.values(mail.headers ?? {}),
  ];
  for (const name of Object.keys(mail.headers ?? {}))
    if (/[\r\n:]/.test(name)) found.push('a header name with CR, LF or colon');
  for (const value of headerValues)
    if (/[\r\n]/.test(value)) found.push(`CR or LF in a header value (${value.slice(0, 40)})`);
  for (const attachment of mail.attachments ?? [])
    if (/[\r\n"]/.test(attachment.filename)) found.push('CR, LF or quote in a file name');
  if ([...mail.to, ...(mail.replyTo ?? [])].some((to) => to.includes('attacker'))) found.push('mail to the attacker');
  return found;
}

describe('hostile words on their way out', () => {
  it('answers, notices, digests with drafts, and reminders carry them only escaped and never as headers', async () => {
    // Prepare: a child whose own name is hostile, as a careless or malicious operator could type it.
    const child = await registerChild(services, {
      name: 'Maya <img src=x onerror=alert(2)><script>',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'ca',
    });
    const start = sender.sent.length;

    // Act: a guardian's hostile forward (answer), a stranger's (notice), the IEP page and a
    // meeting request (deadlines), then digests and reminders over the month.
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: hostileForward(GUARDIAN, 'h1'),
      recipients: [child.inboundAddress],
    });
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: hostileForward('stranger@elsewhere.example', 'h2'),
      recipients: [child.inboundAddress],
    });
    for (const name of ['04-iep-services-page.eml', '07-parent-meeting-request.eml']) {
      const bytes = Buffer.from(example(name))
        .toString('latin1')
        .replace(/demo\.parent@example\.com/g, GUARDIAN);
      await services.ingest({
        authentication: DMARC_PASSED,
        bytes: Buffer.from(bytes, 'latin1'),
        recipients: [child.inboundAddress],
      });
    }
    await sendDigest(services, child.id, { asOf: '2026-11-06' });
    for (let day = 5; day <= 30; day++) {
      await sendReminders(services, child.id, { today: `2026-11-${String(day).padStart(2, '0')}` });
    }

    // Assess
    const sent = sender.sent.slice(start);
    const kinds = sent.map((mail) => mail.subject.split(/[:—-]/)[0]?.trim() ?? '');
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.some((mail) => /digest|week/i.test(mail.subject))).toBe(true);
    expect(sent.some((mail) => mail.html.includes('mailto:'))).toBe(true);
    expect(sent.map((mail) => ({ subject: mail.subject.slice(0, 60), breaches: breaches(mail) }))).toEqual(
      sent.map((mail) => ({ subject: mail.subject.slice(0, 60), breaches: [] })),
    );
    // The words arrive, escaped: the guardian can still read what was sent.
    expect(sent.some((mail) => mail.html.includes('&lt;script&gt;'))).toBe(true);
    expect(kinds.length).toBe(sent.length);
  }, 120_000);
});
