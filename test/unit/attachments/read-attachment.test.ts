import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { sniffKind } from '../../../shared/extract/attachments/sniff-kind';
import type { AttachmentContent } from '../../../shared/extract/attachments/types';
import type { Attachment } from '../../../shared/mail/types';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { attachment, buildDocx, buildPdf, buildXlsx, wordParagraph, XLSX_TYPE } from './build-fixtures';

describe('sniffKind', () => {
  it('trusts the bytes of a PDF over a misleading name and type', () => {
    expect(sniffKind(buildPdf([[{ x: 1, y: 1, text: 'x' }]]), 'log.csv', 'text/csv')).toBe('pdf');
  });

  it('tells a spreadsheet from a Word document by the parts inside the zip', () => {
    expect(sniffKind(buildXlsx([{ name: 'S', rows: [['a']] }]), 'file.zip', 'application/zip')).toBe('xlsx');
    expect(sniffKind(buildDocx(wordParagraph('a')), 'file.zip', 'application/zip')).toBe('docx');
  });

  it('a Word document whose compressed bytes happen to hold "xl/" is still a Word document', () => {
    // Prepare: a part stored uncompressed whose content spells a spreadsheet's folder name
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8(`<w:document><w:body>${wordParagraph('a')}</w:body></w:document>`),
      'docProps/custom.xml': [strToU8('<x>see xl/ folder</x>'), { level: 0 }],
    });
    // Act
    const kind = sniffKind(docx, 'notice.docx', 'application/octet-stream');
    // Assess
    expect(kind).toBe('docx');
  });

  it('reads text with a .txt name as text and unnamed binary as binary', () => {
    expect(sniffKind(Buffer.from('Session notes'), 'notes.txt', 'application/octet-stream')).toBe('text');
    expect(sniffKind(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'logo.png', 'image/png')).toBe('binary');
  });
});

describe('readAttachment', () => {
  it('reads a plain text attachment as text, line ends normalised', async () => {
    const content = await readAttachment(
      attachment('notes.txt', 'text/plain', 'Tue 9/22: 30 min\r\nThu 9/24: missed\r\n'),
    );
    expect(content).toEqual({
      filename: 'notes.txt',
      kind: 'text',
      text: 'Tue 9/22: 30 min\nThu 9/24: missed\n',
      tables: [],
      problems: [],
    });
  });

  it('reads a spreadsheet by its bytes even when its name says PDF', async () => {
    const bytes = buildXlsx([
      {
        name: 'Log',
        rows: [
          ['Date', 'Minutes'],
          ['9/2', 30],
        ],
      },
    ]);
    const content = await readAttachment(attachment('log.pdf', 'application/pdf', bytes));
    expect(content.kind).toBe('xlsx');
    expect(content.tables[0]?.rows).toEqual([['9/2', 30]]);
  });

  it('does not complain about a logo picture', async () => {
    const content = await readAttachment(attachment('image001.png', 'image/png', Uint8Array.from([0x89, 0x50, 0, 1])));
    expect(content.kind).toBe('unsupported');
    expect(content.problems.map(problemInEnglish)).toEqual([]);
  });

  it('asks for a newer copy of an old .xls spreadsheet', async () => {
    const content = await readAttachment(
      attachment('log.xls', 'application/vnd.ms-excel', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])),
    );
    expect(content.problems.map(problemInEnglish)[0]).toContain('old Excel format (.xls)');
  });

  it('says a password-protected workbook is protected, not damaged', async () => {
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const content = await readAttachment(attachment('log.xlsx', XLSX_TYPE, ole));
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the spreadsheet log.xlsx could not be opened: it is protected with a password',
    ]);
  });

  it('refuses an attachment over the byte limit without reading it', async () => {
    const content = await readAttachment(attachment('big.csv', 'text/csv', 'a,b\n1,2\n'), {
      maxBytes: 4,
      maxUnzippedBytes: 10,
      maxPdfPages: 1,
      maxRows: 1,
    });
    expect(content.problems.map(problemInEnglish)).toEqual(['the attachment big.csv is too large to read']);
  });

  it('keeps line breaks of a hostile file name out of what it says', async () => {
    const content = await readAttachment(attachment('a\r\nBcc: x@y.z.pdf', 'application/pdf', 'not a pdf'));
    expect(content.filename).toBe('a  Bcc: x@y.z.pdf');
    expect(content.problems.map(problemInEnglish).join('')).not.toMatch(/[\r\n]/);
  });

  it('never throws and always finishes on random bytes, whatever the name and type say', async () => {
    const names = ['log.csv', 'log.xlsx', 'page.pdf', 'note.docx', 'notes.txt', 'body.html', 'x', 'a.xls'];
    const types = ['text/csv', 'application/pdf', 'application/octet-stream', 'text/html', 'application/vnd.ms-excel'];
    const prefixes = [
      new Uint8Array(0),
      Buffer.from('%PDF-1.4\n'),
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04]),
      Uint8Array.from([0xef, 0xbb, 0xbf]),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.constantFrom(...types),
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 2048 }),
        async (filename, contentType, prefix, body) => {
          const att: Attachment = attachment(filename, contentType, Buffer.concat([prefix, body]));
          const content: AttachmentContent = await readAttachment(att);
          expect(typeof content.text).toBe('string');
          expect(Array.isArray(content.tables)).toBe(true);
          for (const problem of content.problems.map(problemInEnglish)) expect(problem).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('never throws on real files with random bytes changed', async () => {
    const originals = [
      attachment(
        'log.xlsx',
        'application/octet-stream',
        buildXlsx([
          {
            name: 'Log',
            rows: [
              ['Date', 'Minutes'],
              ['9/2', 30],
            ],
          },
        ]),
      ),
      attachment('note.docx', 'application/octet-stream', buildDocx(wordParagraph('Speech 30 minutes'))),
      attachment('page.pdf', 'application/pdf', buildPdf([[{ x: 40, y: 700, text: 'Speech 30 minutes' }]])),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (original, flips) => {
          const bytes = Buffer.from(original.content);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          const content = await readAttachment({ ...original, content: bytes });
          expect(typeof content.text).toBe('string');
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('never throws on malformed input objects', async () => {
    const broken = {
      filename: undefined,
      contentType: 42,
      content: 'not bytes',
      disposition: null,
    } as unknown as Attachment;
    const content = await readAttachment(broken);
    expect(content.problems.map(problemInEnglish)).toEqual(['the attachment (no name) was empty']);
  });
});
