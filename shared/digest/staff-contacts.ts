// Who at school is who, from the child's own mail: each author address with the words near their
// name in the signature ("Speech-Language Pathologist", "Case Manager"), kept on the message's
// item when it is recorded. The drafts pick their recipients from these role words. Guardians, the
// system's own addresses and the child's inbound address are never contacts.

import type { StaffContact } from '../compliance/digest-types';
import type { ReadMessage } from '../mail/types';
import type { MessageAuthor } from '../store/messages';

/** Lines at the end of the author's text that are looked at for a signature. */
const SIGNATURE_LINES = 12;
/** A signature line longer than this is prose, not a title. */
const MAX_ROLE_LINE = 80;
const MAX_ROLES = 8;

export interface ContactFilter {
  /** Lower-cased addresses that are never contacts (guardians, our own sender). */
  exclude: readonly string[];
  /** Domains that are never contacts (the inbound domain). */
  excludeDomains: readonly string[];
}

function cleanLine(line: string): string {
  let out = '';
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f ? ' ' : char;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** The short lines of the signature block: the last lines of the text, without blank or long ones. */
export function signatureLines(text: string): string[] {
  const lines = text.slice(-4_000).split('\n').slice(-SIGNATURE_LINES);
  const out: string[] = [];
  for (const raw of lines) {
    const line = cleanLine(raw);
    if (line.length === 0 || line.length > MAX_ROLE_LINE) continue;
    if (line.includes('@') || line.startsWith('>')) continue;
    out.push(line);
  }
  return out.slice(-MAX_ROLES);
}

/**
 * Who wrote a message and the signature lines under their text, taken when the message is
 * recorded so the digest never reads stored mail again; null when the author gave no usable address.
 */
export function messageAuthor(message: ReadMessage): MessageAuthor | null {
  const address = message.author?.address?.trim().toLowerCase();
  if (!address || address.length > 254) return null;
  const name = message.author?.name ? cleanLine(message.author.name).slice(0, 200) : null;
  return { address, name: name || null, roles: signatureLines(message.text) };
}

/** One contact per author address, the roles of every message they wrote merged. */
export function staffContacts(
  authors: readonly (MessageAuthor | null | undefined)[],
  filter: ContactFilter,
): StaffContact[] {
  const exclude = new Set(filter.exclude.map((a) => a.toLowerCase()));
  const domains = new Set(filter.excludeDomains.map((d) => d.toLowerCase()));
  const byAddress = new Map<string, { name: string | null; roles: Set<string> }>();
  for (const author of authors) {
    if (!author) continue;
    const { address } = author;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (exclude.has(address) || domains.has(domain)) continue;
    const entry = byAddress.get(address) ?? { name: null, roles: new Set<string>() };
    if (author.name && !entry.name) entry.name = author.name;
    for (const line of author.roles) if (entry.roles.size < 20) entry.roles.add(line);
    byAddress.set(address, entry);
  }
  return [...byAddress.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([address, entry]) => ({ address, name: entry.name, roles: [...entry.roles] }));
}
