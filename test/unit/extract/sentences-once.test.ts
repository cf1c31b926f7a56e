// A part's text is cut into sentences once: the setting and the date readers both ask for the same
// part, and the second asking gets the first cut, while another text gets its own.
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../shared/extract/sentences';

describe('splitSentences', () => {
  it('gives the same sentences when asked again about the same text', () => {
    const text = 'Robin met with the reading teacher on Monday. She read two short books.\nNo session Friday.';
    const first = splitSentences(text);
    expect(splitSentences(`${text}`)).toBe(first);
    expect(first.map((s) => [s.text, s.line])).toEqual([
      ['Robin met with the reading teacher on Monday.', 1],
      ['She read two short books.', 1],
      ['No session Friday.', 2],
    ]);
  });

  it('cuts a different text afresh', () => {
    const one = splitSentences('Counseling was held in the small group room. It ran long.');
    const other = splitSentences('Counseling was held in the small group room. It ran short.');
    expect(other).not.toBe(one);
    expect(other.at(-1)?.text).toBe('It ran short.');
  });
});
