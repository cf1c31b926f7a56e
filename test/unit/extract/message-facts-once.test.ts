// One message's facts are read once: the sessions and the requirements readers ask with the same
// reading context, and the second asking gets the first reading, while another message gets its own.
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../../shared/extract/find-sessions';
import { bodyContext } from '../../support/body-context';

describe('factsOf', () => {
  it('gives the same reading when asked again about the same message', () => {
    const message = bodyContext('Speech therapy went well today; Robin practised the long vowel sounds.', '2031-03-04');
    const first = factsOf(message);
    const again = factsOf(message);
    expect(again).toBe(first);
    expect(first.authorService).toBe('speech-language');
  });

  it('reads a message whose texts differ afresh', () => {
    const speech = factsOf(bodyContext('Speech therapy went well today.', '2031-03-04'));
    const other = factsOf(bodyContext('Occupational therapy went well today.', '2031-03-04'));
    expect(other).not.toBe(speech);
    expect(other.authorService).toBe('occupational-therapy');
    const bySubject = factsOf(
      bodyContext('Occupational therapy went well today.', '2031-03-04', { subject: 'Speech log' }),
    );
    expect(bySubject).not.toBe(other);
    expect(bySubject.subjectService).toBe('speech-language');
  });
});
