import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/extract/dates';
import { findRequirements } from '../../../shared/extract/requirements';
import { codeLegend } from '../../../shared/extract/sessions-from-tables';
import { bodyContext } from '../../support/body-context';
import { readSessions as read } from '../../support/read-sessions';
import { readPlainTextTable, readTable } from '../../support/read-table';

describe('middle-school mail', () => {
  it('a held session of a service the mail names by its room ("RR reading") was in that room', () => {
    const text = [
      'Quick recap (RR reading, B days):',
      'Tue 2/9 - 40 min, grp of 4. Vowel teams.',
      'Thu 2/11 - 35 min.',
    ].join('\n');
    expect(read(text, '2027-02-12', 'RR reading wk of 2/8')).toEqual([
      expect.objectContaining({ date: '2027-02-09', minutes: 40, location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-11', minutes: 35, location: 'separate', status: 'delivered' }),
    ]);
  });

  it('the named room is no held session’s place where the line says another, and no missed one’s', () => {
    const text = [
      'Resource reading this week:',
      'Mon 2/8 - 30 min, push-in during her ELA class.',
      'Wed 2/10 - not held, I was out sick.',
    ].join('\n');
    expect(read(text, '2027-02-12', 'Resource reading')).toEqual([
      expect.objectContaining({ date: '2027-02-08', location: 'general-education', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-10', location: null, status: 'missed' }),
    ]);
  });

  it('a log table with no place column under a room-named subject gives its held rows that room', () => {
    const body = ['Date\tMin\tGrp\tNote', '8-Feb\t40\t3\tunit rates', '10-Feb\t–\t\tabsent'].join('\n');
    expect(readPlainTextTable(body, body, 'RR math - week of 8-Feb')).toEqual([
      expect.objectContaining({ date: '2027-02-08', location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2027-02-10', location: null, status: 'missed' }),
    ]);
  });

  it('a services-grid line with a rate ("3x30 min/wk") is what the plan requires, not sessions on its start and end days', () => {
    const line = 'Reading support | Small group | 3x30 min/wk | Learning lab | 01/14/2027 | 01/13/2028';
    expect(read(line, '2027-02-01')).toEqual([]);
    expect(read('Social work | Group | 90 min/mo | Counselor office | 01/14/2027 | 01/13/2028', '2027-02-01')).toEqual(
      [],
    );
  });

  it('a grid whose one "Amount" cell holds count, minutes and period reads all three', () => {
    const text = [
      'Service | Grp/Ind | Amount | Location | Begins | Ends',
      'Speech therapy | Individual | 2x25 min/wk | Speech room | 01/14/2027 | 01/13/2028',
      'Social work | Group | 90 min/mo | Counselor office | 01/14/2027 | 01/13/2028',
    ].join('\n');
    const ctx = bodyContext(text, '2027-02-01', { subject: 'services page', tz: 'America/Denver' });
    expect(findRequirements(ctx).map(({ source: _s, ...r }) => r)).toEqual([
      expect.objectContaining({ service: 'speech-language', sessions: 2, minutes: 25, totalMinutes: 50, per: 'week' }),
      expect.objectContaining({ service: 'counseling', sessions: null, minutes: null, totalMinutes: 90, per: 'month' }),
    ]);
  });

  it('a table of weekly totals ("week of | req | deliv | short") dates no session', () => {
    const body = [
      'week_of     req   deliv   short',
      '2027-01-04   60     30      30',
      '2027-01-11   60     60       0',
    ].join('\n');
    expect(readPlainTextTable(body, body, 'speech minutes')).toEqual([]);
  });

  it('codes listed after a label with their meanings, comma by comma, are a legend', () => {
    const legend = codeLegend(
      'Key: H held, NS not seen - student out, PX provider out. Rooms: LL learning lab, GE gen ed room.',
    );
    expect(Object.fromEntries(legend)).toEqual(
      expect.objectContaining({
        H: 'held',
        NS: 'not seen - student out',
        PX: 'provider out',
        LL: 'learning lab',
        GE: 'gen ed room',
      }),
    );
    // A sentence that only looks like a list is no legend.
    expect(codeLegend('Hi all, OT went well, PT was fine.').size).toBe(0);
  });

  it('a service column in codes the mail explains is read by their meaning, its grouping too where the row leaves it blank', () => {
    const documentText = [
      'Svc: RD = reading support, SW-G = social work group. Status: H held, PX provider out.',
      'Dt\tSvc\tMin\tGrp/1:1\tStatus',
    ].join('\n');
    const table = {
      label: 'Feb',
      headers: ['Dt', 'Svc', 'Min', 'Grp/1:1', 'Status'],
      rows: [
        ['2027-02-03', 'SW-G', 25, 'grp', 'H'],
        ['2027-02-10', 'SW-G', 0, null, 'PX'],
      ],
      rowNumbers: [2, 3],
    };
    expect(readTable(table, documentText, 'February minutes')).toEqual([
      expect.objectContaining({ date: '2027-02-03', service: 'counseling', status: 'delivered', delivery: 'group' }),
      expect.objectContaining({
        date: '2027-02-10',
        service: 'counseling',
        status: 'missed',
        reason: 'provider-absent',
        delivery: 'group',
      }),
    ]);
  });

  it('a month summarised by service tells its days only in the notes: a row short of its plan lists misses there', () => {
    const body = [
      'Service            IEP req      Planned (Jan)   Delivered (Jan)   Notes',
      'Reading (RR)       3x30/wk      360             300               1/8 pep rally; 1/15 stu abs',
      'Social work grp    60 min/mo    60              30                1/22 canc. - no sub for the social worker',
      'OT consult         1x15/mo      15              15                1/20 consult w/ teacher',
    ].join('\n');
    expect(readPlainTextTable(body, body, 'January minutes')).toEqual([
      expect.objectContaining({
        date: '2027-01-08',
        service: 'specialized-academic-instruction',
        minutes: null,
        location: 'separate',
        status: 'missed',
        reason: 'student-unavailable',
      }),
      expect.objectContaining({ date: '2027-01-15', status: 'missed', reason: 'student-absent', minutes: null }),
      expect.objectContaining({
        date: '2027-01-22',
        service: 'counseling',
        delivery: 'group',
        status: 'missed',
        reason: 'provider-absent',
        minutes: null,
      }),
    ]);
  });

  it('a student who declined to go to a session was unavailable for it', () => {
    expect(read('Thu 2/11 - not held, he declined to go when I came to get him.', '2027-02-12', 'RR math')).toEqual([
      expect.objectContaining({ date: '2027-02-11', status: 'missed', reason: 'student-unavailable' }),
    ]);
  });

  it('a colleague who ran the group while its provider was in a meeting delivered it', () => {
    expect(
      read(
        '- Tue 2/9 group: Ms. Park ran group while I was at an IEP meeting - 25 min, my office.',
        '2027-02-12',
        'Counseling',
      ),
    ).toEqual([expect.objectContaining({ date: '2027-02-09', status: 'delivered', minutes: 25, delivery: 'group' })]);
  });

  it('a closed day followed by "through" a later day is one closure with its end', () => {
    const text = '- No speech tomorrow (Thu 4/1) - no school, spring recess through Monday.';
    const ctx = bodyContext(text, '2027-03-31', { tz: 'America/Denver' });
    expect(findDates(ctx).map(({ type, date, end }) => ({ type, date, end }))).toEqual([
      { type: 'school-closure', date: '2027-04-01', end: '2027-04-05' },
    ]);
  });
});
