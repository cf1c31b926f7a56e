// Decides what an attachment is from three witnesses: its first bytes, its file name and its
// declared content type. Bytes win: a "PDF" that does not start like a PDF is not read as one.
import { utf16WithoutBom } from './decode-text';
import { openZip } from './open-zip';
import type { AttachmentKind } from './types';

export type SniffedKind = AttachmentKind | 'zip-unknown' | 'ole' | 'binary';

/** Compound File (OLE) signature: legacy .xls/.doc, and password-protected .xlsx/.docx. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function containsAscii(bytes: Uint8Array, text: string, within: number): boolean {
  const end = Math.min(bytes.length, within) - text.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/**
 * The names of a zip's parts, from its central directory (none where it cannot be read): compressed
 * bytes can hold "xl/" by chance, so a scan of the raw bytes cannot tell a spreadsheet from a letter.
 */
function zipPartNames(bytes: Uint8Array): string[] {
  try {
    return openZip(bytes, 0).names;
  } catch {
    return [];
  }
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0
    ? ''
    : filename
        .slice(dot + 1)
        .toLowerCase()
        .trim();
}

export function declaredKind(filename: string, contentType: string): AttachmentKind | null {
  const extension = extensionOf(filename);
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  if (extension === 'pdf' || type === 'application/pdf') return 'pdf';
  if (extension === 'xlsx' || extension === 'xlsm' || type.includes('spreadsheetml')) return 'xlsx';
  if (extension === 'docx' || type.includes('wordprocessingml')) return 'docx';
  if (extension === 'csv' || extension === 'tsv' || type === 'text/csv' || type === 'text/tab-separated-values')
    return 'csv';
  if (extension === 'htm' || extension === 'html' || type === 'text/html') return 'html';
  if (extension === 'txt' || extension === 'text' || type === 'text/plain') return 'text';
  // Excel's CSV files are often sent as application/vnd.ms-excel; the bytes decide below.
  if (type === 'application/vnd.ms-excel' || type === 'application/csv') return 'csv';
  return null;
}

/** True when the bytes look like text: no NUL bytes and few control characters in the sample. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || utf16WithoutBom(bytes)) return true;
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control <= sample.length * 0.02;
}

/**
 * What the attachment really is. Returns the declared kind when the bytes agree, the kind the
 * bytes show when they disagree, `zip-unknown` for a zip that is neither XLSX nor DOCX, and
 * `ole` for a Compound File (old Office format, or an encrypted new one), `binary` for bytes
 * that are no text and no known format.
 */
export function sniffKind(bytes: Uint8Array, filename: string, contentType: string): SniffedKind {
  const declared = declaredKind(filename, contentType);
  if (containsAscii(bytes, '%PDF-', 1024)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const parts = zipPartNames(bytes);
    if (parts.some((name) => name.startsWith('xl/'))) return 'xlsx';
    if (parts.some((name) => name.startsWith('word/'))) return 'docx';
    if (declared === 'xlsx' || declared === 'docx') return declared;
    return 'zip-unknown';
  }
  if (startsWith(bytes, OLE_SIGNATURE)) return 'ole';
  if (!looksLikeText(bytes)) return 'binary';
  if (declared === 'csv' || declared === 'html' || declared === 'text') return declared;
  // Text declared as a PDF or a spreadsheet is not one; text declared as nothing known is read as text
  // only when its name says so.
  if (declared === null) return TEXT_EXTENSIONS.has(extensionOf(filename)) ? 'text' : 'unsupported';
  return 'text';
}

const TEXT_EXTENSIONS = new Set(['log', 'md', 'txt', 'text']);
