// The mail the benchmark reads: the project's own labelled corpora, so the figures are the same
// on any clone and cover every kind of mail the reader meets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bundle-functions';

export interface BenchMessage {
  name: string;
  bytes: Uint8Array;
  /** The address in the top-level From header, lower-case (who sent or forwarded it). */
  from: string | null;
}

export interface BenchCorpus {
  /** Where the messages came from, for the report. */
  source: string;
  messages: BenchMessage[];
}

function topFrom(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 16_384)).toString('latin1');
  for (const line of head.split(/\r?\n/)) {
    if (line === '') break;
    if (/^from:/i.test(line)) {
      const angle = line.match(/<([^<>\s]+@[^<>\s]+)>/);
      const bare = line.match(/([^\s<>:]+@[^\s<>]+)/);
      return (angle?.[1] ?? bare?.[1] ?? '').toLowerCase() || null;
    }
  }
  return null;
}

/**
 * Every labelled message of the project's own corpora (test/fixtures/corpus-*): forwards and direct
 * mail with PDF and XLSX attachments, HTML tables and Spanish, in a fixed order.
 */
export function loadCorpus(root = PROJECT_ROOT): BenchCorpus {
  const fixtures = join(root, 'test', 'fixtures');
  const corpora = readdirSync(fixtures)
    .filter((name) => name.startsWith('corpus-'))
    .sort();
  const messages = corpora.flatMap((corpus) =>
    readdirSync(join(fixtures, corpus))
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => {
        const bytes = new Uint8Array(readFileSync(join(fixtures, corpus, name)));
        return { name: `${corpus}/${name}`, bytes, from: topFrom(bytes) };
      }),
  );
  const count = (pattern: RegExp) =>
    messages.filter((m) => pattern.test(Buffer.from(m.bytes).toString('latin1'))).length;
  return {
    source: `the project's corpora (test/fixtures/${corpora.join(', ')}: ${messages.length} messages, ${count(/application\/pdf/i)} with a PDF, ${count(/spreadsheetml/i)} with an XLSX, ${count(/<table/i)} with an HTML table)`,
    messages,
  };
}

/** `count` messages, the corpus repeated in order. */
export function repeated(corpus: BenchCorpus, count: number): BenchMessage[] {
  return Array.from({ length: count }, (_, i) => corpus.messages[i % corpus.messages.length] as BenchMessage);
}

/** A copy of a raw message with its Message-ID made unique (so a repeat is a new message, not a redelivery). */
export function withUniqueMessageId(bytes: Uint8Array, suffix: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const rest = end < 0 ? '' : text.slice(end);
  const replaced = head.replace(
    /^(message-id:[ \t]*<)([^>\r\n]*)>/im,
    (_, start: string, id: string) => `${start}${id}.${suffix}>`,
  );
  const withId = replaced === head ? `Message-ID: <bench.${suffix}@bench.example.org>\r\n${head}` : replaced;
  return new Uint8Array(Buffer.from(withId + rest, 'latin1'));
}
