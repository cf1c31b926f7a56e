// An attachment that came without a file name is named by its place and kind, so that a guardian
// can be told which one it was in words of their language ("the PDF with no name (2nd attachment)",
// "el PDF sin nombre (2.º adjunto)") instead of a made-up name.

/** What an attachment without a name is, by its declared type. */
export const UNNAMED_KINDS = ['pdf', 'spreadsheet', 'csv', 'word', 'text', 'file'] as const;
export type UnnamedKind = (typeof UNNAMED_KINDS)[number];

export interface UnnamedFile {
  /** Its place among the message's attachments, 1-based, as the guardian's mail app lists them. */
  position: number;
  kind: UnnamedKind;
}

const UNNAMED_PATTERN = new RegExp(`^\\(no name: attachment (\\d{1,4}), (${UNNAMED_KINDS.join('|')})\\)$`);

/**
 * The name kept for an attachment that came without one: plain English where it is shown as it is
 * (the web view, the export), read back by `unnamedFileOf` where a guardian is told about it.
 */
export function unnamedFileName(file: UnnamedFile): string {
  return `(no name: attachment ${file.position}, ${file.kind})`;
}

/** The place and kind of an attachment that came without a name; null for a named one. */
export function unnamedFileOf(name: string): UnnamedFile | null {
  const match = UNNAMED_PATTERN.exec(name);
  return match ? { position: Number(match[1]), kind: match[2] as UnnamedKind } : null;
}

/** The kind of an attachment by its declared content type (what a mail app shows for it). */
export function unnamedKindOf(contentType: string): UnnamedKind {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type.includes('spreadsheetml') || type === 'application/vnd.ms-excel') return 'spreadsheet';
  if (type === 'text/csv' || type === 'text/tab-separated-values' || type === 'application/csv') return 'csv';
  if (type.includes('wordprocessingml') || type === 'application/msword') return 'word';
  if (type.startsWith('text/')) return 'text';
  return 'file';
}
