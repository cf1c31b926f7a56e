import { describe, expect, it } from 'vitest';
import { answeringWouldLoop, rawKeyFor, safeMessageIdHeader } from '../../../shared/ingest/ingest-message';
import type { MailVerdicts } from '../../../shared/ingest/ingest-types';
import { judgeSender, receiptAuthentication } from '../../../shared/ingest/sender-authentication';
import type { ReadMessage } from '../../../shared/mail/types';
import { readMessage } from '../../support/read-message';

function readWith(headers: Record<string, string>): ReadMessage {
  return readMessage({ outer: { headers } });
}

describe('who the sender is proven to be', () => {
  const one = ['parent@example.com'];
  const ses = (verdicts: MailVerdicts) => judgeSender(one, receiptAuthentication(verdicts));

  it("the local stack's own delivery is trusted, with no domain proven", () => {
    expect(judgeSender(one, { kind: 'locally-trusted' })).toEqual({ authenticated: true, verifiedDomain: null });
  });

  it('DMARC passing proves the From domain, in any case', () => {
    expect(ses({ spf: 'FAIL', dkim: 'PASS', dmarc: 'pass' })).toEqual({
      authenticated: true,
      verifiedDomain: 'example.com',
    });
  });

  it.each<[string, MailVerdicts]>([
    ['DMARC failing', { spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' }],
    [
      'SPF and DKIM passing without DMARC (they need not be the From domain)',
      { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' },
    ],
    ['every verdict GRAY', { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' }],
    [
      'verdicts that could not be computed',
      { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED', dmarc: 'PROCESSING_FAILED' },
    ],
    ['no verdicts at all', {}],
  ])('%s: not proven', (_, verdicts) => {
    expect(ses(verdicts)).toMatchObject({ authenticated: false, hold: 'unauthenticated' });
  });

  it('a virus or spam verdict holds, whatever DMARC says', () => {
    expect(ses({ dmarc: 'PASS', virus: 'FAIL' })).toMatchObject({ hold: 'virus' });
    expect(ses({ dmarc: 'PASS', spam: 'FAIL' })).toMatchObject({ hold: 'spam' });
  });

  it('no From mailbox, or more than one, is never proven (even locally)', () => {
    const local = { kind: 'locally-trusted' } as const;
    expect(judgeSender([], local)).toMatchObject({ authenticated: false, hold: 'sender-unclear' });
    expect(judgeSender(['a@example.com', 'b@example.com'], local)).toMatchObject({ hold: 'sender-unclear' });
    expect(judgeSender(['a@example.com', 'b@example.com'], receiptAuthentication({ dmarc: 'PASS' }))).toMatchObject({
      hold: 'sender-unclear',
    });
  });
});

describe('answering never starts a loop', () => {
  const own = ['in.example.org', 'example.org'];

  it('a guardian writing by hand gets an answer', () => {
    expect(answeringWouldLoop(readWith({}), 'parent@example.com', own)).toBe(false);
  });

  it('an auto-submitted message gets none', () => {
    expect(answeringWouldLoop(readWith({ 'auto-submitted': 'auto-replied' }), 'parent@example.com', own)).toBe(true);
    expect(answeringWouldLoop(readWith({ 'auto-submitted': 'no' }), 'parent@example.com', own)).toBe(false);
  });

  it('bulk mail, no-reply senders and our own domains get none', () => {
    expect(answeringWouldLoop(readWith({ precedence: 'bulk' }), 'parent@example.com', own)).toBe(true);
    expect(answeringWouldLoop(readWith({}), 'no-reply@school.org', own)).toBe(true);
    expect(answeringWouldLoop(readWith({}), 'mailer-daemon@example.com', own)).toBe(true);
    expect(answeringWouldLoop(readWith({}), 'digest@example.org', own)).toBe(true);
  });
});

describe('raw keys and header values from inbound mail', () => {
  it('the same bytes give the same key; the platform key wins when given', () => {
    const bytes = new TextEncoder().encode('Subject: x\r\n\r\nbody');
    expect(rawKeyFor({ bytes })).toBe(rawKeyFor({ bytes: bytes.slice() }));
    expect(rawKeyFor({ bytes })).toMatch(/^inbound\/[0-9a-f]{64}\.eml$/);
    expect(rawKeyFor({ bytes, rawKey: 'inbound/ses-id-1' })).toBe('inbound/ses-id-1');
  });

  it('a platform key that climbs out of its folder is refused', () => {
    expect(() => rawKeyFor({ bytes: new Uint8Array(), rawKey: 'inbound/../secrets' })).toThrow();
  });

  it('a Message-ID is echoed only in its plain shape', () => {
    expect(safeMessageIdHeader('<abc@example.com>')).toBe('<abc@example.com>');
    expect(safeMessageIdHeader('<abc@example.com>\r\nBcc: x@y')).toBeNull();
    expect(safeMessageIdHeader('<a b@example.com>')).toBeNull();
    expect(safeMessageIdHeader(null)).toBeNull();
  });
});
