// Turns a grid of cells (a CSV, a sheet, a Word table) into a Table: finds the header row, which
// exports often place below a few title lines ("Service Log", "Student: ...", "Report period"),
// and keeps each data row's 1-based row number in the source for provenance.
import type { Table } from './types';

export type Cell = string | number | Date | null;

/** A row of the source grid with its 1-based row number in the source. */
export interface GridRow {
  rowNumber: number;
  cells: Cell[];
}

/** How many rows from the top are searched for the header row. */
const HEADER_SEARCH_ROWS = 30;

export function isBlankCell(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

function filledCount(cells: Cell[]): number {
  let count = 0;
  for (const cell of cells) if (!isBlankCell(cell)) count++;
  return count;
}

function looksLikeHeaderCell(cell: Cell): boolean {
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (text === '' || text.length > 60) return false;
  // Values, not labels: a date, a number, an amount.
  return !/^[\d$.,:/\s()-]+$/.test(text);
}

/**
 * The index (into `rows`) of the header row: the first of the top rows that fills most of the
 * grid's width with label-like text. Null when no row qualifies (the grid is then not a table).
 */
export function findHeaderRow(rows: GridRow[]): number | null {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  let widest = 0;
  for (const row of rows) widest = Math.max(widest, filledCount(row.cells));
  if (widest < 2) return null;
  const needed = Math.max(2, Math.ceil(widest * 0.6));
  for (let i = 0; i < top.length; i++) {
    const cells = top[i]!.cells;
    const filled = cells.filter((cell) => !isBlankCell(cell));
    if (filled.length < needed) continue;
    const labels = filled.filter(looksLikeHeaderCell).length;
    if (labels === filled.length) return i;
  }
  return null;
}

/** A date cell as text: `2026-11-02`, or `2026-11-02 09:15` when it has a time of day (UTC fields). */
export function dateCellText(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return dateCellText(cell);
  return String(cell);
}

function headerText(cell: Cell): string {
  return cellText(cell).replace(/\s+/g, ' ').trim();
}

/**
 * Builds a Table from a grid: rows above the header are dropped (they stay in the text), blank
 * rows are skipped, every row is padded to the header width. Returns null for grids that are not
 * tables (fewer than two columns or no data row). `knownHeaderIndex` skips the search when the
 * source marks its header (HTML `<th>` cells).
 */
export function tableFromGrid(
  label: string,
  rows: GridRow[],
  maxRows: number,
  knownHeaderIndex?: number,
): Table | null {
  const headerIndex = knownHeaderIndex ?? findHeaderRow(rows);
  if (headerIndex === null) return null;
  const headerRow = rows[headerIndex]!;
  let width = headerRow.cells.length;
  const body = rows.slice(headerIndex + 1).filter((row) => filledCount(row.cells) > 0);
  for (const row of body) width = Math.max(width, lastFilledIndex(row.cells) + 1);
  const headers = padCells(headerRow.cells, width).map(headerText);
  const limited = body.slice(0, maxRows);
  if (limited.length === 0) return null;
  return {
    label,
    headers,
    rows: limited.map((row) => padCells(row.cells, width).map(tidyCell)),
    rowNumbers: limited.map((row) => row.rowNumber),
  };
}

function lastFilledIndex(cells: Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (!isBlankCell(cells[i] ?? null)) return i;
  return -1;
}

function padCells(cells: Cell[], width: number): Cell[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}

function tidyCell(cell: Cell): Cell {
  if (typeof cell !== 'string') return cell;
  const text = cell.trim();
  return text === '' ? null : text;
}

/** Text lines for a grid, cells separated by tabs, so the extractor can also read it as text. */
export function gridText(rows: GridRow[]): string {
  return rows
    .map((row) =>
      row.cells
        .slice(0, lastFilledIndex(row.cells) + 1)
        .map(cellText)
        .join('\t'),
    )
    .filter((line) => line.trim() !== '')
    .join('\n');
}
