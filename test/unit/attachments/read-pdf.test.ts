import { describe, expect, it } from 'vitest';
import { readAttachment } from '../../../shared/extract/attachments/read-attachment';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../../shared/extract/attachments/types';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { attachment, buildPdf, type PdfText } from './build-fixtures';

/** A services grid as IEP systems print it: a header, rows, one cell wrapping onto a second line. */
function servicesPage(): PdfText[] {
  const columns = [40, 200, 300, 400];
  const line = (y: number, cells: Array<string | null>): PdfText[] =>
    cells.flatMap((text, i) => (text === null ? [] : [{ x: columns[i]!, y, text, size: 8 }]));
  return [
    { x: 40, y: 740, text: 'INDIVIDUALIZED EDUCATION PROGRAM - SERVICES', size: 12 },
    { x: 40, y: 720, text: 'Student:', size: 9 },
    { x: 120, y: 720, text: 'Sam Lee', size: 9 },
    ...line(690, ['Service', 'Frequency', 'Minutes', 'Start Date']),
    ...line(670, ['Speech and Language', '2x Weekly', '30', '09/16/2026']),
    ...line(660, ['Therapy (415)', null, null, null]),
    ...line(640, ['Occupational Therapy', 'Monthly', '120', '09/16/2026']),
    { x: 40, y: 600, text: 'Notes: all other services continue unchanged.', size: 9 },
  ];
}

// Taken before this file reads its first PDF (each test file runs in a fresh module graph).
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;
const nativeToString = Function.prototype.toString;

describe('readAttachment for PDF', () => {
  it('gives the text layer in reading order and rebuilds the services grid as a table', async () => {
    // Act
    const content = await readAttachment(attachment('services.pdf', 'application/pdf', buildPdf([servicesPage()])));
    // Assess
    expect(content.kind).toBe('pdf');
    expect(content.problems.map(problemInEnglish)).toEqual([]);
    const lines = content.text.split('\n');
    expect(lines[0]).toBe('INDIVIDUALIZED EDUCATION PROGRAM - SERVICES');
    expect(lines[1]).toBe('Student:\tSam Lee');
    expect(lines).toContain('Notes: all other services continue unchanged.');
    expect(content.tables).toEqual([
      {
        label: 'table 1',
        headers: ['Service', 'Frequency', 'Minutes', 'Start Date'],
        rows: [
          ['Speech and Language Therapy (415)', '2x Weekly', '30', '09/16/2026'],
          ['Occupational Therapy', 'Monthly', '120', '09/16/2026'],
        ],
        rowNumbers: [4, 6],
      },
    ]);
    // Row numbers point at the row's line in the text.
    expect(lines[3]).toBe('Speech and Language\t2x Weekly\t30\t09/16/2026');
  });

  it('cuts cells set too close to read apart at the columns, and joins wrapped lines set closer than the rows', async () => {
    // Prepare: "Frequency" ends a few points before "Minutes each" starts; rows 18 points apart,
    // the lines of one cell 10 apart, and the first row wrapping in most of its cells.
    const columns = [40, 180, 300, 344, 420];
    const line = (y: number, cells: Array<string | null>): PdfText[] =>
      cells.flatMap((text, i) => (text === null ? [] : [{ x: columns[i]!, y, text, size: 8 }]));
    const page = [
      ...line(700, ['Service', 'Provider', 'Frequency', 'Minutes each', 'Place']),
      ...line(682, ['Reading instruction', 'Learning', 'Daily', '50', 'Resource']),
      ...line(672, ['(small group)', 'specialist', null, null, 'room']),
      ...line(654, ['Physical therapy', 'Therapist', '2 per', '25', 'Gym']),
      ...line(644, ['(individual)', null, 'month', null, '(adapted)']),
      ...line(626, ['Math support', 'Aide', 'Daily', '40', 'Class']),
    ];
    // Act
    const content = await readAttachment(attachment('services.pdf', 'application/pdf', buildPdf([page])));
    // Assess
    expect(content.tables).toHaveLength(1);
    expect(content.tables[0]?.headers).toEqual(['Service', 'Provider', 'Frequency', 'Minutes each', 'Place']);
    expect(content.tables[0]?.rows).toEqual([
      ['Reading instruction (small group)', 'Learning specialist', 'Daily', '50', 'Resource room'],
      ['Physical therapy (individual)', 'Therapist', '2 per month', '25', 'Gym (adapted)'],
      ['Math support', 'Aide', 'Daily', '40', 'Class'],
    ]);
  });

  it('keeps rows apart where they are set as close as the header allows, however full', async () => {
    const columns = [40, 140, 220];
    const line = (y: number, cells: string[]): PdfText[] =>
      cells.map((text, i) => ({ x: columns[i]!, y, text, size: 8 }));
    const page = [
      ...line(700, ['Date', 'Minutes', 'Status']),
      ...line(682, ['09/02/2026', '30', 'Delivered']),
      ...line(672, ['09/09/2026', '30', 'Delivered']),
      ...line(662, ['09/16/2026', '0', 'Missed']),
    ];
    const content = await readAttachment(attachment('log.pdf', 'application/pdf', buildPdf([page])));
    expect(content.tables[0]?.rows).toHaveLength(3);
  });

  it('reads a page of service cards set in two columns one column after the other', async () => {
    const card = (x: number, y: number, lines: string[]): PdfText[] =>
      lines.map((text, k) => ({ x, y: y - k * 12, text, size: 8 }));
    const page = [
      { x: 40, y: 740, text: 'Related services', size: 10 },
      ...card(40, 700, ['A. Counseling', 'Staff: school psychologist', 'Freq: 2x/mo 30', 'Setting: office']),
      ...card(320, 700, ['B. Occupational Therapy', 'Staff: OTR', 'Freq: 1x/wk 25', 'Setting: class']),
      {
        x: 40,
        y: 600,
        text: 'Placement: the student spends most of the day in the general education classroom.',
        size: 8,
      },
    ];
    const content = await readAttachment(attachment('cards.pdf', 'application/pdf', buildPdf([page])));
    expect(content.text.split('\n')).toEqual([
      'Related services',
      'A. Counseling',
      'Staff: school psychologist',
      'Freq: 2x/mo 30',
      'Setting: office',
      'B. Occupational Therapy',
      'Staff: OTR',
      'Freq: 1x/wk 25',
      'Setting: class',
      'Placement: the student spends most of the day in the general education classroom.',
    ]);
  });

  it('keeps a table whose cells merely open with the same words in rows', async () => {
    const columns = [40, 300];
    const line = (y: number, cells: string[]): PdfText[] =>
      cells.map((text, i) => ({ x: columns[i]!, y, text, size: 8 }));
    const page = [
      ...line(700, ['Speech therapy group', 'Speech pathologist']),
      ...line(688, ['Occupational therapy', 'Occupational therapist']),
      ...line(676, ['Physical therapy', 'Physical therapist']),
    ];
    const content = await readAttachment(attachment('t.pdf', 'application/pdf', buildPdf([page])));
    expect(content.text.split('\n')[0]).toBe('Speech therapy group\tSpeech pathologist');
  });

  it('continues a log table onto the next page, with or without the header repeated', async () => {
    // Prepare
    const columns = [40, 140, 220];
    const row = (y: number, cells: string[]): PdfText[] =>
      cells.map((text, i) => ({ x: columns[i]!, y, text, size: 8 }));
    const header = (y: number) => row(y, ['Date', 'Minutes', 'Status']);
    const footer = (page: number): PdfText => ({ x: 40, y: 30, text: `Page ${page} of 2`, size: 7 });
    const first = [
      ...header(700),
      ...row(685, ['09/02/2026', '30', 'Delivered']),
      ...row(670, ['09/09/2026', '0', 'Missed']),
      footer(1),
    ];
    const running: PdfText = { x: 40, y: 760, text: 'Service log (continued)', size: 10 };
    const bare = [
      running,
      ...row(740, ['09/16/2026', '30', 'Delivered']),
      ...row(725, ['09/23/2026', '30', 'Delivered']),
      footer(2),
    ];
    const repeated = [running, ...header(740), ...row(725, ['09/16/2026', '30', 'Delivered']), footer(2)];
    // Act
    const withoutHeader = await readAttachment(attachment('log.pdf', 'application/pdf', buildPdf([first, bare])));
    const withHeader = await readAttachment(attachment('log.pdf', 'application/pdf', buildPdf([first, repeated])));
    // Assess
    expect(withoutHeader.tables).toHaveLength(1);
    expect(withoutHeader.tables[0]?.rows.map((cells) => cells[0])).toEqual([
      '09/02/2026',
      '09/09/2026',
      '09/16/2026',
      '09/23/2026',
    ]);
    expect(withoutHeader.text.split('\n')[(withoutHeader.tables[0]?.rowNumbers[2] ?? 0) - 1]).toBe(
      '09/16/2026\t30\tDelivered',
    );
    expect(withHeader.tables).toHaveLength(1);
    expect(withHeader.tables[0]?.rows).toHaveLength(3);
  });

  it('does not continue a table into unrelated text on the next page', async () => {
    const first: PdfText[] = [
      { x: 40, y: 700, text: 'Date', size: 8 },
      { x: 140, y: 700, text: 'Minutes', size: 8 },
      { x: 220, y: 700, text: 'Status', size: 8 },
      { x: 40, y: 685, text: '09/02/2026', size: 8 },
      { x: 140, y: 685, text: '30', size: 8 },
      { x: 220, y: 685, text: 'Delivered', size: 8 },
    ];
    const second: PdfText[] = [{ x: 40, y: 740, text: 'Parent signature: ______ Date: ______', size: 8 }];
    const content = await readAttachment(attachment('log.pdf', 'application/pdf', buildPdf([first, second])));
    expect(content.tables[0]?.rows).toEqual([['09/02/2026', '30', 'Delivered']]);
  });

  it('reads only up to the page limit and says so', async () => {
    const pages = Array.from({ length: 3 }, (_, i) => [{ x: 40, y: 700, text: `Page ${i + 1} text` }]);
    const content = await readAttachment(attachment('long.pdf', 'application/pdf', buildPdf(pages)), {
      ...DEFAULT_ATTACHMENT_LIMITS,
      maxPdfPages: 2,
    });
    expect(content.text).toBe('Page 1 text\nPage 2 text');
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the PDF long.pdf has 3 pages; only the first 2 were read',
    ]);
  });

  it('says a PDF with no text on it has no text layer', async () => {
    const content = await readAttachment(attachment('scan.pdf', 'application/pdf', buildPdf([[]])));
    expect(content.text).toBe('');
    expect(content.problems.map(problemInEnglish)).toEqual([
      'the PDF scan.pdf has no text layer (it may be a scan), so it could not be read',
    ]);
  });

  it('says a truncated PDF is damaged instead of throwing', async () => {
    const bytes = buildPdf([servicesPage()]);
    const content = await readAttachment(attachment('cut.pdf', 'application/pdf', bytes.subarray(0, 60)));
    expect(content.kind).toBe('pdf');
    expect(content.tables).toEqual([]);
    expect(content.problems.map(problemInEnglish)).toHaveLength(1);
    expect(content.problems.map(problemInEnglish)[0]).toMatch(
      /^the PDF cut\.pdf (could not be opened: it is damaged|has no text layer)/,
    );
  });

  it('says a "PDF" that is not a PDF is not a real one', async () => {
    const content = await readAttachment(attachment('services.pdf', 'application/pdf', '<html>Session log</html>'));
    expect({ ...content, problems: content.problems.map(problemInEnglish) }).toEqual({
      filename: 'services.pdf',
      kind: 'unsupported',
      text: '',
      tables: [],
      problems: ['the attachment services.pdf is not a real PDF, so it could not be read'],
    });
  });

  it('reads a PDF sent as application/octet-stream with no extension by its bytes', async () => {
    const content = await readAttachment(
      attachment('statement', 'application/octet-stream', buildPdf([servicesPage()])),
    );
    expect(content.kind).toBe('pdf');
    expect(content.tables).toHaveLength(1);
  });

  it("leaves Node's own built-ins in place once PDF.js has loaded (its polyfills would slow the whole process)", async () => {
    // Act
    const content = await readAttachment(attachment('services.pdf', 'application/pdf', buildPdf([servicesPage()])));
    // Assess
    expect(content.kind).toBe('pdf');
    expect(Array.prototype.push).toBe(nativePush);
    expect(JSON.parse).toBe(nativeJsonParse);
    expect(Function.prototype.toString).toBe(nativeToString);
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
  });
});
