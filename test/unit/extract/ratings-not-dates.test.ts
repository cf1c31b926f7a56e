import { describe, expect, it } from 'vitest';
import { findDateMentions } from '../../../shared/extract/resolve-dates';
import { messageFacts, sessionsFromText } from '../../../shared/extract/sessions-from-text';

describe('a decimal over its scale is a rating, not a day', () => {
  it('finds no date in "4.7/5" and still finds a plain 9/5', () => {
    expect(findDateMentions('Parents rated our groups 4.7/5 this spring.', '2027-04-20')).toEqual([]);
    expect(findDateMentions('Her group met on 4/7 as planned.', '2027-04-20').map((m) => m.date)).toEqual([
      '2027-04-07',
    ]);
  });

  it('reads no session from a newsletter boasting of its ratings', () => {
    const text =
      'Our therapists held over 50,000 speech sessions last year, 30-minute sessions rated 4.8/5 by parents.';
    const facts = messageFacts('', text, text);
    expect(sessionsFromText({ part: 'body', kind: 'author', text, anchor: '2027-04-20' }, facts)).toEqual([]);
  });
});
