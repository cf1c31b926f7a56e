// Mail written as people write it, not as notices are drafted: a school closed under its own short
// name or behind an aside, days and numbers in lower case and in words, run-on sentences.
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/extract/dates';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';

// 2027-02-09 is a Tuesday.
const SENT = '2027-02-09';

function dates(written: string, sentOn = SENT) {
  const text = normaliseText(written);
  const ctx: ReadingContext = {
    tz: 'America/Chicago',
    sentOn,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: sentOn }],
    tables: [],
  };
  return findDates(ctx).map(({ type, date, end }) => ({ type, date, end }));
}

describe('a closure told of a school by its name or behind an aside', () => {
  it('a school the message names in full and then by its short name is closed on the day given', () => {
    // Prepare
    const text =
      'Maple Bend Elementary lost power this morning. Crews are working on it, so Maple Bend will be CLOSED tomorrow, Wednesday, February 10.';
    // Act
    const found = dates(text);
    // Assess
    expect(found).toEqual([{ type: 'school-closure', date: '2027-02-10', end: null }]);
  });

  it('schools closed with an aside between them and the verb are closed', () => {
    expect(
      dates('Every county school, including the early learning center, will be closed Thursday, February 11.'),
    ).toEqual([{ type: 'school-closure', date: '2027-02-11', end: null }]);
  });

  it('a room or office of a school that is closed is no school closure', () => {
    // Prepare
    const office = 'The school office will be closed tomorrow, February 10, for inventory.';
    const other = 'Maple Bend Elementary families: the Riverside pool will be closed Thursday, February 11.';
    // Act
    const found = [...dates(office), ...dates(other)];
    // Assess
    expect(found).toEqual([]);
  });
});
