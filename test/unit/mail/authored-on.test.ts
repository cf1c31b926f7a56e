import { describe, expect, it } from 'vitest';
import { authoredOn, noteOn, readDateWords } from '../../../shared/mail/authored-on';
import type { ReadMessage } from '../../../shared/mail/types';
import { readMessage } from '../../support/read-message';

const la = 'America/Los_Angeles';
const chicago = 'America/Chicago';

function reading(instant: Date | null, dateText: string | null, outerDate: Date | null): ReadMessage {
  return readMessage({
    outer: { date: outerDate },
    forwarded: dateText !== null,
    authoredAt: { instant, dateText },
    note: outerDate ? { text: 'fyi', date: outerDate } : null,
  });
}

describe('authoredOn', () => {
  it('a Date header in UTC that is already the next day in UTC is the evening before in the child zone', () => {
    // Act / Assess
    expect(authoredOn(reading(new Date('2026-10-06T03:30:00Z'), null, null), la)).toBe('2026-10-05');
  });

  it('a forward block date without a zone is read as written, in the child zone', () => {
    // Act / Assess
    expect(authoredOn(reading(null, 'Fri, Oct 2, 2026 at 11:20 PM', new Date('2026-10-03T12:00:00Z')), la)).toBe(
      '2026-10-02',
    );
  });

  it('reads Outlook, Spanish Gmail and Apple date words', () => {
    expect(readDateWords('Friday, October 2, 2026 3:20 PM', la)?.day).toBe('2026-10-02');
    expect(readDateWords('El vie, 2 oct 2026 a las 15:20', chicago)?.day).toBe('2026-10-02');
    expect(readDateWords('miércoles, 4 de noviembre de 2026 13:52', chicago)?.day).toBe('2026-11-04');
    // "mar" is Tuesday (martes) before a Spanish date, not March.
    expect(readDateWords('mar, 3 mar 2026 a las 9:05', chicago)?.day).toBe('2026-03-03');
    expect(readDateWords('mar, 15 sept 2026 a las 9:05', chicago)?.day).toBe('2026-09-15');
    expect(readDateWords('October 2, 2026 at 3:20:11 PM PDT', la)?.instant?.toISOString()).toBe(
      '2026-10-02T22:20:11.000Z',
    );
    expect(readDateWords('11/4/26 1:58 PM (GMT-06:00)', chicago)?.day).toBe('2026-11-04');
  });

  it('a zoned date late in the evening elsewhere lands on the child’s own day', () => {
    // 11:30 PM in New York on Oct 2 is 8:30 PM in California, still Oct 2; 1:30 AM UTC Oct 3 likewise.
    expect(readDateWords('Fri, 2 Oct 2026 23:30:00 -0400', la)?.day).toBe('2026-10-02');
  });

  it('date words that say nothing give null, and the outer Date stands in', () => {
    expect(readDateWords('sometime soon', la)).toBeNull();
    expect(authoredOn(reading(null, 'sometime soon', new Date('2026-10-03T18:00:00Z')), la)).toBe('2026-10-03');
  });
});

describe('noteOn', () => {
  it('the note is dated by the outer message, in the child zone', () => {
    expect(noteOn(reading(null, 'Fri, Oct 2, 2026 at 3:20 PM', new Date('2026-10-06T03:30:00Z')), la)).toBe(
      '2026-10-05',
    );
  });
});

describe('readDateWords with numeric dates', () => {
  it('"5/10/26" forwarded on 6 October is read day first, as the month before the forward says', () => {
    expect(readDateWords('5/10/26 16:12 (GMT-06:00)', chicago, new Date('2026-10-06T12:00:00Z'))?.day).toBe(
      '2026-10-05',
    );
  });

  it('"10/5/26" forwarded on 6 October stays month first', () => {
    expect(readDateWords('10/5/26 4:12 PM', chicago, new Date('2026-10-06T12:00:00Z'))?.day).toBe('2026-10-05');
  });
});
