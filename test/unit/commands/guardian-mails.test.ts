// The mails of the reply step: plain text and HTML say the same, inbound words are escaped, nothing
// from inbound mail reaches a header with a line break, and each says what to do next.
import { describe, expect, it } from 'vitest';
import {
  renderHelpEmail,
  renderReplyRefusedEmail,
  renderSenderChangedEmail,
} from '../../../shared/render/command-answers-email';
import { renderQuarantineNoticeEmail } from '../../../shared/render/quarantine-notice-email';
import { renderReplyResultEmail } from '../../../shared/render/reply-result-email';
import { renderWelcomeEmail } from '../../../shared/render/welcome-email';
import { deletionCode, isDeletionCode } from '../../../shared/replies/deletion-code';
import { recordsCsv } from '../../../shared/replies/export-bundle';
import type { StoredRecord } from '../../../shared/store/records';

const HOSTILE = 'Maya <img src=x onerror=alert(1)>\r\nBcc: evil@example.com';

function session(overrides: Partial<Extract<StoredRecord, { kind: 'session' }>> = {}): StoredRecord {
  return {
    kind: 'session',
    date: '2026-11-02',
    service: 'speech-language',
    minutes: 30,
    delivery: 'group',
    location: 'separate',
    status: 'delivered',
    reason: null,
    id: 'r1',
    childId: 'c1',
    source: { messageKey: 'inbound/x.eml', part: 'body', line: 3, excerpt: '=HYPERLINK("http://evil")' },
    confirmed: false,
    deleted: false,
    history: [{ at: '2026-11-05T00:00:00Z', action: 'recorded', by: 'system' }],
    recordedAt: '2026-11-05T00:00:00Z',
    messageId: 'm1',
    contentKey: 'k1',
    ...overrides,
  };
}

describe('guardian mails', () => {
  it('escape a hostile child name in HTML and keep it to one line in the subject', () => {
    for (const mail of [
      renderWelcomeEmail({ childName: HOSTILE, address: 'maya-x@in.example.org' }),
      renderHelpEmail({ childName: HOSTILE, address: 'maya-x@in.example.org' }),
      renderReplyRefusedEmail({ childName: HOSTILE, reason: 'forged' }),
      renderReplyResultEmail({
        childName: HOSTILE,
        entries: [session()],
        done: [],
        unusable: [{ text: HOSTILE, why: 'not understood' }],
      }),
    ]) {
      expect(mail.html).not.toContain('<img');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text.length).toBeGreaterThan(40);
    }
  });

  it('a quarantine notice names the sender, offers allow, and escapes what the sender wrote', () => {
    const mail = renderQuarantineNoticeEmail({
      childName: 'Maya',
      sender: 'school.person@district.org',
      failedChecks: false,
      subject: '<script>x</script>',
    });
    expect(mail.subject).toBe("school.person@district.org sent something to Maya's address");
    expect(mail.text).toContain('Reply "allow" to accept it and future mail from them, or ignore this email.');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('a notice about mail that failed checks does not offer allow', () => {
    const mail = renderQuarantineNoticeEmail({
      childName: 'Maya',
      sender: 'jordan@example.com',
      failedChecks: true,
      subject: 'x',
    });
    expect(mail.text).not.toContain('allow');
  });

  it('the reply result lists the entries as they stand, removed ones marked, and the grammar when a line was not used', () => {
    const mail = renderReplyResultEmail({
      childName: 'Maya',
      entries: [session({ confirmed: true }), session({ id: 'r2', deleted: true })],
      done: ['Entry 2 removed.'],
      unusable: [{ text: '3 purple', why: 'not understood' }],
    });
    expect(mail.text).toContain('1. Mon Nov 2');
    expect(mail.text).toContain('(confirmed)');
    expect(mail.text).toContain('(removed)');
    expect(mail.text).toContain('> 3 purple  (not understood)');
    expect(mail.text).toContain('delete 3: entry 3 is wrong');
    expect(mail.text).toContain('reply to this email again');
  });

  it('a sender allowed says how to undo it', () => {
    const mail = renderSenderChangedEmail({ childName: 'Maya', address: 'jane@school.org', allowed: true });
    expect(mail.text).toContain('send "remove jane@school.org"');
  });
});

describe('the records CSV', () => {
  it('has a header, one row per record, and neutralises cells a spreadsheet would run as formulas', () => {
    const csv = recordsCsv([session(), session({ id: 'r2', deleted: true, confirmed: true })]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,kind,date,/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[2]).toContain(',yes,yes,');
  });
});

describe('the deletion code', () => {
  it('works the day it is issued and the next, for that child only', () => {
    const now = new Date('2026-11-06T23:00:00Z');
    const code = deletionCode('a-secret-of-16-chars', 'child00001', now);
    expect(code).toMatch(/^[a-z2-7]{8}$/);
    expect(isDeletionCode('a-secret-of-16-chars', 'child00001', code, new Date('2026-11-07T20:00:00Z'))).toBe(true);
    expect(isDeletionCode('a-secret-of-16-chars', 'child00001', code, new Date('2026-11-08T01:00:00Z'))).toBe(false);
    expect(isDeletionCode('a-secret-of-16-chars', 'child00002', code, now)).toBe(false);
    expect(isDeletionCode('a-secret-of-16-chars', 'child00001', 'aaaaaaaa', now)).toBe(false);
  });
});
