import { describe, expect, it } from 'vitest';
import { findPhrases, hasPhrase, phraseSet, startsWithPhrase, wordText } from '../../../shared/extract/match-phrases';

describe('phrase sets: whole words, a star for any one word', () => {
  const set = phraseSet(['pulled out', 'pulled * out', 'gone early', 'left']);

  it('finds the longest phrase at each place, in order, and says whether there is any', () => {
    const words = wordText('The aide pulled him out before lunch, then he left.');
    expect(findPhrases(set, words).map((h) => h.phrase)).toEqual(['pulled * out', 'left']);
    expect(hasPhrase(set, words)).toBe(true);
  });

  it('finds a phrase only at the end of the text, and nothing where no phrase is', () => {
    expect(hasPhrase(set, wordText('By noon the whole class had gone early'))).toBe(true);
    expect(hasPhrase(set, wordText('He stayed with the class all morning'))).toBe(false);
    expect(hasPhrase(set, wordText('pulled'))).toBe(false);
  });

  it('tells a text that opens with a phrase from one that holds it later', () => {
    expect(startsWithPhrase(set, wordText('Left at noon'))).toBe(true);
    expect(startsWithPhrase(set, wordText('He left at noon'))).toBe(false);
  });
});
