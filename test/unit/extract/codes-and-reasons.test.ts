// Codes a log explains elsewhere (a legend in the mail that carries the export), and reasons where
// a bare status code and the note beside it disagree: the stated cause wins.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { wordText } from '../../../shared/extract/match-phrases';
import { normaliseCell } from '../../../shared/extract/normalise/normalise-text';
import { reasonFromWords } from '../../../shared/extract/session-vocabulary';
import { codeLegend, explainedHeaders, sessionsFromTable } from '../../../shared/extract/sessions-from-tables';
import { messageFacts } from '../../../shared/extract/sessions-from-text';

const reason = (words: string) => reasonFromWords(wordText(normaliseCell(words)));

describe('legends', () => {
  it('reads a short header by the meaning the mail gives it, so a missed row keeps its scheduled minutes', () => {
    const table: Table = {
      label: 'weekly.xlsx',
      headers: ['Dt', 'Plan', 'Got', 'Att'],
      rows: [
        ['11/02/2026', 40, 40, 'OK'],
        ['11/04/2026', 40, 0, 'TA'],
      ],
      rowNumbers: [2, 3],
    };
    const carrier =
      'Columns: Plan = minutes scheduled, Got = minutes delivered\nAtt: OK = held; TA = therapist absent\nOT weekly export';
    const facts = messageFacts('OT weekly export', carrier, carrier);
    const sessions = sessionsFromTable(
      { part: 'weekly.xlsx', table, anchor: '2026-11-06' },
      { facts, documentText: carrier, legendText: carrier },
    ).map(({ source: _s, ...s }) => s);
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-11-02', minutes: 40, status: 'delivered' }),
      expect.objectContaining({ date: '2026-11-04', minutes: 40, status: 'missed', reason: 'provider-absent' }),
    ]);
  });

  it('leaves a header alone where its key is a list of codes, and word headers always', () => {
    const text = 'St: OK = held; TA = therapist absent\nNotes: see the portal\nDt = day of service';
    expect(explainedHeaders(['St', 'Notes', 'Dt', 'Got'], text)).toEqual([null, null, 'day of service', null]);
  });

  it('reads codes with digits, hyphens and two words, in "=" lists and in a code table', () => {
    const legend = codeLegend(
      "Places: LRC = learning center, 3RD MATH = Mrs. Quill's gen ed room, PE-GYM = gym.\nRM-B\tResource room B",
    );
    expect(legend.get('LRC')).toBe('learning center');
    expect(legend.get('3RD MATH')).toBe("Mrs. Quill's gen ed room");
    expect(legend.get('PE-GYM')).toBe('gym');
    expect(legend.get('RM-B')).toBe('Resource room B');
  });

  it('reads place codes through the legend, and a make-up code beside a "complete" one as a make-up', () => {
    const table: Table = {
      label: 'export.csv',
      headers: ['Svc', 'Svc Dt', 'Dur', 'Loc', 'Stat', 'Att'],
      rows: [
        ['PT', '11/02/2026', '30', 'LRC', 'C', 'P'],
        ['PT', '11/04/2026', '30', '3RD MATH', 'C', 'MU'],
        ['PT', '11/06/2026', '-', 'LRC', 'NS', 'PA'],
      ],
      rowNumbers: [2, 3, 4],
    };
    const carrier =
      'Loc: LRC = learning support room, 3RD MATH = gen ed class.\nAtt: P = present, MU = make-up, PA = provider absent';
    const facts = messageFacts('PT log', carrier, carrier);
    const sessions = sessionsFromTable(
      { part: 'export.csv', table, anchor: '2026-11-10' },
      { facts, documentText: '', legendText: carrier },
    ).map(({ source: _s, ...s }) => s);
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-11-02', location: 'separate', status: 'delivered' }),
      expect.objectContaining({ date: '2026-11-04', location: 'general-education', status: 'makeup' }),
      expect.objectContaining({ date: '2026-11-06', status: 'missed', reason: 'provider-absent' }),
    ]);
  });

  it('takes a column of grouping words ("Individual", "Small group") as the grouping', () => {
    const table: Table = {
      label: 'export.csv',
      headers: ['Visit Date', 'Discipline', 'Visit Kind', 'Minutes'],
      rows: [
        ['11/03/2026', 'OT', 'Individual', '30'],
        ['11/05/2026', 'OT', 'Small group', '30'],
      ],
      rowNumbers: [2, 3],
    };
    const facts = messageFacts('OT export', '', '');
    const sessions = sessionsFromTable(
      { part: 'export.csv', table, anchor: '2026-11-10' },
      { facts, documentText: '' },
    );
    expect(sessions.map((s) => s.delivery)).toEqual(['individual', 'group']);
  });
});

describe('reasons where a code and its note disagree', () => {
  it.each([
    ['NS - in the district writing assessment', 'student-unavailable'],
    ['no show, at his vision screening', 'student-unavailable'],
    ['NS', 'student-absent'],
    ['provider cancel - therapist in an IEP mtg at another school', 'provider-unavailable'],
    ['provider cancel', 'provider-absent'],
    ['cancelled by therapist', 'provider-absent'],
    ['tech issue - the video link would not load', 'other'],
    ['the school internet was down', 'other'],
    ['cancelled - RBT ill', 'provider-absent'],
    ['Sorry, I will not make it in today', 'provider-absent'],
    ['he could not make it, stomach bug', 'student-absent'],
    ['no session Friday, I am at a required CE course', 'provider-absent'],
  ])('%j is %s', (words, want) => {
    expect(reason(words)).toBe(want);
  });
});
