// What the handlers read from their events at the edge: the schedule's time, SES feedback, the
// calendar token in a path, and the digest time an operator types.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SesSchema } from '@aws-lambda-powertools/parser/schemas/ses';
import { describe, expect, it } from 'vitest';
import { scheduledInstant } from '../../../functions/commons/scheduled-event';
import { feedbackOf } from '../../../functions/commons/ses-feedback-event';
import { sesReceiptEventSchema } from '../../../functions/commons/ses-receipt-event';
import { parseDigestTime } from '../../../local/cli/commands/family';
import { calendarFeedUrl, tokenFromPath } from '../../../shared/calendar-feed/calendar-feed';

describe('scheduledInstant', () => {
  const now = new Date('2026-11-20T09:30:00Z');

  it("takes the scheduler's scheduledTime, else an EventBridge rule's time", () => {
    const at = scheduledInstant({ scheduledTime: '2026-11-21T01:00:00Z', time: '2026-11-21T02:00:04Z' }, now);
    expect(at.toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(scheduledInstant({ time: '2026-11-21T00:59:40Z' }, now).toISOString()).toBe('2026-11-21T00:59:40.000Z');
  });

  it('falls back to now for an event without a readable time', () => {
    expect(scheduledInstant({}, now)).toBe(now);
    expect(scheduledInstant({ time: 'yesterday' }, now)).toBe(now);
    expect(scheduledInstant(null, now)).toBe(now);
  });
});

describe('the SES receipt event', () => {
  const receipt = (name: string): unknown =>
    JSON.parse(
      readFileSync(join(import.meta.dirname, '../../events/ses', name), 'utf8')
        .replaceAll('{{messageId}}', 'o3vq2fhf0d4lq1r4k9example')
        .replaceAll('{{to}}', 'maya-abcdefghijklmnop@in.example.org'),
    );

  it("is read with our own schema: Powertools' SesSchema refuses receipts SES really sends", () => {
    // SES leaves out dmarcPolicy when DMARC passed and commonHeaders.to when the address was only Bcc'd.
    for (const name of ['receipt-dmarc-pass.json', 'receipt-bcc-only.json']) {
      expect(sesReceiptEventSchema.safeParse(receipt(name)).success).toBe(true);
      expect(SesSchema.safeParse(receipt(name)).success).toBe(false);
    }
  });
});

describe('feedbackOf', () => {
  it('reads permanent bounces and complaints, with bare lower-cased addresses', () => {
    const bounce = JSON.stringify({
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'Ana <Ana@Example.com>' }] },
    });
    const complaint = JSON.stringify({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'b@example.com' }] },
    });
    expect(feedbackOf(bounce)).toEqual({ kind: 'bounce', addresses: ['ana@example.com'] });
    expect(feedbackOf(complaint)).toEqual({ kind: 'complaint', addresses: ['b@example.com'] });
  });

  it('ignores transient bounces, deliveries, receipt notices and garbage', () => {
    const transient = JSON.stringify({
      eventType: 'Bounce',
      bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@example.com' }] },
    });
    expect(feedbackOf(transient)).toBeNull();
    expect(feedbackOf(JSON.stringify({ notificationType: 'Received', mail: {} }))).toBeNull();
    expect(feedbackOf(JSON.stringify({ eventType: 'Delivery' }))).toBeNull();
    expect(feedbackOf('{not json')).toBeNull();
  });
});

describe('tokenFromPath', () => {
  it('reads a 26-character base32 token and nothing else', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz'.replace(/[01]/g, '2');
    expect(tokenFromPath(`/calendar/${token}.ics`)).toBe(token);
    expect(tokenFromPath(`/calendar/${token}.ics?x=1`)).toBe(token);
    expect(tokenFromPath('/calendar/short.ics')).toBeNull();
    expect(tokenFromPath(`/calendar/${token.toUpperCase()}.ics`)).toBeNull();
    expect(tokenFromPath(`/calendar/${'a'.repeat(300)}.ics`)).toBeNull();
  });

  it('builds the feed URL under a base with or without a trailing slash', () => {
    expect(calendarFeedUrl('https://x.example/', 't')).toBe('https://x.example/calendar/t.ics');
    expect(calendarFeedUrl('http://127.0.0.1:8006', 't')).toBe('http://127.0.0.1:8006/calendar/t.ics');
  });
});

describe('parseDigestTime', () => {
  it('reads a weekday and a whole hour', () => {
    expect(parseDigestTime('fri 16:00')).toEqual({ weekday: 5, hour: 16 });
    expect(parseDigestTime('Monday 7')).toEqual({ weekday: 1, hour: 7 });
    expect(parseDigestTime('sun 0:00')).toEqual({ weekday: 7, hour: 0 });
  });

  it('refuses minutes past the hour, unknown days and impossible hours', () => {
    expect(() => parseDigestTime('fri 16:30')).toThrow(/on the hour/);
    expect(() => parseDigestTime('fryday 16:00')).toThrow(/not a weekday/);
    expect(() => parseDigestTime('fri 24:00')).toThrow(/not a time/);
    expect(() => parseDigestTime('16:00')).toThrow(/weekday and a time/);
  });
});
