// A dash in a log's minutes column with a remark that the slot was not held is a missed session,
// even where the row's clock span would otherwise give the minutes, and even where the remark sits
// in a column the reader has no name for ("Focus", "Skill").
import { describe, expect, it } from 'vitest';
import { readPlainTextTable } from '../../support/read-table';

describe('a dash row whose remark says the slot was not held', () => {
  it('is missed with the span as its scheduled minutes and the remark as its reason', () => {
    // Prepare
    const body = [
      'Date / Time            Group / Room      Skill                           Min',
      'Mon 11/09, 1:10-1:40   small grp / RR    short vowels                    30',
      'Tue 11/10, 1:10-1:40   -                 not held: fire drill practice   -',
      'Thu 11/12, 1:10-1:40   -                 cancelled - I was out sick      -',
    ].join('\n');
    // Act
    const sessions = readPlainTextTable(body, `Resource reading log, this week.\n\n${body}`, 'Reading log');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-11-09', status: 'delivered', minutes: 30 }),
      expect.objectContaining({ date: '2026-11-10', status: 'missed', minutes: 30 }),
      expect.objectContaining({ date: '2026-11-12', status: 'missed', minutes: 30, reason: 'provider-absent' }),
    ]);
  });

  it('a dash row whose remark says nothing of the slot is not read as missed', () => {
    const body = [
      'Date / Time            Group / Room      Skill                           Min',
      'Mon 11/09, 1:10-1:40   small grp / RR    short vowels                    30',
      'Tue 11/10, 1:10-1:40   -                 vowel teams review              -',
    ].join('\n');
    const sessions = readPlainTextTable(body, body, 'Reading log') as Array<{ status: string }>;
    expect(sessions.filter((s) => s.status === 'missed')).toEqual([]);
  });
});

describe('a dash row whose remark sits in the column read as the service', () => {
  it("is missed for the log's service, with the remark as its reason", () => {
    // Prepare
    const body = [
      'Date     Activity                              Min',
      '11/09    story retell with pictures            30',
      '11/10    not held - class field trip           --',
      '11/12    cancelled, therapist at a training    --',
    ].join('\n');
    // Act
    const sessions = readPlainTextTable(body, `Speech log for the week.\n\n${body}`, 'Speech log');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-11-09', service: 'speech-language', status: 'delivered', minutes: 30 }),
      expect.objectContaining({
        date: '2026-11-10',
        service: 'speech-language',
        status: 'missed',
        reason: 'student-unavailable',
      }),
      expect.objectContaining({
        date: '2026-11-12',
        service: 'speech-language',
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });
});
