import { describe, expect, it } from 'vitest';
import { clockSpanMinutes } from '../../../shared/extract/clock-spans';
import { findDates } from '../../../shared/extract/dates';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findDateMentions } from '../../../shared/extract/resolve-dates';
import { readSessions as read } from '../../support/read-sessions';
import { readTable } from '../../support/read-table';

describe('itinerant logs: days by their capital letter, minutes by a prime', () => {
  it('a day letter before a slash date opens a log line; a letter with no date does not', () => {
    const log = [
      'Route log wk of 4/12 (P. Lund, TVI)',
      'M 4/12 - Birch ES 8:30-9:10 TVI direct 1:1, resource rm. 31 mi RT',
      'T - (other district all day)',
      'Th 4/15 - Birch 1:00-1:25 direct in 2nd gr classroom. 31 mi RT',
    ].join('\n');
    expect(read(log, '2027-04-16', 'TVI log')).toEqual([
      expect.objectContaining({ date: '2027-04-12', service: 'vision', minutes: 40, delivery: 'individual' }),
      expect.objectContaining({ date: '2027-04-15', service: 'vision', minutes: 25, location: 'general-education' }),
    ]);
  });

  it('"no visit" on a scheduled day is a miss; a grade’s own room is the general education classroom', () => {
    const log = [
      'Itinerant log wk of 4/12 (P. Lund, TVI)',
      'T 4/13 - sched Birch 9:00-9:45 - ICE DAY, Birch closed, no visit',
      "W 4/14 - late start; came anyway, made up Tue's visit 11:15-11:45 in 2nd gr room",
      'Th 4/15 - sched Birch 1:00-1:30 - no visit, pass closed',
    ].join('\n');
    expect(read(log, '2027-04-16', 'TVI log').map((s) => [s.date, s.status, s.reason, s.location])).toEqual([
      ['2027-04-13', 'missed', 'school-closure', null],
      ['2027-04-14', 'makeup', null, 'general-education'],
      ['2027-04-15', 'missed', 'provider-absent', null],
    ]);
  });

  it('a day letter that is not the date’s own weekday leaves the line undated', () => {
    expect(read('W 4/12 - Birch ES 8:30-9:10 TVI direct 1:1', '2027-04-16', 'TVI log')).toEqual([]);
  });

  it('"4.12 (M)" and "15-Apr (Th)" are dates; a prime after a number is minutes', () => {
    const note = [
      'Jo - speech',
      '',
      "4.12 (M) artic grp 20' speech rm - /s/ blends",
      "15-Apr (Th) ind 15' check-in before the review",
    ].join('\n');
    expect(read(note, '2027-04-16', 'SLP notes')).toEqual([
      expect.objectContaining({ date: '2027-04-12', minutes: 20, delivery: 'group', location: 'separate' }),
      expect.objectContaining({ date: '2027-04-15', minutes: 15, delivery: 'individual' }),
    ]);
  });

  it('a prime closing a quotation is no minutes', () => {
    expect(normaliseText("he kept saying 'level 10'")).toBe("he kept saying 'level 10'");
    expect(normaliseText("grp 0' (30 sched)")).toBe('group 0 min (30 sched)');
  });

  it('"16-Nov" is the 16th of November', () => {
    expect(normaliseText('16-Nov (M)')).toBe('Nov 16 (M)');
    expect(findDateMentions('Nov 16 (M)', '2026-11-20')[0]?.date).toBe('2026-11-16');
  });

  it('the clock hours of an assembly that took the group’s slot are not the session’s minutes', () => {
    expect(read('4.14 (W) grp cancelled - 3rd gr assembly 9:30-10:30', '2027-04-16', 'SLP notes')).toEqual([
      expect.objectContaining({ date: '2027-04-14', status: 'missed', minutes: null, reason: 'student-unavailable' }),
    ]);
  });

  it('a substitute who never came is the provider’s absence, not the student’s', () => {
    expect(read("4.16 (F) grp 0' (25 sched) - cancelled, sub OT no-show", '2027-04-16', 'OT notes')).toEqual([
      expect.objectContaining({ status: 'missed', minutes: 25, reason: 'provider-absent' }),
    ]);
  });

  it('"10-10:30" is half an hour; "ended 3 min early" is not the length', () => {
    expect(clockSpanMinutes('OT 10-10:30 held')).toBe(30);
    expect(clockSpanMinutes('grades 3-5:30 pickup')).toBeNull();
    expect(read('F 4/16  OT makeup 2:00-2:27, ended 3 min early, ind.', '2027-04-16', 'OT log')).toEqual([
      expect.objectContaining({ minutes: 27, delivery: 'individual' }),
    ]);
  });

  it('an entry under a dated line, with its clock span, is that day’s, not a heading over the lines below', () => {
    const log = [
      'Log wk of 4/12',
      '',
      'T 4/13  OT 9:00-9:30 held, ind.',
      '        resource reading group 1:00-1:40 held',
      'W 4/14  speech 10:00-10:20 held.',
    ].join('\n');
    expect(read(log, '2027-04-16').map((s) => [s.date, s.service])).toEqual([
      ['2027-04-13', 'occupational-therapy'],
      ['2027-04-13', 'specialized-academic-instruction'],
      ['2027-04-14', 'speech-language'],
    ]);
  });
});

describe('an aide’s coverage told by an administrator', () => {
  it('"no 1:1 aide coverage" on two named days is a miss on each', () => {
    const text =
      'There was no 1:1 aide coverage for Lia Tues and Wed this week; Mr. Ames was pulled to cover a 4th grade room.';
    expect(read(text, '2027-04-15', 'aide coverage')).toEqual([
      expect.objectContaining({
        date: '2027-04-13',
        service: 'aide',
        status: 'missed',
        reason: 'provider-unavailable',
      }),
      expect.objectContaining({
        date: '2027-04-14',
        service: 'aide',
        status: 'missed',
        reason: 'provider-unavailable',
      }),
    ]);
  });

  it('the day of the phone call the notice follows is no session’s day', () => {
    const text =
      'Per our phone call this morning: there was no 1:1 aide coverage for Lia Tues and Wed this week.\n\nMr. Ames was back as her 1:1 today (Thu).';
    expect(read(text, '2027-04-15', 'aide coverage').map((s) => [s.date, s.status])).toEqual([
      ['2027-04-13', 'missed'],
      ['2027-04-14', 'missed'],
      ['2027-04-15', 'delivered'],
    ]);
  });

  it('days joined on after the first keep its status, and a substitute nobody could find is a miss', () => {
    const text =
      'Mr. Ames was out on Monday, April 12, and Tuesday, April 13, and we could not find a substitute aide on either day.';
    expect(read(text, '2027-04-15', 'aide coverage').map((s) => [s.date, s.status, s.reason])).toEqual([
      ['2027-04-12', 'missed', 'provider-absent'],
      ['2027-04-13', 'missed', 'provider-absent'],
    ]);
  });

  it('an aide back "as his 1:1", or a substitute who "covered as her 1:1", delivered the day', () => {
    expect(read('Mr. Ames was back as his 1:1 today (Thu).', '2027-04-15')).toEqual([
      expect.objectContaining({ date: '2027-04-15', service: 'aide', status: 'delivered', delivery: 'individual' }),
    ]);
    expect(read('- Fri 4/16: sub para Ms. Vo covered as her 1:1 all day.', '2027-04-16', 'aide week')).toEqual([
      expect.objectContaining({ date: '2027-04-16', service: 'aide', status: 'delivered' }),
    ]);
  });

  it('a substitute who was with the child one-on-one makes the aide’s absence a day held', () => {
    const text = [
      'Her 1:1 aide was not with her on these days:',
      '',
      '- Tue 4/13: Mr. Ames was out sick and no substitute was assigned.',
      '- Thu 4/15: Mr. Ames was out for a family matter; a substitute aide, Ms. Oyelaran, was with Lia one-on-one for the full day.',
    ].join('\n');
    expect(read(text, '2027-04-16', 'aide days').map((s) => [s.date, s.status, s.reason])).toEqual([
      ['2027-04-13', 'missed', 'provider-absent'],
      ['2027-04-15', 'delivered', null],
    ]);
  });

  it('a line opening with two days joined by "&" is about both', () => {
    expect(
      read('- Mon 4/12 & Tue 4/13: Mr. Ames with Lia as her 1:1 all day.', '2027-04-16').map((s) => s.date),
    ).toEqual(['2027-04-12', '2027-04-13']);
  });
});

describe('a special-education week told day by day', () => {
  const signature = '\n\nKim Avery\nIntervention Specialist';

  it('"no reading or math" on a closed or absent day is one miss for each subject', () => {
    const week = [
      '• Mon 4/12 Spring holiday – no school, so no reading or math SDI',
      '• Thu 4/15 – Lia absent 🤒 – no 📖 or ➗ for her',
    ].join('\n');
    expect(read(`${week}${signature}`, '2027-04-16', 'Week of 4/12').map((s) => [s.date, s.status, s.reason])).toEqual([
      ['2027-04-12', 'missed', 'school-closure'],
      ['2027-04-12', 'missed', 'school-closure'],
      ['2027-04-15', 'missed', 'student-absent'],
      ['2027-04-15', 'missed', 'student-absent'],
    ]);
  });

  it('items after a note on the day line ("Early release 12:15 – 📖 ✅ | ➗ ✅") are that day’s sessions', () => {
    const week = '• Wed 4/14 ⏰ Early release 12:15 (conferences – see you there!) – 📖 ✅ | ➗ ✅';
    expect(read(`${week}${signature}`, '2027-04-16', 'Week of 4/12').map((s) => [s.date, s.status])).toEqual([
      ['2027-04-14', 'delivered'],
      ['2027-04-14', 'delivered'],
    ]);
  });

  it('time in the reset room that cost the group is the student’s, and its clock hours are not the group’s minutes', () => {
    const week =
      '• Tue 4/13 – 📖 ✅ 45 min | ➗ ❌ Lia was in the reset room from 10:05 to 10:45, so no math group for her today';
    expect(
      read(`${week}${signature}`, '2027-04-16', 'Week of 4/12').map((s) => [s.status, s.minutes, s.reason]),
    ).toEqual([
      ['delivered', 45, null],
      ['missed', null, 'student-unavailable'],
    ]);
  });

  it('subjects named in passing are no sessions', () => {
    expect(read(`She said there is no reading homework this week.${signature}`, '2027-04-16')).toEqual([]);
  });
});

describe('who a consult or a family’s log line is about', () => {
  it('"AT consult" is assistive technology, before the other staff the sentence names', () => {
    const note = 'For the file: AT consult today at Birch, 40 min, with Ann, Bo (TVI) and Cy (IA) after school.';
    expect(read(note, '2027-04-16')).toEqual([
      expect.objectContaining({ service: 'assistive-technology', minutes: 40, status: 'delivered' }),
    ]);
  });

  it('a role in brackets after a name ("cy (IA) out sick") is the instructional assistant', () => {
    expect(normaliseText('cy (IA) out sick')).toBe('cy (instructional assistant) out sick');
    expect(read('thurs 4/15  cy (IA) out sick no sub, mr fox kept her all day', '2027-04-16', 'my log')).toEqual([
      expect.objectContaining({ date: '2027-04-15', service: 'aide', status: 'missed', reason: 'provider-absent' }),
    ]);
  });
});

describe('a provider kept away, or covered for', () => {
  it('a pass still closed from the day before keeps the provider away; the storm’s day is no session’s', () => {
    const text =
      'School is open, but the pass is still closed from yesterday’s storm and I can’t get down from the ranch. Lia’s 9:00-9:30 OT is cancelled today.';
    expect(read(text, '2027-04-14')).toEqual([
      expect.objectContaining({ date: '2027-04-14', status: 'missed', minutes: 30, reason: 'provider-absent' }),
    ]);
  });

  it('a notice naming the absent provider and the one covering for her is a session held', () => {
    const notice = [
      'Date of service: Wed 4/14/27',
      'Scheduled provider: Ann Roe, CCC-SLP - out sick today',
      'Covering provider: Bo Lin, CCC-SLP (float)',
    ].join('\n');
    expect(read(notice, '2027-04-14', 'Coverage notice')).toEqual([
      expect.objectContaining({ date: '2027-04-14', service: 'speech-language', status: 'delivered', reason: null }),
    ]);
  });
});

describe('a meeting notice', () => {
  it('the table of when and where the meeting is holds no session', () => {
    const table = {
      label: 'table 1',
      headers: ['Date', 'Time', 'Location', 'Report Due'],
      rows: [['10/27/2026', '1:00 - 2:30 PM', 'Birch MS, Room 4', '11/10/2026']],
      rowNumbers: [5],
    };
    const notice =
      'NOTICE OF A TEAM MEETING\nYou are invited to attend a meeting about your child.\nJo Park, School Psychologist';
    expect(readTable(table, notice, 'Meeting notice')).toEqual([]);
    // The same table in a psychologist's mail that invites nobody is read as her log.
    expect(readTable(table, 'Jo Park, School Psychologist', 'Log')).toHaveLength(1);
  });
});

describe('a reevaluation meeting under its report’s name', () => {
  it('"ETR meeting" on a day to come is a meeting set', () => {
    const ctx: ReadingContext = {
      tz: 'America/New_York',
      sentOn: '2027-04-16',
      subject: '',
      sender: null,
      texts: [
        { part: 'body', kind: 'author', text: 'ETR meeting Tues 4/20 @ 1:15 – see you then!', anchor: '2027-04-16' },
      ],
      tables: [],
    };
    expect(findDates(ctx).map(({ type, date }) => [type, date])).toEqual([['meeting-scheduled', '2027-04-20']]);
  });
});

describe('a family’s running log', () => {
  it('a line about recess that says the child refused to go out is no missed session', () => {
    const log =
      'Wed 4/14 - Sub para Mr. Fox started. Ms. Kim says he was with Lia one-on-one all day. Recess: Lia stayed in the calm room, refused to go out in the rain.';
    expect(read(log, '2027-04-16', 'my log')).toEqual([
      expect.objectContaining({ date: '2027-04-14', service: 'aide', status: 'delivered', delivery: 'individual' }),
    ]);
  });
});

describe('a transportation office’s notice', () => {
  it('a van that did not pick the child up because its monitor called out is a missed ride', () => {
    const notice =
      'The bus monitor on route 9 called out sick and we had no substitute monitor. Because her IEP requires a monitor on her transportation, the van did not pick her up this morning.';
    expect(read(notice, '2027-04-16', 'Route 9 this morning')).toEqual([
      expect.objectContaining({
        date: '2027-04-16',
        service: 'transportation',
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });
});

describe('scores that look like dates', () => {
  it('"4/5 questions", "3/4 opps", "8/10 \\"wh\\" questions" are scores, not days; "11/5 \\"Fun Run\\" day" is a day', () => {
    expect(findDateMentions('she answered 4/5 questions on her own', '2026-11-20')).toEqual([]);
    expect(findDateMentions('turn-taking, 3/4 opps without a prompt', '2026-11-20')).toEqual([]);
    expect(findDateMentions('he got 8/10 "wh" questions', '2026-11-20')).toEqual([]);
    expect(findDateMentions('On 11/5 "Fun Run" day he was out', '2026-11-20').map((m) => m.date)).toEqual([
      '2026-11-05',
    ]);
  });

  it('a cancellation because every therapist has mandatory district PD is the provider’s', () => {
    const text = 'No speech tomorrow (Thu 4/15). All the district SLPs have mandatory district PD.';
    expect(read(text, '2027-04-14')).toEqual([
      expect.objectContaining({ date: '2027-04-15', status: 'missed', reason: 'provider-absent' }),
    ]);
  });
});
