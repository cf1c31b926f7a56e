// The forward unwrapper against email-forward-parser's public fixtures (../shared/peer/forward):
// 206 cases over 13 mail clients and 23 languages, read with the manifest's semantics.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MailAddress } from '../../shared/mail/types';
import { unwrapForward } from '../../shared/mail/unwrap-forward';

const folder = join(process.cwd(), '..', 'shared', 'peer', 'forward');
const present = existsSync(join(folder, 'manifest.json'));
if (!present) console.warn(`Skipped the peer forward suite: ${folder} does not exist.`);

interface Expected {
  forwarded: boolean;
  from: MailAddress | null;
  subject: string | null;
  to: Partial<MailAddress>[] | null;
  cc: Partial<MailAddress>[] | null;
  message: string | null;
  email: string | null;
}

interface Case {
  body: string;
  subject: string | null;
  test: string;
  checked: string[];
  expect: Expected;
}

function recipientsMatch(actual: MailAddress[], expected: Partial<MailAddress>[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  return expected.every((want, i) => {
    const got = actual[i];
    if (!got) return false;
    if ('address' in want && got.address !== want.address) return false;
    if ('name' in want && got.name !== want.name) return false;
    return true;
  });
}

/** The fields of one case that do not hold, by name. */
function failures(c: Case): string[] {
  const body = readFileSync(join(folder, c.body), 'utf8');
  const subject = c.subject ? readFileSync(join(folder, c.subject), 'utf8') : undefined;
  const got = unwrapForward(body, subject);
  const bad: string[] = [];
  for (const field of c.checked) {
    switch (field) {
      case 'forwarded':
        if (got.forwarded !== c.expect.forwarded) bad.push('forwarded');
        break;
      case 'subject':
        if (got.subject !== c.expect.subject) bad.push(`subject=${JSON.stringify(got.subject)}`);
        break;
      case 'date':
        if (!got.date || got.date.length <= 1) bad.push('date');
        break;
      case 'from':
        if (got.from?.address !== c.expect.from?.address || got.from?.name !== c.expect.from?.name) {
          bad.push(`from=${JSON.stringify(got.from)}`);
        }
        break;
      case 'to':
        if (!recipientsMatch(got.to, c.expect.to ?? [])) bad.push(`to=${JSON.stringify(got.to)}`);
        break;
      case 'cc':
        if (!recipientsMatch(got.cc, c.expect.cc ?? [])) bad.push(`cc=${JSON.stringify(got.cc)}`);
        break;
      case 'message':
        if (got.message !== c.expect.message) bad.push('message');
        break;
      case 'email':
        if ((got.note ?? null) !== c.expect.email) bad.push(`note=${JSON.stringify(got.note)}`);
        break;
    }
  }
  return bad;
}

describe.skipIf(!present)('unwrapForward on the peer forward fixtures', () => {
  it('unwraps at least 95% of the 206 cases exactly as the manifest states', () => {
    // Prepare
    const cases = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Case[];

    // Act
    const failed = cases
      .map((c) => ({ c, bad: failures(c) }))
      .filter((r) => r.bad.length > 0)
      .map((r) => `${r.c.body}${r.c.subject ? ` + ${r.c.subject}` : ''} (${r.c.test}): ${r.bad.join(', ')}`);

    // Assess
    const passed = cases.length - failed.length;
    console.log(`peer forward: ${passed}/${cases.length} cases pass (${((100 * passed) / cases.length).toFixed(1)}%)`);
    if (failed.length > 0) console.log(`failing cases:\n  ${failed.join('\n  ')}`);
    expect(cases.length).toBe(206);
    expect(passed / cases.length).toBeGreaterThanOrEqual(0.95);
  });
});
