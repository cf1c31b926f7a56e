// Reads the attachments and HTML tables of real-looking school messages from the shared corpus.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { tablesFromHtml } from '../../../shared/extract/attachments/tables-from-html';
import type { AttachmentContent, Table } from '../../../shared/extract/attachments/types';

const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const present = existsSync(corpus);
if (!present) console.warn(`skipped: the shared corpus is not at ${corpus}`);

async function message(path: string) {
  return simpleParser(readFileSync(`${corpus}${path}`));
}

async function readOnly(path: string, extension: string): Promise<AttachmentContent> {
  const mail = await message(path);
  const found = mail.attachments.find((att) => (att.filename ?? '').toLowerCase().endsWith(extension));
  if (!found) throw new Error(`no ${extension} attachment in ${path}`);
  return readAttachment({
    filename: found.filename ?? '',
    contentType: found.contentType,
    content: found.content,
    disposition: found.contentDisposition ?? null,
  });
}

/** The row whose cells include every given value, as a header-to-cell record. */
function rowWith(table: Table | undefined, ...values: Array<string | number>): Record<string, unknown> {
  const row = table?.rows.find((cells) => values.every((value) => cells.includes(value)));
  if (!table || !row) throw new Error(`no row with ${values.join(', ')}`);
  return Object.fromEntries(table.headers.map((header, i) => [header, row[i]]));
}

describe.skipIf(!present)('attachments of the corpus messages', () => {
  it('reads the UTF-8 service-log CSV with its byte-order mark', async () => {
    const content = await readOnly('dev/19-service-log-csv.eml', '.csv');
    expect(content.problems).toEqual([]);
    const [table] = content.tables;
    expect(table?.headers[0]).toBe('Student Name');
    expect(table?.rows).toHaveLength(18);
    expect(rowWith(table, '10/06/2026')).toMatchObject({
      Status: 'Not Delivered',
      'Reason Not Delivered': 'Provider Absent',
      'Delivered Min': '0',
    });
    expect(rowWith(table, '09/21/2026').Provider).toBe('Martínez-Ortega, Sofía');
  });

  it('reads the windows-1252 CSV with its accents, curly quotes and dashes', async () => {
    const content = await readOnly('dev-tx/t07-sdi-minutes-csv-1252.eml', '.csv');
    const [table] = content.tables;
    expect(table?.rows).toHaveLength(10);
    expect(rowWith(table, '11/02/2026', 'ELAR Inclusion Support (in-class)')).toMatchObject({
      Provider: 'Núñez, Araceli',
      Comments: '“Used graphic organizer for main idea”',
    });
    expect(rowWith(table, '11/05/2026', 'Math Resource').Comments).toBe('Shortened – fire drill');
  });

  it('reads the SAI log workbook with real dates under its title lines', async () => {
    const content = await readOnly('dev/29-sai-service-log-xlsx.eml', '.xlsx');
    const [table] = content.tables;
    expect(table?.label).toBe('SAI Log');
    expect(table?.headers).toContain('Delivered (min)');
    expect(table?.rows[0]?.[0]).toEqual(new Date(Date.UTC(2026, 10, 2)));
    expect(table?.rowNumbers[0]).toBe(7);
    const thursday = table?.rows.find((row) => (row[0] as Date).getTime?.() === Date.UTC(2026, 10, 5));
    expect(thursday).toContain('Not delivered');
    expect(content.text).toContain('Report period: 11/02/2026 - 11/13/2026');
  });

  it('reads the minutes-report workbook with its attendance codes', async () => {
    const content = await readOnly('dev-tx/t06-pvconnect-minutes-xlsx.eml', '.xlsx');
    const [table] = content.tables;
    expect(table?.headers).toEqual([
      'Service',
      'Provider',
      'Session Date',
      'Start Time',
      'Sched Min',
      'Actual Min',
      'Group Size',
      'Location',
      'Attendance',
      'Comment',
    ]);
    expect(rowWith(table, 'Provider Absent')).toMatchObject({
      Service: 'Speech Therapy',
      'Session Date': new Date(Date.UTC(2026, 9, 1)),
      'Actual Min': 0,
      Comment: 'SLP out ill',
    });
  });

  it('rebuilds the IEP services grid from the PDF, wrapped cells joined', async () => {
    const content = await readOnly('dev/08-iep-services-page-pdf.eml', '.pdf');
    expect(content.problems).toEqual([]);
    const [table] = content.tables;
    expect(table?.headers).toContain('Minutes per Session');
    expect(rowWith(table, 'Individual Counseling (510)')).toMatchObject({
      Frequency: '2x Monthly',
      'Total Minutes': '60 min monthly',
      Location: 'Separate Classroom - Counseling Office',
    });
    expect(rowWith(table, 'Intensive Individual Services - 1:1 Paraprofessional (340)')['Total Minutes']).toBe(
      '300 min daily',
    );
    expect(content.text).toContain('Percentage of time in the general education environment');
  });

  it('reads both service grids of the ARD schedule of services', async () => {
    const content = await readOnly('dev-tx/t01-ard-schedule-of-services.eml', '.pdf');
    expect(content.tables).toHaveLength(2);
    expect(rowWith(content.tables[0], 'Reading - Dyslexia instruction (SDI)')).toMatchObject({
      Frequency: '4 times per week',
      Provider: 'Dyslexia interventionist (SPED)',
    });
    expect(rowWith(content.tables[1], 'Health aide (1:1)').Provider).toBe('Health aide, supervised by campus nurse');
  });

  it('reads the agency statement table with its status codes, and the code legend as text', async () => {
    const content = await readOnly('dev-tx/t05-agency-october-statement-pdf.eml', '.pdf');
    const [table] = content.tables;
    expect(table?.rows.map((row) => row[table.headers.indexOf('Code')])).toEqual(['D', 'HOL', 'MU', 'D', 'SA', null]);
    expect(rowWith(table, '10/14/2026')['Therapist / Note']).toBe(
      'G. Holloway, PT - make-up for 10/12; stairs, balance',
    );
    expect(content.text).toContain('SA = student absent');
  });

  it('finds the OT log table in the message body', async () => {
    const mail = await message('dev/10-ot-september-log-table.eml');
    const tables = tablesFromHtml(typeof mail.html === 'string' ? mail.html : '');
    expect(tables).toHaveLength(1);
    expect(tables[0]?.headers).toEqual(['Date', 'Minutes', 'Individual / Group', 'Location', 'Status', 'Notes']);
    expect(rowWith(tables[0], '9/9/2026')).toMatchObject({ Minutes: '0 (30 scheduled)', Status: 'Missed' });
  });
});
