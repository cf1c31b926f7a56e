import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { findDates } from '../../../shared/extract/dates';
import type { ReadingContext, TextPart } from '../../../shared/extract/reading-context';

function context(
  text: string,
  anchor: string,
  extra: Partial<ReadingContext> = {},
  kind: TextPart['kind'] = 'author',
): ReadingContext {
  return {
    tz: 'America/Chicago',
    sentOn: anchor,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind, text, anchor }],
    tables: [],
    ...extra,
  };
}

function found(ctx: ReadingContext) {
  return findDates(ctx).map(({ type, date, end }) => ({ type, date, end }));
}

describe('findDates', () => {
  it('reads closed days and closure ranges from a calendar, not the day school resumes', () => {
    // Prepare
    const text = [
      '• Monday, March 1 – Teacher workday – NO SCHOOL for students',
      '• March 15–19 – Spring Break. Classes resume Monday, March 22.',
      '• Friday, March 26 – Early release, 12:30 dismissal',
    ].join('\n');
    // Act
    const dates = found(context(text, '2027-02-10'));
    // Assess
    expect(dates).toEqual([
      { type: 'school-closure', date: '2027-03-01', end: null },
      { type: 'school-closure', date: '2027-03-15', end: '2027-03-19' },
    ]);
  });

  it('gives a rescheduled meeting only its new day', () => {
    const text =
      'Her ARD committee meeting, originally set for Monday, May 3, cannot go ahead.\n\nThe meeting has been moved to Thursday, May 6, 2027 at 9:00 AM.';
    expect(found(context(text, '2027-04-26'))).toEqual([{ type: 'meeting-scheduled', date: '2027-05-06', end: null }]);
  });

  it('counts a meeting mentioned in passing but not one already held or cancelled', () => {
    expect(found(context('See you at the IEP meeting tomorrow!', '2027-01-12'))).toEqual([
      { type: 'meeting-scheduled', date: '2027-01-13', end: null },
    ]);
    expect(found(context('Thanks for attending the IEP meeting yesterday.', '2027-01-12'))).toEqual([]);
    expect(found(context('The IEP meeting on Jan 20 has been cancelled.', '2027-01-12'))).toEqual([]);
  });

  it("takes an annual IEP meeting as a meeting, and someone else's meeting as nothing", () => {
    expect(found(context("Reminder: Jaden's annual IEP meeting is Monday, December 7 at 8:15.", '2026-11-10'))).toEqual(
      [{ type: 'meeting-scheduled', date: '2026-12-07', end: null }],
    );
    expect(
      found(context('I have an IEP meeting for another student on Thursday, so no speech.', '2026-11-10')),
    ).toEqual([]);
    expect(
      found(context('Sorry, I had an IEP meeting over at a different campus today that went late.', '2026-11-10')),
    ).toEqual([]);
  });

  it('reads the date field of a meeting invitation laid out as fields', () => {
    const text = 'You are invited to an IEP meeting for Maya.\n\nDate: Thursday, November 5, 2026\nTime: 2:45 PM';
    expect(found(context(text, '2026-10-20'))).toEqual([{ type: 'meeting-scheduled', date: '2026-11-05', end: null }]);
  });

  it('reads consent signed for a reevaluation as consent, not as a reevaluation due', () => {
    expect(found(context('We received your signed consent for the reevaluation on 11/2.', '2026-11-10'))).toEqual([
      { type: 'evaluation-consent', date: '2026-11-02', end: null },
    ]);
  });

  it('reads due dates of the annual review and reevaluation, not the last ones held', () => {
    const text = 'Last annual IEP: 02/01/2026\tNext annual review: 02/01/2027\nTriennial reevaluation due 10/04/2028.';
    expect(found(context(text, '2026-09-01'))).toEqual([
      { type: 'annual-review', date: '2027-02-01', end: null },
      { type: 'reevaluation', date: '2028-10-04', end: null },
    ]);
  });

  it('reads the day consent to evaluate was signed and a progress report day', () => {
    const text =
      'Thank you for signing the consent for evaluation on Monday, March 8.\nProgress reports go home with report cards on 4/2.';
    expect(found(context(text, '2027-03-10'))).toEqual([
      { type: 'evaluation-consent', date: '2027-03-08', end: null },
      { type: 'progress-report', date: '2027-04-02', end: null },
    ]);
  });

  it("dates the parent's own written requests by the day they were written", () => {
    const text =
      'I am writing to formally request an IEP meeting for my son.\nI am also requesting copies of his speech service logs since August.';
    expect(found(context(text, '2027-01-05'))).toEqual([
      { type: 'meeting-request', date: '2027-01-05', end: null },
      { type: 'records-request', date: '2027-01-05', end: null },
    ]);
  });

  it("takes a plainer ask as the parent's where the same text makes a request in the first person", () => {
    // Prepare: no "my son" anywhere; the records are asked for with "please" and listed under "copies of:"
    const formal =
      'I am requesting an IEP meeting before winter break.\n\nPlease send me his counseling logs since October.';
    const listed = 'I am requesting copies of:\n- the speech logs since 9/1\n- the aide schedule';
    const alone = 'Please send me the field trip form by Friday.';
    const toParent = "I am requesting a meeting about your child's behavior. Please send me his attendance records.";
    // Act + Assess
    expect(found(context(formal, '2027-01-05'))).toEqual([
      { type: 'meeting-request', date: '2027-01-05', end: null },
      { type: 'records-request', date: '2027-01-05', end: null },
    ]);
    expect(found(context(listed, '2027-01-05'))).toEqual([{ type: 'records-request', date: '2027-01-05', end: null }]);
    expect(found(context(alone, '2027-01-05'))).toEqual([]);
    expect(found(context(toParent, '2027-01-05'))).toEqual([]);
  });

  it('a day named as the first day back after a break is not a closed day', () => {
    const text = 'The new schedule starts Monday, March 22 - the first day back after spring break.';
    expect(found(context(text, '2027-03-10'))).toEqual([]);
  });

  it('reads records asked for without a formal first-person request, where the records are named', () => {
    // Prepare
    const wanted = 'hi again. i would like the counseling log from january on, when you get a chance';
    const askedOfTeacher = 'Could you send me the aide data sheets for last month? thanks';
    const passive = 'Copies of every evaluation done this year are requested by the end of the month.';
    const labelled = 'Records requested:\n- reading intervention logs\n- behavior incident notes';
    const inWriting = "I'm asking in writing for a meeting of his IEP team before the holidays.";
    const formBack = 'Please send the picture day form back with her on Monday.';
    const someoneElse = 'Immunization records are requested by the nurse before the trip.';
    const ofTheParent = 'Your attendance at the planning conference is requested.';
    // Act + Assess
    const asked = [{ type: 'records-request', date: '2027-02-03', end: null }];
    expect(found(context(wanted, '2027-02-03'))).toEqual(asked);
    expect(found(context(askedOfTeacher, '2027-02-03'))).toEqual(asked);
    expect(found(context(passive, '2027-02-03'))).toEqual(asked);
    expect(found(context(labelled, '2027-02-03'))).toEqual(asked);
    expect(found(context(inWriting, '2027-02-03'))).toEqual([
      { type: 'meeting-request', date: '2027-02-03', end: null },
    ]);
    expect(found(context(formBack, '2027-02-03'))).toEqual([]);
    expect(found(context(someoneElse, '2027-02-03'))).toEqual([]);
    expect(found(context(ofTheParent, '2027-02-03'))).toEqual([]);
  });

  it('takes a Committee on Special Education (CSE) meeting as an IEP meeting, asked for or set', () => {
    // Prepare
    const asked = "I would like to formally request a CSE review of my daughter's services.";
    const set = 'The Committee on Special Education will meet about Leo on Tuesday, February 9, 2027 at 1:30 PM.';
    const moved = 'Our CSE meeting, first set for Feb 9, has been moved to Friday, February 12, 2027.';
    // Act + Assess
    expect(found(context(asked, '2027-01-20'))).toEqual([{ type: 'meeting-request', date: '2027-01-20', end: null }]);
    expect(found(context(set, '2027-01-20'))).toEqual([{ type: 'meeting-scheduled', date: '2027-02-09', end: null }]);
    expect(found(context(moved, '2027-01-20'))).toEqual([{ type: 'meeting-scheduled', date: '2027-02-12', end: null }]);
  });

  it('takes two closed days in a row joined by "and" as one closure, and days apart as two', () => {
    // Prepare
    const inRow = 'Spring holiday - no school: Thursday, April 1 and Friday, April 2';
    const apart = 'No school on Monday, April 5 and Wednesday, April 7.';
    // Act + Assess
    expect(found(context(inRow, '2027-03-10'))).toEqual([
      { type: 'school-closure', date: '2027-04-01', end: '2027-04-02' },
    ]);
    expect(found(context(apart, '2027-03-10'))).toEqual([
      { type: 'school-closure', date: '2027-04-05', end: null },
      { type: 'school-closure', date: '2027-04-07', end: null },
    ]);
  });

  it('reads a calendar line whose day comes first and whose closure words follow in their own sentence', () => {
    // Prepare
    const text = [
      'Friday, February 12 - Lincoln Day. Schools closed.',
      'Monday, February 15 - Staff development. No school for students.',
      'Tuesday, February 16 - Winter concert. Early dismissal at noon.',
      'Wednesday, February 17 - Snow make-up day. No school was planned, but classes will be held.',
    ].join('\n');
    // Act
    const dates = found(context(text, '2027-02-01'));
    // Assess
    expect(dates).toEqual([
      { type: 'school-closure', date: '2027-02-12', end: null },
      { type: 'school-closure', date: '2027-02-15', end: null },
    ]);
  });

  it('does not take a wish or the school answering a request as a request', () => {
    expect(found(context('I think we need an IEP meeting soon.', '2027-01-05'))).toEqual([]);
    expect(found(context('Thank you for your request for records.', '2027-01-05'))).toEqual([]);
    expect(
      found(context("We would like to schedule an IEP meeting to review your child's progress.", '2027-01-05')),
    ).toEqual([]);
    expect(found(context('We are requesting records from her previous district.', '2027-01-05'))).toEqual([]);
  });

  it('reads a closed day from a log line that starts with its date, not from a holiday party', () => {
    const text = 'Wed 11/11 – Holiday\n12/18 – Holiday party in class\nMonday the office is closed for lunch';
    expect(found(context(text, '2026-11-10'))).toEqual([{ type: 'school-closure', date: '2026-11-11', end: null }]);
  });

  it("reads a log line's Day cell after its date as that date, not the next such weekday", () => {
    const text = 'Date\tDay\tMinutes\tNotes\n03/02/2027\tTue\t0\tNo school - ice storm\n03/04/2027\tThu\t30\t';
    expect(found(context(text, '2027-03-05'))).toEqual([{ type: 'school-closure', date: '2027-03-02', end: null }]);
  });

  it('reads a closed day from a log row written in Spanish', () => {
    const table: Table = {
      label: 'Registro',
      headers: ['Fecha', 'Minutos', 'Notas'],
      rows: [['02/15/2027', '0', 'No hubo clases (día festivo)']],
      rowNumbers: [2],
    };
    const dates = found(context('', '2027-02-20', { tables: [{ part: 'body', table, anchor: '2027-02-20' }] }));
    expect(dates).toEqual([{ type: 'school-closure', date: '2027-02-15', end: null }]);
  });

  it('reads a weekday without tense words as the one coming', () => {
    expect(found(context('The ARD is at 3:30 on Thursday in the conference room.', '2026-11-10'))).toEqual([
      { type: 'meeting-scheduled', date: '2026-11-12', end: null },
    ]);
  });

  it('reads a closed day from a service log row', () => {
    // Prepare
    const table: Table = {
      label: 'Log',
      headers: ['Date', 'Minutes', 'Notes'],
      rows: [
        ['01/18/2027', '30', 'Worked on fluency'],
        ['01/19/2027', '0', 'No school - MLK holiday'],
      ],
      rowNumbers: [2, 3],
    };
    // Act
    const dates = found(context('', '2027-01-25', { tables: [{ part: 'log.csv', table, anchor: '2027-01-25' }] }));
    // Assess
    expect(dates).toEqual([{ type: 'school-closure', date: '2027-01-19', end: null }]);
  });

  it('a meeting moved off its day gives only the new date, told in the next sentence', () => {
    // Prepare
    const text = [
      'The speech evaluation is not finished, so we need to reschedule the IEP meeting that was set for Monday 3/8.',
      'New date: Thursday, March 18, 2027 at 3:15 p.m. in the library.',
      'The evaluation report will be sent home by Friday so you can read it before the meeting.',
    ].join(' ');
    // Act
    const dates = found(context(text, '2027-03-03'));
    // Assess
    expect(dates).toEqual([{ type: 'meeting-scheduled', date: '2027-03-18', end: null }]);
  });

  it('an annual review named as where something will be taken up is a meeting that day; thanks for one held is none', () => {
    const set = found(context('If not, we can talk it over at the annual review on 4/20.', '2027-03-03'));
    expect(set).toEqual([{ type: 'meeting-scheduled', date: '2027-04-20', end: null }]);
    const held = found(context('Thank you for meeting with the IEP team today about the evaluation.', '2027-03-03'));
    expect(held).toEqual([]);
  });

  it('reads each day of a list under a line saying those days have no school', () => {
    // Prepare
    const text = [
      'Students will not attend (no school) on these dates:',
      '  - Friday, February 12 - Staff Development',
      '  - Tuesday, February 16 - Late start for students',
      '  - Monday, March 22 - Friday, March 26 - Spring Recess',
      '',
      'Friday, April 2 - Science fair',
    ].join('\n');
    // Act
    const dates = found(context(text, '2027-01-20')).sort((a, b) => a.date.localeCompare(b.date));
    // Assess
    expect(dates).toEqual([
      { type: 'school-closure', date: '2027-02-12', end: null },
      { type: 'school-closure', date: '2027-03-22', end: '2027-03-26' },
    ]);
  });

  it('reads a closed day from a log row whose code the document explains', () => {
    // Prepare
    const table: Table = {
      label: 'Log',
      headers: ['Date', 'Min', 'Code'],
      rows: [
        ['02/15/2027', '0', 'HD'],
        ['02/16/2027', '30', 'OK'],
      ],
      rowNumbers: [2, 3],
    };
    const legend = 'Codes: OK = Seen  HD = No School';
    const texts: TextPart[] = [
      { part: 'log.csv', kind: 'attachment', text: legend, original: legend, anchor: '2027-02-20' },
    ];
    // Act
    const dates = found(
      context('', '2027-02-20', { texts, tables: [{ part: 'log.csv', table, anchor: '2027-02-20' }] }),
    );
    // Assess
    expect(dates).toEqual([{ type: 'school-closure', date: '2027-02-15', end: null }]);
  });

  it('reads a closed day from an attached log whose code the mail carrying it explains', () => {
    const table: Table = {
      label: 'Export',
      headers: ['Svc Dt', 'Min', 'Att'],
      rows: [
        ['02/15/2027', '0', 'XS'],
        ['02/16/2027', '30', 'P'],
      ],
      rowNumbers: [2, 3],
    };
    const carrier = 'Key: P = present; XS = site closed / no school';
    const texts: TextPart[] = [
      { part: 'body', kind: 'author', text: carrier, original: carrier, anchor: '2027-02-20' },
      { part: 'export.xlsx', kind: 'attachment', text: 'Export', anchor: '2027-02-20' },
    ];
    const dates = found(
      context('', '2027-02-20', { texts, tables: [{ part: 'export.xlsx', table, anchor: '2027-02-20' }] }),
    );
    expect(dates).toEqual([{ type: 'school-closure', date: '2027-02-15', end: null }]);
  });

  it("reads a weekday beside the week a line names as that week's day", () => {
    // Sent Friday 2027-02-19; "Mon." is the Monday of the week of 2/15, not the Monday to come.
    expect(found(context('Weekly note - week of 2/15 (no school Mon.)', '2027-02-19'))).toEqual([
      { type: 'school-closure', date: '2027-02-15', end: null },
    ]);
  });

  it('does not read a document footer or a week as a date of its kind', () => {
    const text =
      'ARD Report - Page 2 of 9 - Printed 09/03/2026\nWith the Thanksgiving holiday coming up, schedules may shift during the week of November 16.';
    expect(found(context(text, '2026-09-03'))).toEqual([]);
  });
});
