// Finding 4: a hostile attachment costs at most the limits. Each bomb is read in a fresh process
// through the bounded extraction (the worker the ingest uses); the process's peak RSS is read
// from the operating system, and the reading must have stopped, with a plain problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { EXTRACTION_LIMITS } from '../../../shared/limits';
import { pdfBomb } from '../../support/pdf-bomb';

const dir = mkdtempSync(join(tmpdir(), 'iep-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A zip in a zip, 42 layers deep, around 100 MB of zeros. */
async function nestedZip(): Promise<Uint8Array> {
  let inner: Uint8Array = zipSync({ 'zeros.bin': new Uint8Array(100 * 1024 * 1024) }, { level: 9 });
  for (let layer = 1; layer < 42; layer++) inner = zipSync({ [`layer-${layer}.zip`]: inner }, { level: 0 });
  return inner;
}

/** A workbook whose sheet inflates to 400 MB while every declared size says 100 bytes. */
function spreadsheetBomb(): Uint8Array {
  const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
  const sheet = `<worksheet><sheetData>${row.repeat((400 * 1024 * 1024) / row.length / 8)}`;
  const bytes = zipSync({
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet.repeat(8)),
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 46 < bytes.byteLength; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 100, true);
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 100, true);
  }
  return bytes;
}

function mailWith(filename: string, contentType: string, content: Uint8Array): string {
  const path = join(dir, `${filename}.eml`);
  const base64 = Buffer.from(content).toString('base64').replace(/.{76}/g, '$&\r\n');
  writeFileSync(
    path,
    `From: demo.parent@example.com\r\nTo: lena@in.example.org\r\nSubject: Fwd: services\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: ${contentType}; name="${filename}"\r\nContent-Disposition: attachment; filename="${filename}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--b--\r\n`,
  );
  return path;
}

function measure(path: string): { ms: number; peakRssMb: number; problems: string[] } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join('test', 'support', 'extract-peak-rss.mts'), path],
    {
      encoding: 'utf8',
      timeout: EXTRACTION_LIMITS.hardTimeoutMs + 60_000,
    },
  );
  const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
    ms: number;
    peakRssMb: number;
    problems: string[];
  };
  process.stdout.write(`bomb ${path.slice(dir.length + 1)}: ${result.peakRssMb} MB peak RSS, ${result.ms} ms\n`);
  return result;
}

describe('finding 4: bombs cost at most the limits', () => {
  it('a PDF of nested Flate streams (about 2 KB, 50 GB to PDF.js) is refused under 512 MB', async () => {
    // Prepare
    const pdf = await pdfBomb();
    expect(pdf.byteLength).toBeGreaterThan(1536);
    expect(pdf.byteLength).toBeLessThan(2560);

    // Act
    const result = measure(mailWith('services.pdf', 'application/pdf', pdf));

    // Assess
    expect(result.peakRssMb).toBeLessThan(512);
    expect(result.problems.join(' ')).toMatch(/expands to more than \d+ MB/);
  });

  it('a zip nested 42 layers deep stays under 512 MB and stops', async () => {
    // Act
    const result = measure(mailWith('records.zip', 'application/zip', await nestedZip()));

    // Assess
    expect(result.peakRssMb).toBeLessThan(512);
    expect(result.ms).toBeLessThan(EXTRACTION_LIMITS.hardTimeoutMs + 5_000);
  });

  it('a spreadsheet whose sheet inflates to 400 MB stays under 512 MB and is refused or stopped', () => {
    // Act
    const result = measure(
      mailWith('log.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', spreadsheetBomb()),
    );

    // Assess
    expect(result.peakRssMb).toBeLessThan(512);
    expect(result.ms).toBeLessThan(EXTRACTION_LIMITS.hardTimeoutMs + 5_000);
    expect(result.problems.join(' ')).toMatch(/too large to open|took too long/);
  });
});
