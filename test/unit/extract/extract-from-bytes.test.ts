import { describe, expect, it } from 'vitest';
import { extractFromBytes } from '../../../shared/extract/extract-from-bytes';

function eml(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\r\n'));
}

const tz = 'America/New_York';

describe('extractFromBytes', () => {
  it('reads the reply the author wrote and not the history quoted under it', async () => {
    // Prepare
    const bytes = eml([
      'From: Pat Kim <pkim@district.example.org>',
      'To: parent@example.com',
      'Subject: Re: OT this week',
      'Date: Thu, 12 Mar 2026 15:10:00 -0400',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi! I saw Leo today for OT, 30 minutes, one-on-one in the OT room.',
      '',
      'Pat',
      '',
      'On Mon, Mar 9, 2026 at 3:00 PM Pat Kim <pkim@district.example.org> wrote:',
      '> Leo had OT on Monday 3/9 for 30 minutes in his classroom.',
      '> Pat',
    ]);
    // Act
    const { extraction } = await extractFromBytes(bytes, { tz, file: 'reply.eml' });
    // Assess
    expect(extraction.sender).toBe('pkim@district.example.org');
    expect(extraction.sentOn).toBe('2026-03-12');
    expect(extraction.sessions.map((s) => [s.date, s.service, s.minutes, s.delivery, s.location, s.status])).toEqual([
      ['2026-03-12', 'occupational-therapy', 30, 'individual', 'separate', 'delivered'],
    ]);
  });

  it("reads the parent's note above a forward against the day the parent wrote it", async () => {
    const bytes = eml([
      'From: Parent <parent@example.com>',
      'To: leo@inbound.example.org',
      'Subject: Fwd: Speech this week',
      'Date: Tue, 17 Mar 2026 20:00:00 -0400',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Leo was home sick yesterday, so he missed his speech session.',
      '',
      '---------- Forwarded message ---------',
      'From: Ana Ruiz <aruiz@district.example.org>',
      'Date: Fri, Mar 13, 2026 at 2:00 PM',
      'Subject: Speech this week',
      'To: Parent <parent@example.com>',
      '',
      'Leo had a great speech session on Thursday (3/12), 30 minutes in the speech room.',
    ]);
    const { extraction } = await extractFromBytes(bytes, { tz, file: 'fwd.eml' });
    expect(extraction.sender).toBe('aruiz@district.example.org');
    expect(extraction.sentOn).toBe('2026-03-13');
    expect(extraction.sessions.map((s) => [s.date, s.service, s.status, s.reason])).toEqual([
      ['2026-03-12', 'speech-language', 'delivered', null],
      ['2026-03-16', 'speech-language', 'missed', 'student-absent'],
    ]);
  });

  it('bytes that are not mail still give an empty extraction, with no throw', async () => {
    const { extraction } = await extractFromBytes(new Uint8Array([0, 1, 2, 255]), { tz, file: 'junk.eml' });
    expect(extraction.schema).toBe('iep-extract/1');
    expect(extraction.sessions).toEqual([]);
  });
});
