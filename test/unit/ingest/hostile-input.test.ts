import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signReplyReference, verifyReplyReference } from '../../../shared/ingest/reply-reference';
import { renderAnswerEmail } from '../../../shared/render/answer-email';
import { escapeHtml, headerSafe } from '../../../shared/render/escape';
import { parseInboundAddress } from '../../../shared/store/families';

const SECRET = 'a-signing-secret-of-enough-length';
const at = new Date('2026-11-04T00:00:00Z');

describe('hostile input, generated', () => {
  it('no string verifies as a reply reference unless we signed it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        expect(verifyReplyReference(value, SECRET, at)).toBeNull();
      }),
    );
  });

  it('every reference we sign verifies', () => {
    const id = (length: number) =>
      fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567'), { minLength: length, maxLength: length });
    fc.assert(
      fc.property(id(10), id(8), fc.integer({ min: 0, max: 59 }), (child, answer, daysAgo) => {
        const issuedAt = new Date(at.getTime() - daysAgo * 86_400_000);
        const ref = signReplyReference({ childId: child.join(''), answerId: answer.join(''), issuedAt }, SECRET);
        expect(verifyReplyReference(ref, SECRET, at)).not.toBeNull();
      }),
    );
  });

  it('a header value never carries a line break or any other control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        const controls = Array.from(headerSafe(value)).filter((char) => (char.codePointAt(0) ?? 0) < 0x20);
        expect(controls).toEqual([]);
      }),
    );
  });

  it('escaped text never opens a tag or an attribute', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        expect(escapeHtml(value)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('an answer never carries inbound markup into its HTML', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (name, subject) => {
        const mail = renderAnswerEmail({
          childName: `<b>${name}`,
          subject: `<img src=x>${subject}`,
          items: [],
          ignored: [{ what: subject, why: name }],
          unreadable: false,
        });
        expect(mail.html).not.toContain('<b>');
        expect(mail.html).not.toContain('<img');
        expect(mail.subject).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('reading an address never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (value) => {
        parseInboundAddress(value, 'in.example.org');
      }),
    );
  });
});
