// Inbound addresses and calendar tokens carry at least 80 bits from a cryptographic generator.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCalendarToken } from '../../../shared/store/calendar-tokens';
import { newInboundToken } from '../../../shared/store/unguessable-ids';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Bits a token of base32 characters can carry. */
const bitsOf = (token: string) => token.length * 5;

function decodeBits(token: string): number[] {
  const bits: number[] = [];
  for (const char of token) {
    const value = ALPHABET.indexOf(char);
    for (let shift = 4; shift >= 0; shift--) bits.push((value >> shift) & 1);
  }
  return bits;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe.each([
  ['the inbound address token', newInboundToken, 80],
  ['the calendar feed token', newCalendarToken, 128],
])('%s', (_, generate, bits) => {
  const SAMPLE = 20_000;
  const tokens = Array.from({ length: SAMPLE }, () => generate());

  it(`is ${bits} bits of lower-case base32`, () => {
    for (const token of tokens.slice(0, 100)) {
      expect(token).toMatch(/^[a-z2-7]+$/);
      expect(bitsOf(token)).toBeGreaterThanOrEqual(bits);
    }
  });

  it('never repeats in 20,000 draws', () => {
    expect(new Set(tokens).size).toBe(SAMPLE);
  });

  it('has every bit set about half the time (no fixed or biased bits)', () => {
    const ones = new Array<number>(bitsOf(tokens[0] ?? '')).fill(0);
    for (const token of tokens) {
      for (const [i, bit] of decodeBits(token).entries()) ones[i] = (ones[i] ?? 0) + bit;
    }
    // 20,000 fair coins: the share of ones lies within 0.47..0.53 except with negligible odds.
    // A trailing padding bit (128 is not a multiple of 5) is always zero and is left out.
    const used = ones.slice(0, bits);
    for (const count of used) {
      expect(count / SAMPLE).toBeGreaterThan(0.47);
      expect(count / SAMPLE).toBeLessThan(0.53);
    }
  });
});

describe('where the randomness comes from', () => {
  it('the tokens are drawn from node:crypto randomBytes', () => {
    const ids = readFileSync(join(process.cwd(), 'shared/store/unguessable-ids.ts'), 'utf8');
    const calendar = readFileSync(join(process.cwd(), 'shared/store/calendar-tokens.ts'), 'utf8');
    expect(ids).toMatch(/import \{[^}]*randomBytes[^}]*\} from 'node:crypto'/);
    expect(ids).toMatch(/newInboundToken\(\): string \{\s*return base32\(randomBytes\(10\)\)/);
    expect(calendar).toMatch(/import \{[^}]*randomBytes[^}]*\} from 'node:crypto'/);
    expect(calendar).toMatch(/return base32\(randomBytes\(16\)\)/);
  });

  it('Math.random is used nowhere in the domain, the handlers or the local stack', () => {
    const offenders = ['shared', 'functions', 'local']
      .flatMap((dir) => sourcesUnder(join(process.cwd(), dir)))
      .filter((path) => readFileSync(path, 'utf8').includes('Math.random'));
    expect(offenders).toEqual([]);
  });
});
