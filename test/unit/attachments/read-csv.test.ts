import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/extract/attachments/decode-text';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { detectDelimiter } from '../../../shared/extract/attachments/read-csv';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { attachment, windows1252 } from './build-fixtures';

const LOG = [
  'Student,Service,Provider,Date,Min Scheduled,Min Delivered,Status,Comments',
  '"Lee, Sam",Speech Therapy,"Núñez, Ana",11/02/2026,30,30,Delivered,“Used picture cards”',
  '"Lee, Sam",Speech Therapy,"Núñez, Ana",11/04/2026,30,0,Not Delivered,Provider out – no sub',
].join('\r\n');

describe('decodeText', () => {
  it('removes a UTF-8 byte-order mark and reads the rest as UTF-8', () => {
    // Prepare
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Señor', 'utf8')]);
    // Act
    const decoded = decodeText(bytes);
    // Assess
    expect(decoded).toEqual({ text: 'Señor', encoding: 'utf-8', hadBom: true });
  });

  it('falls back to windows-1252 when the bytes are not valid UTF-8, curly quotes and dashes included', () => {
    const decoded = decodeText(windows1252('“Núñez” – 5€'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('“Núñez” – 5€');
  });

  it('reads UTF-16 with a byte-order mark, as spreadsheet "Unicode text" exports write it', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Date\tMinutes', 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ text: 'Date\tMinutes', encoding: 'utf-16le', hadBom: true });
  });
});

describe('decodeText without a byte-order mark', () => {
  it('recognises UTF-16 little-endian by its zero bytes', () => {
    expect(decodeText(Buffer.from('Date,Minutes\n9/2,30', 'utf16le'))).toEqual({
      text: 'Date,Minutes\n9/2,30',
      encoding: 'utf-16le',
      hadBom: false,
    });
  });
});

describe('detectDelimiter', () => {
  it('picks the semicolon of a European-style export even when fields hold commas', () => {
    expect(detectDelimiter('Date;Minutes;Note\n09/02/2026;30;"Good, focused"\n09/03/2026;0;Absent')).toBe(';');
  });

  it('picks the tab of a tab-separated export', () => {
    expect(detectDelimiter('Date\tMinutes\tNote\n09/02/2026\t30\tok, fine')).toBe('\t');
  });

  it('keeps the comma when commas sit only inside quotes on some lines', () => {
    expect(detectDelimiter('Student,Minutes\n"Lee, Sam",30\n"Lee, Sam",0')).toBe(',');
  });
});

describe('readAttachment for CSV', () => {
  it('reads a UTF-8 export with a byte-order mark into a table with row numbers', async () => {
    // Prepare
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG, 'utf8')]);
    // Act
    const content = await readAttachment(attachment('log.csv', 'text/csv', bytes));
    // Assess
    expect(content.kind).toBe('csv');
    expect(content.problems.map(problemInEnglish)).toEqual([]);
    const [table] = content.tables;
    expect(table?.headers[0]).toBe('Student');
    expect(table?.rows[0]).toEqual([
      'Lee, Sam',
      'Speech Therapy',
      'Núñez, Ana',
      '11/02/2026',
      '30',
      '30',
      'Delivered',
      '“Used picture cards”',
    ]);
    expect(table?.rowNumbers).toEqual([2, 3]);
  });

  it('reads the same export in windows-1252 sent as application/vnd.ms-excel to the same cells', async () => {
    const utf8 = await readAttachment(attachment('log.csv', 'text/csv', LOG));
    const legacy = await readAttachment(attachment('log.csv', 'application/vnd.ms-excel', windows1252(LOG)));
    expect(legacy.kind).toBe('csv');
    expect(legacy.tables).toEqual(utf8.tables);
    expect(legacy.tables[0]?.rows[1]?.[7]).toBe('Provider out – no sub');
  });

  it('finds the header below title lines and skips blank lines, keeping source row numbers', async () => {
    // Prepare
    const csv =
      'Service Log\nStudent: Lee, Sam\n\nDate;Minutes;Status\n09/02/2026;30;Delivered\n\n09/09/2026;0;Missed\n';
    // Act
    const content = await readAttachment(attachment('export.csv', 'text/csv', csv));
    // Assess
    const [table] = content.tables;
    expect(table?.headers).toEqual(['Date', 'Minutes', 'Status']);
    expect(table?.rows).toEqual([
      ['09/02/2026', '30', 'Delivered'],
      ['09/09/2026', '0', 'Missed'],
    ]);
    expect(table?.rowNumbers).toEqual([5, 7]);
    expect(content.text).toContain('Student: Lee, Sam');
  });

  it('follows an Excel "sep=" line and keeps row numbers matching the file', async () => {
    const content = await readAttachment(
      attachment('log.csv', 'text/csv', 'sep=;\nDate;Minutes,Note\n09/02/2026;30,ok'),
    );
    expect(content.tables[0]?.headers).toEqual(['Date', 'Minutes,Note']);
    expect(content.tables[0]?.rowNumbers).toEqual([3]);
  });

  it('reads a UTF-16 export without a byte-order mark into a table', async () => {
    const content = await readAttachment(
      attachment('log.csv', 'text/csv', Buffer.from('Date\tMinutes\n9/2\t30', 'utf16le')),
    );
    expect(content.kind).toBe('csv');
    expect(content.tables[0]?.rows).toEqual([['9/2', '30']]);
  });

  it('says plainly when the quoting is broken but still gives the text', async () => {
    const content = await readAttachment(attachment('bad.csv', 'text/csv', 'Date,Note\n09/02/2026,"never closed\n'));
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the CSV file bad.csv could not be read as a table: its quoting is broken',
    ]);
    expect(content.text).toContain('never closed');
  });

  it('stops at the row limit and says so', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `09/${(i % 28) + 1}/2026,30`);
    const content = await readAttachment(attachment('big.csv', 'text/csv', ['Date,Minutes', ...rows].join('\n')), {
      maxBytes: 1_000_000,
      maxUnzippedBytes: 1_000_000,
      maxPdfPages: 5,
      maxRows: 10,
    });
    expect(content.tables[0]?.rows).toHaveLength(10);
    expect(content.problems.map(problemInEnglish)[0]).toContain('more than 10 rows');
  });
});
