// The outbox folder: what was sent, kept across restarts, in send order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outboxFolder, recordingMailSender } from '../../local/outbox';
import type { OutgoingMail } from '../../shared/ports/mail-sender';

const dir = mkdtempSync(join(tmpdir(), 'iep-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mail = (subject: string): OutgoingMail => ({
  from: 'iep@inbound.localhost',
  to: ['demo.parent@example.com'],
  replyTo: ['lena-aaaaaaaaaaaaaaaa+ref@inbound.localhost'],
  subject,
  text: `text of ${subject}`,
  html: `<p>${subject}</p>`,
  attachments: [{ filename: 'deadlines.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR') }],
});

describe('the outbox folder', () => {
  it('lists what was sent in send order, even within one millisecond', async () => {
    // Prepare
    const folder = outboxFolder(join(dir, 'order'));
    const at = new Date('2026-11-23T15:00:00Z');
    const sender = recordingMailSender(folder, null, () => at);

    // Act
    for (const subject of ['one', 'two', 'three', 'four']) await sender.send(mail(subject));

    // Assess
    const { mails, unreadable } = folder.list();
    expect(unreadable).toBe(0);
    expect(mails.map((m) => m.subject)).toEqual(['one', 'two', 'three', 'four']);
    expect(mails[0]).toMatchObject({
      to: ['demo.parent@example.com'],
      replyTo: ['lena-aaaaaaaaaaaaaaaa+ref@inbound.localhost'],
      sentAt: '2026-11-23T15:00:00.000Z',
      attachments: [{ filename: 'deadlines.ics', base64: Buffer.from('BEGIN:VCALENDAR').toString('base64') }],
    });
  });

  it('records a message only after the sender it wraps accepted it', async () => {
    // Prepare
    const folder = outboxFolder(join(dir, 'failing'));
    const sender = recordingMailSender(folder, { send: () => Promise.reject(new Error('throttled')) });

    // Act
    const sending = sender.send(mail('never'));

    // Assess
    await expect(sending).rejects.toThrow('throttled');
    expect(folder.list().mails).toEqual([]);
  });

  it('skips and counts a damaged file instead of failing the whole list', async () => {
    // Prepare
    const path = join(dir, 'damaged');
    const folder = outboxFolder(path);
    await recordingMailSender(folder, null).send(mail('fine'));
    writeFileSync(join(path, '0000-damaged.json'), '{"subject": ');

    // Act
    const { mails, unreadable } = folder.list();

    // Assess
    expect(mails.map((m) => m.subject)).toEqual(['fine']);
    expect(unreadable).toBe(1);
  });
});
