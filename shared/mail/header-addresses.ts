// Reads the addresses a mail client printed in a forwarded header block ("From: Ana <ana@x.org>",
// "To: a@x.org; 'Berry, Bessie' <b@y.org>", "John Doe<mailto:j@x.org>"). Plain scanning, no regex backtracking.
import type { MailAddress } from './types';

const quoteChars = new Set(['"', "'", '«', '»', '„', '”', '“', '`', ' ', '\t', '\u00a0']);

function stripQuotes(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && quoteChars.has(value[start] ?? '')) start++;
  while (end > start && quoteChars.has(value[end - 1] ?? '')) end--;
  return value.slice(start, end);
}

/** Turns Outlook's "<mailto:a@b>" and "[mailto:a@b]" into "<a@b>". */
function dropMailto(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const ch = value[i];
    if ((ch === '<' || ch === '[') && value.slice(i + 1, i + 8).toLowerCase() === 'mailto:') {
      const close = value.indexOf(ch === '<' ? '>' : ']', i);
      if (close < 0) break;
      out += `<${value.slice(i + 8, close)}>`;
      i = close + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export function looksLikeAddress(value: string): boolean {
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@') || at === value.length - 1) return false;
  for (const ch of value) if (ch === ' ' || ch === '<' || ch === '>' || ch === ',' || ch === ';') return false;
  return value.indexOf('.', at) > at + 1;
}

/** One mailbox: "Name <a@b>", "a@b", "Name [a@b]", "Name (a@b)", or a bare name. */
export function parseMailbox(raw: string): MailAddress | null {
  const value = dropMailto(raw).trim();
  if (value === '') return null;
  const pairs: [string, string][] = [
    ['<', '>'],
    ['[', ']'],
    ['(', ')'],
  ];
  for (const [open, close] of pairs) {
    const start = value.indexOf(open);
    if (start < 0) continue;
    const end = value.indexOf(close, start + 1);
    if (end < 0) continue;
    // "<a@b>", "<a@b<a@b>" (a mailto link turned back into an address), "<a@b [a@b]>" (a link as text).
    const inner = value
      .slice(start + 1, end)
      .split(/[\s<>()[\]]+/)
      .map(stripQuotes)
      .find(looksLikeAddress);
    if (!inner) continue;
    const name = stripQuotes(value.slice(0, start));
    return {
      address: inner,
      name: name === '' || name.toLowerCase() === inner.toLowerCase() ? null : name,
    };
  }
  const bare = stripQuotes(value);
  if (looksLikeAddress(bare)) return { address: bare, name: null };
  // "John Doe on behalf of ..." and names with no address at all.
  return bare === '' ? null : { address: null, name: bare };
}

/** Splits on , and ; outside quotes and brackets; a piece with no address joins the next one. */
export function parseAddressList(raw: string): MailAddress[] {
  const value = dropMailto(raw);
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  let depth = 0;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '[' || ch === '(')) depth++;
    else if (!quoted && (ch === '>' || ch === ']' || ch === ')')) depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && (ch === ',' || ch === ';')) {
      pieces.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  pieces.push(current);
  const merged: string[] = [];
  let carry = '';
  const trimmed = pieces.map((p) => p.trim()).filter((p) => p !== '');
  trimmed.forEach((piece, index) => {
    const joined = carry === '' ? piece : `${carry}, ${piece}`;
    const isLast = index === trimmed.length - 1;
    const anyAddressLater = trimmed.slice(index + 1).some((p) => p.includes('@'));
    if (!piece.includes('@') && !isLast && anyAddressLater) {
      carry = joined;
      return;
    }
    carry = '';
    merged.push(joined);
  });
  const out: MailAddress[] = [];
  for (const piece of merged) {
    const mailbox = parseMailbox(piece);
    if (mailbox) out.push(mailbox);
  }
  return out;
}
