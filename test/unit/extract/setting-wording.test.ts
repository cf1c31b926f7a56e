// Setting events told as a story: a short sentence sets the day, the next ones tell where the child was.
import { describe, expect, it } from 'vitest';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findSettingEvents } from '../../../shared/extract/setting';

// 2027-02-12 is a Friday.
const ANCHOR = '2027-02-12';

function events(text: string) {
  const ctx: ReadingContext = {
    tz: 'America/Chicago',
    sentOn: ANCHOR,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: ANCHOR }],
    tables: [],
  };
  return findSettingEvents(ctx).map(({ date, activity, setting }) => ({ date, activity, setting }));
}

describe('findSettingEvents in a story', () => {
  it('a sentence that only sets the day dates the activities told after it', () => {
    // Prepare
    const text =
      'On Monday she read aloud to the class.\n\nYesterday was a wonderful day. She had lunch in the lunchroom with her friends and played tag with everybody at recess.';
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-02-11', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-11', activity: 'recess', setting: 'general-education' },
    ]);
  });

  it('a removal to the office during a class period is a separate setting that day', () => {
    // Prepare
    const text =
      'Wednesday went fine.\n\nToday was tough. During math he ripped his worksheet and was sent to the main office until the period ended.';
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([{ date: '2027-02-12', activity: 'math', setting: 'separate' }]);
  });
});

describe('findSettingEvents away from class', () => {
  it('a class taken in a service room "instead of in class" is where the child was', () => {
    expect(events('- Geometry: Thu 2/11 he took the chapter quiz in the resource room instead of in class.')).toEqual([
      { date: '2027-02-11', activity: 'math', setting: 'separate' },
    ]);
  });

  it("lunch in a teacher's own room is away from the cafeteria; a class there is not told", () => {
    expect(events("Wed - she ate lunch in Mr. Okafor's room instead of the cafeteria.")).toEqual([
      { date: '2027-02-10', activity: 'lunch', setting: 'separate' },
    ]);
    expect(events("Wednesday she did math in Mr. Okafor's room.")).toEqual([]);
  });
});
