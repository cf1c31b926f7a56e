// Deterministic record ids. A record's id comes from the ORIGINAL it was read from (its author,
// the day it was written and what it says) and the item itself, never from the message that
// carried it: the same original forwarded twice, by two parents with new Message-IDs, gives the
// same ids and so adds nothing.
import { createHash } from 'node:crypto';
import type { ExtractionWithProvenance, Provenance } from '../records/types';
import type { StoredRecord } from '../store/records';
import { hashId } from '../store/unguessable-ids';

/** Letters and digits only, lower-case, NFKC: survives re-wrapping, quoting marks and spacing changes by mail clients. */
export function normalizeAuthorText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKC').toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(char)) out += char;
  }
  return out;
}

export interface OriginalFacts {
  /** Lower-cased address of the original author, or null. */
  author: string | null;
  /** YYYY-MM-DD the original was written, in the child's zone, or null. */
  authoredOn: string | null;
  /** What the author wrote (quoted history removed). */
  text: string;
  /** The original's attachments' bytes (their hashes join the key). */
  attachments?: ReadonlyArray<Uint8Array>;
}

/** The content key of an original message: equal for the same original however it arrived. */
export function originalContentKey(original: OriginalFacts): string {
  const attachmentHashes = (original.attachments ?? [])
    .map((bytes) => createHash('sha256').update(bytes).digest('hex'))
    .sort();
  return hashId([
    'original/1',
    (original.author ?? '').trim().toLowerCase(),
    original.authoredOn ?? '',
    normalizeAuthorText(original.text),
    ...attachmentHashes,
  ]);
}

/** Item fields in a fixed order, without provenance: what makes two items "the same item". */
export function canonicalItem(item: Record<string, unknown>): string {
  const keys = Object.keys(item)
    .filter((key) => key !== 'source')
    .sort();
  return JSON.stringify(keys.map((key) => [key, item[key] ?? null]));
}

export interface RecordContext {
  childId: string;
  messageId: string;
  rawKey: string;
  recordedAt: string;
  /** Content key of the original (the author's text and attachments). */
  originalKey: string;
  /** Content key of the forwarding parent's note, when there is one. */
  noteKey: string | null;
}

const NO_SOURCE: Omit<Provenance, 'messageKey'> = { part: 'body', line: null, excerpt: null };

/** The records an extraction gives, each with its deterministic id, in the order the answer numbers them. */
export function recordsFromExtraction(extraction: ExtractionWithProvenance, context: RecordContext): StoredRecord[] {
  const seen = new Map<string, number>();
  const out: StoredRecord[] = [];
  const add = (kind: StoredRecord['kind'], item: Record<string, unknown>, source: Omit<Provenance, 'messageKey'>) => {
    const key = source.part === 'note' && context.noteKey ? context.noteKey : context.originalKey;
    const canonical = `${kind}|${canonicalItem(item)}`;
    const ordinal = seen.get(`${key}|${canonical}`) ?? 0;
    seen.set(`${key}|${canonical}`, ordinal + 1);
    const id = hashId([context.childId, key, canonical, String(ordinal)]);
    const { source: _ignored, ...fields } = item;
    out.push({
      ...fields,
      kind,
      id,
      childId: context.childId,
      source: { messageKey: context.rawKey, ...source },
      confirmed: false,
      deleted: false,
      history: [{ at: context.recordedAt, action: 'recorded', by: 'system' }],
      recordedAt: context.recordedAt,
      messageId: context.messageId,
      contentKey: key,
    } as StoredRecord);
  };
  for (const item of extraction.sessions) add('session', { ...item }, item.source);
  for (const item of extraction.requirements) add('requirement', { ...item }, item.source);
  if (extraction.settingPercent) add('setting-percent', { ...extraction.settingPercent }, NO_SOURCE);
  for (const item of extraction.settingEvents) add('setting-event', { ...item }, item.source);
  for (const item of extraction.dates) add('date', { ...item }, item.source);
  return out;
}
