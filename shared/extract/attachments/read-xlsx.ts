// Reads an Excel workbook (.xlsx): every visible sheet becomes a Table. Shared strings are
// resolved, cells formatted as dates come out as Date objects (UTC fields hold the date as
// written), time-only cells as `9:15` text, numbers as numbers.
import { DAY_MS } from '../../calendar/iso-days';
import type { ReadingProblem } from '../reading-problem';
import { openZip, zipFailure } from './open-zip';
import { scanXml } from './scan-xml';
import { type Cell, type GridRow, gridText, tableFromGrid } from './table-from-grid';
import type { AttachmentContent, AttachmentLimits, Table } from './types';

const utf8 = new TextDecoder('utf-8');
const MAX_SHEETS = 20;
/** Columns past this are ignored: no service log is this wide, and a hostile `XFD1` costs nothing. */
const MAX_COLUMNS = 200;

/** Built-in number formats that show dates or times (ECMA-376 18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57, 58]);
const BUILT_IN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

type DateStyle = 'date' | 'time' | null;

interface SheetRef {
  name: string;
  path: string;
}

export function readXlsx(filename: string, bytes: Uint8Array, limits: AttachmentLimits): AttachmentContent {
  const problems: ReadingProblem[] = [];
  const tables: Table[] = [];
  const texts: string[] = [];
  try {
    const zip = openZip(bytes, limits.maxUnzippedBytes);
    const readPart = (path: string): string | null => {
      const part = zip.read(path);
      return part ? utf8.decode(part) : null;
    };
    const workbook = readPart('xl/workbook.xml');
    if (workbook === null) throw new Error('no workbook');
    const date1904 = workbook.includes('date1904="1"') || workbook.includes('date1904="true"');
    const sheets = sheetRefs(workbook, readPart('xl/_rels/workbook.xml.rels') ?? '', zip.names);
    const sharedStrings = readSharedStrings(readPart('xl/sharedStrings.xml') ?? '');
    const dateStyles = readDateStyles(readPart('xl/styles.xml') ?? '');
    let rowBudget = limits.maxRows;
    for (const sheet of sheets.slice(0, MAX_SHEETS)) {
      const xml = readPart(sheet.path);
      if (xml === null) continue;
      const rows = readSheetRows(xml, sharedStrings, dateStyles, date1904, rowBudget);
      if (rows.truncated) problems.push({ key: 'xlsxRows', file: filename });
      rowBudget -= rows.rows.length;
      const text = gridText(rows.rows);
      if (text) texts.push(sheets.length > 1 ? `${sheet.name}\n${text}` : text);
      const table = tableFromGrid(sheet.name, rows.rows, limits.maxRows);
      if (table) tables.push(table);
      if (rowBudget <= 0) break;
    }
    if (sheets.length > MAX_SHEETS) problems.push({ key: 'xlsxSheets', file: filename, limit: MAX_SHEETS });
  } catch (error) {
    problems.push({ key: 'xlsxUnopened', file: filename, why: zipFailure(error) });
  }
  return { filename, kind: 'xlsx', text: texts.join('\n\n'), tables, problems };
}

function sheetRefs(workbook: string, rels: string, names: string[]): SheetRef[] {
  const targets = new Map<string, string>();
  scanXml(rels, (event) => {
    if (event.kind === 'start' && event.name === 'Relationship' && event.attributes.Id && event.attributes.Target) {
      targets.set(event.attributes.Id, event.attributes.Target);
    }
  });
  const refs: SheetRef[] = [];
  scanXml(workbook, (event) => {
    if (event.kind !== 'start' || event.name !== 'sheet') return;
    if (event.attributes.state === 'hidden' || event.attributes.state === 'veryHidden') return;
    const target = targets.get(event.attributes.id ?? '');
    if (!target) return;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    refs.push({ name: event.attributes.name ?? `sheet ${refs.length + 1}`, path });
  });
  if (refs.length > 0) return refs;
  // No usable relationships: fall back to the worksheet parts in order.
  return names
    .filter((name) => name.startsWith('xl/worksheets/') && name.endsWith('.xml'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((path, index) => ({ name: `sheet ${index + 1}`, path }));
}

function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  scanXml(xml, (event) => {
    if (event.kind === 'start') {
      if (event.name === 'si') current = [];
      else if (event.name === 'rPh') inPhonetic = true;
      else if (event.name === 't' && !event.selfClosing) inText = !inPhonetic;
    } else if (event.kind === 'end') {
      if (event.name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (event.name === 'rPh') inPhonetic = false;
      else if (event.name === 't') inText = false;
    } else if (inText && current) {
      current.push(event.text);
    }
  });
  return strings;
}

/** The date kind of each cell style index (`s` attribute), from the number format it applies. */
function readDateStyles(xml: string): DateStyle[] {
  const customFormats = new Map<number, string>();
  const styles: DateStyle[] = [];
  let inCellXfs = false;
  scanXml(xml, (event) => {
    if (event.kind === 'start') {
      if (event.name === 'numFmt') {
        customFormats.set(Number(event.attributes.numFmtId), event.attributes.formatCode ?? '');
      } else if (event.name === 'cellXfs') {
        inCellXfs = true;
      } else if (event.name === 'xf' && inCellXfs) {
        styles.push(formatDateStyle(Number(event.attributes.numFmtId ?? 0), customFormats));
      }
    } else if (event.kind === 'end' && event.name === 'cellXfs') {
      inCellXfs = false;
    }
  });
  return styles;
}

function formatDateStyle(id: number, customFormats: Map<number, string>): DateStyle {
  const code = customFormats.get(id);
  if (code === undefined) {
    if (BUILT_IN_TIME_ONLY.has(id)) return 'time';
    return BUILT_IN_DATE_FORMATS.has(id) ? 'date' : null;
  }
  // Real format codes are short; a huge one is hostile and read as no date.
  if (code.length > 255) return null;
  // Drop quoted literals, escapes and [colour]/[locale] sections, then look for date letters.
  let plain = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const char = code[i]!;
    if (quoted) {
      if (char === '"') quoted = false;
    } else if (bracket) {
      if (char === ']') bracket = false;
    } else if (char === '"') quoted = true;
    else if (char === '[') bracket = true;
    else if (char === '\\') i++;
    else plain += char.toLowerCase();
  }
  plain = plain.replaceAll('am/pm', '').replaceAll('a/p', '');
  const hasDate = plain.includes('d') || plain.includes('y') || hasMonthToken(plain);
  const hasTime = plain.includes('h') || plain.includes('s');
  if (hasDate) return 'date';
  return hasTime ? 'time' : null;
}

/** True when a run of `m` in a format code means months, not minutes (minutes follow `h` or precede `s`). */
function hasMonthToken(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    if (code[i] !== 'm') continue;
    let end = i;
    while (code[end] === 'm') end++;
    const before = code
      .slice(0, i)
      .replace(/[\s:]+$/, '')
      .slice(-1);
    const after = code
      .slice(end)
      .replace(/^[\s:]+/, '')
      .slice(0, 1);
    if (before !== 'h' && after !== 's') return true;
    i = end;
  }
  return false;
}

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900;
  // Round to the second: stored fractions carry floating-point noise.
  return new Date(Math.round((epoch + serial * DAY_MS) / 1000) * 1000);
}

function serialToTime(serial: number): string {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  const hours = Math.floor(seconds / 3600) % 24;
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours}:${String(minutes).padStart(2, '0')}`;
}

/** Column index (0-based) from a cell reference such as `C7`; -1 when unreadable. */
function columnIndex(reference: string): number {
  let index = 0;
  let letters = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code >= 65 && code <= 90) index = index * 26 + (code - 64);
    else if (code >= 97 && code <= 122) index = index * 26 + (code - 96);
    else break;
    letters++;
    if (letters > 3) return -1;
  }
  return letters === 0 ? -1 : index - 1;
}

interface SheetRows {
  rows: GridRow[];
  truncated: boolean;
}

function readSheetRows(
  xml: string,
  sharedStrings: string[],
  dateStyles: DateStyle[],
  date1904: boolean,
  maxRows: number,
): SheetRows {
  const rows: GridRow[] = [];
  let truncated = false;
  let row: GridRow | null = null;
  let nextRowNumber = 1;
  let cell: { column: number; type: string; style: number; value: string; inline: string } | null = null;
  let nextColumn = 0;
  let textTarget: 'value' | 'inline' | null = null;
  scanXml(xml, (event) => {
    if (truncated) return;
    if (event.kind === 'start') {
      if (event.name === 'row') {
        const declared = Number(event.attributes.r);
        const rowNumber = Number.isInteger(declared) && declared >= nextRowNumber ? declared : nextRowNumber;
        row = { rowNumber, cells: [] };
        nextRowNumber = rowNumber + 1;
        nextColumn = 0;
      } else if (event.name === 'c' && row) {
        const column = event.attributes.r ? columnIndex(event.attributes.r) : nextColumn;
        cell = {
          column: column < 0 ? nextColumn : column,
          type: event.attributes.t ?? 'n',
          style: Number(event.attributes.s ?? 0),
          value: '',
          inline: '',
        };
      } else if (cell && event.name === 'v') textTarget = 'value';
      else if (cell && event.name === 't') textTarget = 'inline';
    } else if (event.kind === 'text') {
      if (cell && textTarget === 'value') cell.value += event.text;
      else if (cell && textTarget === 'inline') cell.inline += event.text;
    } else if (event.name === 'v' || event.name === 't') {
      textTarget = null;
    } else if (event.name === 'c' && cell && row) {
      const current: GridRow = row;
      if (cell.column < MAX_COLUMNS) {
        while (current.cells.length < cell.column) current.cells.push(null);
        current.cells[cell.column] = cellValue(cell, sharedStrings, dateStyles, date1904);
      }
      nextColumn = cell.column + 1;
      cell = null;
    } else if (event.name === 'row' && row) {
      if (rows.length >= maxRows) truncated = true;
      else rows.push(row);
      row = null;
    }
  });
  return { rows, truncated };
}

function cellValue(
  cell: { type: string; style: number; value: string; inline: string },
  sharedStrings: string[],
  dateStyles: DateStyle[],
  date1904: boolean,
): Cell {
  switch (cell.type) {
    case 's':
      return sharedStrings[Number(cell.value)] ?? null;
    case 'inlineStr':
      return cell.inline;
    case 'str':
    case 'e':
      return cell.value;
    case 'b':
      return cell.value === '1' ? 'TRUE' : 'FALSE';
    case 'd': {
      const date = new Date(cell.value);
      return Number.isNaN(date.getTime()) ? cell.value : date;
    }
    default: {
      if (cell.value.trim() === '') return null;
      const number = Number(cell.value);
      if (!Number.isFinite(number)) return cell.value;
      const style = dateStyles[cell.style] ?? null;
      if (style === 'time' && number >= 0 && number < 1) return serialToTime(number);
      if ((style === 'date' || style === 'time') && number >= 0 && number < 2_958_466)
        return serialToDate(number, date1904);
      return number;
    }
  }
}
