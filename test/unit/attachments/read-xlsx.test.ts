import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from '../../../shared/extract/attachments/types';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { attachment, buildXlsx, XLSX_TYPE } from './build-fixtures';

// 46328 is 2026-11-02 in Excel's 1900 date system; 0.385416... is 9:15 AM.
const NOV_2 = 46328;

describe('readAttachment for XLSX', () => {
  it('gives real date cells as dates, resolves shared strings and finds the header below the titles', async () => {
    // Prepare
    const bytes = buildXlsx([
      {
        name: 'SAI Log',
        rows: [
          ['District Service Log'],
          ['Student: Lee, Sam'],
          [],
          ['Date', 'Start', 'Scheduled (min)', 'Delivered (min)', 'Status', 'Notes'],
          [{ serial: NOV_2, style: 1 }, { serial: 0.3854166667, style: 3 }, 60, 45, 'Delivered', 'Shortened'],
          [{ serial: NOV_2 + 1, style: 2 }, '9:15 AM', 60, 0, 'Not delivered', { inline: 'Provider at training' }],
          ['Totals', null, 120, 45],
        ],
      },
    ]);
    // Act
    const content = await readAttachment(attachment('log.xlsx', XLSX_TYPE, bytes));
    // Assess
    expect(content.problems.map(problemInEnglish)).toEqual([]);
    expect(content.kind).toBe('xlsx');
    const [table] = content.tables;
    expect(table?.label).toBe('SAI Log');
    expect(table?.headers).toEqual(['Date', 'Start', 'Scheduled (min)', 'Delivered (min)', 'Status', 'Notes']);
    expect(table?.rows[0]).toEqual([new Date(Date.UTC(2026, 10, 2)), '9:15', 60, 45, 'Delivered', 'Shortened']);
    expect(table?.rows[1]?.[0]).toEqual(new Date(Date.UTC(2026, 10, 3)));
    expect(table?.rows[1]?.[5]).toBe('Provider at training');
    expect(table?.rowNumbers).toEqual([5, 6, 7]);
    expect(content.text).toContain('Student: Lee, Sam');
    expect(content.text).toContain('2026-11-02\t9:15\t60\t45\tDelivered\tShortened');
  });

  it('reads dates of a workbook in the 1904 date system', async () => {
    const bytes = buildXlsx(
      [
        {
          name: 'Log',
          rows: [
            ['Date', 'Minutes'],
            [{ serial: NOV_2 - 1462, style: 1 }, 30],
          ],
        },
      ],
      { date1904: true },
    );
    const content = await readAttachment(attachment('log.xlsx', XLSX_TYPE, bytes));
    expect(content.tables[0]?.rows[0]?.[0]).toEqual(new Date(Date.UTC(2026, 10, 2)));
  });

  it('keeps a plain number a number when its cell is not formatted as a date', async () => {
    const bytes = buildXlsx([
      {
        name: 'Log',
        rows: [
          ['Student ID', 'Minutes'],
          [46328, 30],
        ],
      },
    ]);
    const content = await readAttachment(attachment('ids.xlsx', XLSX_TYPE, bytes));
    expect(content.tables[0]?.rows[0]).toEqual([46328, 30]);
  });

  it('reads every sheet as its own table', async () => {
    const bytes = buildXlsx([
      {
        name: 'Speech',
        rows: [
          ['Date', 'Minutes'],
          ['9/2', 30],
        ],
      },
      {
        name: 'OT',
        rows: [
          ['Date', 'Minutes'],
          ['9/3', 45],
        ],
      },
    ]);
    const content = await readAttachment(attachment('two.xlsx', XLSX_TYPE, bytes));
    expect(content.tables.map((table) => table.label)).toEqual(['Speech', 'OT']);
  });

  it('is recognised by its bytes even when sent as application/octet-stream without an extension', async () => {
    const bytes = buildXlsx([
      {
        name: 'Log',
        rows: [
          ['Date', 'Minutes'],
          ['9/2', 30],
        ],
      },
    ]);
    const content = await readAttachment(attachment('download', 'application/octet-stream', bytes));
    expect(content.kind).toBe('xlsx');
    expect(content.tables).toHaveLength(1);
  });
});

describe('readAttachment against zip bombs', () => {
  const small: AttachmentLimits = { ...DEFAULT_ATTACHMENT_LIMITS, maxUnzippedBytes: 1024 * 1024 };

  function bombXlsx(): Uint8Array {
    // 8 MB of a repeated row compresses to a few kilobytes.
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const sheet = `<worksheet><sheetData>${row.repeat((8 * 1024 * 1024) / row.length)}</sheetData></worksheet>`;
    return zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
  }

  it('refuses a part whose declared size is over the limit before inflating it', async () => {
    // Prepare
    const bytes = bombXlsx();
    expect(bytes.byteLength).toBeLessThan(200_000);
    // Act
    const content = await readAttachment(attachment('bomb.xlsx', XLSX_TYPE, bytes), small);
    // Assess
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the spreadsheet bomb.xlsx could not be opened: it is too large to open',
    ]);
    expect(content.tables).toEqual([]);
  });

  it('stops inflating when a part grows past the limit though its declared size lies', async () => {
    // Prepare: rewrite every declared uncompressed size (central directory and local headers) to 100 bytes.
    const bytes = bombXlsx();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i + 46 < bytes.byteLength; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 100, true);
      if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 100, true);
    }
    // Act
    const content = await readAttachment(attachment('bomb.xlsx', XLSX_TYPE, bytes), small);
    // Assess
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the spreadsheet bomb.xlsx could not be opened: it is too large to open',
    ]);
  });

  it('says a truncated spreadsheet is damaged', async () => {
    const bytes = buildXlsx([
      {
        name: 'Log',
        rows: [
          ['Date', 'Minutes'],
          ['9/2', 30],
        ],
      },
    ]);
    const content = await readAttachment(attachment('log.xlsx', XLSX_TYPE, bytes.subarray(0, bytes.byteLength - 40)));
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the spreadsheet log.xlsx could not be opened: it is damaged',
    ]);
  });

  it('says a file named .xlsx that is no spreadsheet is not a real one', async () => {
    const content = await readAttachment(attachment('log.xlsx', XLSX_TYPE, 'Date,Minutes\n9/2,30'));
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the attachment log.xlsx is not a real Excel spreadsheet, so it could not be read',
    ]);
  });
});
