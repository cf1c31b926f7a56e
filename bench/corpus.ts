// The mail the benchmark reads: the dev corpus beside the project (../shared/corpus/dev) when it
// is there, else the project's own examples/ (and the benchmark says which).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

export function loadCorpus(root = PROJECT_ROOT): BenchCorpus {
  const dev = join(root, '..', 'shared', 'corpus', 'dev');
  const useDev = existsSync(dev) && readdirSync(dev).some((name) => name.endsWith('.eml'));
  const dir = useDev ? dev : join(root, 'examples');
  const messages = readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      return { name, bytes, from: topFrom(bytes) };
    });
  return {
    source: useDev
      ? `the dev corpus (../shared/corpus/dev, ${messages.length} messages)`
      : `the project's examples/ (${messages.length} messages; ../shared/corpus/dev is absent)`,
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
