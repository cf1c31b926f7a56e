import { describe, expect, it } from 'vitest';
import { parseDigestInput } from '../../../shared/compliance/digest-input-schema';
import { realisticDigestInput } from '../render/digest-fixture';
import { input, ses } from './records';

describe('parseDigestInput', () => {
  it('accepts a realistic term of records as they are stored', () => {
    const value = JSON.parse(JSON.stringify(realisticDigestInput()));
    expect(parseDigestInput(value).sessions).toHaveLength(value.sessions.length);
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => parseDigestInput(input({ asOf: '2026-02-30' }))).toThrow(/calendar date/);
    expect(() => parseDigestInput(input({ sessions: [ses({ date: '11/17/2026', status: 'delivered' })] }))).toThrow();
  });

  it('refuses negative minutes and unknown services', () => {
    expect(() =>
      parseDigestInput(input({ sessions: [ses({ date: '2026-11-17', status: 'delivered', minutes: -30 })] })),
    ).toThrow();
    const unknownService = {
      ...input({}),
      sessions: [{ ...ses({ date: '2026-11-17', status: 'delivered' }), service: 'magic' }],
    };
    expect(() => parseDigestInput(unknownService)).toThrow();
  });
});
