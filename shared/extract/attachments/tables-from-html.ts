// Finds the data tables in an HTML body (a therapist's log pasted into the message, a minutes
// report rendered as a table). Layout tables (a table holding tables, one column) are skipped.
import { type HTMLElement, parse } from 'node-html-parser';
import { type Cell, type GridRow, tableFromGrid } from './table-from-grid';
import type { Table } from './types';

/** Larger bodies are cut: a real message body with a log table is far below this. */
const MAX_HTML_CHARS = 2_000_000;
const MAX_TABLES = 50;
const MAX_COLSPAN = 50;
const DEFAULT_MAX_ROWS = 20_000;

export function tablesFromHtml(html: string, maxRows: number = DEFAULT_MAX_ROWS): Table[] {
  let root: HTMLElement;
  try {
    root = parse(html.slice(0, MAX_HTML_CHARS), {
      blockTextElements: { script: false, style: false, noscript: false },
    });
  } catch {
    return [];
  }
  const tables: Table[] = [];
  for (const element of root.querySelectorAll('table')) {
    if (tables.length >= MAX_TABLES) break;
    if (element.querySelector('table')) continue;
    const table = readHtmlTable(element, `table ${tables.length + 1}`, maxRows);
    if (table) tables.push(table);
  }
  return tables;
}

function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    const tag = child.tagName;
    if (tag === 'TR') rows.push(child);
    else if (tag === 'THEAD' || tag === 'TBODY' || tag === 'TFOOT') {
      for (const row of child.childNodes) if (isElement(row) && row.tagName === 'TR') rows.push(row);
    }
  }
  return rows;
}

function isElement(node: unknown): node is HTMLElement {
  return typeof node === 'object' && node !== null && 'tagName' in node && typeof node.tagName === 'string';
}

function cellWords(cell: HTMLElement): string {
  return cell.structuredText.replace(/\s+/g, ' ').trim();
}

function readHtmlTable(element: HTMLElement, label: string, maxRows: number): Table | null {
  const grid: GridRow[] = [];
  let headerIndex: number | null = null;
  for (const tr of rowsOf(element)) {
    const cells: Cell[] = [];
    let headerCells = 0;
    let dataCells = 0;
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'TD' && cell.tagName !== 'TH')) continue;
      if (cell.tagName === 'TH') headerCells++;
      else dataCells++;
      const words = cellWords(cell);
      cells.push(words === '' ? null : words);
      const span = Math.min(MAX_COLSPAN, Math.max(1, Number.parseInt(cell.getAttribute('colspan') ?? '1', 10) || 1));
      for (let i = 1; i < span; i++) cells.push(null);
    }
    if (headerIndex === null && headerCells >= 2 && dataCells === 0 && grid.length < 5) headerIndex = grid.length;
    grid.push({ rowNumber: grid.length + 1, cells });
  }
  const width = Math.max(0, ...grid.map((row) => row.cells.length));
  if (width < 2) return null;
  if (headerIndex !== null) {
    // An explicit header row (all <th>) decides; rows above it are titles.
    return tableFromGrid(label, [grid[headerIndex]!, ...grid.slice(headerIndex + 1)], maxRows, 0);
  }
  return tableFromGrid(label, grid, maxRows) ?? tableFromGrid(label, grid, maxRows, firstFilledRow(grid));
}

function firstFilledRow(grid: GridRow[]): number {
  const index = grid.findIndex((row) => row.cells.some((cell) => cell !== null));
  return Math.max(0, index);
}
