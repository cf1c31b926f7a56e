// Reads a Word document (.docx): the body's paragraphs as text lines, and each Word table as a
// Table (header row found as for spreadsheets, merged cells spread over the columns they cover).
import { openZip, zipFailure } from './open-zip';
import { scanXml } from './scan-xml';
import { type Cell, cellText, type GridRow, tableFromGrid } from './table-from-grid';
import type { AttachmentContent, AttachmentLimits, Table } from './types';

const utf8 = new TextDecoder('utf-8');

interface OpenTable {
  rows: GridRow[];
  row: Cell[] | null;
  cellParts: string[] | null;
  span: number;
}

export function readDocx(filename: string, bytes: Uint8Array, limits: AttachmentLimits): AttachmentContent {
  try {
    const zip = openZip(bytes, limits.maxUnzippedBytes);
    const body = zip.read('word/document.xml');
    if (body === null) throw new Error('no document part');
    const { text, tables } = readDocumentXml(utf8.decode(body), limits.maxRows);
    return { filename, kind: 'docx', text, tables, problems: [] };
  } catch (error) {
    return {
      filename,
      kind: 'docx',
      text: '',
      tables: [],
      problems: [{ key: 'docxUnopened', file: filename, why: zipFailure(error) }],
    };
  }
}

export function readDocumentXml(xml: string, maxRows: number): { text: string; tables: Table[] } {
  const lines: string[] = [];
  const tables: Table[] = [];
  const stack: OpenTable[] = [];
  let paragraph: string[] | null = null;
  let inText = false;
  scanXml(xml, (event) => {
    const table = stack[stack.length - 1];
    if (event.kind === 'start') {
      switch (event.name) {
        case 'tbl':
          stack.push({ rows: [], row: null, cellParts: null, span: 1 });
          break;
        case 'tr':
          if (table) table.row = [];
          break;
        case 'tc':
          if (table) {
            table.cellParts = [];
            table.span = 1;
          }
          break;
        case 'gridSpan':
          if (table) table.span = Math.min(50, Math.max(1, Number(event.attributes.val) || 1));
          break;
        case 'p':
          paragraph = [];
          break;
        case 't':
          inText = !event.selfClosing;
          break;
        case 'tab':
          paragraph?.push('\t');
          break;
        case 'br':
        case 'cr':
          paragraph?.push('\n');
          break;
      }
      return;
    }
    if (event.kind === 'text') {
      if (inText) paragraph?.push(event.text);
      return;
    }
    switch (event.name) {
      case 't':
        inText = false;
        break;
      case 'p': {
        const words = (paragraph ?? []).join('');
        paragraph = null;
        if (table?.cellParts) table.cellParts.push(words);
        else if (words.trim()) lines.push(words);
        break;
      }
      case 'tc':
        if (table?.row && table.cellParts) {
          const words = table.cellParts.filter((part) => part.trim()).join(' ');
          table.row.push(words);
          for (let i = 1; i < table.span; i++) table.row.push(null);
        }
        if (table) table.cellParts = null;
        break;
      case 'tr':
        if (table?.row) {
          table.rows.push({ rowNumber: table.rows.length + 1, cells: table.row });
          lines.push(table.row.map(cellText).join('\t'));
        }
        if (table) table.row = null;
        break;
      case 'tbl': {
        const done = stack.pop();
        if (!done) break;
        const built = tableFromGrid(`table ${tables.length + 1}`, done.rows, maxRows);
        if (built) tables.push(built);
        break;
      }
    }
  });
  return { text: lines.join('\n'), tables };
}
