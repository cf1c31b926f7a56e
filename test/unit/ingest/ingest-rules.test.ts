import { describe, expect, it } from 'vitest';
import {
  answeringWouldLoop,
  rawKeyFor,
  safeMessageIdHeader,
  verdictProblem,
} from '../../../shared/ingest/ingest-message';
import type { ReadMessage } from '../../../shared/mail/types';

function readWith(headers: Record<string, string>): ReadMessage {
  return {
    outer: { messageId: null, from: null, to: [], cc: [], replyTo: [], subject: '', date: null, headers },
    forwarded: false,
    author: null,
    authoredAt: { instant: null, dateText: null },
    subject: '',
    text: '',
    html: null,
    note: null,
    attachments: [],
    problems: [],
  };
}

describe('mail-authentication verdicts', () => {
  it('no verdicts (local SMTP) let the message through', () => {
    expect(verdictProblem(undefined)).toBeNull();
  });

  it('DMARC failing alone makes the sender unknown', () => {
    expect(verdictProblem({ spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' })).not.toBeNull();
  });

  it('SPF failing while DKIM passes is still the family (forwarders break SPF)', () => {
    expect(verdictProblem({ spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' })).toBeNull();
  });

  it('SPF and DKIM both failing make the sender unknown', () => {
    expect(verdictProblem({ spf: 'fail', dkim: 'FAIL' })).not.toBeNull();
  });

  it('a virus or spam verdict quarantines', () => {
    expect(verdictProblem({ virus: 'FAIL' })).toContain('virus');
    expect(verdictProblem({ spam: 'FAIL' })).toContain('spam');
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
