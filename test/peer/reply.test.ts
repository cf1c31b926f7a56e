// Reply stripping against the public fixtures of email-reply-parser (crisp) and talon
// (../shared/peer/reply), read with the manifest's semantics. The project returns the author's
// text trimmed, so whitespace at the two ends is not compared ("exact" and "trim" alike).
// Where the originals assert on their fragment model, the nearest equivalent is checked:
// - a fragment count of exactly 1 means nothing is stripped;
// - a pattern on crisp's first fragment or visible text applies to the author's text;
// - a pattern the quoted history must (not) match means the author's text must not (must) match it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMime } from '../../shared/mail/parse-mime';
import { stripReply } from '../../shared/mail/strip-reply';

const folder = join(process.cwd(), '..', 'shared', 'peer', 'reply');
const present = existsSync(join(folder, 'manifest.json'));
if (!present) console.warn(`Skipped the peer reply suite: ${folder} does not exist.`);

interface Pattern {
  pattern: string;
  flags: string;
  match: boolean;
  trim?: boolean;
}

interface Check {
  on: string;
  op: string;
  value?: unknown;
  pattern?: string;
  flags?: string;
}

interface Case {
  source: string;
  file: string;
  reply: string | null;
  reply_patterns: Pattern[];
  checks?: Check[];
  input_text?: string;
}

async function inputOf(c: Case): Promise<string> {
  const path = join(folder, c.file);
  if (!c.file.endsWith('.eml')) return readFileSync(path, 'utf8');
  const parsed = await parseMime(readFileSync(path));
  return parsed.text ?? '';
}

function failures(c: Case, input: string, got: string): string[] {
  const bad: string[] = [];
  if (c.reply !== null && got.trim() !== c.reply.trim()) bad.push(`reply=${JSON.stringify(got.slice(0, 200))}`);
  for (const p of c.reply_patterns) {
    const text = p.trim ? got.trim() : got;
    if (new RegExp(p.pattern, p.flags).test(text) !== p.match)
      bad.push(`pattern ${p.pattern} ${p.match ? 'absent' : 'present'}`);
  }
  for (const check of c.checks ?? []) {
    if (check.on === 'fragment_count' && check.op === 'equals' && check.value === 1 && got.trim() !== input.trim()) {
      bad.push('stripped a message that has no history');
    }
    if (check.on === 'quoted_text' && check.pattern) {
      const inAuthor = new RegExp(check.pattern, check.flags ?? '').test(got);
      if (check.op === 'matches' && inAuthor) bad.push(`history kept: ${check.pattern}`);
      if (check.op === 'not_matches' && !inAuthor) bad.push(`author text lost: ${check.pattern}`);
    }
    if (check.on === 'visible_text' && check.pattern && c.reply_patterns.length === 0) {
      const found = new RegExp(check.pattern, check.flags ?? '').test(got);
      if ((check.op === 'matches') !== found) bad.push(`visible ${check.op} ${check.pattern}`);
    }
  }
  if (got.trim() === '' && input.trim() !== '') bad.push('nothing left');
  return bad;
}

describe.skipIf(!present)('stripReply on the peer reply fixtures', () => {
  it('keeps the author text of at least 90% of the 88 cases as the manifest states', async () => {
    // Prepare
    const cases = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Case[];

    // Act
    const failed: string[] = [];
    for (const c of cases) {
      const input = await inputOf(c);
      const bad = failures(c, input, stripReply(input));
      if (bad.length > 0) failed.push(`${c.file}: ${bad.join('; ')}`);
    }

    // Assess
    const passed = cases.length - failed.length;
    console.log(`peer reply: ${passed}/${cases.length} cases pass (${((100 * passed) / cases.length).toFixed(1)}%)`);
    if (failed.length > 0) console.log(`failing cases:\n  ${failed.join('\n  ')}`);
    expect(cases.length).toBe(88);
    expect(passed / cases.length).toBeGreaterThanOrEqual(0.9);
  });
});
