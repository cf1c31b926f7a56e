// A guardian's forward with files attached, as a mail client writes it (multipart/mixed, base64 in
// 76-character lines): the hostile-attachment tests build their messages with it.
export interface Attachment {
  /** null: sent without a file name, as some phones and scanners do. */
  name: string | null;
  type: string;
  bytes: Uint8Array;
}

/** The MIME body lines (Content-Type header first) of a short note with the files attached. */
export function attachmentLines(files: Attachment[], note = 'See attached.'): string[] {
  const lines = ['Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', note];
  for (const file of files) {
    lines.push(
      '--b1',
      file.name === null ? `Content-Type: ${file.type}` : `Content-Type: ${file.type}; name="${file.name}"`,
      'Content-Transfer-Encoding: base64',
      file.name === null
        ? 'Content-Disposition: attachment'
        : `Content-Disposition: attachment; filename="${file.name}"`,
      '',
      ...(Buffer.from(file.bytes)
        .toString('base64')
        .match(/.{1,76}/g) ?? []),
    );
  }
  lines.push('--b1--', '');
  return lines;
}
