// A nurse's or clinician's shorthand for a session's length ("x30"), never a count of trials or a
// frequency; peers called friends ("with two friends") make a session a group; and a make-up dated by its own day.
import { describe, expect, it } from 'vitest';
import { wordText } from '../../../shared/extract/match-phrases';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { deliveryFromWords } from '../../../shared/extract/session-vocabulary';
import { messageFacts, sessionsFromText } from '../../../shared/extract/sessions-from-text';

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

describe('a make-up named by its own day', () => {
  it('dates "yesterday\'s visit was her make-up" on yesterday, not on the day of the miss given as the cause', () => {
    const text =
      "Since Lia was home sick on Monday 3/1 and missed her OT, yesterday's visit was her make-up: 30 minutes one-on-one at home.\n\nRae Long, OTR/L";
    const facts = messageFacts('', text, text);
    const sessions = sessionsFromText({ part: 'body', kind: 'author', text, anchor: '2027-03-05' }, facts);
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2027-03-04', service: 'occupational-therapy', status: 'makeup', minutes: 30 }),
    ]);
  });
});
