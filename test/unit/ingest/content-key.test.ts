import { describe, expect, it } from 'vitest';
import { normalizeAuthorText, originalContentKey, recordsFromExtraction } from '../../../shared/ingest/content-key';
import type { ExtractionWithProvenance } from '../../../shared/records/types';

const original = {
  author: 'JLee@District.k12.ca.us',
  authoredOn: '2026-11-03',
  text: 'Maya had speech today for 30 minutes\nin a small group.',
};

function extraction(minutes: number, part = 'body'): ExtractionWithProvenance {
  return {
    schema: 'iep-extract/1',
    file: 'a.eml',
    sender: 'jlee@district.k12.ca.us',
    sentOn: '2026-11-03',
    sessions: [
      {
        date: '2026-11-03',
        service: 'speech-language',
        minutes,
        delivery: 'group',
        location: 'separate',
        status: 'delivered',
        reason: null,
        source: { part, line: 1, excerpt: 'Maya had speech' },
      },
    ],
    requirements: [],
    settingPercent: null,
    settingEvents: [],
    dates: [],
  };
}

const context = (messageId: string, originalKey: string) => ({
  childId: 'abcdefgh23',
  messageId,
  rawKey: `inbound/${messageId}.eml`,
  recordedAt: '2026-11-04T00:00:00.000Z',
  originalKey,
  noteKey: 'note-key',
});

describe('content key of an original', () => {
  it('is the same when a mail client re-wraps, quotes or re-cases the text', () => {
    const rewrapped = {
      ...original,
      author: 'jlee@district.k12.ca.us',
      text: '> Maya had speech today for 30\n> minutes in a small group.  ',
    };
    expect(originalContentKey(rewrapped)).toBe(originalContentKey(original));
  });

  it('differs when the author, the day or the words differ', () => {
    const key = originalContentKey(original);
    expect(originalContentKey({ ...original, author: 'other@district.k12.ca.us' })).not.toBe(key);
    expect(originalContentKey({ ...original, authoredOn: '2026-11-04' })).not.toBe(key);
    expect(
      originalContentKey({ ...original, text: 'Maya had speech today for 20 minutes in a small group.' }),
    ).not.toBe(key);
  });

  it('differs when the attachments differ', () => {
    const a = originalContentKey({ ...original, attachments: [new Uint8Array([1, 2, 3])] });
    const b = originalContentKey({ ...original, attachments: [new Uint8Array([1, 2, 4])] });
    expect(a).not.toBe(b);
  });

  it('keeps letters and digits of any script', () => {
    expect(normalizeAuthorText('Terapia del habla: 30 min — ¡bien!')).toBe('terapiadelhabla30minbien');
  });
});

describe('record ids', () => {
  it('the same original carried by two different messages gives the same record ids', () => {
    const first = recordsFromExtraction(extraction(30), context('message-one', 'original-key'));
    const second = recordsFromExtraction(extraction(30), context('message-two', 'original-key'));
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
  });

  it('a different item from the same original gets a different id', () => {
    const first = recordsFromExtraction(extraction(30), context('m', 'original-key'));
    const second = recordsFromExtraction(extraction(20), context('m', 'original-key'));
    expect(second[0]?.id).not.toBe(first[0]?.id);
  });

  it("an item read from the parent's note is keyed by the note, not by the original", () => {
    const fromBody = recordsFromExtraction(extraction(30, 'body'), context('m', 'original-key'));
    const fromNote = recordsFromExtraction(extraction(30, 'note'), context('m', 'original-key'));
    expect(fromNote[0]?.contentKey).toBe('note-key');
    expect(fromNote[0]?.id).not.toBe(fromBody[0]?.id);
  });

  it('two identical items in one original are kept as two records', () => {
    const doubled = extraction(30);
    doubled.sessions.push({ ...doubled.sessions[0]! });
    const records = recordsFromExtraction(doubled, context('m', 'original-key'));
    expect(new Set(records.map((r) => r.id)).size).toBe(2);
  });

  it('records carry provenance, start unconfirmed and with one history entry', () => {
    const [record] = recordsFromExtraction(extraction(30), context('m', 'original-key'));
    expect(record).toMatchObject({
      kind: 'session',
      minutes: 30,
      confirmed: false,
      deleted: false,
      source: { messageKey: 'inbound/m.eml', part: 'body', line: 1 },
      history: [{ action: 'recorded', by: 'system' }],
    });
    expect(record).not.toHaveProperty('source.source');
  });
});
