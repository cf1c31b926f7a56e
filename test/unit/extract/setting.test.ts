import { describe, expect, it } from 'vitest';
import type { ReadingContext, TextPart } from '../../../shared/extract/reading-context';
import { findSettingEvents, findSettingPercent } from '../../../shared/extract/setting';

// 2027-02-12 is a Friday.
const ANCHOR = '2027-02-12';

function context(text: string, kind: TextPart['kind'] = 'author'): ReadingContext {
  return {
    tz: 'America/Denver',
    sentOn: ANCHOR,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind, text, anchor: ANCHOR }],
    tables: [],
  };
}

function events(text: string) {
  return findSettingEvents(context(text)).map(({ date, activity, setting }) => ({ date, activity, setting }));
}

describe('findSettingPercent', () => {
  it('reads the share in general education as stated', () => {
    expect(
      findSettingPercent(context('He will spend 65% of his school day in the general education classroom.')),
    ).toEqual({
      generalEducation: 65,
    });
  });

  it('turns the share outside general education into the share inside it', () => {
    expect(findSettingPercent(context('Percentage of time outside the general education environment: 35%'))).toEqual({
      generalEducation: 65,
    });
  });

  it('prefers the stated share inside over the one outside, and ignores goals and categories', () => {
    const text = [
      'Time in special education setting: 23% of the instructional day',
      'Time in general education setting: 77% of the instructional day',
    ].join('\n');
    expect(findSettingPercent(context(text))).toEqual({ generalEducation: 77 });
    expect(
      findSettingPercent(context('She will read in the general education classroom with 80% accuracy.')),
    ).toBeNull();
    expect(findSettingPercent(context('Inside regular class 80% or more of the day'))).toBeNull();
  });
});

describe('findSettingEvents', () => {
  it('reads "Monday through Thursday" as each of those days, and "ate in the cafeteria" as lunch', () => {
    expect(events('He ate lunch in the resource room Monday through Thursday. Today he ate in the cafeteria.')).toEqual(
      [
        { date: '2027-02-08', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-09', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-10', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-11', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-12', activity: 'lunch', setting: 'general-education' },
      ],
    );
  });

  it("reads an activity named as a line's label for every place and day after the colon", () => {
    expect(events('Recess this week: on the playground Mon and Tue; in the sensory room Thu.')).toEqual([
      { date: '2027-02-08', activity: 'recess', setting: 'general-education' },
      { date: '2027-02-09', activity: 'recess', setting: 'general-education' },
      { date: '2027-02-11', activity: 'recess', setting: 'separate' },
    ]);
  });

  it('gives each day named the place the child ate lunch and spent recess', () => {
    const text =
      'On Monday and Wednesday she ate lunch in the special day class and stayed there for recess. On Tuesday she ate lunch in the cafeteria with her class.';
    const found = events(text);
    expect(found).toHaveLength(5);
    expect(found).toEqual(
      expect.arrayContaining([
        { date: '2027-02-08', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-08', activity: 'recess', setting: 'separate' },
        { date: '2027-02-10', activity: 'lunch', setting: 'separate' },
        { date: '2027-02-10', activity: 'recess', setting: 'separate' },
        { date: '2027-02-09', activity: 'lunch', setting: 'general-education' },
      ]),
    );
  });

  it('does not count a place the child was not in', () => {
    expect(events('Yesterday he ate lunch in the resource room instead of in the cafeteria.')).toEqual([
      { date: '2027-02-11', activity: 'lunch', setting: 'separate' },
    ]);
  });

  it('reads a removal to the office with the day told earlier in the message', () => {
    const text =
      'There was an incident this afternoon.\n\nHe was removed from math and spent the rest of the period in the front office.';
    expect(events(text)).toEqual([{ date: '2027-02-12', activity: 'math', setting: 'separate' }]);
  });

  it('takes the day from the sentence just before when the story names a day on its own first', () => {
    // Prepare
    const text = [
      'On Tuesday she had a fire drill and handled it well.',
      '',
      "Wednesday was a rough one. In math she tore up her worksheet and was sent to the principal's office for the rest of the period.",
      '',
      'Thursday went better! She had lunch in the cafeteria with her classmates.',
    ].join('\n');
    // Act
    const found = events(text);
    // Assess
    expect(found).toEqual([
      { date: '2027-02-10', activity: 'math', setting: 'separate' },
      { date: '2027-02-11', activity: 'lunch', setting: 'general-education' },
    ]);
  });

  it('does not take a place named as a reason as the place the child was', () => {
    expect(events("He ate lunch in Ms. Kim's room on Wednesday because the cafeteria was too loud.")).toEqual([
      { date: '2027-02-10', activity: 'lunch', setting: 'separate' },
    ]);
    expect(events('He ate lunch on Wednesday because the cafeteria was too loud.')).toEqual([]);
  });

  it("reads a place that also names a service, like the nurse's office, as a place", () => {
    expect(events("This morning during the assembly, Jordan stayed back in the nurse's office.")).toEqual([
      { date: '2027-02-12', activity: 'assembly', setting: 'separate' },
    ]);
  });

  it("reads a log with a column per activity, but never a service log's location column", () => {
    // Prepare
    const ctx = context('');
    ctx.tables = [
      {
        part: 'aide-log.csv',
        anchor: ANCHOR,
        table: {
          label: 'log',
          headers: ['Date', 'Lunch', 'Recess', 'Notes'],
          rows: [
            ['2/8/2027', 'Cafeteria with class', 'Playground', ''],
            ['2/9/2027', 'Resource room', '', 'aide out'],
          ],
          rowNumbers: [2, 3],
        },
      },
      {
        part: 'speech-log.csv',
        anchor: ANCHOR,
        table: {
          label: 'log',
          headers: ['Date', 'Minutes', 'Location'],
          rows: [['2/8/2027', '30', 'Speech room']],
          rowNumbers: [2],
        },
      },
    ];
    // Act
    const found = findSettingEvents(ctx).map(({ date, activity, setting }) => ({ date, activity, setting }));
    // Assess
    expect(found).toEqual([
      { date: '2027-02-08', activity: 'lunch', setting: 'general-education' },
      { date: '2027-02-08', activity: 'recess', setting: 'general-education' },
      { date: '2027-02-09', activity: 'lunch', setting: 'separate' },
    ]);
  });

  it('gives nothing for plans, habits, absences or a session in its own room', () => {
    expect(events('Tomorrow I will walk her to the cafeteria for lunch.')).toEqual([]);
    expect(events('She usually eats lunch with her class.')).toEqual([]);
    expect(events('She was absent on Tuesday, so she missed lunch bunch.')).toEqual([]);
    expect(events('On Thursday she worked on reading fluency with me in the resource room for 30 minutes.')).toEqual(
      [],
    );
    expect(events('The whole school was at the assembly on Wednesday, so there was no speech.')).toEqual([]);
  });
});

describe('a setting true of the whole week', () => {
  it('"all week" and "all five days this week" give each school day of the week up to the day written; a habit gives none', () => {
    // Act: written on Friday 2027-02-12
    const allWeek = events('Recess went great: she played outside on the playground with her class all week.');
    const fiveDays = events('He ate lunch in the cafeteria with his table all five days this week!');
    const habit = events('She eats lunch in the cafeteria every day.');

    // Assess
    const week = ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
    expect(allWeek.map((e) => [e.date, e.activity, e.setting])).toEqual(
      week.map((d) => [d, 'recess', 'general-education']),
    );
    expect(fiveDays.map((e) => [e.date, e.activity, e.setting])).toEqual(
      week.map((d) => [d, 'lunch', 'general-education']),
    );
    expect(habit).toEqual([]);
  });
});
