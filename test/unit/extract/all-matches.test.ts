import { describe, expect, it } from 'vitest';
import { allMatches } from '../../../shared/extract/all-matches';

const same = (text: string, pattern: RegExp) => {
  const expected = [...text.matchAll(new RegExp(pattern.source, pattern.flags))];
  const got = allMatches(text, pattern);
  expect(got.map((m) => [m.index, [...m], m.groups])).toEqual(expected.map((m) => [m.index, [...m], m.groups]));
  return got;
};

describe('allMatches', () => {
  it('gives the matches matchAll gives, with their groups and places', () => {
    const got = same('speech 30 min, OT 45 min; PT 20 min', /(?<service>[A-Z]{2}|speech) (\d+) min/g);
    expect(got.map((m) => m.groups?.service)).toEqual(['speech', 'OT', 'PT']);
    same('Speech and OT and speech', /(?<![\p{L}\p{N}])(?:speech|ot)(?![\p{L}\p{N}])/giu);
    same('nothing here', /xyz/g);
  });

  it('steps over empty matches as matchAll does, a whole code point at a time in Unicode mode', () => {
    expect(same('a😀b', /(?:)/gu)).toHaveLength(4);
    expect(same('a😀b', /(?:)/g)).toHaveLength(5);
    same('ab, cd', /\b/g);
    same('😀', /x*/gu);
  });

  it('starts where the pattern stands and leaves it there, as matchAll does', () => {
    const pattern = /\d/g;
    pattern.lastIndex = 2;
    expect(allMatches('1234', pattern).map((m) => m[0])).toEqual(['3', '4']);
    expect(pattern.lastIndex).toBe(2);
    pattern.lastIndex = 0;
    expect(allMatches('1234', pattern).map((m) => m[0])).toEqual(['1', '2', '3', '4']);
    expect(pattern.lastIndex).toBe(0);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => allMatches('a', /a/)).toThrow(TypeError);
  });
});
