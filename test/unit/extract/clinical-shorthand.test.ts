// A nurse's or clinician's shorthand for a session's length ("x30"), never a count of trials or a
// frequency; and peers called friends ("with two friends") make a session a group.
import { describe, expect, it } from 'vitest';
import { wordText } from '../../../shared/extract/match-phrases';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { deliveryFromWords } from '../../../shared/extract/session-vocabulary';

describe('clinical shorthand', () => {
  it('reads "x45" beside a place or a dash as minutes, and leaves "2x30", "x10 trials" and "x3" alone', () => {
    expect(normaliseText('PT 1:1 x45 in the gym - done')).toBe('PT 1:1 45 min in the gym - done');
    expect(normaliseText('OT x20 (seen)')).toBe('OT 20 min (seen)');
    expect(normaliseText('speech 2x30 weekly')).toBe('speech 2x30 weekly');
    expect(normaliseText('/s/ x10 trials')).toBe('/s/ x10 trials');
    expect(normaliseText('seen x3 this week')).toBe('seen x3 this week');
  });

  it('takes friends as peers', () => {
    expect(deliveryFromWords(wordText('worked with Ana and two friends at the sand table'))).toBe('group');
    expect(deliveryFromWords(wordText('just him and me at the table'))).toBe('individual');
  });
});
