import { describe, expect, it } from 'vitest';
import { replyAddress, signReplyReference, verifyReplyReference } from '../../../shared/ingest/reply-reference';

const SECRET = 'a-signing-secret-of-enough-length';
const issuedAt = new Date('2026-11-03T18:00:00Z');
const reference = { childId: 'abcdefgh23', answerId: 'qrstuvwx', issuedAt };

describe('reply reference', () => {
  it('a reference we signed is accepted and says which child and answer it is about', () => {
    // Act
    const ref = signReplyReference(reference, SECRET);
    const verified = verifyReplyReference(ref, SECRET, new Date('2026-11-10T00:00:00Z'));
    // Assess
    expect(ref).toMatch(/^[a-z2-7]{36}$/);
    expect(verified).toEqual({
      childId: 'abcdefgh23',
      answerId: 'qrstuvwx',
      issuedOn: new Date('2026-11-03T00:00:00Z'),
    });
  });

  it('is accepted whatever the case a mail client gave it', () => {
    const ref = signReplyReference(reference, SECRET);
    expect(verifyReplyReference(ref.toUpperCase(), SECRET, issuedAt)).not.toBeNull();
  });

  it('a reference with any one character changed is refused', () => {
    // Prepare
    const ref = signReplyReference(reference, SECRET);
    // Act
    const altered = Array.from(ref, (_char, i) => {
      const chars = ref.split('');
      chars[i] = chars[i] === 'a' ? 'b' : 'a';
      return verifyReplyReference(chars.join(''), SECRET, issuedAt);
    });
    // Assess
    expect(altered.every((result) => result === null)).toBe(true);
  });

  it('a reference pointing another child at the same answer is refused', () => {
    const ref = signReplyReference(reference, SECRET);
    const foreign = `zzzzzzzzzz${ref.slice(10)}`;
    expect(verifyReplyReference(foreign, SECRET, issuedAt)).toBeNull();
  });

  it('a reference signed by another deployment is refused', () => {
    const ref = signReplyReference(reference, 'another-deployment-secret-here');
    expect(verifyReplyReference(ref, SECRET, issuedAt)).toBeNull();
  });

  it('is accepted up to 60 days and refused after', () => {
    const ref = signReplyReference(reference, SECRET);
    expect(verifyReplyReference(ref, SECRET, new Date('2027-01-01T23:00:00Z'))).not.toBeNull();
    expect(verifyReplyReference(ref, SECRET, new Date('2027-01-03T00:00:00Z'))).toBeNull();
  });

  it('garbage of any shape is refused without throwing', () => {
    for (const value of ['', 'ok', '../../etc', 'a'.repeat(36), `${'a'.repeat(35)}!`, 'x'.repeat(10_000)]) {
      expect(verifyReplyReference(value, SECRET, issuedAt)).toBeNull();
    }
  });

  it("plus-addresses the child's own address and keeps the local part within 64 characters", () => {
    const ref = signReplyReference(reference, SECRET);
    const address = replyAddress('maximilian-abcdefghijklmnop@in.example.org', ref);
    expect(address).toBe(`maximilian-abcdefghijklmnop+${ref}@in.example.org`);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
  });
});
