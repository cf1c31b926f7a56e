// A provider introduced once by the service ("her reading aide, Ms. Pruitt") and named alone later
// ("Ms. Pruitt was out Monday"): the later line is about that service.
import { describe, expect, it } from 'vitest';
import { providersIntroduced } from '../../../shared/extract/service-words';
import { readSessions as read } from '../../support/read-sessions';

describe('a service told by the provider’s name', () => {
  it('learns who gives which service from the words right before or after the name', () => {
    const text = [
      'Her 1:1 aide, Mr. Okafor, and Ms. Lindqvist, our speech therapist, both attended.',
      'OT w/ Mrs. Hale-Brandt went well. Ms. Ito said hello.',
    ].join('\n');
    expect([...providersIntroduced(text)]).toEqual([
      ['okafor', 'aide'],
      ['lindqvist', 'speech-language'],
      ['hale-brandt', 'occupational-therapy'],
    ]);
  });

  it('drops a surname introduced with two services', () => {
    expect(providersIntroduced('The OT, Ms. Reyes, and the SLP, Ms. Reyes, met.').size).toBe(0);
  });

  it('reads a dated line naming only the person as that service', () => {
    const text = [
      'This week with her one-on-one aide, Mr. Okafor:',
      '- Monday (3/8): Mr. Okafor was out sick and no one covered.',
      '- Tuesday (3/9): Mr. Okafor was with her all day.',
    ].join('\n');
    expect(read(text, '2027-03-10', 'this week')).toEqual([
      expect.objectContaining({ date: '2027-03-08', service: 'aide', status: 'missed', reason: 'provider-absent' }),
      expect.objectContaining({ date: '2027-03-09', service: 'aide', status: 'delivered' }),
    ]);
  });

  it('a float assistant who served as the child’s 1:1 makes the day delivered', () => {
    const text =
      'Her 1:1 assistant, Ms. Duarte, was out on Wednesday (3/10); Mr. Fenn, a float para, served as Lia’s 1:1 for the day.';
    expect(read(text, '2027-03-12', 'coverage')).toEqual([
      expect.objectContaining({ date: '2027-03-10', service: 'aide', status: 'delivered', reason: null }),
    ]);
  });

  it('an educational interpreter is a service of its own (other), by title and by name', () => {
    const text = [
      'Our sign language interpreter, Mr. Quill, was out on Monday 3/8 and we had no substitute interpreter.',
      'On Tuesday 3/9 Mr. Quill was with him in all his classes.',
    ].join('\n');
    expect(read(text, '2027-03-10', 'coverage')).toEqual([
      expect.objectContaining({ date: '2027-03-08', service: 'other', status: 'missed', reason: 'provider-absent' }),
      expect.objectContaining({ date: '2027-03-09', service: 'other', status: 'delivered' }),
    ]);
  });

  it('a person the message never ties to a service gives no session', () => {
    expect(read('Monday (3/8): Ms. Ito was out sick.', '2027-03-10', 'update')).toEqual([]);
  });
});
