// The web view's pure parts: which sent mail belongs to a child, the order of the timeline, and
// which Host and Origin headers the server answers to.
import { describe, expect, it } from 'vitest';
import type { SentMail } from '../../../local/outbox';
import { buildTimeline, sentForChild } from '../../../local/web/child-view';
import { allowedHosts, allowedOrigins, isAllowedHost } from '../../../local/web/host-check';
import type { StoredMessage } from '../../../shared/store/messages';

const ADDRESS = 'maya-abcdefghjkmnpqrs@in.example.org';

function sent(replyTo: string, sentAt: string, subject = 'Recorded for Maya'): SentMail {
  return {
    messageId: `m-${sentAt}`,
    sentAt,
    from: 'tracker@example.org',
    to: ['parent@example.com'],
    replyTo: [replyTo],
    subject,
    text: 'text',
    html: '<p>text</p>',
    headers: {},
    attachments: [],
  };
}

function received(messageId: string, receivedAt: string): StoredMessage {
  return { childId: 'c1', messageId, rawKey: `inbound/${messageId}.eml`, receivedAt, status: 'recorded', done: true };
}

describe('the mail sent for a child', () => {
  it("keeps mail whose Reply-To is the child's address or a plus-address of it, and no other child's", () => {
    // Prepare
    const mails = [
      sent(ADDRESS, '2026-11-02T10:00:00.000Z', 'welcome'),
      sent('maya-abcdefghjkmnpqrs+ref123@in.example.org', '2026-11-02T10:01:00.000Z', 'answer'),
      sent('omar-zzzzzzzzzzzzzzzz@in.example.org', '2026-11-02T10:02:00.000Z', 'other child'),
      sent('maya-abcdefghjkmnpqrs@elsewhere.example', '2026-11-02T10:03:00.000Z', 'other domain'),
      sent('MAYA-ABCDEFGHJKMNPQRS@IN.EXAMPLE.ORG', '2026-11-02T10:04:00.000Z', 'upper case'),
    ];

    // Act
    const entries = sentForChild(mails, ADDRESS);

    // Assess
    expect(entries.map((entry) => entry.subject)).toEqual(['welcome', 'answer', 'upper case']);
    expect(entries.map((entry) => entry.replyAddress)).toEqual([
      null,
      'maya-abcdefghjkmnpqrs+ref123@in.example.org',
      null,
    ]);
  });
});

describe('the timeline', () => {
  it('runs oldest first, a message before the answer sent in the same millisecond', () => {
    // Prepare
    const at = '2026-11-02T10:00:00.000Z';
    const answer = sentForChild([sent('maya-abcdefghjkmnpqrs+r@in.example.org', at)], ADDRESS);
    const messages = [received('later', '2026-11-03T08:00:00.000Z'), received('first', at)];
    const headers = new Map([['first', { subject: 'Fwd: Speech', from: 'parent@example.com' }]]);

    // Act
    const timeline = buildTimeline(messages, headers, [], answer);

    // Assess
    expect(timeline.map((entry) => (entry.direction === 'in' ? entry.messageId : 'answer'))).toEqual([
      'first',
      'answer',
      'later',
    ]);
    expect(timeline[0]).toMatchObject({ subject: 'Fwd: Speech', from: 'parent@example.com' });
    expect(timeline[2]).toMatchObject({ subject: '', from: '' });
  });
});

describe('the Host and Origin the web view answers to', () => {
  it('on loopback: its own port by IP or as localhost, nothing else', () => {
    // Act
    const hosts = allowedHosts('127.0.0.1', 8004);

    // Assess
    expect(isAllowedHost('127.0.0.1:8004', hosts)).toBe(true);
    expect(isAllowedHost('LOCALHOST:8004', hosts)).toBe(true);
    expect(isAllowedHost('[::1]:8004', hosts)).toBe(true);
    expect(isAllowedHost('127.0.0.1:8005', hosts)).toBe(false);
    expect(isAllowedHost('evil.example:8004', hosts)).toBe(false);
    expect(isAllowedHost('127.0.0.1', hosts)).toBe(false);
    expect(isAllowedHost(undefined, hosts)).toBe(false);
    expect(allowedOrigins(hosts).has('http://localhost:8004')).toBe(true);
    expect(allowedOrigins(hosts).has('https://localhost:8004')).toBe(false);
  });
});
