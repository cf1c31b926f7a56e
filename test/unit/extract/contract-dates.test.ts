import { describe, expect, it } from 'vitest';
import { withoutProvenance } from '../../../local/cli/commands/extract';
import { emptyExtraction } from '../../../shared/extract/extract-from-bytes';
import { EXTRACT_DATE_TYPES } from '../../../shared/records/types';

describe('iep extract prints only the kinds of date the contract names', () => {
  it('keeps a records request and leaves out a referral, which only the parent records', () => {
    // Prepare
    const source = { part: 'reply', line: 1, excerpt: null };
    const extraction = {
      ...emptyExtraction('a.eml'),
      dates: [
        { type: 'records-request' as const, date: '2026-11-02', end: null, source },
        { type: 'referral' as const, date: '2026-11-02', end: null, source },
      ],
    };
    // Act
    const printed = withoutProvenance(extraction);
    // Assess
    expect(printed.dates).toEqual([{ type: 'records-request', date: '2026-11-02', end: null }]);
    expect(EXTRACT_DATE_TYPES).not.toContain('referral');
  });
});
