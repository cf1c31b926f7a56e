// Hostile mail from a guardian's own address: every case keeps the raw message, throws nothing,
// tells the guardian in plain words where something could not be read, and the next message is
// read normally.
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import { DMARC_PASSED } from '../../support/authentication';
import { type Attachment, attachmentLines } from '../../support/mail-with-attachments';
import { pdfBomb } from '../../support/pdf-bomb';
import { buildPdf } from '../../unit/attachments/build-fixtures';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import { depsOn, example, FlakySender, GUARDIAN, newChild } from './trust-support';

let servers: LocalServers;
let sender: FlakySender;
let services: UseCases;
let bomb: Buffer;

beforeAll(async () => {
  bomb = await pdfBomb();
  servers = await startLocalServers();
  sender = new FlakySender(servers.sender);
  services = composeUseCases(depsOn(servers, { sender }));
});

afterAll(async () => {
  await servers?.close();
});

const HEAD = [
  `From: Parent <${GUARDIAN}>`,
  'To: inbox@in.example.org',
  'Subject: Fwd: this week',
  'Date: Wed, 04 Nov 2026 08:00:00 -0800',
  'MIME-Version: 1.0',
];

function message(lines: string[], id: string): Uint8Array {
  return Buffer.from([...HEAD, `Message-ID: <${id}@example.com>`, ...lines].join('\r\n'), 'latin1');
}

function withAttachments(files: Attachment[], id: string): Uint8Array {
  return message(attachmentLines(files), id);
}

function zipBomb(): Uint8Array {
  // 60 MB of one repeated row, past the 50 MB decompressed limit, in well under a megabyte.
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const sheet = `<worksheet><sheetData>${row.repeat(Math.ceil((60 * 1024 * 1024) / row.length))}</sheetData></worksheet>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 9 },
  );
}

function nestedMultipart(depth: number, id: string): Uint8Array {
  const lines: string[] = [`Content-Type: multipart/mixed; boundary="n0"`, ''];
  for (let level = 1; level <= depth; level++)
    lines.push(`--n${level - 1}`, `Content-Type: multipart/mixed; boundary="n${level}"`, '');
  lines.push(`--n${depth}`, 'Content-Type: text/plain', '', 'Speech today, 30 minutes.');
  for (let level = depth; level >= 0; level--) lines.push(`--n${level}--`);
  return message(lines, id);
}

interface Case {
  name: string;
  bytes: () => Uint8Array;
  /** Words the guardian's answer must carry, where an explanation is due. */
  told?: RegExp;
  /**
   * Not even the sender can be read (too large, headers too large, nested too deep): nobody can
   * vouch for it, so it is held like a stranger's and the guardians get the notice instead.
   */
  held?: true;
}

const cases: Case[] = [
  {
    name: 'a message over the 40 MB SES limit',
    bytes: () => message(['Content-Type: text/plain', '', ...Array(41 * 1024).fill('x'.repeat(1023))], 'huge'),
    held: true,
  },
  {
    name: 'more than 20 attachments',
    bytes: () =>
      withAttachments(
        Array.from({ length: 25 }, (_, i) => ({
          name: `note-${i}.txt`,
          type: 'text/plain',
          bytes: strToU8(`note ${i}`),
        })),
        'many',
      ),
    told: /more than 20 attachments/i,
  },
  {
    name: 'an XLSX that expands past the decompressed-size limit (zip bomb)',
    bytes: () =>
      withAttachments(
        [
          {
            name: 'log.xlsx',
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: zipBomb(),
          },
        ],
        'bomb',
      ),
    told: /too large/i,
  },
  {
    name: 'a PDF over the page limit',
    bytes: () =>
      withAttachments(
        [
          {
            name: 'log.pdf',
            type: 'application/pdf',
            bytes: buildPdf(Array.from({ length: 55 }, (_, i) => [{ x: 40, y: 700, text: `Page ${i + 1}` }])),
          },
        ],
        'pages',
      ),
    told: /only the first 50 were read/i,
  },
  {
    name: 'a PDF bomb (about 2 KB of nested Flate streams, 50 GB to PDF.js)',
    bytes: () => withAttachments([{ name: 'services.pdf', type: 'application/pdf', bytes: bomb }], 'pdf-bomb'),
    told: /services\.pdf expands to more than \d+ MB/,
  },
  {
    name: 'a "PDF" that is not a PDF',
    bytes: () =>
      withAttachments([{ name: 'log.pdf', type: 'application/pdf', bytes: strToU8('MZ not a pdf at all') }], 'fake'),
    told: /log\.pdf/,
  },
  { name: 'multiparts nested 500 deep', bytes: () => nestedMultipart(500, 'deep'), held: true },
  { name: 'multiparts nested 40 deep', bytes: () => nestedMultipart(40, 'deep-40') },
  {
    name: 'a header block over 10 KB',
    bytes: () =>
      message(
        [
          ...Array.from({ length: 200 }, (_, i) => `X-Junk-${i}: ${'j'.repeat(60)}`),
          'Content-Type: text/plain',
          '',
          'Hello',
        ],
        'headers',
      ),
  },
  {
    name: 'a header block over 256 KB',
    bytes: () =>
      message(
        [
          ...Array.from({ length: 4000 }, (_, i) => `X-Junk-${i}: ${'j'.repeat(70)}`),
          'Content-Type: text/plain',
          '',
          'Hello',
        ],
        'headers-huge',
      ),
    held: true,
  },
  {
    name: 'an unknown charset and bytes invalid in the one declared',
    bytes: () =>
      Buffer.concat([
        message(
          ['Content-Type: text/plain; charset="x-no-such-charset"', 'Subject: =?x-bogus?B?////?=', '', 'Speech '],
          'charset',
        ),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0d, 0x0a]),
      ]),
  },
  {
    name: 'a truncated MIME message',
    bytes: () =>
      message(
        ['Content-Type: multipart/mixed; boundary="cut"', '', '--cut', 'Content-Type: text/plain', '', 'Speech tod'],
        'cut',
      ),
    told: /cut off|incomplete|truncated/i,
  },
];

describe('hostile mail from a guardian', () => {
  it.each(cases)(
    '$name: kept, nothing thrown, the guardian told where due, the next message read',
    async (hostile) => {
      // Prepare
      const child = await newChild(services);
      const bytes = hostile.bytes();
      const before = sender.sent.length;

      // Act
      const started = Date.now();
      const result = await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
      const ms = Date.now() - started;
      const next = await services.ingest({
        authentication: DMARC_PASSED,
        bytes: example('02-ot-missed-therapist-out-sick.eml'),
        recipients: [child.inboundAddress],
      });

      // Assess
      expect(ms).toBeLessThan(30_000);
      expect(Buffer.from(await servers.rawMail.get(result.rawKey)).equals(Buffer.from(bytes))).toBe(true);
      const answers = sender.sent.slice(before).filter((mail) => mail.to.includes(GUARDIAN));
      expect(answers.length).toBe(2);
      if (hostile.held) {
        expect(result.children[0]?.status).toBe('quarantined');
        expect(answers[0]?.text).toMatch(/It is kept, not read/);
      } else {
        expect(['recorded', 'unreadable']).toContain(result.children[0]?.status);
      }
      if (hostile.told) expect(`${answers[0]?.text}`).toMatch(hostile.told);
      expect(next.children[0]).toMatchObject({ status: 'recorded', answered: true });
      expect((await services.records.list(child.id)).some((record) => record.kind === 'session')).toBe(true);
    },
    60_000,
  );
});
