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

describe('findSettingEvents for removals told with no class', () => {
  it('time kept in a removal room is a removal of its own, besides the lunch eaten there', () => {
    // Prepare
    const text =
      'I want you to know about this morning. Today she refused to line up and stayed in the calm room until noon, ate her lunch there, and then went back to her schedule.';
    // Act
    const found = events(text);
    // Assess
    expect(found).toContainEqual({ date: '2027-02-12', activity: 'other', setting: 'separate' });
    expect(found).toContainEqual({ date: '2027-02-12', activity: 'lunch', setting: 'separate' });
  });

  it('removals counted and listed after a colon give each day, with the class where one is named', () => {
    expect(
      events('Our records show two removals to the calm room this month: on the 3rd, and during science on the 9th.'),
    ).toEqual([
      { date: '2027-02-03', activity: 'other', setting: 'separate' },
      { date: '2027-02-09', activity: 'science', setting: 'separate' },
    ]);
  });

  it('a removal room named for a class period is that period only, and a service room is never a removal', () => {
    expect(events('On Tuesday he spent the last part of social studies in the calm room.')).toEqual([
      { date: '2027-02-09', activity: 'social-studies', setting: 'separate' },
    ]);
    expect(events('He went to the calm room on Tuesday during reading and was back in ten minutes.')).toEqual([
      { date: '2027-02-09', activity: 'reading', setting: 'separate' },
    ]);
    expect(events('On Tuesday he stayed in the speech room for an extra ten minutes.')).toEqual([]);
    expect(events('Her counseling session was Tuesday, 30 minutes in the main office conference room.')).toEqual([]);
  });
});

describe('findSettingEvents in hurried wording', () => {
  it("a short class name where a class goes ('back to art') and a teacher's room written without an apostrophe", () => {
    expect(
      events('On Wednesday she left the calm room and went back to 5th period art with her class.'),
    ).toContainEqual({
      date: '2027-02-10',
      activity: 'specials',
      setting: 'general-education',
    });
    expect(events('she ate lunch in mr okafor room wednesday')).toEqual([
      { date: '2027-02-10', activity: 'lunch', setting: 'separate' },
    ]);
    expect(events('On Wednesday she drew a picture of a state of the art robot.')).toEqual([]);
  });
});

describe('findSettingEvents for a whole week with exceptions', () => {
  it('every day of a named week but the days excepted, and those days where the rest of the sentence puts the child', () => {
    // Prepare: the week of Feb 1 (Mon) to Feb 5 (Fri), told a week later.
    const text =
      'Good news: she ate lunch in the cafeteria every day the week of February 1 except Wednesday the 3rd, when she asked to eat in the resource room.';
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-02-01', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-02', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-04', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-05', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-03', activity: 'lunch', setting: 'separate' },
    ]);
  });
});

describe('findSettingEvents with places set against each other', () => {
  it('"not the cafeteria" is where the child was not, and a place in an "after a ..." aside is not where the activity was', () => {
    expect(events('Thu 2/11 - the aide said he ate lunch in the sensory room again, not the cafeteria.')).toEqual([
      { date: '2027-02-11', activity: 'lunch', setting: 'separate' },
    ]);
    expect(events('Thu 2/11 - she spent all of recess in the calm room after a fall on the playground.')).toEqual([
      { date: '2027-02-11', activity: 'recess', setting: 'separate' },
    ]);
  });

  it('"on both days" takes the two days the sentence before told of, even across a paragraph', () => {
    // Prepare
    const text =
      'Her aide was out yesterday (Thursday) and again today.\n\nOn both days she ate lunch in the resource room rather than in the cafeteria.';
    // Act + Assess
    expect(events(text)).toEqual([
      { date: '2027-02-11', activity: 'lunch', setting: 'separate' },
      { date: '2027-02-12', activity: 'lunch', setting: 'separate' },
    ]);
  });
});

describe('findSettingEvents on list items', () => {
  it('an item that opens with an activity and a place, under a dated line, is where the child was that day', () => {
    // Prepare
    const text = ['• Thu 2/11 - reading ✅ | math ✅', '   🍽️ Lunch in the cafeteria with her friends ✅'].join('\n');
    const undated = 'Lunch in the cafeteria is at 11:40 for fourth grade.';
    // Act + Assess
    expect(events(text)).toEqual([{ date: '2027-02-11', activity: 'lunch', setting: 'general-education' }]);
    expect(events(undated)).toEqual([]);
  });
});

describe('findSettingEvents on a day named by its event', () => {
  it('"on the assembly day" is the one day the message dates the assembly on, and the gym there is only where it was', () => {
    // Prepare
    const text = [
      'DATE   SERVICE   NOTES',
      '2/9    APE       held, w/ class',
      '2/10   APE       not held - assembly',
      '',
      'on the assembly day she sat with her class in the gym for the spelling bee assembly',
    ].join('\n');
    const undated = 'on the field trip day she stayed with her class the whole time';
    // Act + Assess
    expect(events(text)).toEqual([{ date: '2027-02-10', activity: 'assembly', setting: 'general-education' }]);
    expect(events(`Monday was fine. ${undated}`)).toEqual([]);
  });
});

describe('findSettingEvents at an assembly', () => {
  it('the room an assembly is held in, told in the next clause, is the assembly and not a class', () => {
    // Prepare
    const text =
      "Wednesday's reading pull-out was skipped. The author visit assembly ran right over it, and she sat with her class on the library carpet the whole hour.";
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([{ date: '2027-02-10', activity: 'assembly', setting: 'general-education' }]);
  });

  it('without an assembly in the sentence, the gym is still the gym class', () => {
    // Prepare
    const text = 'On Wednesday she was in gym with her class and played kickball.';
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([{ date: '2027-02-10', activity: 'specials', setting: 'general-education' }]);
  });
});
