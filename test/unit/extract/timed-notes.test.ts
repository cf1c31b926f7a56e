// A para's timed notes under a day heading, a program known by its own name, a week told once:
// where the child was, class by class.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findDateMentions } from '../../../shared/extract/resolve-dates';
import { findSettingEvents } from '../../../shared/extract/setting';

// 2027-03-12 is a Friday.
const ANCHOR = '2027-03-12';

function events(text: string) {
  const ctx: ReadingContext = {
    tz: 'America/Chicago',
    sentOn: ANCHOR,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text: normaliseText(text), anchor: ANCHOR }],
    tables: [],
  };
  return findSettingEvents(ctx).map(({ date, activity, setting }) => ({ date, activity, setting }));
}

describe('timed notes under a day heading', () => {
  it('each timed line places the child: a class and its place right after it, a break in a removal room', () => {
    // Prepare
    const text = [
      'Notes for Thursday:',
      '',
      'Thu 3/11',
      '* 9:05-9:50 sci gen ed, partner work went fine',
      '* 10:40 break in the reset room 10 min',
      '* 12:10 lunch in caf w/ two friends',
      '* 1:30-2:15 phy ed gen ed, played volleyball',
    ].join('\n');
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-03-11', activity: 'science', setting: 'general-education' },
      { date: '2027-03-11', activity: 'other', setting: 'separate' },
      { date: '2027-03-11', activity: 'lunch', setting: 'general-education' },
      { date: '2027-03-11', activity: 'specials', setting: 'general-education' },
    ]);
  });

  it("a teacher's room said to be general education is general education; a bracketed reason is not a place", () => {
    const text = [
      'Wed 3/10',
      "- 9:05 science in Ms. Farley's room (gen ed), stayed the whole hour",
      '- 12:10 lunch in the resource room (he asked, the cafeteria was noisy)',
    ].join('\n');
    expect(events(text)).toEqual([
      { date: '2027-03-10', activity: 'science', setting: 'general-education' },
      { date: '2027-03-10', activity: 'lunch', setting: 'separate' },
    ]);
  });

  it('a timed line with no day above it, or naming no place, is not read', () => {
    expect(events('- 9:05 science, good focus\n- 12:10 lunch in caf')).toEqual([]);
    expect(events('Thu 3/11\n- 9:05 science, good focus')).toEqual([]);
  });
});

describe('a special-education program known by its name', () => {
  it('"in Harbor", "the Harbor room" are a separate setting where the mail names the Harbor Program', () => {
    // Prepare
    const text = [
      'Tue 3/9',
      '- 12:10 lunch in the Harbor room',
      '- 1:30 math back in Harbor, finished the quiz',
      '',
      'Lena Ruiz',
      'Paraprofessional, Harbor Program',
    ].join('\n');
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-03-09', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-09', activity: 'math', setting: 'separate' },
    ]);
  });

  it('a name followed by "Program" on a line about nothing special-education is not a place', () => {
    expect(
      events('Tue 3/9\n- 12:10 lunch in the Harbor room\n\nSign up for the Harbor Program of summer sailing!'),
    ).toEqual([]);
  });
});

describe('a week told in one sentence', () => {
  it('"this week ... every day" is each school day so far, not the day an aside names as the cause', () => {
    expect(
      events(
        'This week she ate lunch in the resource room every day, as we agreed after Monday morning’s bus trouble.',
      ),
    ).toEqual([
      { date: '2027-03-08', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-09', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-10', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-11', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-12', activity: 'lunch', setting: 'separate' },
    ]);
  });

  it('a class the child went to with an aide is still where the child was', () => {
    expect(
      events('Mon 3/8 - She went to general education science with her para and stayed the whole period.'),
    ).toEqual([{ date: '2027-03-08', activity: 'science', setting: 'general-education' }]);
  });

  it('the gym named just after an assembly is where the assembly was, not a class', () => {
    expect(
      events('Wednesday was the fire safety assembly. He sat with his class in the gym and stayed to the end.'),
    ).toEqual([{ date: '2027-03-10', activity: 'assembly', setting: 'general-education' }]);
  });

  it('"the 6th grade team" is a grade, not a day of the month', () => {
    expect(findDateMentions('the students were placed with the 6th grade team', ANCHOR)).toEqual([]);
  });
});

describe('a week told in one breath', () => {
  it('each day after a comma is its own clause, "so" before a subject turns it, and a teacher\'s room named as the regular class is that class', () => {
    // Prepare
    const text =
      'here is her week, monday the lunchroom was too noisy so they let her eat her lunch in mrs pruitts room, tuesday she went to the assembly in the gym and sat with her class, wednesday the sub did not come so she stayed in her regular class in mr dale room for math';
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-03-08', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-09', activity: 'assembly', setting: 'general-education' },
      { date: '2027-03-10', activity: 'math', setting: 'general-education' },
    ]);
  });

  it('a subject named as a thing ("reading logs", "a math test", "his reading is") is not the class the child was in', () => {
    expect(
      events('wednesday he stayed in his regular class for writing, also please send me his reading logs'),
    ).toEqual([{ date: '2027-03-10', activity: 'writing', setting: 'general-education' }]);
    expect(events('Thursday she took a math test in the main office.')).not.toContainEqual(
      expect.objectContaining({ activity: 'math' }),
    );
  });

  it('a list of days ("Monday, Tuesday and today") stays one clause', () => {
    expect(events('She has eaten lunch in the resource room on Wednesday, Thursday and today.')).toEqual([
      { date: '2027-03-10', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-11', activity: 'lunch', setting: 'separate' },
      { date: '2027-03-12', activity: 'lunch', setting: 'separate' },
    ]);
  });

  it('a school program held in the gym is an assembly', () => {
    expect(events('Thursday the whole school had the program in the gym and he got to sit with his class.')).toEqual([
      { date: '2027-03-11', activity: 'assembly', setting: 'general-education' },
    ]);
  });
});

describe("a teacher's class where the child stayed when a service did not take her", () => {
  it('"nobody came for the resource group and she stayed in Mr. Hale\'s math class" is math in general education', () => {
    expect(
      events(
        "Wednesday the teacher had a meeting, so nobody came for the resource group and she stayed in Mr. Hale's regular math class all block.",
      ),
    ).toEqual([{ date: '2027-03-10', activity: 'math', setting: 'general-education' }]);
  });

  it("a class in a service's session, held, is still not where the child was", () => {
    expect(events("Wednesday the resource teacher came to Mr. Hale's math class and worked with her there.")).toEqual(
      [],
    );
  });
});
