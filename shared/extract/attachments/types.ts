import type { ReadingProblem } from '../reading-problem';

/** A table found in an attachment or an HTML body: a service log, a services grid. */
export interface Table {
  /** Sheet name (XLSX) or a label such as `table 1`. */
  label: string;
  /** Header cells as written, trimmed; empty strings where blank. */
  headers: string[];
  /** Data rows. Dates stay Date objects only where the file had real date cells (XLSX), else text. */
  rows: Array<Array<string | number | Date | null>>;
  /** 1-based row number in the source of each data row, for provenance. */
  rowNumbers: number[];
}

export type AttachmentKind = 'csv' | 'xlsx' | 'pdf' | 'docx' | 'text' | 'html' | 'unsupported';

/** The words a table cell holds, trimmed: empty for a blank cell or a real date cell (read as a date, not as words). */
export function cellWords(cell: Table['rows'][number][number] | undefined): string {
  if (cell === null || cell === undefined || cell instanceof Date) return '';
  return String(cell).trim();
}

/** What an attachment says, in a form the extractor reads. */
export interface AttachmentContent {
  filename: string;
  kind: AttachmentKind;
  /** Readable text (for PDF: the text layer, lines in reading order). */
  text: string;
  tables: Table[];
  /** What could not be read (`the PDF is damaged`, `the spreadsheet is too large to open`), keyed for wording. */
  problems: ReadingProblem[];
}

/** Bounds that keep a hostile attachment from exhausting the function. */
export interface AttachmentLimits {
  maxBytes: number;
  /** Decompressed size limit for zip-based formats (XLSX, DOCX). */
  maxUnzippedBytes: number;
  maxPdfPages: number;
  maxRows: number;
  /** Time allowed for reading one PDF's text layer, in milliseconds (default 15 s). */
  maxPdfMillis?: number;
  /** Bytes a PDF's compressed streams may inflate to (default MAX_PDF_INFLATED_BYTES). */
  maxPdfInflatedBytes?: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxUnzippedBytes: 50 * 1024 * 1024,
  maxPdfPages: 50,
  maxRows: 20_000,
};
