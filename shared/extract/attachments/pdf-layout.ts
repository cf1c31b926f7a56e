// Rebuilds reading order and tables from the positioned text runs of a PDF page. PDF has no
// tables, only words at coordinates: runs on one baseline form a line, wide gaps split a line into
// cells, and lines whose cells start at the same x positions as a header line form a table.
// Cells that wrap onto a second line (a provider name, a long note) are joined back to their row.
import type { Table } from './types';

/** A run of text as the PDF places it: x, y of its baseline start (y grows upwards), in points. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font height in points. */
  height: number;
}

export interface LineCell {
  text: string;
  x: number;
  right: number;
}

export interface PageLine {
  y: number;
  height: number;
  cells: LineCell[];
}

/** Groups runs into lines (top to bottom) and each line into cells (left to right). */
export function linesOfPage(runs: TextRun[]): PageLine[] {
  const visible = runs.filter((run) => run.text.trim() !== '' && Number.isFinite(run.x) && Number.isFinite(run.y));
  visible.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of visible) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    const tolerance = Math.max(2, 0.3 * Math.max(run.height, first?.height ?? 0));
    if (group && first && Math.abs(first.y - run.y) <= tolerance) group.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    const height = Math.max(...group.map((run) => run.height), 1);
    const cells: LineCell[] = [];
    for (const run of group) {
      const last = cells[cells.length - 1];
      const gap = last ? run.x - last.right : Number.POSITIVE_INFINITY;
      const text = run.text.replace(/\s+/g, ' ');
      if (last && gap < height * 0.9) {
        const joiner = gap > height * 0.12 && !last.text.endsWith(' ') && !text.startsWith(' ') ? ' ' : '';
        last.text += joiner + text;
        last.right = Math.max(last.right, run.x + run.width);
      } else {
        cells.push({ text, x: run.x, right: run.x + run.width });
      }
    }
    for (const cell of cells) cell.text = cell.text.trim();
    return { y: group[0]!.y, height, cells };
  });
}

/** A line as text: cells separated by a tab, so columns stay visible to a reader of the text. */
export function lineText(line: PageLine): string {
  return line.cells.map((cell) => cell.text).join('\t');
}

function hasDigit(text: string): boolean {
  for (const char of text) if (char >= '0' && char <= '9') return true;
  return false;
}

function isHeaderLine(line: PageLine): boolean {
  if (line.cells.length < 3) return false;
  if (line.cells.some((cell) => cell.text.endsWith(':') || cell.text.length > 40)) return false;
  const withDigits = line.cells.filter((cell) => hasDigit(cell.text)).length;
  return withDigits * 2 < line.cells.length;
}

function alignTolerance(height: number): number {
  return Math.max(4, height * 0.6);
}

/** The column a cell belongs to: the last column starting at or before it (with tolerance). */
function columnOf(anchors: number[], x: number, tolerance: number): number {
  let column = 0;
  for (let i = 0; i < anchors.length; i++) if (anchors[i]! <= x + tolerance) column = i;
  return column;
}

function alignedShare(anchors: number[], line: PageLine, tolerance: number): number {
  let aligned = 0;
  for (const cell of line.cells) {
    if (anchors.some((anchor) => Math.abs(anchor - cell.x) <= tolerance)) aligned++;
  }
  return aligned / line.cells.length;
}

function sameHeight(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(a, b) * 0.2;
}

interface Building {
  anchors: number[];
  height: number;
  headerTexts: string[];
  headerLine: PageLine;
  rows: string[][];
  rowNumbers: number[];
  lastY: number;
}

/**
 * Finds tables among the lines of one page. `firstLineNumber` is the 1-based number of the page's
 * first line in the whole document's text, so each row's number points into `text`.
 */
export function tablesOfPage(lines: PageLine[], labelStart: number, firstLineNumber: number): Table[] {
  const tables: Table[] = [];
  let current: Building | null = null;
  const finish = () => {
    if (current && current.rows.length > 0) {
      tables.push({
        label: `table ${labelStart + tables.length}`,
        headers: current.headerTexts,
        rows: current.rows.map((row) => row.map((cell) => (cell === '' ? null : cell))),
        rowNumbers: current.rowNumbers,
      });
    }
    current = null;
  };
  lines.forEach((line, index) => {
    const lineNumber = firstLineNumber + index;
    const building: Building | null = current;
    if (building) {
      const tolerance = alignTolerance(building.height);
      const gap = building.lastY - line.y;
      const continuation = gap > 0 && gap < building.height * 1.5;
      const fits =
        sameHeight(line.height, building.height) &&
        gap < building.height * 5 &&
        alignedShare(building.anchors, line, tolerance) > 0.5 &&
        lineText(line) !== lineText(building.headerLine);
      if (fits && continuation && line.cells.length * 2 <= building.anchors.length) {
        // A wrapped cell: join its words to the row above (or to the header).
        const target = building.rows[building.rows.length - 1] ?? building.headerTexts;
        for (const cell of line.cells) {
          const column = columnOf(building.anchors, cell.x, tolerance);
          target[column] = target[column] ? `${target[column]} ${cell.text}` : cell.text;
        }
        building.lastY = line.y;
        return;
      }
      if (fits && line.cells.length >= 2) {
        const row = building.anchors.map(() => '');
        for (const cell of line.cells) {
          const column = columnOf(building.anchors, cell.x, tolerance);
          row[column] = row[column] ? `${row[column]} ${cell.text}` : cell.text;
        }
        building.rows.push(row);
        building.rowNumbers.push(lineNumber);
        building.lastY = line.y;
        return;
      }
      finish();
    }
    if (isHeaderLine(line)) {
      current = {
        anchors: line.cells.map((cell) => cell.x),
        height: line.height,
        headerTexts: line.cells.map((cell) => cell.text),
        headerLine: line,
        rows: [],
        rowNumbers: [],
        lastY: line.y,
      };
    }
  });
  finish();
  return tables;
}
