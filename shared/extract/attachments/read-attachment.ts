// Reads one attachment into text and tables for the extractor. Each format is read by a reader
// made for it; the kind is decided by the bytes, the file name and the declared type together.
// Never throws: whatever goes wrong becomes a problem in plain words. Each reader is imported when
// an attachment of its kind arrives, so a function that starts pays for none of them (most messages
// carry no attachment; see docs/decisions/0106).
import { importOnce } from '../../import-once';
import type { Attachment } from '../../mail/types';
import { type ReadingProblem, UNNAMED_FILE } from '../reading-problem';
import { cleanText, decodeText } from './decode-text';
import { declaredKind, extensionOf, sniffKind } from './sniff-kind';
import { type AttachmentContent, type AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS } from './types';

const pdfReader = importOnce(() => import('./read-pdf'));
const xlsxReader = importOnce(() => import('./read-xlsx'));
const docxReader = importOnce(() => import('./read-docx'));
const csvReader = importOnce(() => import('./read-csv'));
const htmlReader = importOnce(() => import('./read-html'));

function safeName(filename: unknown): string {
  if (typeof filename !== 'string' || filename.trim() === '') return UNNAMED_FILE;
  // Names come from the sender: no line breaks or control characters in what we say back.
  let clean = '';
  for (const char of filename) clean += char.charCodeAt(0) < 0x20 || char === '\u007f' ? ' ' : char;
  return clean.trim().slice(0, 200) || UNNAMED_FILE;
}

function nothing(filename: string, problems: ReadingProblem[]): AttachmentContent {
  return { filename, kind: 'unsupported', text: '', tables: [], problems };
}

export async function readAttachment(
  att: Attachment,
  limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
): Promise<AttachmentContent> {
  const filename = safeName(att?.filename);
  try {
    const content = att?.content;
    if (!(content instanceof Uint8Array)) return nothing(filename, [{ key: 'attachmentEmpty', file: filename }]);
    const bytes = new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
    const contentType = typeof att.contentType === 'string' ? att.contentType : '';
    if (bytes.byteLength === 0) return nothing(filename, [{ key: 'attachmentEmpty', file: filename }]);
    if (bytes.byteLength > limits.maxBytes) {
      return nothing(filename, [{ key: 'attachmentTooLarge', file: filename }]);
    }
    const declared = declaredKind(filename, contentType);
    const kind = sniffKind(bytes, filename, contentType);
    if ((declared === 'xlsx' || declared === 'docx') && kind === 'ole') {
      // Office saves password-protected files as an encrypted Compound File, not a zip.
      return nothing(filename, [
        { key: declared === 'xlsx' ? 'xlsxUnopened' : 'docxUnopened', file: filename, why: 'password' },
      ]);
    }
    // Bytes of another known format are read as what they are; bytes of no known format are not.
    const knownBinary = kind === 'pdf' || kind === 'xlsx' || kind === 'docx';
    if ((declared === 'pdf' || declared === 'xlsx' || declared === 'docx') && !knownBinary) {
      return nothing(filename, [{ key: 'attachmentFake', file: filename, kind: declared }]);
    }
    switch (kind) {
      case 'pdf':
        return await (await pdfReader()).readPdf(filename, bytes, limits);
      case 'xlsx':
        return (await xlsxReader()).readXlsx(filename, bytes, limits);
      case 'docx':
        return (await docxReader()).readDocx(filename, bytes, limits);
      case 'csv':
        return (await csvReader()).readCsv(filename, bytes, limits);
      case 'html':
        return (await htmlReader()).readHtml(filename, decodeText(bytes).text, limits);
      case 'text':
        return { filename, kind: 'text', text: cleanText(decodeText(bytes).text), tables: [], problems: [] };
      default:
        return nothing(filename, unsupportedProblems(filename, contentType));
    }
  } catch {
    return nothing(filename, [{ key: 'attachmentDamaged', file: filename }]);
  }
}

function unsupportedProblems(filename: string, contentType: string): ReadingProblem[] {
  const type = contentType.toLowerCase();
  // Pictures (logos, signatures) and calendar invitations are expected and not a problem.
  if (type.startsWith('image/') || type.startsWith('text/calendar') || type === 'message/rfc822') return [];
  const extension = extensionOf(filename);
  if (extension === 'xls') {
    return [{ key: 'attachmentOldXls', file: filename }];
  }
  if (extension === 'doc') {
    return [{ key: 'attachmentOldDoc', file: filename }];
  }
  return [{ key: 'attachmentUnsupported', file: filename }];
}
