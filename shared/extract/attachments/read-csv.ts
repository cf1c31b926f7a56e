// Reads a CSV export (service logs from district systems): any of the usual encodings, comma,
// semicolon or tab separated, with title lines above the header allowed.
import { parse } from 'csv-parse/sync';
import type { ReadingProblem } from '../reading-problem';
import { cleanText, decodeText } from './decode-text';
import { type GridRow, tableFromGrid } from './table-from-grid';
import type { AttachmentContent, AttachmentLimits } from './types';

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** How many lines are looked at to pick the delimiter. */
const SAMPLE_LINES = 30;

/** Counts each delimiter outside double quotes, line by line, and picks the steadiest one. */
export function detectDelimiter(text: string): Delimiter {
  const lines = text
    .split('\n', SAMPLE_LINES * 4)
    .filter((line) => line.trim() !== '')
    .slice(0, SAMPLE_LINES);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const frequency = new Map<number, number>();
    for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let score = 0;
    for (const [count, times] of frequency) score = Math.max(score, times * 1000 + count);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count++;
  }
  return count;
}

export function readCsv(filename: string, bytes: Uint8Array, limits: AttachmentLimits): AttachmentContent {
  const decoded = decodeText(bytes);
  const text = cleanText(decoded.text);
  const problems: ReadingProblem[] = [];
  // Excel writes a `sep=;` first line to name the delimiter; it is kept as a blank line so row
  // numbers still match the file.
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const hint = /^sep=([,;\t|])$/i.exec(firstLine.trim());
  const body = hint ? text.slice(firstLine.length) : text;
  const delimiter: string = hint?.[1] ?? detectDelimiter(text);
  let records: string[][] = [];
  try {
    records = parse(body, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 1_000_000,
      to: limits.maxRows + 1 + SAMPLE_LINES,
    }) as string[][];
  } catch {
    problems.push({ key: 'csvQuoting', file: filename });
  }
  const rows: GridRow[] = records.map((cells, index) => ({ rowNumber: index + 1, cells }));
  const table = tableFromGrid('table 1', rows, limits.maxRows);
  if (table && records.length > limits.maxRows + SAMPLE_LINES) {
    problems.push({ key: 'csvRows', file: filename, limit: limits.maxRows });
  }
  return { filename, kind: 'csv', text, tables: table ? [table] : [], problems };
}
