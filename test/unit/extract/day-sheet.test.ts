// One day's timeline as a table (a daily behaviour sheet, a home-school log): the day is in the
// title, each row a block of the day with its clock span. Related services in it are sessions; a
// removal written beside a class is where the child was for it.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { daySheetRows, sheetDay } from '../../../shared/extract/day-sheet';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { findSettingEvents } from '../../../shared/extract/setting';
import { readTable } from '../../support/read-table';

const SHEET = [
  'Bluebird Room daily sheet - Ana R. - Wednesday, October 21, 2026',
  '',
  'Block               Time          Stars  Comments',
  'Circle              8:45-9:15     2',
  'Literacy            9:15-10:00    1      Reset room 9:40-9:55, came back calm',
  'OT - fine motor     10:00-10:30   2      worked on scissors',
  'Snack / recess      10:30-11:00   2',
  'Speech grp          11:00-11:30   -      not held, SLP at a training',
  'Math                11:30-12:15   2',
].join('\n');

function contextOf(text: string): ReadingContext {
  return {
    tz: 'America/Chicago',
    sentOn: '2026-10-21',
    subject: 'Daily sheet',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: '2026-10-21' }],
    tables: tablesFromPlainText(text).map((table) => ({ part: 'body', table, anchor: '2026-10-21' })),
  };
}

describe('day sheets', () => {
  it("reads the title's one day, and no day from a weekday alone or two days", () => {
    expect(sheetDay(SHEET, '2026-10-21')).toBe('2026-10-21');
    expect(sheetDay('Sheet for Wednesday\nBlock  Time', '2026-10-21')).toBeNull();
    expect(sheetDay('Sheets for 10/19 and 10/20\nBlock  Time', '2026-10-21')).toBeNull();
    // A sheet for a day still to come is a plan, not a record.
    expect(sheetDay('Plan for 10/28/2026', '2026-10-21')).toBeNull();
  });

  it("reads its service rows as the day's sessions, each lasting its span; a row not held keeps its scheduled minutes", () => {
    const [table] = tablesFromPlainText(SHEET);
    expect(table).toBeDefined();
    if (!table) return;
    expect(readTable(table, SHEET)).toEqual([
      expect.objectContaining({
        date: '2026-10-21',
        service: 'occupational-therapy',
        minutes: 30,
        status: 'delivered',
      }),
      expect.objectContaining({
        date: '2026-10-21',
        service: 'speech-language',
        minutes: 30,
        delivery: 'group',
        status: 'missed',
      }),
    ]);
  });

  it('says where the child was for a class the notes say she was taken from', () => {
    const events = findSettingEvents(contextOf(SHEET)).map(({ date, activity, setting }) => ({
      date,
      activity,
      setting,
    }));
    expect(events).toContainEqual({ date: '2026-10-21', activity: 'reading', setting: 'separate' });
    expect(events.filter((e) => e.activity === 'math')).toEqual([]);
  });

  it('is not a week: a timetable with weekdays, or rows with their own dates, is not one day', () => {
    const timetable = [
      'Day     Time         Service',
      'Monday  9:00-9:30   OT',
      'Tuesday 9:00-9:30   OT',
      'Friday  9:00-9:30   OT',
    ];
    const log = [
      'Date    Time         Service',
      '10/19   9:00-9:30    OT',
      '10/20   9:00-9:30    OT',
      '10/21   9:00-9:30    OT',
    ];
    for (const lines of [timetable, log]) {
      const [table] = tablesFromPlainText(lines.join('\n'));
      expect(table).toBeDefined();
      if (table) expect(daySheetRows(table)).toBeNull();
    }
  });

  it('reads a sheet whose span leads each row and whose Time column shows "--" where nothing was held', () => {
    const sheet = [
      'Daily note - Rooms 12 - Mia K. - Thu 22-Oct',
      '1:1 para:\tMr. Olsen, with Mia the whole day',
      'Time\tService\tNotes',
      '9:05-9:35\tOT\tjust the two of us in the motor room',
      '--\tPT\tbegins in November',
      '13:10-13:40\tSpeech\tnot seen, speech teacher at a workshop (the clinic will schedule a make-up for 10/29)',
    ].join('\n');
    const [table] = tablesFromPlainText(sheet);
    expect(table).toBeDefined();
    if (!table) return;
    expect(readTable(table, sheet)).toEqual([
      expect.objectContaining({
        service: 'occupational-therapy',
        minutes: 30,
        delivery: 'individual',
        status: 'delivered',
      }),
      // A make-up promised in the notes leaves the row missed; the date in its notes is no log's date.
      expect.objectContaining({ service: 'speech-language', minutes: 30, status: 'missed', reason: 'provider-absent' }),
      // The heading line naming the 1:1 aide: held that day.
      expect.objectContaining({ service: 'aide', minutes: null, delivery: 'individual', status: 'delivered' }),
    ]);
  });

  it('reads "Service: span - notes" lines of a labelled sheet, and the aide line with its hours or its absence', () => {
    const title = 'Summer program - Jonah P. - Monday 7/13';
    // As an HTML sheet of two columns gives it: the first label and value stand as the headers.
    const labelled = (para: string, speech: string): Table => ({
      label: 'table 1',
      headers: ['Para', para],
      rows: [
        ['OT', '9:00-9:30 - pull-out to the sensory room'],
        ['Speech', speech],
        ['Snack', 'crackers'],
      ],
      rowNumbers: [3, 4, 5],
    });
    const held = labelled('Ms. Ines 8:30-11:30', '10:15-10:45 - no speech today, therapist called out');
    const sessions = readTable(held, `${title}\nPara:\tMs. Ines 8:30-11:30\n`);
    expect(sessions).toContainEqual(
      expect.objectContaining({
        service: 'occupational-therapy',
        minutes: 30,
        location: 'separate',
        status: 'delivered',
      }),
    );
    expect(sessions).toContainEqual(
      expect.objectContaining({ service: 'speech-language', minutes: 30, status: 'missed' }),
    );
    expect(sessions).toContainEqual(expect.objectContaining({ service: 'aide', minutes: 180, status: 'delivered' }));
    const away = labelled('Ms. Ines absent, no coverage', '10:15-10:45 - seen 1:1');
    expect(readTable(away, `${title}\nPara:\tMs. Ines absent, no coverage\n`)).toContainEqual(
      expect.objectContaining({ service: 'aide', status: 'missed', reason: 'provider-absent' }),
    );
  });

  it("places lunch, recess and an assembly in a self-contained class's own room, on the sheet's day", () => {
    const sheet = [
      'Daily note - Autism Class, Room 14 - Mia K. - Wed 21-Oct',
      'Time\tService\tNotes',
      '9:05-9:35\tOT\tin the motor room',
      '13:10-13:40\tSpeech\tmake-up for 10/15, seen 1:1',
      'Lunch:\tclassroom, ate everything',
      'Recess:\tsensory gym (wet playground)',
      'Assembly:\tstayed in Room 14 for the spelling bee (the gym was too noisy)',
    ].join('\n');
    const events = findSettingEvents(contextOf(sheet)).map(({ date, activity, setting }) => ({
      date,
      activity,
      setting,
    }));
    // The heading's class makes "classroom" and "Room 14" separate; the date in a row's notes is not the day.
    expect(events).toEqual([
      { date: '2026-10-21', activity: 'lunch', setting: 'separate' },
      { date: '2026-10-21', activity: 'recess', setting: 'separate' },
      { date: '2026-10-21', activity: 'assembly', setting: 'separate' },
    ]);
  });

  it('leaves "classroom" to the general class where nothing says the class is a special one', () => {
    const text = 'Note for Wed 21-Oct\nLunch: classroom, ate everything';
    expect(findSettingEvents(contextOf(text))).toEqual([]);
  });
});
