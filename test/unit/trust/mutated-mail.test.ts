// Property tests: real messages mutated (truncated, bytes flipped, parts duplicated, charsets
// swapped) and random text go through reading and extraction; no exception escapes or is
// swallowed, and every message finishes within a bound that only catastrophic backtracking breaks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromBytes } from '../../../shared/extract/extract-from-bytes';
import { readMessage } from '../../../shared/mail/read-message';
import { problemInEnglish } from '../../../shared/render/problem-words';

const PER_MESSAGE_MS = 2_000;
const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'dev');
const EXAMPLES = join(process.cwd(), 'examples');
const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) console.warn(`skipped: the development corpus (${CORPUS}) is not here; mutating examples/ only`);

const emlIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));

const originals = [...emlIn(EXAMPLES), ...(corpusPresent ? emlIn(CORPUS) : [])];

/** What extraction says when it had to catch an exception: a finder or the whole run threw. */
const SWALLOWED = /^could not read this message$|^could not read the .+ in this message$|took too long/;

const CHARSETS = ['utf-8', 'iso-8859-1', 'windows-1252', 'utf-16', 'utf-7', 'shift_jis', 'x-no-such-charset', '', '"'];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number[]; xor: number }
  | { kind: 'duplicate'; from: number; length: number }
  | { kind: 'charset'; to: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    from: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 4_000 }),
  }),
  fc.record({ kind: fc.constant('charset' as const), to: fc.constantFrom(...CHARSETS) }),
);

function mutate(bytes: Uint8Array, change: Mutation): Uint8Array {
  const buffer = Buffer.from(bytes);
  switch (change.kind) {
    case 'truncate':
      return buffer.subarray(0, Math.floor(change.at * buffer.length));
    case 'flip': {
      const out = Buffer.from(buffer);
      for (const at of change.at) {
        const i = Math.min(out.length - 1, Math.floor(at * out.length));
        out[i] = (out[i] ?? 0) ^ change.xor;
      }
      return out;
    }
    case 'duplicate': {
      // A part (or any run of lines) repeated: boundaries, headers and bodies appear twice.
      const text = buffer.toString('latin1');
      const boundaries = [...text.matchAll(/\r?\n--[^\r\n]+/g)].map((m) => m.index ?? 0);
      const start =
        boundaries.length > 1
          ? (boundaries[Math.floor(change.from * boundaries.length)] ?? 0)
          : Math.floor(change.from * text.length);
      const end = Math.min(text.length, start + change.length);
      return Buffer.from(text.slice(0, end) + text.slice(start, end) + text.slice(end), 'latin1');
    }
    case 'charset':
      return Buffer.from(buffer.toString('latin1').replace(/charset="?[^";\s]*"?/gi, `charset=${change.to}`), 'latin1');
  }
}

async function readAndExtract(bytes: Uint8Array) {
  const started = Date.now();
  const read = await readMessage(bytes);
  const outcome = await extractFromBytes(bytes, { tz: 'America/Los_Angeles', file: 'mutated.eml' });
  return { read, outcome, ms: Date.now() - started };
}

describe('real messages, mutated', () => {
  it('the originals themselves read and extract without a swallowed exception', async () => {
    expect(originals.length).toBeGreaterThanOrEqual(7);
    for (const original of originals) {
      const { outcome, ms } = await readAndExtract(original.bytes);
      expect({
        file: original.name,
        swallowed: outcome.problems.filter((p) => SWALLOWED.test(problemInEnglish(p))),
      }).toEqual({
        file: original.name,
        swallowed: [],
      });
      expect(ms).toBeLessThan(PER_MESSAGE_MS * 5);
    }
  }, 120_000);

  it('truncated, flipped, duplicated or charset-swapped: nothing thrown or swallowed, each within 2 s', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: originals.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (index, changes) => {
          const original = originals[index];
          if (!original) return;
          const bytes = changes.reduce<Uint8Array>((current, change) => mutate(current, change), original.bytes);
          const { read, outcome, ms } = await readAndExtract(bytes);
          expect(typeof read.text).toBe('string');
          expect(outcome.extraction.schema).toBe('iep-extract/1');
          expect(outcome.problems.filter((p) => SWALLOWED.test(problemInEnglish(p)))).toEqual([]);
          expect(ms).toBeLessThan(PER_MESSAGE_MS);
        },
      ),
      { numRuns: 200 },
    );
  }, 300_000);
});

describe('random text to the extractor', () => {
  // Pieces the extractor's patterns look for, so random text reaches deep into them.
  const piece = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom(
      'speech ',
      'OT ',
      'minutes',
      ' min',
      '30',
      '1:1 ',
      'group',
      'missed',
      'absent',
      'make-up',
      'Nov 3',
      '11/03/2026',
      'Tuesday',
      'from 9:00 to 9:30',
      '(',
      ')',
      ' - ',
      '--',
      ':',
      '\n',
      '\r\n',
      '\t',
      '>',
      'On Tue, Nov 3, 2026 at 3:10 PM Jane <j@x.org> wrote:',
      '---------- Forwarded message ---------',
      'From: ',
      'Sent: ',
      'Subject: ',
      '|',
      ',',
      '.',
      '.'.repeat(300),
      ' '.repeat(500),
      '9'.repeat(400),
      'a'.repeat(2_000),
      'minutes '.repeat(200),
      '<table><tr><td>',
      '</td></tr>',
      '=?utf-8?B?',
      '%',
    ),
  );
  const text = fc.array(piece, { maxLength: 120 }).map((parts) => parts.join(''));

  it('as the body of a message: nothing thrown or swallowed, each within 2 s', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (body, html) => {
        const bytes = Buffer.from(
          [
            'From: Jane <jane@district.example.org>',
            'To: lena@in.example.org',
            'Subject: Speech',
            'Date: Tue, 03 Nov 2026 15:00:00 -0800',
            `Content-Type: text/${html ? 'html' : 'plain'}; charset=utf-8`,
            'Content-Transfer-Encoding: base64',
            '',
            Buffer.from(body, 'utf8').toString('base64'),
            '',
          ].join('\r\n'),
        );
        const { outcome, ms } = await readAndExtract(bytes);
        expect(outcome.problems.filter((p) => SWALLOWED.test(problemInEnglish(p)))).toEqual([]);
        expect(ms).toBeLessThan(PER_MESSAGE_MS);
      }),
      { numRuns: 200 },
    );
  }, 300_000);
});
