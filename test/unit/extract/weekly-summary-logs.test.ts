// Weekly summaries typed as plain-text logs: rows dated by weekday alone in a week the table or the
// mail names, a title spaced over the header, one column of minutes served over minutes scheduled,
// rows typed a space off their header, day-month dates in capitals, and a make-up named in a note.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { dateFromCell, findDateMentions } from '../../../shared/extract/resolve-dates';
import { codeLegend, tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readPlainTextTable } from '../../support/read-table';

describe('a log dated by weekday in a named week', () => {
  it('reads "M", "W", "F" rows as the days of the week its header names, served over scheduled', () => {
    // Prepare
    const body = [
      'Week of 10/19\tService\tPlace\tGroup\tServed/Sched\tNote',
      'M\tmath SDI\tRR\tsm grp\t40/40\t',
      'W\tmath SDI\tRR\tsm grp\t0/40\tstudent absent',
      'F\tmath SDI\tRR\tindiv\t40/40\tmake-up for Wed',
    ].join('\n');
    // Act
    const sessions = readPlainTextTable(body, body, 'Resource summary');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-19', status: 'delivered', minutes: 40, location: 'separate' }),
      expect.objectContaining({ date: '2026-10-21', status: 'missed', minutes: 40, reason: 'student-absent' }),
      expect.objectContaining({ date: '2026-10-23', status: 'makeup', minutes: 40, delivery: 'individual' }),
    ]);
  });

  it('takes the week from the subject where the table names none', () => {
    const body = ['Day   Svc        Min   Note', 'Tu    math SDI   30', 'Th    math SDI   30'].join('\n');
    const sessions = readPlainTextTable(body, body, 'Summary, week of 10/26');
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-27', minutes: 30 }),
      expect.objectContaining({ date: '2026-10-29', minutes: 30 }),
    ]);
  });

  it('reads no weekday rows where nothing names their week', () => {
    const body = ['Day   Svc        Min   Note', 'Tu    math SDI   30', 'Th    math SDI   30'].join('\n');
    expect(readPlainTextTable(body, body, 'Math support schedule')).toEqual([]);
  });
});

describe('plain-text tables typed by hand', () => {
  it('takes the line a rule underlines as the header, not a spaced-out title above it', () => {
    const body = [
      'SUMMARY FOR 19-OCT     RESOURCE     GRADE 4',
      'Day  Svc        Min',
      '---  ---------  ---',
      'M    math SDI   30',
      'T    math SDI   30',
    ].join('\n');
    const [table] = tablesFromPlainText(body);
    expect(table?.headers).toEqual(['Day', 'Svc', 'Min']);
    expect(table?.rows.length).toBe(2);
  });

  it('keeps a row whose cell starts a space off its column, a dash served as not held', () => {
    const body = [
      'DAY         SVC    SRVD/SCHED  NOTE',
      'Mon 19-Oct  MATH   40/40',
      'Tue 20-Oct  MATH   \u2014/40      teacher out at a training, no sub',
      'Wed 21-Oct  MATH   40/40',
    ].join('\n');
    const sessions = readPlainTextTable(body, body, 'Resource summary');
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-10-19', status: 'delivered', minutes: 40 }),
      expect.objectContaining({ date: '2026-10-20', status: 'missed', minutes: 40, reason: 'provider-absent' }),
      expect.objectContaining({ date: '2026-10-21', status: 'delivered', minutes: 40 }),
    ]);
  });

  it('reads a key that lists codes after commas, each meaning up to the next code', () => {
    const legend = codeLegend('Key: RR = resource room (Rm 9), GE pi = push-in in class, sm grp = four students.');
    expect(legend.get('RR')).toBe('resource room (Rm 9)');
  });
});

describe('day-month dates and weekday-and-day cells', () => {
  it('reads "19-OCT", "9NOV" and "3-Nov-26" in prose', () => {
    const anchor = '2026-11-20';
    const dates = (text: string) => findDateMentions(normaliseText(text), anchor).map((m) => m.date);
    expect(dates('the meeting moved to 19-OCT')).toEqual(['2026-10-19']);
    expect(dates('closed 9NOV for the storm')).toEqual(['2026-11-09']);
    expect(dates('signed 3-Nov-26 by the team')).toEqual(['2026-11-03']);
  });

  it('reads "3-Nov-26" and "Tue 3" cells, the weekday deciding the month', () => {
    expect(dateFromCell('3-Nov-26', '2026-11-20')).toBe('2026-11-03');
    expect(dateFromCell('Tue 3', '2026-11-20')).toBe('2026-11-03');
    expect(dateFromCell('Wed 30', '2026-10-05')).toBe('2026-09-30');
    expect(dateFromCell('Fri 3', '2026-11-20')).toBe(null);
  });
});
