// Mail the benchmark makes itself: a forwarded message with a PDF services page, as a guardian
// would send it, and PDFs of any size. Deterministic (seeded), no files needed.
import { randomBytes } from 'node:crypto';

/** A one-page PDF whose text is `lines` (Helvetica), plus `padBytes` of incompressible bytes in an unused stream. */
export function textPdf(lines: string[], padBytes = 0): Uint8Array {
  const pdfString = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    'BT /F1 11 Tf 14 TL 50 760 Td',
    ...lines.map((line, i) => `${i === 0 ? '' : 'T* '}(${pdfString(line)}) Tj`),
    'ET',
  ].join('\n');
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: Buffer | string) => {
    const buffer = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(buffer);
    length += buffer.length;
  };
  const object = (id: number, body: string | Buffer[]) => {
    offsets[id] = length;
    push(`${id} 0 obj\n`);
    if (typeof body === 'string') push(body);
    else for (const part of body) push(part);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  const xobject = padBytes > 0 ? ' /XObject << /Pad 6 0 R >>' : '';
  object(
    3,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>${xobject} >> >>`,
  );
  object(4, `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  object(5, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  let count = 6;
  if (padBytes > 0) {
    const pad = randomBytes(padBytes);
    object(6, [
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pad.length} >>\nstream\n`,
        'latin1',
      ),
      pad,
      Buffer.from('\nendstream', 'latin1'),
    ]);
    count = 7;
  }
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let id = 1; id < count; id++) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The services page of an IEP as a district's PDF prints it (the text the extractor reads). */
export const SERVICES_PAGE_LINES = [
  'Individualized Education Program - Special Education and Related Services',
  'Student: Sam Example      Meeting date: 09/15/2026',
  'Service: Speech-Language Therapy, Individual, 30 minutes, 1 time per week, Separate setting',
  'Service: Occupational Therapy, Individual, 30 minutes, 2 times per month, Separate setting',
  'Start date: 09/16/2026    End date: 03/12/2027',
  'Annual review: 03/12/2027',
];

export interface MailPart {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

function base64Lines(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines.join('\r\n');
}

/** A guardian's forward of a school message, with attachments, as raw MIME (CRLF line ends). */
export function forwardedMessage(options: {
  from: string;
  to: string;
  subject: string;
  date: Date;
  messageId: string;
  text: string;
  attachments?: MailPart[];
}): Uint8Array {
  const boundary = `=_bench_${options.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const head = [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: ${options.subject}`,
    `Date: ${options.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${options.messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.text.replace(/\r?\n/g, '\r\n'),
  ];
  const parts: string[] = [head.join('\r\n')];
  for (const attachment of options.attachments ?? []) {
    parts.push(
      [
        `--${boundary}`,
        `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
        `Content-Disposition: attachment; filename="${attachment.filename}"`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(attachment.bytes),
      ].join('\r\n'),
    );
  }
  parts.push(`--${boundary}--\r\n`);
  return new Uint8Array(Buffer.from(parts.join('\r\n'), 'utf8'));
}

/** A guardian forwarding the services page PDF (`padBytes` makes the PDF as large as wanted). */
export function servicesPageMessage(options: {
  guardian: string;
  to: string;
  messageId: string;
  padBytes?: number;
}): Uint8Array {
  return forwardedMessage({
    from: `Sam's parent <${options.guardian}>`,
    to: options.to,
    subject: 'FW: IEP amendment services page',
    date: new Date('2026-09-17T19:41:09Z'),
    messageId: options.messageId,
    text: [
      'FYI, the new services page is attached.',
      '',
      '---------- Forwarded message ---------',
      'From: Theresa Kowalski <tkowalski@district.example.org>',
      'Date: Thu, Sep 17, 2026 at 10:22 AM',
      'Subject: IEP amendment services page',
      `To: <${options.guardian}>`,
      '',
      'Good morning, the amended services page from Tuesday is attached.',
      '',
      'Theresa Kowalski, Case Manager',
    ].join('\n'),
    attachments: [
      {
        filename: 'IEP services page.pdf',
        contentType: 'application/pdf',
        bytes: textPdf(SERVICES_PAGE_LINES, options.padBytes ?? 0),
      },
    ],
  });
}
