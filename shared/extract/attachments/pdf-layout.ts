// Rebuilds reading order and tables from the positioned text runs of a PDF page. PDF has no
// tables, only words at coordinates: runs on one baseline form a line, wide gaps split a line into
// cells, and lines whose cells start at the same x positions as a header line form a table.
// Cells that wrap onto a second line (a provider name, a long note) are joined back to their row.
// Columns set close together can run two cells into one ("Frequency Min/session", "Daily 55"):
// each cell keeps the runs it was made of, so it can be cut again where a column starts.
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

/** A piece of a cell as the PDF placed it. */
export interface CellRun {
  text: string;
  x: number;
  right: number;
}

export interface LineCell {
  text: string;
  x: number;
  right: number;
  /** The runs the cell was joined from, left to right. */
  runs: CellRun[];
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
      const piece = { text, x: run.x, right: run.x + run.width };
      if (last && gap < height * 0.9) {
        last.text += joinerOf(last.text, text, gap, height) + text;
        last.right = Math.max(last.right, piece.right);
        last.runs.push(piece);
      } else {
        cells.push({ text, x: run.x, right: piece.right, runs: [piece] });
      }
    }
    for (const cell of cells) {
      cell.text = cell.text.trim();
      for (const piece of cell.runs) piece.text = piece.text.trim();
    }
    return { y: group[0]!.y, height, cells };
  });
}

/** The label opening a text, lower-cased ("Provider: ESD therapist" -> "provider"), or ''. */
function labelOf(text: string): string {
  return /^([\p{L}/]+(?: [\p{L}/]+)?):/u.exec(text)?.[1]?.toLowerCase() ?? '';
}

/** Lines in a row that share the gutter of a page set in two columns, with the right column's left edge. */
interface ColumnRegion {
  from: number;
  to: number;
  gutter: number;
}

/**
 * Where a page is set in two columns of one form side by side (service cards: "Provider: ..." left
 * and "Provider: ..." right on one baseline): runs of lines that all keep clear of one left edge,
 * with at least three lines whose two halves open with the same label. A table is not this: its
 * cells do not open with the same label on both sides.
 */
function twoColumnRegions(lines: PageLine[]): ColumnRegion[] {
  const regions: ColumnRegion[] = [];
  const edges = new Set<number>();
  for (const line of lines) for (const cell of line.cells.slice(1)) edges.add(Math.round(cell.x));
  const taken = new Set<number>();
  for (const edge of [...edges].sort((a, b) => a - b)) {
    const tolerance = 3;
    const clear = (line: PageLine) =>
      line.cells.every((cell) => cell.right <= edge - tolerance || cell.x >= edge - tolerance);
    const split = (line: PageLine) => line.cells.some((cell) => Math.abs(cell.x - edge) <= tolerance);
    let index = 0;
    while (index < lines.length) {
      if (taken.has(index) || !clear(lines[index]!) || !split(lines[index]!)) {
        index++;
        continue;
      }
      let to = index;
      while (to + 1 < lines.length && !taken.has(to + 1) && clear(lines[to + 1]!)) to++;
      let alike = 0;
      for (let k = index; k <= to; k++) {
        const line = lines[k]!;
        const left = line.cells.find((cell) => cell.x < edge - tolerance);
        const right = line.cells.find((cell) => Math.abs(cell.x - edge) <= tolerance);
        if (left && right && labelOf(left.text) !== '' && labelOf(left.text) === labelOf(right.text)) alike++;
      }
      if (alike >= 3) {
        regions.push({ from: index, to, gutter: edge - tolerance });
        for (let k = index; k <= to; k++) taken.add(k);
      }
      index = to + 1;
    }
  }
  return regions.sort((a, b) => a.from - b.from);
}

/**
 * The page's lines in reading order: where the page is set in two columns of a form, the left
 * column's lines come first, then the right column's, so each column's fields stay together.
 */
export function inReadingOrder(lines: PageLine[]): PageLine[] {
  const regions = twoColumnRegions(lines);
  if (regions.length === 0) return lines;
  const out: PageLine[] = [];
  let at = 0;
  for (const region of regions) {
    out.push(...lines.slice(at, region.from));
    const part = lines.slice(region.from, region.to + 1);
    const side = (line: PageLine, left: boolean): PageLine => ({
      ...line,
      cells: line.cells.filter((cell) => cell.x < region.gutter === left),
    });
    out.push(...part.map((line) => side(line, true)).filter((line) => line.cells.length > 0));
    out.push(...part.map((line) => side(line, false)).filter((line) => line.cells.length > 0));
    at = region.to + 1;
  }
  out.push(...lines.slice(at));
  return out;
}

/** A space between two runs of one cell where the gap is wider than letter spacing. */
function joinerOf(before: string, after: string, gap: number, height: number): string {
  return gap > height * 0.12 && !before.endsWith(' ') && !after.startsWith(' ') ? ' ' : '';
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

interface ColumnText {
  column: number;
  text: string;
}

/**
 * A line's cells by column. A cell whose runs reach into the next column (two cells set so close
 * that they read as one, "Daily 55") is cut again where a run starts at another column's left edge.
 */
function cellsInColumns(anchors: number[], line: PageLine, tolerance: number): ColumnText[] {
  const out: ColumnText[] = [];
  for (const cell of line.cells) {
    let current: (ColumnText & { right: number }) | null = null;
    for (const run of cell.runs) {
      const at = anchors.findIndex((anchor) => Math.abs(anchor - run.x) <= tolerance);
      if (current && (at < 0 || at === current.column)) {
        current.text += joinerOf(current.text, run.text, run.x - current.right, line.height) + run.text;
        current.right = Math.max(current.right, run.right);
        continue;
      }
      current = { column: current ? at : columnOf(anchors, run.x, tolerance), text: run.text, right: run.right };
      out.push(current);
    }
  }
  return out;
}

/**
 * A header's columns. Headers of narrow columns can run together ("Frequency Min/session"): a run
 * inside a header cell starts a column of its own where a cell of the lines below starts at it.
 */
function headerColumns(line: PageLine, below: PageLine[]): { anchors: number[]; texts: string[] } {
  const tolerance = alignTolerance(line.height);
  const starts = below.flatMap((l) => l.cells.map((cell) => cell.x));
  const anchors: number[] = [];
  const texts: string[] = [];
  for (const cell of line.cells) {
    let right = Number.NEGATIVE_INFINITY;
    cell.runs.forEach((run, k) => {
      const opens =
        k === 0 || (run.x - right > line.height * 0.12 && starts.some((start) => Math.abs(start - run.x) <= tolerance));
      if (opens) {
        anchors.push(run.x);
        texts.push(run.text);
      } else {
        const last = texts.length - 1;
        texts[last] = `${texts[last]}${joinerOf(texts[last] ?? '', run.text, run.x - right, line.height)}${run.text}`;
      }
      right = Math.max(right, run.right);
    });
  }
  return { anchors, texts: texts.map((text) => text.trim()) };
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

/** A table being built; `table` is set once it has a row (and so is part of the output). */
export interface OpenTable {
  anchors: number[];
  height: number;
  headerTexts: string[];
  headerText: string;
  rows: Array<Array<string | null>>;
  rowNumbers: number[];
  lastY: number;
  /** The narrowest space seen between one row's last line and the next row (or the header). */
  rowGap: number | null;
  table: Table | null;
}

/** Lines at the top of a page (running headers) that may stand before a table's continuation. */
const RUNNING_HEADER_LINES = 4;
/** A table that ended this close to the bottom of its page may go on at the top of the next. */
const FOOTER_LINES = 3;

export interface PageTables {
  /** Tables that began on this page. */
  tables: Table[];
  /** The table still open at the bottom of the page, for the next page to continue. */
  open: OpenTable | null;
}

function addCell(row: Array<string | null>, column: number, text: string): void {
  const before = row[column];
  row[column] = before ? `${before} ${text}` : text;
}

/**
 * Finds tables among the lines of one page. `firstLineNumber` is the 1-based number of the page's
 * first line in the whole document's text, so each row's number points into `text`. `carried` is
 * the previous page's open table: when the top of this page goes on with rows in the same columns
 * (after a repeated header or a few running-header lines), the rows are added to that table.
 */
export function tablesOfPage(
  lines: PageLine[],
  labelStart: number,
  firstLineNumber: number,
  carried: OpenTable | null = null,
): PageTables {
  const tables: Table[] = [];
  let current: OpenTable | null = null;
  let lastFinished: OpenTable | null = null;
  let endedAt = -1;
  /** True right after a header repeated at the top of a page: its wrapped words are skipped. */
  let afterRepeatedHeader = false;
  const finish = (index: number) => {
    lastFinished = current;
    current = null;
    endedAt = index;
  };
  const addRow = (building: OpenTable, row: Array<string | null>, lineNumber: number) => {
    building.rows.push(row);
    building.rowNumbers.push(lineNumber);
    if (!building.table) {
      building.table = {
        label: `table ${labelStart + tables.length}`,
        headers: building.headerTexts,
        rows: building.rows,
        rowNumbers: building.rowNumbers,
      };
      tables.push(building.table);
    }
  };
  const rowOf = (building: OpenTable, line: PageLine): Array<string | null> => {
    const tolerance = alignTolerance(building.height);
    const row: Array<string | null> = building.anchors.map(() => null);
    for (const { column, text } of cellsInColumns(building.anchors, line, tolerance)) addCell(row, column, text);
    return row;
  };
  const gapToNextRow = (building: OpenTable, index: number): number | null => {
    const line = lines[index];
    const next = lines[index + 1];
    if (!line || !next || next.cells.length < 2 || !sameHeight(next.height, building.height)) return null;
    if (alignedShare(building.anchors, next, alignTolerance(building.height)) <= 0.5) return null;
    return line.y - next.y;
  };
  let resumeFrom = 0;
  if (carried) {
    for (let index = 0; index < Math.min(lines.length, RUNNING_HEADER_LINES + 1); index++) {
      const line = lines[index]!;
      if (!sameHeight(line.height, carried.height)) continue;
      if (lineText(line) === carried.headerText) {
        // The header repeated at the top of the page: the table goes on below it.
        current = { ...carried, lastY: line.y };
        resumeFrom = index + 1;
        afterRepeatedHeader = true;
        break;
      }
      const tolerance = alignTolerance(carried.height);
      if (line.cells.length >= 2 && alignedShare(carried.anchors, line, tolerance) >= 0.75) {
        current = { ...carried, lastY: line.y };
        addRow(current, rowOf(current, line), firstLineNumber + index);
        resumeFrom = index + 1;
        break;
      }
    }
  }
  lines.forEach((line, index) => {
    if (index < resumeFrom) return;
    const lineNumber = firstLineNumber + index;
    const building: OpenTable | null = current;
    if (building) {
      const tolerance = alignTolerance(building.height);
      const gap = building.lastY - line.y;
      const continuation = gap > 0 && gap < building.height * 1.5;
      const fits =
        sameHeight(line.height, building.height) &&
        gap < building.height * 5 &&
        alignedShare(building.anchors, line, tolerance) > 0.5 &&
        lineText(line) !== building.headerText;
      // Rows set apart by more space than the lines of one cell: a line as close as a cell's own
      // lines goes on the row above, however many of its cells wrap.
      // Under the first row the rows' spacing is not known yet: the next row's gap tells it.
      const rowGap = building.rowGap ?? (building.rows.length > 0 ? gapToNextRow(building, index) : null);
      const tighterThanRows = rowGap !== null && gap * 1.3 < rowGap;
      if (fits && continuation && (line.cells.length * 2 <= building.anchors.length || tighterThanRows)) {
        if (afterRepeatedHeader) {
          building.lastY = line.y;
          return;
        }
        // A wrapped cell: join its words to the row above (or to the header).
        const target = building.rows[building.rows.length - 1] ?? building.headerTexts;
        for (const { column, text } of cellsInColumns(building.anchors, line, tolerance)) addCell(target, column, text);
        building.lastY = line.y;
        return;
      }
      afterRepeatedHeader = false;
      if (fits && line.cells.length >= 2) {
        // The space under the header says nothing of the rows' spacing: only row to row counts.
        if (building.rows.length > 0) building.rowGap = Math.min(building.rowGap ?? gap, gap);
        addRow(building, rowOf(building, line), lineNumber);
        building.lastY = line.y;
        return;
      }
      finish(index);
    }
    if (isHeaderLine(line)) {
      const { anchors, texts } = headerColumns(line, lines.slice(index + 1, index + 4));
      current = {
        anchors,
        height: line.height,
        headerTexts: texts,
        headerText: lineText(line),
        rows: [],
        rowNumbers: [],
        lastY: line.y,
        rowGap: null,
        table: null,
      };
    }
  });
  const stillOpen: OpenTable | null = current;
  if (stillOpen) return { tables, open: stillOpen.table ? stillOpen : null };
  // A table that ended only at the page footer lines is open too.
  const ended = lastFinished as OpenTable | null;
  const nearBottom = endedAt >= lines.length - FOOTER_LINES;
  return { tables, open: ended?.table && nearBottom ? ended : null };
}
