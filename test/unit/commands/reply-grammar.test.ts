import { describe, expect, it } from 'vitest';
import { addSessionLine, parseReply, parseReplyLine, resolveDay } from '../../../shared/commands/reply-grammar';
import { SERVICE_CODES } from '../../../shared/records/types';

describe('parseReplyLine', () => {
  it.each(['ok', 'OK!', 'yes', 'Confirm.', 'looks good', 'Looks good!', '👍', '👍🏽', ' 👍 👍 '])(
    '"%s" confirms every entry',
    (line) => {
      expect(parseReplyLine(line)).toEqual({ kind: 'confirm-all' });
    },
  );

  it.each([
    ['2 student absent', 'student-absent'],
    ['2 provider absent', 'provider-absent'],
    ['2 holiday', 'school-closure'],
    ['#2 Therapist out', 'provider-absent'],
    ['2. student was absent', 'student-absent'],
  ] as const)('"%s" marks entry 2 missed with a reason', (line, reason) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'correct', n: 2, corrections: [{ field: 'missed', reason }] });
  });

  it('"2 missed" marks entry 2 missed without a reason', () => {
    expect(parseReplyLine('2 missed')).toEqual({
      kind: 'correct',
      n: 2,
      corrections: [{ field: 'missed', reason: null }],
    });
  });

  it.each(['1 20 min', '1 20 minutes', '#1 20min', '1. 20 MINUTES.', '1 was 20 min'])(
    '"%s" corrects the minutes',
    (line) => {
      expect(parseReplyLine(line)).toEqual({ kind: 'correct', n: 1, corrections: [{ field: 'minutes', minutes: 20 }] });
    },
  );

  it.each([
    ['1 group', { field: 'delivery', delivery: 'group' }],
    ['1 individual', { field: 'delivery', delivery: 'individual' }],
    ['1 1:1', { field: 'delivery', delivery: 'individual' }],
    ['1 pull-out', { field: 'location', location: 'separate' }],
    ['1 in class', { field: 'location', location: 'general-education' }],
    ['1 push-in', { field: 'location', location: 'general-education' }],
  ])('"%s" corrects delivery or location', (line, correction) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'correct', n: 1, corrections: [correction] });
  });

  it.each(['1 nov 5', '1 November 5th', '1 date 11/5', '1 5 nov', '#1 on 11/05'])('"%s" corrects the date', (line) => {
    expect(parseReplyLine(line)).toEqual({
      kind: 'correct',
      n: 1,
      corrections: [{ field: 'date', date: { month: 11, day: 5, year: null } }],
    });
  });

  it('a full date keeps its year', () => {
    expect(parseReplyLine('1 date 11/5/2025')).toMatchObject({ corrections: [{ date: { year: 2025 } }] });
  });

  it('several corrections on one line apply together', () => {
    expect(parseReplyLine('1 30 min group pull out')).toEqual({
      kind: 'correct',
      n: 1,
      corrections: [
        { field: 'minutes', minutes: 30 },
        { field: 'delivery', delivery: 'group' },
        { field: 'location', location: 'separate' },
      ],
    });
  });

  it.each(['delete 3', '3 wrong', 'remove 3', 'Remove #3', 'DELETE 3.', '3 is wrong'])(
    '"%s" removes entry 3',
    (line) => {
      expect(parseReplyLine(line)).toEqual({ kind: 'remove', n: 3 });
    },
  );

  it('"add ..." keeps the rest of the line for the extraction', () => {
    expect(parseReplyLine('add thu speech 30 min individual')).toEqual({
      kind: 'add',
      text: 'thu speech 30 min individual',
    });
  });

  it.each([
    [
      'add 10/5 speech 30 min',
      { date: { month: 10, day: 5, year: null }, service: 'speech-language', minutes: 30, status: 'delivered' },
    ],
    [
      'add 2026-10-05 speech missed student absent',
      {
        date: { month: 10, day: 5, year: 2026 },
        service: 'speech-language',
        status: 'missed',
        reason: 'student-absent',
      },
    ],
    [
      'Add Oct 12 OT 45 minutes group pull out',
      {
        date: { month: 10, day: 12, year: null },
        service: 'occupational-therapy',
        minutes: 45,
        delivery: 'group',
        location: 'separate',
        status: 'delivered',
      },
    ],
    [
      'add 10/14/26 social work missed',
      { date: { month: 10, day: 14, year: 2026 }, service: 'counseling', status: 'missed', reason: null },
    ],
  ] as const)('"%s" adds a session the guardian states', (line, fields) => {
    expect(parseReplyLine(line)).toEqual({
      kind: 'add-session',
      session: { minutes: null, delivery: null, location: null, reason: null, ...fields },
    });
  });

  it.each(['add 10/5 speech', 'add 10/5 ZQ 30 min', 'add 13/5 speech 30 min', 'add 10/5 speech 30 min blue'])(
    '"%s" is not a whole session: left to the extraction',
    (line) => {
      expect(parseReplyLine(line)?.kind).toBe('add');
    },
  );

  it.each([
    ['add 11/2 referral', { month: 11, day: 2, year: null }],
    ['Add Nov 2 referral for evaluation', { month: 11, day: 2, year: null }],
    ['add referral on 11/2/2026', { month: 11, day: 2, year: 2026 }],
    ['add 2026-11-02 evaluation request', { month: 11, day: 2, year: 2026 }],
  ] as const)('"%s" records the day a referral for evaluation reached the school', (line, date) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'add-date', type: 'referral', date });
  });

  it.each(['add 11/2 referral please', 'add referral', 'add 13/2 referral'])(
    '"%s" is not a referral day: left to the extraction',
    (line) => {
      expect(parseReplyLine(line)?.kind).toBe('add');
    },
  );

  it('the suggested add line for every service reads back as that session', () => {
    for (const service of SERVICE_CODES) {
      // Act
      const line = addSessionLine({ date: '2026-10-05', service, minutes: 30, missed: false });

      // Assess
      expect(parseReplyLine(line)).toMatchObject({
        kind: 'add-session',
        session: { date: { month: 10, day: 5, year: 2026 }, service, minutes: 30, status: 'delivered' },
      });
    }
    expect(addSessionLine({ date: '2026-10-12', service: null, minutes: null, missed: true })).toBe(
      'add 10/12/2026 SERVICE missed',
    );
    expect(addSessionLine({ date: null, service: 'speech-language', minutes: null, missed: false })).toBe(
      'add DATE speech MINUTES min',
    );
  });

  it('the suggested add line in Spanish reads back as that session too, accents or not', () => {
    for (const service of SERVICE_CODES) {
      // Act
      const line = addSessionLine({ date: '2026-10-05', service, minutes: 30, missed: false }, 'es');
      const missed = addSessionLine({ date: '2026-10-05', service, minutes: null, missed: true }, 'es');

      // Assess
      expect(line).toMatch(/^agregar 10\/5\/2026 /);
      const session = { date: { month: 10, day: 5, year: 2026 }, service };
      for (const written of [line, line.normalize('NFD').replace(/[\u0300-\u036f]/g, '')]) {
        expect(parseReplyLine(written), written).toMatchObject({
          kind: 'add-session',
          session: { ...session, minutes: 30, status: 'delivered' },
        });
      }
      expect(parseReplyLine(missed), missed).toMatchObject({
        kind: 'add-session',
        session: { ...session, status: 'missed' },
      });
    }
    expect(
      addSessionLine({ date: '2026-10-12', service: 'occupational-therapy', minutes: null, missed: true }, 'es'),
    ).toBe('agregar 10/12/2026 terapia ocupacional no se dio');
    expect(addSessionLine({ date: null, service: null, minutes: null, missed: false }, 'es')).toBe(
      'agregar FECHA SERVICIO MINUTOS min',
    );
  });

  it('done N and dismiss N are reminder marks', () => {
    expect(parseReplyLine('done 2')).toEqual({ kind: 'mark', n: 2, action: 'done' });
    expect(parseReplyLine('Dismiss #1')).toEqual({ kind: 'mark', n: 1, action: 'dismiss' });
  });

  it.each(['2 blue', 'maybe', '1', 'the second one was wrong I think', '1 nov 45', '0 ok', '1 900 min'])(
    '"%s" is not in the grammar',
    (line) => {
      expect(parseReplyLine(line)).toBeNull();
    },
  );

  it('allow is understood for quarantine notices', () => {
    expect(parseReplyLine('Allow')).toEqual({ kind: 'allow' });
  });
});

describe('parseReply', () => {
  it('reads mixed lines, keeps bad ones for quoting, skips greetings and stops at the sign-off', () => {
    // Act
    const parsed = parseReply('Hi,\n\n1 20 min\ndelete 3\nwhat is this?\n2 holiday\n\nThanks!\nJordan\n');

    // Assess
    expect(parsed.lines.map((l) => [l.text, l.action?.kind ?? null])).toEqual([
      ['1 20 min', 'correct'],
      ['delete 3', 'remove'],
      ['what is this?', null],
      ['2 holiday', 'correct'],
    ]);
  });

  it('stops at a signature delimiter and a phone footer', () => {
    expect(parseReply('ok\n-- \nJordan Parent\n2 wrong').lines).toHaveLength(1);
    expect(parseReply('ok\nSent from my iPhone').lines).toHaveLength(1);
  });

  it('caps a huge reply at 60 lines', () => {
    expect(parseReply('x\n'.repeat(10_000)).lines).toHaveLength(60);
  });
});

describe('resolveDay', () => {
  it('picks the year nearest the entry when none is given', () => {
    expect(resolveDay({ month: 1, day: 3, year: null }, '2026-12-30')).toBe('2027-01-03');
    expect(resolveDay({ month: 11, day: 5, year: null }, '2026-11-03')).toBe('2026-11-05');
  });

  it('refuses a day the month does not have', () => {
    expect(resolveDay({ month: 2, day: 30, year: 2026 }, '2026-02-01')).toBeNull();
  });
});
