// Small builders for raw messages written inline in the mail tests (CRLF line ends, as on the wire).

export function crlf(lines: string[]): string {
  return lines.join('\r\n');
}

export interface Headers {
  from: string;
  to?: string;
  subject: string;
  date: string;
}

function headerLines(h: Headers): string[] {
  return [
    `From: ${h.from}`,
    `To: ${h.to ?? 'maya-7f3kq2@inbound.example.org'}`,
    `Subject: ${h.subject}`,
    `Date: ${h.date}`,
    `Message-ID: <${h.subject.length}.${h.date.length}@mail.example.org>`,
    'MIME-Version: 1.0',
  ];
}

/** A text/plain message, UTF-8, 8bit. */
export function plainMessage(h: Headers, body: string): Buffer {
  return Buffer.from(
    crlf([...headerLines(h), 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: 8bit', '', body]),
    'utf8',
  );
}

/** A multipart/alternative message with a plain and an HTML part, both UTF-8. */
export function alternativeMessage(h: Headers, plain: string, html: string): Buffer {
  return Buffer.from(
    crlf([
      ...headerLines(h),
      'Content-Type: multipart/alternative; boundary="alt-1"',
      '',
      '--alt-1',
      'Content-Type: text/plain; charset="UTF-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      plain,
      '--alt-1',
      'Content-Type: text/html; charset="UTF-8"',
      'Content-Transfer-Encoding: 8bit',
      '',
      html,
      '--alt-1--',
      '',
    ]),
    'utf8',
  );
}

/** A multipart/mixed message: a plain body and attachments given as raw MIME part lines. */
export function mixedMessage(h: Headers, plain: string, parts: string[][]): Buffer {
  const lines = [
    ...headerLines(h),
    'Content-Type: multipart/mixed; boundary="mix-1"',
    '',
    '--mix-1',
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    plain,
  ];
  for (const part of parts) lines.push('--mix-1', ...part);
  lines.push('--mix-1--', '');
  return Buffer.from(crlf(lines), 'utf8');
}
