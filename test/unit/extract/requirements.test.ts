import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findRequirements, readAmounts } from '../../../shared/extract/requirements';

const ANCHOR = '2027-01-20';

function textContext(text: string, subject = ''): ReadingContext {
  return {
    tz: 'America/New_York',
    sentOn: ANCHOR,
    subject,
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: ANCHOR }],
    tables: [],
  };
}

function tableContext(table: Table): ReadingContext {
  return { ...textContext(''), tables: [{ part: 'iep.pdf', table, anchor: ANCHOR }] };
}

function found(ctx: ReadingContext) {
  return findRequirements(ctx).map(({ source: _source, ...r }) => r);
}

describe('readAmounts', () => {
  it('reads sessions by minutes per period', () => {
    expect(readAmounts('2x30 min weekly')).toEqual({ sessions: 2, minutes: 30, totalMinutes: 60, per: 'week' });
    expect(readAmounts('30 minutes, 3 times per week')).toEqual({
      sessions: 3,
      minutes: 30,
      totalMinutes: 90,
      per: 'week',
    });
    expect(readAmounts('once a week for 45 minutes')).toEqual({
      sessions: 1,
      minutes: 45,
      totalMinutes: 45,
      per: 'week',
    });
  });

  it('reads a yearly count of sessions with its stated total', () => {
    expect(readAmounts('45 sessions @ 30 for 1350 min yearly')).toEqual({
      sessions: 45,
      minutes: 30,
      totalMinutes: 1350,
      per: 'year',
    });
  });

  it('leaves sessions and minutes empty where only a total is given', () => {
    expect(readAmounts('120 min monthly')).toEqual({ sessions: null, minutes: null, totalMinutes: 120, per: 'month' });
    expect(readAmounts('240 minutes per week')).toEqual({
      sessions: null,
      minutes: null,
      totalMinutes: 240,
      per: 'week',
    });
  });

  it('reads a daily amount as one session a day', () => {
    expect(readAmounts('45 min/day')).toEqual({ sessions: 1, minutes: 45, totalMinutes: 45, per: 'day' });
  });

  it('reads a daily period written before its minutes as one session a day, but not a weekly one', () => {
    expect(readAmounts('Shared aide | Daily | 300 min')).toEqual({
      sessions: 1,
      minutes: 300,
      totalMinutes: 300,
      per: 'day',
    });
    expect(readAmounts('Weekly | 90 min')).toBeNull();
  });

  it('gives nothing for a period that is not a day, week, month or year, or a schedule without amounts', () => {
    expect(readAmounts('2 x 30 min per 6-day cycle')).toBeNull();
    expect(readAmounts('Tuesdays 10:15-10:45')).toBeNull();
    expect(readAmounts('our weekly 30-minute session')).toBeNull();
  });
});

describe('findRequirements', () => {
  it('reads a services grid by its headers, with blank minutes per session as a total only', () => {
    // Prepare
    const table: Table = {
      label: 'table 1',
      headers: [
        'Service',
        'Provider',
        'Group/Individual',
        'Location',
        'Frequency',
        'Minutes per Session',
        'Total',
        'Start',
        'End',
      ],
      rows: [
        [
          'Speech-Language',
          'SLP',
          'Group',
          'Speech Room',
          '2x Weekly',
          '30',
          '60 min weekly',
          '01/04/2027',
          '12/15/2027',
        ],
        [
          'Occupational Therapy',
          'OTR/L',
          'Individual',
          'Separate Classroom',
          'Monthly',
          '--',
          '120 min monthly',
          '01/04/2027',
          '12/15/2027',
        ],
        [
          'Paraprofessional support (1:1)',
          'Aide',
          'Individual',
          'General Education Classroom',
          'Daily',
          '330',
          '330 min daily',
          '01/04/2027',
          '12/15/2027',
        ],
      ],
      rowNumbers: [4, 5, 6],
    };
    // Act
    const requirements = found(tableContext(table));
    // Assess
    expect(requirements).toEqual([
      {
        service: 'speech-language',
        delivery: 'group',
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
        start: '2027-01-04',
        end: '2027-12-15',
      },
      {
        service: 'occupational-therapy',
        delivery: 'individual',
        sessions: null,
        minutes: null,
        totalMinutes: 120,
        per: 'month',
        location: 'separate',
        start: '2027-01-04',
        end: '2027-12-15',
      },
      {
        service: 'aide',
        delivery: 'individual',
        sessions: 1,
        minutes: 330,
        totalMinutes: 330,
        per: 'day',
        location: 'general-education',
        start: '2027-01-04',
        end: '2027-12-15',
      },
    ]);
  });

  it('reads a grid with the count and the period in separate columns', () => {
    const table: Table = {
      label: 'Related Services',
      headers: [
        'Service',
        'Service Delivery Recommendations',
        'Frequency',
        'Period',
        'Duration',
        'Location',
        'Projected Beginning',
        'Projected Ending',
      ],
      rows: [
        [
          'Counseling Services',
          'Group (3)',
          '1',
          'Weekly',
          '30 Minutes',
          'Separate Location',
          '02/01/2027',
          '01/31/2028',
        ],
      ],
      rowNumbers: [3],
    };
    expect(found(tableContext(table))).toEqual([
      {
        service: 'counseling',
        delivery: 'group',
        sessions: 1,
        minutes: 30,
        totalMinutes: 30,
        per: 'week',
        location: 'separate',
        start: '2027-02-01',
        end: '2028-01-31',
      },
    ]);
  });

  it('reads an amount column beside a count as minutes per session, and a daily amount as one session', () => {
    const table: Table = {
      label: 'Schedule of Services',
      headers: ['Services', 'Frequency', 'Amount of Time', 'Location'],
      rows: [
        ['Speech Therapy', '2 times per week', '30 minutes', 'Speech room'],
        ['Inclusion support', 'Daily', '60 min', 'General education classroom'],
      ],
      rowNumbers: [2, 3],
    };
    expect(found(tableContext(table))).toEqual([
      {
        service: 'speech-language',
        delivery: null,
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
        start: null,
        end: null,
      },
      {
        service: 'specialized-academic-instruction',
        delivery: null,
        sessions: 1,
        minutes: 60,
        totalMinutes: 60,
        per: 'day',
        location: 'general-education',
        start: null,
        end: null,
      },
    ]);
  });

  it('reads the frequency cell however it writes the amount: a monthly total, minutes times a count, a count with bare minutes', () => {
    const table: Table = {
      label: 'Services',
      headers: ['Service', 'Freq / Dur', 'Min/Session', 'Start'],
      rows: [
        ['Occupational Therapy', '90 min/mo', '--', '10/05/2026'],
        ['Physical Therapy', '20 min x 3/month', '', '10/05/2026'],
        ['Speech Therapy', '3x/wk 25', '', '10/05/2026'],
      ],
      rowNumbers: [2, 3, 4],
    };
    const amounts = found(tableContext(table)).map(({ service, sessions, minutes, totalMinutes, per }) => ({
      service,
      sessions,
      minutes,
      totalMinutes,
      per,
    }));
    expect(amounts).toEqual([
      { service: 'occupational-therapy', sessions: null, minutes: null, totalMinutes: 90, per: 'month' },
      { service: 'physical-therapy', sessions: 3, minutes: 20, totalMinutes: 60, per: 'month' },
      { service: 'speech-language', sessions: 3, minutes: 25, totalMinutes: 75, per: 'week' },
    ]);
  });

  it('finds the service column by its content, reads totals stated as totals, and takes the dates the page states in words', () => {
    const table: Table = {
      label: 'table 1',
      headers: ['Description', 'Staff', 'Frequency', 'Min/session', 'Amount of Time'],
      rows: [
        ['Direct occupational therapy for fine motor skills', 'OTR', 'Monthly', '-- (80 min/month)', ''],
        ['Consultation on the behavior plan', 'BCBA', 'Monthly', '', '60 minutes total'],
      ],
      rowNumbers: [4, 5],
    };
    const text = [
      'Services page',
      'Meeting date: 10/01/2026\tAnnual review due: 09/30/2027',
      'This plan will be implemented beginning October 5, 2026 and stays in effect through September 30, 2027.',
    ].join('\n');
    const ctx: ReadingContext = {
      ...textContext(''),
      texts: [{ part: 'iep.pdf', kind: 'attachment', text, anchor: ANCHOR }],
      tables: [{ part: 'iep.pdf', table, anchor: ANCHOR }],
    };
    expect(found(ctx)).toEqual([
      {
        service: 'occupational-therapy',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 80,
        per: 'month',
        location: null,
        start: '2026-10-05',
        end: '2027-09-30',
      },
      {
        service: 'behavior',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 60,
        per: 'month',
        location: null,
        start: '2026-10-05',
        end: '2027-09-30',
      },
    ]);
  });

  it('reads services set out as cards of labelled fields, one card per service', () => {
    const text = [
      'Special education and related services',
      '1. Occupational Therapy',
      'Focus: fine motor, handwriting',
      'Provider: occupational therapist under the',
      'supervision of the district OTR',
      'Freq: 3x/mo 20',
      'Delivery: ind',
      'Location: Sp Ed',
      'Start 10/05/2026 End 09/30/2027',
      '2. Counseling',
      'Provider: school counselor',
      'Freq: 90 min/mo',
      'Min/session: --',
      'Location: general education classroom',
      'Start 10/05/2026 End 09/30/2027',
    ].join('\n');
    expect(found(textContext(text))).toEqual([
      {
        service: 'occupational-therapy',
        delivery: 'individual',
        sessions: 3,
        minutes: 20,
        totalMinutes: 60,
        per: 'month',
        location: 'separate',
        start: '2026-10-05',
        end: '2027-09-30',
      },
      {
        service: 'counseling',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 90,
        per: 'month',
        location: 'general-education',
        start: '2026-10-05',
        end: '2027-09-30',
      },
    ]);
  });

  it('does not take a service log as a services grid', () => {
    const table: Table = {
      label: 'Log',
      headers: ['Date', 'Service', 'Frequency', 'Minutes'],
      rows: [['01/12/2027', 'Speech', 'weekly', '30']],
      rowNumbers: [2],
    };
    expect(found(tableContext(table))).toEqual([]);
  });

  it('reads an amendment as the services now stand, with the block dates', () => {
    // Prepare
    const text = [
      'Thank you for agreeing to amend the IEP.',
      '',
      'Service changed: Occupational therapy',
      'Was: 30 minutes, 2 times per month, individual, pull-out',
      'Now: 30 minutes, 3 times per month, individual, pull-out',
      'Begin: 02/01/2027',
      'End: 11/30/2027',
    ].join('\n');
    // Act
    const requirements = found(textContext(text));
    // Assess
    expect(requirements).toEqual([
      {
        service: 'occupational-therapy',
        delivery: 'individual',
        sessions: 3,
        minutes: 30,
        totalMinutes: 90,
        per: 'month',
        location: 'separate',
        start: '2027-02-01',
        end: '2027-11-30',
      },
    ]);
  });

  it('gives every row of a services page the one set of service dates stated below the rows', () => {
    // Prepare
    const text = [
      'Programs and services recommended for the IEP',
      '',
      'Related services:',
      '  Occupational Therapy | Individual | 1 x weekly | 40 minutes | Therapy room',
      '  Counseling | Small group | 2 x monthly | 30 minutes | Counselor office',
      '',
      'Service dates: 02/01/2027 - 01/19/2028',
    ].join('\n');
    // Act
    const requirements = found(textContext(text));
    // Assess
    expect(requirements.map((r) => [r.service, r.start, r.end])).toEqual([
      ['occupational-therapy', '2027-02-01', '2028-01-19'],
      ['counseling', '2027-02-01', '2028-01-19'],
    ]);
  });

  it('keeps two rows of one service under its heading apart, one for each subject', () => {
    // Prepare
    const text = [
      'Special education programs and services',
      '',
      'Resource Room Program',
      '  Reading | 3 x weekly | 40 minutes | General education classroom',
      '  Science | 3 x weekly | 40 minutes | General education classroom',
    ].join('\n');
    // Act
    const requirements = found(textContext(text));
    // Assess
    expect(requirements.map((r) => [r.service, r.totalMinutes, r.per, r.location])).toEqual([
      ['specialized-academic-instruction', 120, 'week', 'general-education'],
      ['specialized-academic-instruction', 120, 'week', 'general-education'],
    ]);
  });

  it('takes the delivery of an amended row from its service heading', () => {
    // Prepare
    const text = [
      'The IEP amendment is final.',
      'Related service: Occupational Therapy, Small group (4)',
      '  Prior: 1 x weekly, 40 minutes, therapy room',
      '  Amended: 2 x weekly, 40 minutes, therapy room',
    ].join('\n');
    // Act
    const requirements = found(textContext(text));
    // Assess
    expect(requirements.map((r) => [r.service, r.delivery, r.sessions, r.totalMinutes])).toEqual([
      ['occupational-therapy', 'group', 2, 80],
    ]);
  });

  it("reads a service the committee decided to add, told in prose, but not someone's mere recommendation", () => {
    // Prepare
    const decided =
      "At Monday's review the CSE recommended adding individual speech therapy, 2 x weekly for 20 minutes in the speech room, beginning 02/08/2027, alongside her speech group.";
    const advised = 'Her private evaluator recommended individual speech therapy, 2 x weekly for 20 minutes.';
    // Act
    const fromDecision = found(textContext(decided));
    const fromAdvice = found(textContext(advised, 'IEP services'));
    // Assess
    expect(fromDecision).toEqual([
      {
        service: 'speech-language',
        delivery: 'individual',
        sessions: 2,
        minutes: 20,
        totalMinutes: 40,
        per: 'week',
        location: 'separate',
        start: '2027-02-08',
        end: null,
      },
    ]);
    expect(fromAdvice).toEqual([]);
  });

  it('leaves the rows without dates where a page names two different service start days', () => {
    // Prepare
    const text = [
      'IEP services',
      '  Physical Therapy | Individual | 1 x weekly | 30 minutes',
      '',
      'Service start date: 02/01/2027',
      '',
      'Service start date: 03/01/2027',
    ].join('\n');
    // Act
    const requirements = found(textContext(text));
    // Assess
    expect(requirements.map((r) => [r.service, r.start])).toEqual([['physical-therapy', null]]);
  });

  it('reads a summary list under an effective-through header', () => {
    const text = [
      'Services in the IEP (effective 2/1/2027 through 1/31/2028):',
      '- Speech-language therapy: 2 x 20 minutes weekly, small group, push-in',
      '- Resource support: 240 minutes per week, in the resource room',
      '- Counseling increased from 1 x 30 monthly to 2 x 30 minutes monthly, individual',
    ].join('\n');
    expect(found(textContext(text))).toEqual([
      {
        service: 'speech-language',
        delivery: 'group',
        sessions: 2,
        minutes: 20,
        totalMinutes: 40,
        per: 'week',
        location: 'general-education',
        start: '2027-02-01',
        end: '2028-01-31',
      },
      {
        service: 'specialized-academic-instruction',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 240,
        per: 'week',
        location: 'separate',
        start: '2027-02-01',
        end: '2028-01-31',
      },
      {
        service: 'counseling',
        delivery: 'individual',
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'month',
        location: null,
        start: '2027-02-01',
        end: '2028-01-31',
      },
    ]);
  });

  it('reads each service of a line that names several with their own amounts', () => {
    const text =
      'Per her IEP services page, she gets SAI 240 minutes weekly and speech 45 sessions @ 30 for 1350 min yearly.';
    expect(found(textContext(text))).toEqual([
      {
        service: 'specialized-academic-instruction',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 240,
        per: 'week',
        location: null,
        start: null,
        end: null,
      },
      {
        service: 'speech-language',
        delivery: null,
        sessions: 45,
        minutes: 30,
        totalMinutes: 1350,
        per: 'year',
        location: null,
        start: null,
        end: null,
      },
    ]);
  });

  it('reads nothing from mail that does not state IEP services, or from a question about them', () => {
    expect(found(textContext('Our tutoring package: 2 x 30 minutes weekly for $99!'))).toEqual([]);
    expect(
      found(
        textContext('About the IEP services: whether 60 minutes a day of aide time is enough for her transitions?'),
      ),
    ).toEqual([]);
  });
});
