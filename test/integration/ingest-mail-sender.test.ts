import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

let servers: LocalServers;

beforeAll(async () => {
  servers = await startLocalServers();
});

afterAll(async () => {
  await servers?.close();
});

describe('SES mail sender', () => {
  it('sends text, HTML, Reply-To, headers and attachments through SES v2', async () => {
    // Act
    const { messageId } = await servers.sender.send({
      from: 'tracker@example.org',
      to: ['parent@example.com'],
      replyTo: ['maya-abcdefghijklmnop+ref@in.example.org'],
      subject: 'Weekly digest',
      text: 'Plain words',
      html: '<p>Plain words</p>',
      attachments: [
        { filename: 'deadlines.ics', contentType: 'text/calendar', content: Buffer.from('BEGIN:VCALENDAR') },
      ],
      headers: { 'Auto-Submitted': 'auto-generated', 'In-Reply-To': '<a@b>' },
      language: 'es',
    });
    // Assess
    expect(messageId).toBeTruthy();
    const [mail] = await servers.outbox();
    expect(mail).toMatchObject({
      from: 'tracker@example.org',
      replyTo: ['maya-abcdefghijklmnop+ref@in.example.org'],
      destination: { to: ['parent@example.com'] },
      subject: 'Weekly digest',
      body: { text: 'Plain words', html: '<p>Plain words</p>' },
    });
    expect(mail?.headers).toEqual(
      expect.arrayContaining([
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'Content-Language', value: 'es' },
        { name: 'In-Reply-To', value: '<a@b>' },
      ]),
    );
    const attachments = (mail as unknown as { attachments: Array<{ filename: string; content: string }> }).attachments;
    expect(attachments).toEqual([expect.objectContaining({ filename: 'deadlines.ics' })]);
    expect(Buffer.from(attachments[0]?.content ?? '', 'base64').toString()).toBe('BEGIN:VCALENDAR');
  });

  it('never lets CR or LF from a subject or header value into the message headers', async () => {
    await servers.clearOutbox();
    await servers.sender.send({
      from: 'tracker@example.org',
      to: ['parent@example.com'],
      subject: 'Hello\r\nBcc: victim@example.com',
      text: 't',
      html: '<p>t</p>',
      headers: { 'X-Note': 'a\r\nBcc: victim@example.com', 'Bad Name:': 'x' },
    });
    const [mail] = await servers.outbox();
    expect(mail?.subject).toBe('Hello Bcc: victim@example.com');
    expect(mail?.headers).toEqual([{ name: 'X-Note', value: 'a Bcc: victim@example.com' }]);
  });
});
