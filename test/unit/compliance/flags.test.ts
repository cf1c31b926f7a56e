import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../../shared/calendar/iso-days';
import type { DigestInput, Flag, Tracked } from '../../../shared/compliance/digest-types';
import { datesOf } from '../../../shared/compliance/school-calendar';
import { computeDigest } from '../../../shared/digest/digest-model';
import type { Session } from '../../../shared/records/types';
import { flagDetail } from '../../../shared/render/digest-wording';
import { wordingFor } from '../../../shared/render/wording';
import { input, req, ses, setting, speechTwiceWeekly } from './records';

const ENGLISH = wordingFor('en');
const detailOf = (flag: Flag | undefined) => (flag ? flagDetail(flag, ENGLISH) : undefined);

// As of Fri Nov 20, 2026. "The last four weeks" = the 28 days Oct 24 – Nov 20: 20 school days.

/** Tue and Thu speech sessions, 30 min each, over the last four weeks: 8 sessions, all delivered unless changed. */
function speechTuesThurs(changes: Record<string, Partial<Session>> = {}): Tracked<Session>[] {
  return datesOf({ start: '2026-10-24', end: '2026-11-20' })
    .filter((d) => isoWeekday(d) === 2 || isoWeekday(d) === 4)
    .map((date) => ses({ status: 'delivered', minutes: 30, ...changes[date], date }));
}

function flagsOf(fields: Partial<DigestInput>, kind: Flag['kind']): Flag[] {
  return computeDigest(input(fields)).flags.filter((f) => f.kind === kind);
}

const providerOut = { status: 'missed', reason: 'provider-absent' } as const;

describe('no-logs', () => {
  it('covers every week since tracking began with fewer logs than sessions, this week included', () => {
    // Tracking since Mon Nov 2. Week of Nov 2: 1 of 2 logged (1 not reported); week of Nov 9 (Nov 11,
    // Veterans Day, uncertain: 4 days, 48 min, 1 whole session): none logged; week of Nov 16 (to
    // Fri Nov 20): none logged (2). Not reported: 60 + 48 + 60 due - 30 delivered = 138 min.
    const flags = flagsOf(
      {
        requirements: [speechTwiceWeekly()],
        sessions: [ses({ date: '2026-11-03', status: 'delivered', minutes: 30 })],
        trackingSince: '2026-11-02',
      },
      'no-logs',
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]?.service).toBe('speech-language');
    expect(flags[0]?.minutes).toBe(138);
    expect(flags[0]?.dates).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(detailOf(flags[0])).toContain('the weeks of Nov 2, Nov 9 and Nov 16: 4 scheduled sessions with no log');
  });

  it('names this week alone when it has no log yet and it is not over', () => {
    // As of Wed Nov 18, tracking since Nov 16: nothing logged; the week is not finished.
    const flags = flagsOf(
      { asOf: '2026-11-18', requirements: [speechTwiceWeekly()], trackingSince: '2026-11-16' },
      'no-logs',
    );
    expect(detailOf(flags[0])).toContain('no log yet this week (Nov 16–18)');
  });

  it('does not fire when every scheduled session since tracking began has a record, even a missed one', () => {
    const flags = flagsOf(
      {
        requirements: [speechTwiceWeekly()],
        sessions: [ses({ date: '2026-11-16', ...providerOut }), ses({ date: '2026-11-18', status: 'delivered' })],
        trackingSince: '2026-11-16',
      },
      'no-logs',
    );
    expect(flags).toEqual([]);
  });

  it('names no week before the family began tracking', () => {
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], trackingSince: '2026-11-16' }, 'no-logs');
    expect(flags[0]?.dates).toEqual(['2026-11-16']);
  });

  it('does not fire for a service not yet in force this week', () => {
    const flags = flagsOf(
      { requirements: [req({ service: 'speech-language', totalMinutes: 60, per: 'week', start: '2026-12-01' })] },
      'no-logs',
    );
    expect(flags).toEqual([]);
  });

  it('does not fire for a 1:1 aide, whose days are not logged session by session', () => {
    const flags = flagsOf(
      { requirements: [req({ service: 'aide', sessions: 1, minutes: 360, totalMinutes: 360, per: 'day' })] },
      'no-logs',
    );
    expect(flags).toEqual([]);
  });
});

describe('repeated-misses', () => {
  it('fires on three sessions in a row missed because the provider was out, with their dates', () => {
    // Nov 10, 12, 17 provider-absent in a row.
    const sessions = speechTuesThurs({
      '2026-11-10': providerOut,
      '2026-11-12': providerOut,
      '2026-11-17': providerOut,
    });
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.dates).toEqual(['2026-11-10', '2026-11-12', '2026-11-17']);
    expect(detailOf(flags[0])).toContain('3 sessions in a row');
  });

  it('does not fire on a single miss that is 12.5% of the last four weeks', () => {
    // Nov 12 provider-absent, every other session delivered: 30 of 240 required = 12.5% < 20%
    const sessions = speechTuesThurs({ '2026-11-12': providerOut });
    expect(flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses')).toEqual([]);
  });

  it('does not count a child’s absence as the school’s side', () => {
    // Three in a row missed because Maya was absent: 90 of 240, but student-absent.
    const absent: Partial<Session> = { status: 'missed', reason: 'student-absent' };
    const sessions = speechTuesThurs({ '2026-11-10': absent, '2026-11-12': absent, '2026-11-17': absent });
    expect(flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses')).toEqual([]);
  });

  it('fires when 20% of the last four weeks’ required minutes were missed on the school’s side', () => {
    // Required 60 × 19/5 = 228 (Nov 11 uncertain). Oct 27 and Nov 12 provider-absent (not in a row): 60/228 = 26% ≥ 20%
    const sessions = speechTuesThurs({ '2026-10-27': providerOut, '2026-11-12': providerOut });
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.minutes).toBe(60);
    expect(detailOf(flags[0])).toContain(
      "60 of the 228 min required were missed on the school's side (about a quarter)",
    );
  });

  it('does not count time with no log as missed: that is asked for as logs', () => {
    // Two sessions (Nov 3, Nov 5) have no record at all: 60 of 240 not reported, none missed.
    const sessions = speechTuesThurs().filter((s) => s.date !== '2026-11-03' && s.date !== '2026-11-05');
    const all = computeDigest(input({ requirements: [speechTwiceWeekly()], sessions, trackingSince: '2026-10-24' }));
    expect(all.flags.filter((f) => f.kind === 'repeated-misses')).toEqual([]);
    expect(all.flags.find((f) => f.kind === 'no-logs')?.dates).toEqual(['2026-11-02']);
  });

  it('fires on a run that started before the last four weeks and ended inside them, below the 20%', () => {
    // Oct 20 and Oct 22 provider-absent (before Oct 24), Oct 27 provider-absent: 3 in a row, ending inside.
    // Share in the last four weeks: 30 of 240 = 12.5%, so only the run raises the flag.
    const before = ['2026-10-20', '2026-10-22'].map((date) => ses({ date, ...providerOut, minutes: 30 }));
    const sessions = [...before, ...speechTuesThurs({ '2026-10-27': providerOut })];
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.minutes).toBeNull();
    expect(flags[0]?.dates).toEqual(['2026-10-20', '2026-10-22', '2026-10-27']);
  });

  it('neither breaks nor extends a run with sessions no record mentions', () => {
    // Oct 27 and Oct 29 provider-absent, week of Nov 2 with no record at all, Nov 10 provider-absent:
    // the three logged misses are in a row; the unlogged week is not a miss.
    const sessions = speechTuesThurs({
      '2026-10-27': providerOut,
      '2026-10-29': providerOut,
      '2026-11-10': providerOut,
    }).filter((s) => s.date !== '2026-11-03' && s.date !== '2026-11-05');
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'repeated-misses');
    expect(flags[0]?.dates).toEqual(['2026-10-27', '2026-10-29', '2026-11-10']);
    expect(detailOf(flags[0])).toContain("3 sessions in a row missed on the school's side (Oct 27, Oct 29 and Nov 10)");
  });

  it('does not count a week with no log as a run when the next session happened', () => {
    // As above, but Oct 27 delivered: the run of 2 unlogged sessions ends at 2 (Oct 23), before Oct 24.
    const requirement = { ...speechTwiceWeekly(), start: '2026-10-19' };
    const flags = flagsOf({ requirements: [requirement], sessions: speechTuesThurs() }, 'repeated-misses');
    expect(flags).toEqual([]);
  });

  it('does not fire for a run of misses that ended before the last four weeks', () => {
    // Sep 15, 17, 22 provider-absent, every session since delivered.
    const early = ['2026-09-15', '2026-09-17', '2026-09-22'].map((date) => ses({ date, ...providerOut, minutes: 30 }));
    const flags = flagsOf(
      { requirements: [speechTwiceWeekly()], sessions: [...early, ...speechTuesThurs()] },
      'repeated-misses',
    );
    expect(flags).toEqual([]);
  });
});

describe('owed', () => {
  it('fires when the school year has minutes owed, with the dates missed', () => {
    // Sep 15 provider-absent 30, Oct 6 provider-unavailable 30: owed 60
    const sessions = [
      ses({ date: '2026-09-15', ...providerOut, minutes: 30 }),
      ses({ date: '2026-10-06', status: 'missed', reason: 'provider-unavailable', minutes: 30 }),
    ];
    const flags = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'owed');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.minutes).toBe(60);
    expect(flags[0]?.dates).toEqual(['2026-09-15', '2026-10-06']);
    expect(detailOf(flags[0])).toMatch(/^60 min of speech-language therapy owed/);
  });

  it('does not fire once make-ups cover the missed time', () => {
    const sessions = [
      ses({ date: '2026-09-15', ...providerOut, minutes: 30 }),
      ses({ date: '2026-09-18', status: 'makeup', minutes: 30 }),
    ];
    expect(flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'owed')).toEqual([]);
  });
});

describe('setting', () => {
  it('fires for lunch in a separate setting in the last four weeks', () => {
    const flags = flagsOf({ settingEvents: [setting({ date: '2026-11-02', activity: 'lunch' })] }, 'setting');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.dates).toEqual(['2026-11-02']);
    expect(detailOf(flags[0])).toContain('Lunch in a separate setting on Nov 2');
  });

  it('does not fire for lunch in general education, or five weeks ago', () => {
    const flags = flagsOf(
      {
        settingEvents: [
          setting({ date: '2026-11-02', activity: 'lunch', setting: 'general-education' }),
          setting({ date: '2026-10-16', activity: 'recess' }),
        ],
      },
      'setting',
    );
    expect(flags).toEqual([]);
  });

  it('does not fire for one class period apart when the IEP allows 20% outside general education', () => {
    // 80% in general education: 20% of a 360-minute day = 72 min apart allowed; reading ≈ 60 min.
    const flags = flagsOf(
      {
        settingPercent: { id: 'p', confirmed: true, generalEducation: 80 },
        settingEvents: [setting({ date: '2026-11-17', activity: 'reading' })],
      },
      'setting',
    );
    expect(flags).toEqual([]);
  });

  it('fires when a day’s separate time is more than the IEP’s percentage allows', () => {
    // Reading 60 + math 60 apart on Nov 17 = 120 min > 72 allowed at 80%.
    const flags = flagsOf(
      {
        settingPercent: { id: 'p', confirmed: true, generalEducation: 80 },
        settingEvents: [
          setting({ date: '2026-11-17', activity: 'reading' }),
          setting({ date: '2026-11-17', activity: 'math' }),
        ],
      },
      'setting',
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]?.dates).toEqual(['2026-11-17']);
    expect(detailOf(flags[0])).toContain('about 72 min a day');
  });
});

describe('aide-gap', () => {
  it('fires for days the 1:1 aide was not there, with the dates', () => {
    const sessions = ['2026-11-04', '2026-11-18'].map((date) => ses({ service: 'aide', date, ...providerOut }));
    const digest = computeDigest(input({ sessions }));
    expect(digest.aideGaps).toEqual(['2026-11-04', '2026-11-18']);
    expect(digest.flags.filter((f) => f.kind === 'aide-gap')[0]?.dates).toEqual(['2026-11-04', '2026-11-18']);
  });

  it('raises an aide’s missing days as gaps, not as minutes owed', () => {
    const requirements = [req({ service: 'aide', sessions: 1, minutes: 360, totalMinutes: 360, per: 'day' })];
    const sessions = [ses({ service: 'aide', date: '2026-11-18', ...providerOut })];
    const digest = computeDigest(input({ requirements, sessions }));
    expect(digest.services[0]?.schoolYear.owedMinutes).toBe(360);
    expect(digest.flags.map((f) => f.kind)).toEqual(['aide-gap']);
    expect(digest.drafts.map((d) => d.purpose)).toEqual(['aide-missing']);
  });

  it('does not count a day the child was absent', () => {
    const sessions = [ses({ service: 'aide', date: '2026-11-04', status: 'missed', reason: 'student-absent' })];
    const digest = computeDigest(input({ sessions }));
    expect(digest.aideGaps).toEqual([]);
    expect(digest.flags).toEqual([]);
  });
});

describe('flags lasting weeks', () => {
  const owedInput = (history: DigestInput['flagHistory']) =>
    input({
      requirements: [speechTwiceWeekly()],
      sessions: [
        ses({ date: '2026-11-17', ...providerOut, minutes: 30 }),
        ses({ date: '2026-11-19', status: 'delivered', minutes: 30 }),
      ],
      flagHistory: history,
    });
  const week = (weeksBack: number) => addDays('2026-11-16', -7 * weeksBack);

  it('a concern raised three weeks in a row drafts a request for an IEP meeting', () => {
    const digest = computeDigest(
      owedInput([
        { weekStart: week(1), flags: [{ kind: 'owed', service: 'speech-language' }] },
        { weekStart: week(2), flags: [{ kind: 'owed', service: 'speech-language' }] },
      ]),
    );
    expect(digest.flags.find((f) => f.kind === 'owed')?.weeks).toBe(3);
    expect(digest.drafts.map((d) => d.purpose)).toContain('request-meeting');
  });

  it('two weeks, or three with a week between, is not yet a meeting request', () => {
    const twoWeeks = computeDigest(
      owedInput([{ weekStart: week(1), flags: [{ kind: 'owed', service: 'speech-language' }] }]),
    );
    const withGap = computeDigest(
      owedInput([
        { weekStart: week(1), flags: [{ kind: 'owed', service: 'speech-language' }] },
        { weekStart: week(3), flags: [{ kind: 'owed', service: 'speech-language' }] },
      ]),
    );
    expect(twoWeeks.drafts.map((d) => d.purpose)).not.toContain('request-meeting');
    expect(withGap.flags.find((f) => f.kind === 'owed')?.weeks).toBe(2);
    expect(withGap.drafts.map((d) => d.purpose)).not.toContain('request-meeting');
  });
});

describe('flags resting on unconfirmed entries', () => {
  it('are marked, so the parent knows to check them first', () => {
    const sessions = [ses({ date: '2026-11-17', ...providerOut, minutes: 30, confirmed: false })];
    const [owed] = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'owed');
    expect(owed?.includesUnconfirmed).toBe(true);
  });

  it('are not marked when everything behind them is confirmed', () => {
    const sessions = [ses({ date: '2026-11-17', ...providerOut, minutes: 30 })];
    const [owed] = flagsOf({ requirements: [speechTwiceWeekly()], sessions }, 'owed');
    expect(owed?.includesUnconfirmed).toBe(false);
  });
});
