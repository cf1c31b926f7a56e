import { describe, expect, it } from 'vitest';
import { messageFacts, sessionsFromText } from '../../../shared/extract/sessions-from-text';
import type { Session } from '../../../shared/records/types';
import { readSessions } from '../../support/read-sessions';

/** Sessions read from one author's text, sent on `sentOn`, without provenance. */
function read(text: string, sentOn: string, subject = ''): Session[] {
  const facts = messageFacts(subject, text, text);
  return sessionsFromText({ part: 'body', kind: 'author', text, anchor: sentOn }, facts).map(
    ({ source: _s, ...s }) => s,
  );
}

describe('sessionsFromText', () => {
  it('a service named as a heading with no colon rules the dated lines under it, clock spans giving minutes', () => {
    const text = [
      'Week of 2/8',
      '',
      'Speech (R. Amadi)',
      '  Tue 2/9    9:10-9:40    not held - pt at assembly',
      '  Thu 2/11   1:00-1:25    1:1, speech rm. Held.',
      'OT (L. Brandt)',
      '  Wed 2/10   10:00-10:30  small group. Held.',
    ].join('\n');
    expect(read(text, '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-09', service: 'speech-language', status: 'missed', minutes: 30 }),
      expect.objectContaining({ date: '2027-02-11', service: 'speech-language', minutes: 25, delivery: 'individual' }),
      expect.objectContaining({ date: '2027-02-10', service: 'occupational-therapy', minutes: 30, delivery: 'group' }),
    ]);
  });

  it('a bulleted log line typed in columns takes its day and the minutes of its clock span; a weekday schedule is no day', () => {
    const text = [
      'PT this week:',
      '',
      '\u2022 Mon 2/8  9:05-9:35  gym, 1:1 \u2014 stairs, ball skills',
      '',
      'Her standing schedule: Tuesdays and Thursdays, 1:00-1:30 - PT in the gym.',
    ].join('\n');
    expect(read(text, '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-08', service: 'physical-therapy', minutes: 30, delivery: 'individual' }),
    ]);
  });

  it('dated lines under a heading take its service, grouping and room; "none" opening a line is a miss', () => {
    const text = [
      'Update for the week:',
      '',
      'Specialized instruction (resource room, small group of 3):',
      '  Tue 2.9 - 30 min',
      '  Wed 2.10 - none, I was pulled to cover a class.',
      '',
      'Lee',
    ].join('\n');
    expect(read(text, '2027-02-12')).toEqual([
      expect.objectContaining({ date: '2027-02-09', minutes: 30, delivery: 'group', location: 'separate' }),
      expect.objectContaining({ date: '2027-02-10', status: 'missed', minutes: null }),
    ]);
  });

  it('a session missed because the therapist was out is provider-absent', () => {
    // Prepare
    const text =
      'Hi both,\n\nI was out at a district training on Monday 3/2, so Leo did not get his OT session that day.\n\nBest, Pat';
    // Act
    const sessions = read(text, '2026-03-04');
    // Assess
    expect(sessions).toEqual([
      {
        date: '2026-03-02',
        service: 'occupational-therapy',
        minutes: null,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'provider-absent',
      },
    ]);
  });

  it('"no OT tomorrow, I\'m out sick" is a session missed on the day after it was sent', () => {
    const sessions = read("Quick note: no OT tomorrow, I'm out sick. Sorry!", '2026-02-09');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      date: '2026-02-10',
      service: 'occupational-therapy',
      status: 'missed',
      reason: 'provider-absent',
    });
  });

  it('a promise to make a session up later is nothing', () => {
    expect(read("I'll make it up Friday with a longer speech session.", '2026-02-09')).toEqual([]);
    expect(read('We might cancel speech on Thursday because of the assembly.', '2026-02-09')).toEqual([]);
  });

  it('a recurring schedule is neither a session nor anything else', () => {
    expect(read('Her speech group meets Tuesdays 10:15 in my room.', '2026-02-09')).toEqual([]);
    expect(read('I will see him every Monday for OT, 30 minutes.', '2026-02-09')).toEqual([]);
  });

  it('a fire drill that cut a session short leaves the minutes delivered', () => {
    const text = 'Wednesday 2/4 - group speech in the speech room. We only had 15 minutes because of a fire drill.';
    expect(read(text, '2026-02-06')).toEqual([
      {
        date: '2026-02-04',
        service: 'speech-language',
        minutes: 15,
        delivery: 'group',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
    ]);
  });

  it('an aide who was not assigned is an aide session missed, provider-absent, individual where the words say 1:1', () => {
    const text = "Leo's 1:1 aide was absent yesterday and we had no substitute for her.";
    expect(read(text, '2026-01-15')).toEqual([
      {
        date: '2026-01-14',
        service: 'aide',
        minutes: null,
        delivery: 'individual',
        location: null,
        status: 'missed',
        reason: 'provider-absent',
      },
    ]);
  });

  it('a made-up session is a makeup on the day it was made up, not on the day it replaced', () => {
    const text = 'I made up his missed 1/12 counseling session today: 30 minutes, one-on-one in my office.';
    expect(read(text, '2026-01-16')).toEqual([
      {
        date: '2026-01-16',
        service: 'counseling',
        minutes: 30,
        delivery: 'individual',
        location: 'separate',
        status: 'makeup',
        reason: null,
      },
    ]);
  });

  it('a session delivered in class with peers is general education and group', () => {
    const text =
      'This morning I pushed in to his class and worked with him and two classmates on speech for 20 minutes.';
    expect(read(text, '2026-01-16')).toEqual([
      {
        date: '2026-01-16',
        service: 'speech-language',
        minutes: 20,
        delivery: 'group',
        location: 'general-education',
        status: 'delivered',
        reason: null,
      },
    ]);
  });

  it('a session the student missed for testing is student-unavailable, its scheduled minutes kept', () => {
    const sessions = read(
      "Leo's 30-minute PT session on Tuesday was cancelled because his class had state testing.",
      '2026-04-09',
    );
    expect(sessions).toEqual([
      {
        date: '2026-04-07',
        service: 'physical-therapy',
        minutes: 30,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'student-unavailable',
      },
    ]);
  });

  it('a question about a session is not a session', () => {
    expect(read('Did Leo have speech on Monday?', '2026-01-16')).toEqual([]);
  });

  it('the whole text is read line by line in time linear in its size', () => {
    const line = 'Monday 1/12 - 30 min speech session, individual, speech room.\n';
    const started = performance.now();
    read(line.repeat(2000), '2026-01-16');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('sessionsFromText on logs written as lines', () => {
  it('reads each dated line of a one-service log, absences and closures as missed', () => {
    // Prepare
    const text = [
      "Here is Sam's OT for October:",
      '',
      '10/5 - 30 min, individual, OT room',
      '10/7 - absent',
      '10/12 - no school',
      'Mon 10/19: therapist out sick, no sub',
    ].join('\n');
    // Act
    const sessions = read(text, '2026-10-30', 'October OT');
    // Assess
    expect(sessions.map((s) => [s.date, s.status, s.reason, s.minutes])).toEqual([
      ['2026-10-05', 'delivered', null, 30],
      ['2026-10-07', 'missed', 'student-absent', null],
      ['2026-10-12', 'missed', 'school-closure', null],
      ['2026-10-19', 'missed', 'provider-absent', null],
    ]);
  });

  it('gives one session per service where a sentence names two together', () => {
    const sessions = read('Counseling and OT both went ahead on Monday as planned.', '2026-03-13');
    expect(sessions.map((s) => s.service)).toEqual(['counseling', 'occupational-therapy']);
  });
});

describe('sessionsFromText and quoted history', () => {
  it('does not read history quoted under a reply, however it is marked', () => {
    // Prepare
    const text = [
      'Yes, I saw him today for OT, 30 minutes.',
      '',
      'On Mon, Mar 9, 2026 at 3:00 PM Pat Kim <pkim@example.org> wrote:',
      'He had OT on Monday 3/9 for 30 minutes.',
      '',
      '> Did he have OT on Friday 3/6?',
      '> He had OT on Friday 3/6 for 30 minutes.',
    ].join('\n');
    // Act
    const sessions = read(text, '2026-03-12');
    // Assess
    expect(sessions.map((s) => s.date)).toEqual(['2026-03-12']);
  });
});

describe('sessionsFromText on mail that records nothing', () => {
  it('a class newsletter that mentions a counselor and a closed day gives no session', () => {
    // Prepare
    const text = [
      'Dear Families,',
      '',
      'On Wednesday we had a visit from the fire department, and our class had a great time at the assembly on Friday.',
      '',
      'Reminders:',
      '- Friday 10/23: No school - teacher workday',
      '',
      'Our school counselor visited the class on Thursday to teach a lesson on kindness.',
    ].join('\n');
    // Act
    const sessions = read(text, '2026-10-16', 'Room 12 weekly newsletter');
    // Assess
    expect(sessions).toEqual([]);
  });

  it('missing the bus is not missing a session', () => {
    const sessions = read(
      'He missed the bus this morning. In speech today we read a story for 20 minutes, one on one.',
      '2026-10-30',
      'speech today',
    );
    expect(sessions.map((s) => [s.date, s.status, s.minutes])).toEqual([['2026-10-30', 'delivered', 20]]);
  });
});

describe("sessionsFromText in other districts' wording", () => {
  it('a child sent to the nurse during a session is unavailable, not a nursing session', () => {
    // Prepare
    const text =
      'Monday 3/9: no session. Ava went to the nurse with a headache and stayed there the whole block, so she missed the 25 minutes.';
    // Act
    const sessions = read(text, '2026-03-13', 'OT notes for the week');
    // Assess
    expect(sessions).toEqual([
      {
        date: '2026-03-09',
        service: 'occupational-therapy',
        minutes: 25,
        delivery: null,
        location: null,
        status: 'missed',
        reason: 'student-unavailable',
      },
    ]);
  });

  it('a dated line that opens with a make-up and gives its minutes is a make-up session', () => {
    // Prepare
    const text = 'Friday 3/13: Makeup for Monday, 25 minutes in the OT room. Practiced buttons and zippers.';
    // Act
    const sessions = read(text, '2026-03-13', 'OT notes for the week');
    // Assess
    expect(sessions).toMatchObject([{ date: '2026-03-13', status: 'makeup', minutes: 25, location: 'separate' }]);
  });

  it('"no" right before a service name on a closed day is a missed session of that service', () => {
    // Prepare
    const text = 'Wednesday 4/8 - school closed for spring recess, so no speech.';
    // Act
    const sessions = read(text, '2026-04-10');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-04-08', service: 'speech-language', status: 'missed', reason: 'school-closure' },
    ]);
  });

  it('SETSS is special-education instruction', () => {
    // Prepare
    const text = 'Tuesday 4/7 - SETSS in the resource room, 40 minutes, small group.';
    // Act
    const sessions = read(text, '2026-04-10');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-04-07', service: 'specialized-academic-instruction', minutes: 40, status: 'delivered' },
    ]);
  });

  it('a 1:1 aide pulled to cover a classroom misses the child', () => {
    // Prepare
    const text = "On Thursday (4/9) Mr. Diaz, Sam's 1:1 aide, was pulled to cover a kindergarten room all afternoon.";
    // Act
    const sessions = read(text, '2026-04-10');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-04-09', service: 'aide', status: 'missed', reason: 'provider-unavailable', delivery: 'individual' },
    ]);
  });

  it('"just the two of us" is an individual session', () => {
    // Prepare
    const text = 'We had PT today, just the two of us in the gym, for 30 minutes.';
    // Act
    const sessions = read(text, '2026-04-10');
    // Assess
    expect(sessions).toMatchObject([{ date: '2026-04-10', service: 'physical-therapy', delivery: 'individual' }]);
  });

  it('the scheduled minutes of a cancelled session may come in the next sentence', () => {
    // Prepare
    const text = "Sorry, no OT tomorrow: I'm at a district workshop. That was her 45-minute session for the week.";
    // Act
    const sessions = read(text, '2026-04-08');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-04-09', service: 'occupational-therapy', status: 'missed', minutes: 45, reason: 'provider-absent' },
    ]);
  });
  it('a make-up told on its own day with its minutes was held, even without a "did well" word', () => {
    // Prepare
    const text = 'This morning we squeezed in a make-up session for Monday, 20 minutes in the speech room.';
    // Act
    const sessions = read(text, '2026-04-10', 'Speech');
    // Assess
    expect(sessions).toMatchObject([{ date: '2026-04-10', service: 'speech-language', status: 'makeup', minutes: 20 }]);
  });

  it('a session held "to make up" an earlier miss is the make-up, and the miss it names is no item of its own', () => {
    // Prepare
    const text =
      'This afternoon I worked with Nia 2:00-2:30 one-on-one in the OT room to make up the 4/1 session I missed for a conference.';
    const promised = 'I still need to make up the 4/1 session I missed for a conference.';
    // Act
    const sessions = read(text, '2026-04-10', 'OT');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2026-04-10', service: 'occupational-therapy', status: 'makeup', minutes: 30, delivery: 'individual' },
    ]);
    expect(sessions).toHaveLength(1);
    expect(read(promised, '2026-04-10', 'OT').filter((s) => s.status !== 'missed')).toEqual([]);
  });

  it('a promised make-up with its minutes is still nothing', () => {
    // Prepare
    const text = 'Tomorrow I will do a make-up session for Monday, 20 minutes in the speech room.';
    // Act
    const sessions = read(text, '2026-04-10', 'Speech');
    // Assess
    expect(sessions).toEqual([]);
  });
  it('"no" before a service name followed by another noun is not a session', () => {
    // Prepare
    const text = 'Friday 4/10 - the bus was on time, no transportation issues at all.';
    // Act
    const sessions = read(text, '2026-04-10');
    // Assess
    expect(sessions).toEqual([]);
  });
  it('a service moved to new days so the child does not miss a class is a schedule, not a miss', () => {
    // Prepare
    const text =
      "From 11/30 on, PT will switch to Tuesdays and Fridays at 2:15 so Ben does not miss art.\n\nBeginning Monday, speech moves to the morning, so that Ava won't miss recess.";
    // Act
    const sessions = read(text, '2026-11-24');
    // Assess
    expect(sessions).toEqual([]);
  });
  it("an absence told of the child is the student's, though the provider is named later in the sentence", () => {
    const text = 'Leo was absent on Monday 3/9 with a fever, so he missed his speech session with Mrs. Diaz.';
    expect(read(text, '2026-03-10')).toMatchObject([
      { date: '2026-03-09', service: 'speech-language', status: 'missed', reason: 'student-absent' },
    ]);
    expect(read('Mrs. Diaz was absent on Monday 3/9, so Leo missed speech.', '2026-03-10')).toMatchObject([
      { date: '2026-03-09', service: 'speech-language', status: 'missed', reason: 'provider-absent' },
    ]);
  });

  it('a session moved ahead of a closed day was held on the day it moved to, and missed on none', () => {
    const text =
      "Because there is no school Friday (teacher workday), I moved Ada's PT from Friday to today: 25 min, individual, in the PT room.";
    expect(read(text, '2027-01-14')).toEqual([
      {
        date: '2027-01-14',
        service: 'physical-therapy',
        minutes: 25,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
        reason: null,
      },
    ]);
    expect(read('I moved her PT session to next Tuesday.', '2027-01-14')).toEqual([]);
  });

  it('a child sent to the main office during the session is unavailable', () => {
    // Prepare
    const text = 'Today Mia was sent to the main office during her OT time, so we did not have our session.';
    // Act
    const sessions = read(text, '2027-02-10', 'OT');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2027-02-10', service: 'occupational-therapy', status: 'missed', reason: 'student-unavailable' },
    ]);
  });
  it('a provider away at professional development missed the session as provider-absent', () => {
    // Prepare
    const text = 'Friday 3/5 I was at a district PD, so I had to cancel our counseling group.';
    // Act
    const sessions = read(text, '2027-03-05');
    // Assess
    expect(sessions).toMatchObject([
      { date: '2027-03-05', service: 'counseling', status: 'missed', reason: 'provider-absent' },
    ]);
  });
});

describe('times instead of minutes', () => {
  it('a 24-hour span and a span across noon give their length', () => {
    const sessions = read(
      'Mon 11/16: para with him 1:1 from 7:50 to 14:20.\nTue 11/17: OT 11:45-12:15 in the OT room.',
      '2026-11-18',
    );
    expect(sessions.map((s) => [s.date, s.minutes])).toEqual([
      ['2026-11-16', 390],
      ['2026-11-17', 30],
    ]);
  });
});

describe('a week told as a list of days with items under each', () => {
  it('items indented under a day take its day; check and cross marks are held and not held; each item is its own session', () => {
    // Prepare: a resource teacher's week, subjects as the sessions' names, marks for what happened
    const text = [
      'This week in resource (SDI):',
      '',
      '\u2022 Tue 3/2',
      '   \u2013 8:30\u20139:15 Reading \u2705',
      '   \u2013 9:20\u201310:00 Math \u2705 (sm grp)',
      '\u2022 Wed 3/3 \ud83d\udcdd field trip day',
      '   \u2013 Reading \u274c \u2013 on the field trip with his class',
      '   \u2013 Math \u2705 30 min',
    ].join('\n');

    // Act: as the reader sees it, the marks rewritten by the normalising vocabulary (readSessions)
    const sessions = readSessions(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.service, s.status, s.minutes])).toEqual([
      ['2027-03-02', 'specialized-academic-instruction', 'delivered', 45],
      ['2027-03-02', 'specialized-academic-instruction', 'delivered', 40],
      ['2027-03-03', 'specialized-academic-instruction', 'missed', null],
      ['2027-03-03', 'specialized-academic-instruction', 'delivered', 30],
    ]);
    expect(sessions[1]?.delivery).toBe('group');
  });

  it('a subject is a session only where it names the item and the mail is about special education', () => {
    // Prepare: the same list from a class teacher, and a therapist's line that mentions reading in passing
    const classTeacher = ['\u2022 Tue 3/2', '   \u2013 Reading \u2705', '   \u2013 Math \u2705'].join('\n');
    const therapist = '- Tuesday 3/2: speech \u2013 25 minutes, we practiced /s/ in her reading passages.';

    // Act
    const fromClass = readSessions(classTeacher, '2027-03-05');
    const fromTherapist = read(therapist, '2027-03-05', 'speech');

    // Assess
    expect(fromClass).toEqual([]);
    expect(fromTherapist.map((s) => [s.service, s.minutes])).toEqual([['speech-language', 25]]);
  });

  it('items joined by bars on a day line are each a session of that day; an emoji alone names the subject', () => {
    // Prepare: a co-teacher's week, each day on one line, reading and math as book and division emoji
    const text = [
      'Notes from the learning center (special education):',
      '',
      '\u2022 Mon 3/1 \u2013 \ud83d\udcd6 8:30\u20139:10 \u2705 | \u2797 \u2705 9:20\u201310:00',
      '\u2022 Tue 3/2 \u2013 \ud83d\udcd6 \u274c she was at the dentist | \u2797 \u2705',
      '   \ud83e\udde0 counseling with the school psychologist \u2705',
    ].join('\n');

    // Act
    const sessions = readSessions(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.service, s.status, s.minutes])).toEqual([
      ['2027-03-01', 'specialized-academic-instruction', 'delivered', 40],
      ['2027-03-01', 'specialized-academic-instruction', 'delivered', 40],
      ['2027-03-02', 'specialized-academic-instruction', 'missed', null],
      ['2027-03-02', 'specialized-academic-instruction', 'delivered', null],
      ['2027-03-02', 'counseling', 'delivered', null],
    ]);
  });

  it("an Ohio intervention specialist's subjects are special-education instruction", () => {
    // Prepare: no other word ties the mail to special education
    const text = ['\u2022 Thu 3/4 \u2013 Reading \u2705', '', 'Dana Mills', 'Intervention Specialist, Grade 4'].join(
      '\n',
    );

    // Act
    const sessions = readSessions(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.service])).toEqual([['2027-03-04', 'specialized-academic-instruction']]);
  });

  it('"today" on a dated line is that line\'s day, not the day the note was sent', () => {
    // Prepare: a week's note sent on Friday
    const text = [
      'Resource room (special education) this week:',
      '\u2022 Tue 3/2',
      '   \u2013 Reading \u2705 1:1 today, 30 min',
    ].join('\n');

    // Act
    const sessions = readSessions(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.delivery, s.minutes])).toEqual([['2027-03-02', 'individual', 30]]);
  });

  it('a face emoji ends a sentence: a wish after it does not make the miss tentative', () => {
    // Prepare
    const text = [
      'Special education notes:',
      '\u2022 Thu 3/4',
      '   \u2013 Math \u274c she left with her dad at 10:05 \ud83d\ude1f hope she feels better',
    ].join('\n');

    // Act
    const sessions = readSessions(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.status])).toEqual([['2027-03-04', 'missed']]);
  });

  it('a teacher pulled to cover a class is unavailable even where that class had no sub; a child picked up is absent', () => {
    // Prepare
    const pulled = 'Mon 3/1 - OT not held, I was pulled to cover a kindergarten room that had no sub.';
    const pickedUp = 'Tue 3/2 - speech not held, she went to the nurse and her grandma picked her up.';

    // Act
    const [first] = readSessions(pulled, '2027-03-05');
    const [second] = readSessions(pickedUp, '2027-03-05');

    // Assess
    expect(first?.reason).toBe('provider-unavailable');
    expect(second?.reason).toBe('student-absent');
  });

  it('lines not indented under the day keep their own reading', () => {
    // Prepare: a dated line, then an unindented reminder with no day
    const text = ['\u2022 Mon 3/1 OT \u2705 30 min', '\u2022 Reminder: speech moves to Thursdays'].join('\n');

    // Act
    const sessions = read(text, '2027-03-05');

    // Assess
    expect(sessions.map((s) => [s.date, s.service])).toEqual([['2027-03-01', 'occupational-therapy']]);
  });
});
