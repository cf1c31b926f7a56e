import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseReplyLine } from '../../../shared/commands/reply-grammar';
import type { DeadlineItem } from '../../../shared/compliance/digest-types';
import {
  coveredStates,
  deadlineRules,
  parseDeadlineRules,
  REFERRAL_NOT_RECORDED,
  rulesFor,
  TRIGGER_TYPES,
} from '../../../shared/deadlines/deadline-rules';
import rulesJson from '../../../shared/deadlines/deadline-rules.json';
import {
  awaitedDeadlines,
  deadlineRows,
  meetingDays,
  resolveParentMark,
  trackDeadlines,
} from '../../../shared/deadlines/track-deadlines';
import type { DateItem, DateType } from '../../../shared/records/types';
import { SPANISH_RULES } from '../../../shared/render/deadline-words';

// The family's own school year: first day Wed 2026-08-19, last day Fri 2027-06-11.
const OWN_YEAR = { firstDay: '2026-08-19', lastDay: '2027-06-11' };

function item(type: DateType, date: string, end: string | null = null): DateItem {
  return { type, date, end };
}

function only<T>(list: readonly T[], pick: (value: T) => boolean): T {
  const found = list.filter(pick);
  expect(found).toHaveLength(1);
  return found[0] as T;
}

describe('the rules table', () => {
  test('loads through its schema, with a citation on every rule', () => {
    expect(deadlineRules().length).toBeGreaterThanOrEqual(15);
    for (const rule of deadlineRules()) expect(rule.citation.length).toBeGreaterThan(3);
  });

  test('has a federal rule for every event that starts a clock, so every family gets one', () => {
    for (const trigger of TRIGGER_TYPES) expect(rulesFor(trigger, null).length).toBeGreaterThan(0);
  });

  test('covers the eleven largest states', () => {
    expect(coveredStates()).toEqual(['CA', 'FL', 'GA', 'IL', 'MA', 'MI', 'NC', 'NY', 'OH', 'PA', 'TX']);
  });

  test('every rule says how it was checked and where it was read', () => {
    for (const rule of deadlineRules()) {
      expect(['text', 'quoted']).toContain(rule.verified);
      expect(rule.source).toMatch(/^https?:\/\//);
    }
  });

  test('docs/deadlines.md lists every rule with its citation and how it was checked, and the states covered', () => {
    const docs = readFileSync(join(__dirname, '../../../docs/deadlines.md'), 'utf8');
    const rows = docs.split('\n').filter((line) => line.startsWith('| '));
    for (const rule of deadlineRules()) {
      const row = rows.find((line) => line.includes(`| \`${rule.id}\` |`));
      expect(row, rule.id).toBeDefined();
      expect(row).toContain(`| ${rule.citation} | ${rule.verified} |`);
    }
    expect(rows.filter((line) => /\| `[a-z]{2}-[a-z0-9-]+` \|/.test(line))).toHaveLength(deadlineRules().length);
    const names = ['California', 'Texas', 'Pennsylvania', 'Massachusetts', 'Illinois', 'New York'];
    for (const name of [...names, 'Florida', 'Georgia', 'North Carolina', 'Ohio', 'Michigan'])
      expect(docs).toContain(name);
    expect(docs).toContain(`**States covered:**`);
  });

  test('rejects a rule with a misspelt unit, and a table with a duplicated id', () => {
    // Prepare
    const broken = structuredClone(rulesJson) as { rules: Array<Record<string, unknown>> };
    const first = broken.rules[0] as Record<string, unknown>;
    first.count = { unit: 'calender-days', days: 60 };
    const duplicated = structuredClone(rulesJson) as { rules: unknown[] };
    duplicated.rules.push(duplicated.rules[0]);
    // Act, Assess
    expect(() => parseDeadlineRules(broken)).toThrow();
    expect(() => parseDeadlineRules(duplicated)).toThrow(/duplicate rule id/);
  });

  test('a state rule replaces the federal one for the same event; other events keep the federal rule', () => {
    expect(rulesFor('records-request', 'ca').map((rule) => rule.id)).toEqual(['ca-records-request']);
    expect(rulesFor('annual-review', 'CA').map((rule) => rule.id)).toEqual(['us-annual-review']);
    expect(rulesFor('records-request', 'NY').map((rule) => rule.id)).toEqual(['us-records-request']);
    expect(rulesFor('records-request', 'IL').map((rule) => rule.id)).toEqual(['il-records-request']);
    // Texas sets the evaluation report; the IEP meeting 30 days after eligibility stays federal (300.323(c)).
    expect(rulesFor('evaluation-consent', 'TX').map((rule) => rule.id)).toEqual([
      'tx-evaluation-consent',
      'us-initial-iep',
    ]);
    expect(rulesFor('evaluation-consent', 'CA').map((rule) => rule.id)).toEqual(['ca-evaluation-consent']);
  });
});

describe('trackDeadlines: California', () => {
  const request = [item('meeting-request', '2026-11-02'), item('records-request', '2026-11-02')];

  test("a parent's meeting request of Mon 2026-11-02 is due 2026-12-02 and records of the same day 2026-11-09", () => {
    // Meeting: 30 calendar days (Ed Code 56343.5): 11-02 + 30 = 12-02 (no long break in between).
    // Records: 5 business days (Ed Code 56504): Tue 03, Wed 04, Thu 05, Fri 06, Mon 09.
    // Act
    const deadlines = trackDeadlines({ dates: request, state: 'CA', asOf: '2026-11-03' });
    // Assess
    const meeting = only(deadlines, (d) => d.type === 'meeting-request');
    const records = only(deadlines, (d) => d.type === 'records-request');
    expect(meeting).toMatchObject({ due: '2026-12-02', status: 'open', citation: 'Cal. Ed. Code 56343.5' });
    expect(records).toMatchObject({ due: '2026-11-09', status: 'open', citation: 'Cal. Ed. Code 56504' });
  });

  test('recording a meeting scheduled for 2026-11-30 makes the meeting request met', () => {
    // 11-30 is on or before the due day 12-02, so the request is met even before the meeting is held.
    const deadlines = trackDeadlines({
      dates: [...request, item('meeting-scheduled', '2026-11-30')],
      state: 'CA',
      asOf: '2026-11-10',
    });
    const meeting = only(deadlines, (d) => d.type === 'meeting-request');
    expect(meeting).toMatchObject({ status: 'met', satisfiedOn: '2026-11-30', satisfiedBy: 'meeting-scheduled' });
  });

  test('a meeting on the day of the request is where it was asked, not the meeting asked for', () => {
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02'), item('meeting-scheduled', '2026-11-02')],
      state: 'CA',
      asOf: '2026-11-10',
    });
    expect(only(deadlines, (d) => d.type === 'meeting-request')).toMatchObject({ status: 'open', satisfiedOn: null });
  });

  test('a meeting set after the due day makes the request late', () => {
    // Due 12-02; the meeting is Fri 12-04.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02'), item('meeting-scheduled', '2026-12-04')],
      state: 'CA',
      asOf: '2026-11-20',
    });
    expect(only(deadlines, (d) => d.type === 'meeting-request').status).toBe('late');
  });

  test('without a meeting the request is open on its due day and overdue the day after', () => {
    const onDue = trackDeadlines({ dates: request, state: 'CA', asOf: '2026-12-02' });
    const after = trackDeadlines({ dates: request, state: 'CA', asOf: '2026-12-03' });
    expect(only(onDue, (d) => d.type === 'meeting-request').status).toBe('open');
    expect(only(after, (d) => d.type === 'meeting-request').status).toBe('overdue');
  });

  test('records are due before a meeting that comes sooner than five business days', () => {
    // Requested Mon 11-02, meeting Thu 11-05: the meeting day comes before Mon 11-09.
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-11-02'), item('meeting-scheduled', '2026-11-05')],
      state: 'CA',
      asOf: '2026-11-02',
    });
    expect(only(deadlines, (d) => d.type === 'records-request').due).toBe('2026-11-05');
  });

  test('a winter break recorded as closures moves the consent-to-IEP deadline (Ed Code 56344)', () => {
    // Consent Mon 2026-11-16; closures 12-21..2027-01-01 make Sat 12-19..Sun 01-03 uncounted.
    // Counted: 11-17..12-18 = 32 days; 28 more from Mon 01-04 → Sun 2027-01-31.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-11-16'), item('school-closure', '2026-12-21', '2027-01-01')],
      state: 'CA',
      asOf: '2026-11-16',
    });
    expect(only(deadlines, (d) => d.type === 'evaluation-consent')).toMatchObject({
      due: '2027-01-31',
      citation: 'Cal. Ed. Code 56344(a)',
    });
  });
});

describe('trackDeadlines: Texas', () => {
  test('the district answers a meeting request within 5 school days; a closure inside adds a day', () => {
    // Request Mon 2026-11-02, closure Wed 11-04: Tue 03, Thu 05, Fri 06, Mon 09, Tue 10.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02'), item('school-closure', '2026-11-04')],
      state: 'TX',
      asOf: '2026-11-02',
    });
    expect(only(deadlines, (d) => d.type === 'meeting-request')).toMatchObject({
      due: '2026-11-10',
      citation: '19 TAC 89.1050(e)',
    });
  });

  test('any meeting recorded after the request answers it, whenever the meeting itself is', () => {
    // The rule is about answering (schedule, or refuse in writing); a meeting set for 12-15 is an answer.
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-11-02'), item('meeting-scheduled', '2026-12-15')],
      state: 'TX',
      asOf: '2026-11-20',
    });
    expect(only(deadlines, (d) => d.type === 'meeting-request').status).toBe('met');
  });

  test('evaluation is due on the 45th school day after consent; holidays districts differ on are not counted', () => {
    // Consent Mon 2026-09-14. Sep 15-18 (4), Sep 21-25 (9), Sep 28-Oct 2 (14), Oct 5-9 (19), Mon 10-12
    // Columbus Day unknown, Oct 13-16 (23), Oct 19-23 (28), Oct 26-30 (33), Nov 2-6 (38), Nov 9-10 (40),
    // Wed 11-11 Veterans Day unknown, Nov 12-13 (42), Nov 16-18 (45) → Wed 2026-11-18, estimated.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state: 'TX',
      schoolYear: OWN_YEAR,
      asOf: '2026-11-19',
    });
    const report = only(deadlines, (d) => d.ruleId === 'tx-evaluation-consent');
    expect(report).toMatchObject({ due: '2026-11-18', status: 'overdue', estimated: true });
    expect(report.mayMove[0]).toMatch(/Columbus Day: schools differ; Veterans Day: schools differ/);
  });

  test('consent 35 to 44 school days before the last day: the report is due June 30', () => {
    // Last day Fri 2027-05-28; spring break recorded 03-15..03-19. Consent Fri 2027-04-02: Apr 5 .. May 28
    // is eight full weeks = 40 school days (San Jacinto Day, Apr 21, is a school day): due 2027-06-30.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2027-04-02'), item('school-closure', '2027-03-15', '2027-03-19')],
      state: 'TX',
      schoolYear: { firstDay: '2026-08-19', lastDay: '2027-05-28' },
      asOf: '2027-04-02',
    });
    expect(only(deadlines, (d) => d.ruleId === 'tx-evaluation-consent').due).toBe('2027-06-30');
  });

  test('a written request answered with a written refusal: the parent marks it done and it is met', () => {
    // Request Mon 2026-11-02; the district refuses in writing on Thu 11-05 (no meeting recorded).
    const dates = [item('meeting-request', '2026-11-02')];
    const open = trackDeadlines({ dates, state: 'TX', asOf: '2026-11-03' });
    const request = only(open, (d) => d.type === 'meeting-request');
    expect(request).toMatchObject({
      due: '2026-11-09',
      what: 'answer to your ARD meeting request (a meeting date or a written refusal)',
    });
    const answered = trackDeadlines({
      dates,
      state: 'TX',
      asOf: '2026-11-20',
      marks: [{ id: request.id, action: 'done', on: '2026-11-05' }],
    });
    expect(only(answered, (d) => d.type === 'meeting-request')).toMatchObject({
      status: 'met',
      satisfiedBy: 'parent',
      satisfiedOn: '2026-11-05',
    });
  });
});

describe('trackDeadlines: other states and federal rules', () => {
  test('Massachusetts consent starts two clocks: 30 and 45 school working days', () => {
    // Consent Mon 2026-09-14; Columbus Day (Mon 10-12) and Veterans Day (Wed 11-11) unknown, not counted.
    // 30: Sep 15-18 (4), 21-25 (9), Sep 28-Oct 2 (14), Oct 5-9 (19), 13-16 (23), 19-23 (28), 26-27 (30) → Tue 10-27.
    // 45: Oct 28-30 (33), Nov 2-6 (38), 9-10 (40), 12-13 (42), 16-18 (45) → Wed 11-18.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state: 'MA',
      schoolYear: OWN_YEAR,
      asOf: '2026-09-14',
    });
    expect(deadlines.map((d) => [d.due, d.citation])).toEqual([
      ['2026-10-27', '603 CMR 28.05(1)'],
      ['2026-11-18', '603 CMR 28.05(1), 28.05(7)'],
    ]);
  });

  test('Massachusetts consent 30 to 45 school working days before the year ends: the IEP is due 14 days after', () => {
    // Last day Fri 2027-06-11; Memorial Day Mon 05-31 closed. Consent Fri 2027-04-16: Apr 19 (Patriots' Day,
    // unknown) not counted; Apr 20-23 (4), Apr 26-May 28 (29), Jun 1-4 (33), Jun 7-11 (38): 38 school
    // days, inside 30..45, so the proposed IEP is due 06-11 + 14 = Fri 2027-06-25.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2027-04-16'), item('school-closure', '2027-03-22', '2027-03-26')],
      state: 'MA',
      schoolYear: OWN_YEAR,
      asOf: '2027-04-16',
    });
    expect(only(deadlines, (d) => d.ruleId === 'ma-proposed-iep').due).toBe('2027-06-25');
  });

  test('Illinois: a written records request of Mon 2026-11-02 is due Tue 11-17 under 105 ILCS 10/5(c)', () => {
    // 10 business days: Nov 3-6 (4), 9-10 (6), Veterans Day skipped, 12-13 (8), 16-17 (10).
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-11-02')],
      state: 'IL',
      asOf: '2026-11-02',
    });
    const records = only(deadlines, (d) => d.type === 'records-request');
    expect(records).toMatchObject({
      due: '2026-11-17',
      citation: '105 ILCS 10/5(c)',
      jurisdiction: 'IL',
      estimated: false,
    });
    expect(records.mayMove).toEqual([
      'may move: the school may extend it by up to 5 business days for reasons the law lists (records elsewhere, many records, a long search), telling you in writing',
    ]);
  });

  test('Massachusetts: records within ten days (603 CMR 23.07(2)), not the federal 45', () => {
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-11-02')],
      state: 'MA',
      asOf: '2026-11-02',
    });
    expect(only(deadlines, (d) => d.type === 'records-request')).toMatchObject({
      due: '2026-11-12',
      citation: '603 CMR 23.07(2)',
    });
  });

  test('Pennsylvania does not count the summer between terms, and only the summer', () => {
    // Consent Mon 2027-05-24, last day Fri 06-11 (family setting): 05-25..06-11 = 18 days. The next first
    // day is estimated, Wed 09-08 at the latest: Sep 8..30 = 23 (41), Oct 1..19 = 19 → Tue 2027-10-19.
    // The IEP (14.131) 30 days later in the same count: Oct 20..Nov 18 → Thu 2027-11-18.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2027-05-24')],
      state: 'PA',
      schoolYear: OWN_YEAR,
      asOf: '2027-05-24',
    });
    expect(only(deadlines, (d) => d.ruleId === 'pa-evaluation-consent')).toMatchObject({
      due: '2027-10-19',
      citation: '22 Pa. Code 14.123(b), 14.124(b)',
      estimated: true,
    });
    expect(only(deadlines, (d) => d.ruleId === 'pa-initial-iep').due).toBe('2027-11-18');
  });

  test('Illinois: 60 school days, met by an IEP meeting on or before the due day', () => {
    // Consent Mon 2026-09-14: 42 school days by Fri 11-13 (as in Massachusetts above), Nov 16-20 (47),
    // Thanksgiving week unknown, Nov 30-Dec 4 (52), Dec 7-11 (57), Dec 14-16 (60) → Wed 2026-12-16.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14'), item('meeting-scheduled', '2026-12-01')],
      state: 'IL',
      schoolYear: OWN_YEAR,
      asOf: '2026-12-10',
    });
    expect(only(deadlines, (d) => d.type === 'evaluation-consent')).toMatchObject({ due: '2026-12-16', status: 'met' });
  });

  test('a consent signed at a meeting is not met by that same meeting', () => {
    // Illinois consent Mon 2026-09-14 signed at the meeting of that day: the timeline starts, nothing meets it.
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14'), item('meeting-scheduled', '2026-09-14')],
      state: 'IL',
      schoolYear: OWN_YEAR,
      asOf: '2026-09-20',
    });
    expect(only(deadlines, (d) => d.type === 'evaluation-consent')).toMatchObject({
      status: 'open',
      satisfiedOn: null,
    });
  });

  test('a covered state without a records rule of its own gets the federal 45 days, said as federal law', () => {
    // New York, request Mon 2026-11-02: 45 calendar days → Thu 12-17. New York is covered (evaluation
    // rules), so the federal rule is not called a minimum.
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-11-02')],
      state: 'NY',
      asOf: '2026-11-02',
    });
    const records = only(deadlines, (d) => d.type === 'records-request');
    expect(records).toMatchObject({
      due: '2026-12-17',
      jurisdiction: 'US',
      citation: '34 CFR 300.613(a); FERPA, 34 CFR 99.10(b)',
    });
    expect(records.rule).not.toMatch(/Federal minimum/);
  });

  test('a state not covered is told the federal date is a minimum, never its own', () => {
    const deadlines = trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state: 'WY',
      asOf: '2026-09-14',
    });
    const evaluation = only(deadlines, (d) => d.ruleId === 'us-evaluation-consent');
    expect(evaluation).toMatchObject({ due: '2026-11-13', jurisdiction: 'US' });
    expect(evaluation.rule).toMatch(/Federal minimum; your state may set a shorter or different timeline\.$/);
  });

  test("under federal law alone a parent's meeting request has no due day, says so, and is never overdue", () => {
    const deadlines = trackDeadlines({
      dates: [item('meeting-request', '2026-01-05')],
      state: null,
      asOf: '2026-12-01',
    });
    const meeting = only(deadlines, (d) => d.type === 'meeting-request');
    expect(meeting.due).toBeNull();
    expect(meeting.status).toBe('open');
    expect(meeting.rule).toMatch(/no deadline/);
    expect(meeting.rule).toMatch(/56343\.5/);
  });

  test('an annual review is met by a meeting in the 90 days before its due day, and overdue without one', () => {
    // Due Mon 2027-03-01; a meeting on Fri 2027-02-12 is 17 days before.
    const met = trackDeadlines({
      dates: [item('annual-review', '2027-03-01'), item('meeting-scheduled', '2027-02-12')],
      state: 'CA',
      asOf: '2027-03-05',
    });
    const missed = trackDeadlines({ dates: [item('annual-review', '2027-03-01')], state: 'CA', asOf: '2027-03-02' });
    expect(only(met, (d) => d.type === 'annual-review')).toMatchObject({ due: '2027-03-01', status: 'met' });
    expect(only(missed, (d) => d.type === 'annual-review').status).toBe('overdue');
  });

  test('an annual review meeting before a reevaluation does not meet the reevaluation', () => {
    // Annual review due 2027-02-01, met by the meeting of Mon 2027-01-25; the reevaluation due 2027-03-01
    // is a different event: it stays open, and only the parent's "done" (held, or agreed unnecessary) meets it.
    const dates = [
      item('annual-review', '2027-02-01'),
      item('reevaluation', '2027-03-01'),
      item('meeting-scheduled', '2027-01-25'),
    ];
    const deadlines = trackDeadlines({ dates, state: 'CA', asOf: '2027-02-15' });
    expect(only(deadlines, (d) => d.type === 'annual-review').status).toBe('met');
    const reevaluation = only(deadlines, (d) => d.type === 'reevaluation');
    expect(reevaluation).toMatchObject({ status: 'open', satisfiedOn: null });
    expect(reevaluation.rule).toMatch(/agree that it is not needed/);
    expect(reevaluation.rule).not.toMatch(/in writing/);
  });

  test('a meeting long before the review window does not count for it', () => {
    // 2026-10-01 is 151 days before 2027-03-01, outside the 90-day window.
    const deadlines = trackDeadlines({
      dates: [item('annual-review', '2027-03-01'), item('meeting-scheduled', '2026-10-01')],
      state: 'CA',
      asOf: '2027-01-05',
    });
    expect(only(deadlines, (d) => d.type === 'annual-review').status).toBe('open');
  });
});

describe('trackDeadlines: the six states added, consent Mon 2026-09-14', () => {
  const dues = (state: string) =>
    trackDeadlines({
      dates: [item('evaluation-consent', '2026-09-14')],
      state,
      schoolYear: OWN_YEAR,
      asOf: '2026-09-14',
    }).map((d) => [d.ruleId, d.due, d.estimated]);

  test('New York: 60 calendar days to evaluate, 60 school days to the recommendation', () => {
    // 60 days: Sep 15-30 (16), Oct (47), Nov 1-13 (60) → Fri 11-13. 60 school days: Sep 15-18 (4), 21-25 (9),
    // Sep 28-Oct 2 (14), Oct 5-9 (19), Columbus Day unknown, Oct 13-16 (23), 19-23 (28), 26-30 (33), Nov 2
    // (34), Election Day unknown, Nov 4-6 (37), 9-10 (39), Veterans Day unknown, 12-13 (41), 16-20 (46),
    // Thanksgiving week unknown, Nov 30-Dec 4 (51), Dec 7-11 (56), Dec 14-17 (60) → Thu 12-17, estimated.
    expect(dues('NY')).toEqual([
      ['ny-evaluation-consent', '2026-11-13', false],
      ['ny-recommendation', '2026-12-17', true],
    ]);
  });

  test('Florida: 60 days not counting holidays and breaks (the unknown Columbus and Veterans Days among them)', () => {
    // Sat 10-10..Mon 10-12 and Wed 11-11 are days without school around a weekday: 4 days not counted.
    // 64 days from 09-14: Sep 15-30 (16), Oct (47), Nov 1-17 (64) → Tue 11-17, estimated. 300.323(c) stays.
    expect(dues('FL')).toEqual([
      ['fl-evaluation-consent', '2026-11-17', true],
      ['us-initial-iep', '2026-12-13', false],
    ]);
  });

  test('Ohio 60 and 90 days, North Carolina 90 days, Michigan 30 school days', () => {
    // Michigan: Sep 15-18 (4), 21-25 (9), Sep 28-Oct 2 (14), Oct 5-9 (19), Columbus Day unknown, Oct 13-16
    // (23), 19-23 (28), 26-27 (30) → Tue 10-27.
    expect(dues('OH')).toEqual([
      ['oh-evaluation-consent', '2026-11-13', false],
      ['oh-initial-iep', '2026-12-13', false],
    ]);
    // North Carolina counts from the written referral; none is recorded, so from the consent, estimated.
    expect(dues('NC')).toEqual([['nc-evaluation-consent', '2026-12-13', true]]);
    expect(dues('MI')).toEqual([['mi-evaluation-consent', '2026-10-27', true]]);
  });
});

describe('trackDeadlines: a referral for evaluation (a day only the parent records)', () => {
  test('California: the assessment plan is due 15 days after a referral of Mon 2026-11-02, on Tue 11-17', () => {
    // Ed. Code 56321(a): 15 calendar days; nothing between 11-03 and 11-17 is a break of more than five
    // school days (Veterans Day, 11-11, is one closed day).
    const deadlines = trackDeadlines({ dates: [item('referral', '2026-11-02')], state: 'CA', asOf: '2026-11-03' });
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toMatchObject({
      ruleId: 'ca-assessment-plan',
      type: 'referral',
      due: '2026-11-17',
      status: 'open',
      estimated: false,
      citation: 'Cal. Ed. Code 56321(a)',
      jurisdiction: 'CA',
      what: 'assessment plan after your referral',
    });
    expect(deadlines[0]?.mayMove).toEqual(['may move: later if you agreed in writing to an extension']);
  });

  test('California: a winter break with Christmas unrecorded is not counted, so the plan is due 2027-01-11', () => {
    // Referral Fri 2026-12-11; closed Dec 21-24 and Dec 28-Jan 1 (Christmas closed by law): no school Sat
    // 12-19..Sun 01-03, 10 weekdays, more than five. Counted: Dec 12..18 = 7; Jan 4..11 = 8 more → Mon 01-11.
    const deadlines = trackDeadlines({
      dates: [
        item('referral', '2026-12-11'),
        item('school-closure', '2026-12-21', '2026-12-24'),
        item('school-closure', '2026-12-28', '2027-01-01'),
      ],
      state: 'CA',
      asOf: '2026-12-12',
    });
    expect(only(deadlines, (d) => d.ruleId === 'ca-assessment-plan')).toMatchObject({
      due: '2027-01-11',
      estimated: false,
    });
  });

  test('California: a referral 10 days or less before the year ends: the plan is due 10 days after the next year starts', () => {
    // Last day Fri 2027-06-11 (family setting); referral Tue 06-08, 3 days before. 2027-28 is not set: the
    // latest usual California first day, Tue 2027-08-31, + 10 → Fri 2027-09-10, estimated.
    const late = trackDeadlines({
      dates: [item('referral', '2027-06-08')],
      state: 'CA',
      schoolYear: OWN_YEAR,
      asOf: '2027-06-08',
    });
    const plan = only(late, (d) => d.ruleId === 'ca-assessment-plan');
    expect(plan).toMatchObject({ due: '2027-09-10', estimated: true });
    expect(plan.mayMove.join(' ')).toMatch(/the next school year's first day is estimated/);
    // Mon 05-31, 11 days before: the ordinary count. 06-01..06-11 = 11 days; the summer (a long break) is
    // not counted; Aug 31, Sep 1, 2, 3 → Fri 2027-09-03.
    const earlier = trackDeadlines({
      dates: [item('referral', '2027-05-31')],
      state: 'CA',
      schoolYear: OWN_YEAR,
      asOf: '2027-05-31',
    });
    expect(only(earlier, (d) => d.ruleId === 'ca-assessment-plan').due).toBe('2027-09-03');
  });

  test('California 56344(a): a referral 30 days or less before the year ends puts the IEP 30 days into the next year', () => {
    // Last day Fri 2027-06-11; consent Mon 2027-05-24. The 60 days: 05-25..06-11 = 18, the summer not
    // counted, then from Tue 08-31 (the latest usual first day; 2027-28 not set) 42 more → Mon 2027-10-11.
    // A referral of Mon 05-17 (25 days before the end): the IEP is due 08-31 + 30 = Thu 2027-09-30 instead.
    // One of Thu 04-01 (71 days before) leaves the count; with none recorded, the later of the two stands.
    const iep = (referral: string | null) =>
      only(
        trackDeadlines({
          dates: [item('evaluation-consent', '2027-05-24'), ...(referral ? [item('referral', referral)] : [])],
          state: 'CA',
          schoolYear: OWN_YEAR,
          asOf: '2027-05-24',
        }),
        (d) => d.ruleId === 'ca-evaluation-consent',
      );
    expect(iep('2027-05-17')).toMatchObject({ due: '2027-09-30', estimated: true });
    expect(iep('2027-04-01').due).toBe('2027-10-11');
    expect(iep(null).due).toBe('2027-10-11');
  });

  test('California 56344(a): a referral near the end of one year whose consent came months later keeps the ordinary count', () => {
    // Referral Tue 2027-06-01 (10 days before the last day); consent only Wed 2027-10-20. The end-of-year
    // day, 30 days after the next year starts (Thu 2027-09-30), passed before the consent: it does not
    // apply. 60 days from 10-20 (Thanksgiving week, five weekdays, is not a long break): Oct 21-31 (11), Nov
    // (41), Dec 1-17 (58); the usual winter break, unrecorded, from Sat 12-18 to Sun 2028-01-02 is not
    // counted; Jan 3 (59), Jan 4 (60) → Tue 2028-01-04, as with no referral recorded.
    const deadlines = trackDeadlines({
      dates: [item('referral', '2027-06-01'), item('evaluation-consent', '2027-10-20')],
      state: 'CA',
      schoolYear: OWN_YEAR,
      asOf: '2027-10-20',
    });
    expect(only(deadlines, (d) => d.ruleId === 'ca-evaluation-consent').due).toBe('2028-01-04');
  });

  test('a consent to evaluate signed after the referral shows it was answered; one signed that same day does not', () => {
    const answered = trackDeadlines({
      dates: [item('referral', '2026-11-02'), item('evaluation-consent', '2026-11-20')],
      state: 'CA',
      asOf: '2026-11-21',
    });
    expect(only(answered, (d) => d.ruleId === 'ca-assessment-plan')).toMatchObject({
      status: 'met',
      satisfiedBy: 'evaluation-consent',
      satisfiedOn: '2026-11-20',
    });
    const sameDay = trackDeadlines({
      dates: [item('referral', '2026-11-02'), item('evaluation-consent', '2026-11-02')],
      state: 'CA',
      asOf: '2026-11-18',
    });
    expect(only(sameDay, (d) => d.ruleId === 'ca-assessment-plan')).toMatchObject({ status: 'overdue' });
  });

  test('Texas 15, Illinois 14 and Massachusetts 5 school days from a referral of Mon 2026-11-02', () => {
    // Texas: Nov 3-6 (4), 9-10 (6), Veterans Day unknown, 12-13 (8), 16-20 (13), Thanksgiving week
    // unknown, Nov 30 (14), Dec 1 (15) → Tue 12-01, estimated. Illinois: the same to Nov 30 (14) → Mon 11-30.
    // Massachusetts: Nov 3-6 (4), Mon 11-09 (5).
    const due = (state: string) =>
      only(
        trackDeadlines({ dates: [item('referral', '2026-11-02')], state, schoolYear: OWN_YEAR, asOf: '2026-11-02' }),
        () => true,
      );
    expect(due('TX')).toMatchObject({ due: '2026-12-01', estimated: true, citation: 'Tex. Educ. Code 29.004(c)' });
    expect(due('IL')).toMatchObject({ due: '2026-11-30', estimated: true, citation: '23 Ill. Adm. Code 226.110(c)' });
    expect(due('MA')).toMatchObject({ due: '2026-11-09', estimated: false, citation: '603 CMR 28.04(1)(a)' });
  });

  test('Pennsylvania and federal law set no number of days: no due day, the rule says so', () => {
    const pa = only(
      trackDeadlines({ dates: [item('referral', '2026-11-02')], state: 'PA', asOf: '2027-01-05' }),
      () => true,
    );
    expect(pa).toMatchObject({ due: null, status: 'open', citation: '22 Pa. Code 14.123(c)' });
    expect(pa.rule).toMatch(/no number of days/);
    const wy = only(
      trackDeadlines({ dates: [item('referral', '2026-11-02')], state: 'WY', asOf: '2027-01-05' }),
      () => true,
    );
    expect(wy).toMatchObject({ due: null, status: 'open', jurisdiction: 'US' });
    expect(wy.rule).toMatch(/Federal minimum; your state may set a shorter or different timeline\.$/);
  });
});

describe('trackDeadlines: the six states added, records, meeting requests and referrals', () => {
  const track = (state: string, dates: DateItem[], asOf = '2026-11-02') =>
    trackDeadlines({ dates, state, schoolYear: OWN_YEAR, asOf });

  test('Ohio (3301-51-04(D)(1)) and North Carolina (115C-109.3(b)): records within 45 days, under their own law', () => {
    // Request Mon 2026-11-02: 45 calendar days → Thu 12-17, or the day of an IEP meeting before it.
    const ohio = only(track('OH', [item('records-request', '2026-11-02')]), () => true);
    expect(ohio).toMatchObject({
      due: '2026-12-17',
      jurisdiction: 'OH',
      citation: 'Ohio Admin. Code 3301-51-04(D)(1)',
    });
    const carolina = only(
      track('NC', [item('records-request', '2026-11-02'), item('meeting-scheduled', '2026-11-20')]),
      (d) => d.type === 'records-request',
    );
    expect(carolina).toMatchObject({
      due: '2026-11-20',
      jurisdiction: 'NC',
      citation: 'N.C. Gen. Stat. 115C-109.3(b)',
    });
    expect(carolina.mayMove.join(' ')).toMatch(/115C-76\.40/);
  });

  test('New York, Florida, Georgia and Michigan have no records timeline of their own: the federal 45 days, said as federal', () => {
    for (const state of ['NY', 'FL', 'GA', 'MI']) {
      const records = only(track(state, [item('records-request', '2026-11-02')]), () => true);
      expect(records, state).toMatchObject({ due: '2026-12-17', jurisdiction: 'US', ruleId: 'us-records-request' });
      expect(records.citation).toBe('34 CFR 300.613(a); FERPA, 34 CFR 99.10(b)');
    }
  });

  test('none of the six sets a timeline for a meeting the parent asks for: the federal rule, no due day', () => {
    for (const state of ['NY', 'FL', 'GA', 'NC', 'OH', 'MI']) {
      const meeting = only(track(state, [item('meeting-request', '2026-11-02')], '2027-03-01'), () => true);
      expect(meeting, state).toMatchObject({
        due: null,
        status: 'open',
        jurisdiction: 'US',
        ruleId: 'us-meeting-request',
      });
    }
  });

  test('Michigan: notice and a consent form within 10 school days of a written request (R 340.1721b(1)(a))', () => {
    // Referral Mon 2026-11-02: Nov 3-6 (4), 9-10 (6), Veterans Day unknown, 12-13 (8), 16-17 (10) → Tue 11-17.
    const referral = only(track('MI', [item('referral', '2026-11-02')]), () => true);
    expect(referral).toMatchObject({ ruleId: 'mi-referral', due: '2026-11-17', estimated: true });
  });

  test('Ohio: an answer within 30 days of the request (3301-51-06(B)(3)), met by a consent recorded after it', () => {
    // Referral Tue 2026-09-01: Sep 2-30 (29), Oct 1 (30) → Thu 10-01.
    const open = only(track('OH', [item('referral', '2026-09-01')], '2026-09-02'), () => true);
    expect(open).toMatchObject({ ruleId: 'oh-referral', due: '2026-10-01', status: 'open' });
    const answered = track(
      'OH',
      [item('referral', '2026-09-01'), item('evaluation-consent', '2026-09-20')],
      '2026-10-05',
    );
    expect(only(answered, (d) => d.ruleId === 'oh-referral')).toMatchObject({
      status: 'met',
      satisfiedOn: '2026-09-20',
    });
  });

  test('Ohio: the initial IEP by the earlier of 90 days from consent and 120 days from the request', () => {
    // Consent Tue 2026-10-20: Oct 21-31 (11), Nov (41), Dec (72), Jan 1-18 (90) → Mon 2027-01-18.
    // Referral Tue 2026-09-01: Sep 2-30 (29), Oct (60), Nov (90), Dec 1-30 (120) → Wed 2026-12-30, earlier.
    const iep = (dates: DateItem[]) => only(track('OH', dates, '2026-10-20'), (d) => d.ruleId === 'oh-initial-iep');
    expect(iep([item('evaluation-consent', '2026-10-20')]).due).toBe('2027-01-18');
    expect(iep([item('referral', '2026-09-01'), item('evaluation-consent', '2026-10-20')]).due).toBe('2026-12-30');
    // A request of Mon 2026-03-02: its 120 days ended 06-30, before the consent; the consent's 90 days stand.
    const late = iep([item('referral', '2026-03-02'), item('evaluation-consent', '2026-10-20')]);
    expect(late.due).toBe('2027-01-18');
    expect(late.mayMove.join(' ')).toMatch(/referral of 2026-03-02 ended before/);
  });

  test('North Carolina: 90 days from the written referral; without one, from the consent, estimated, and says how to record it', () => {
    // Referral Tue 2026-09-01: Sep 2-30 (29), Oct (60), Nov (90) → Mon 11-30. The consent of 09-14 starts
    // nothing more: the referral's clock is the law's. A meeting on 09-10, before the consent, is not the
    // meeting asked for; one on 11-20 meets it.
    const withReferral = track(
      'NC',
      [
        item('referral', '2026-09-01'),
        item('meeting-scheduled', '2026-09-10'),
        item('evaluation-consent', '2026-09-14'),
        item('meeting-scheduled', '2026-11-20'),
      ],
      '2026-12-01',
    );
    expect(withReferral.map((d) => d.ruleId).sort()).toEqual(['nc-evaluation-referral', 'us-referral']);
    expect(only(withReferral, (d) => d.ruleId === 'nc-evaluation-referral')).toMatchObject({
      from: '2026-09-01',
      due: '2026-11-30',
      status: 'met',
      satisfiedOn: '2026-11-20',
      estimated: false,
    });
    const beforeConsent = track(
      'NC',
      [item('referral', '2026-09-01'), item('meeting-scheduled', '2026-09-10')],
      '2026-12-01',
    );
    expect(only(beforeConsent, (d) => d.ruleId === 'nc-evaluation-referral').status).toBe('overdue');
    // Consent alone, Mon 09-14: 90 days → Sun 12-13, marked estimated, with the reply that would fix it.
    const consentOnly = only(track('NC', [item('evaluation-consent', '2026-09-14')]), () => true);
    expect(consentOnly).toMatchObject({ ruleId: 'nc-evaluation-consent', due: '2026-12-13', estimated: true });
    expect(consentOnly.mayMove).toContain(REFERRAL_NOT_RECORDED);
    expect(consentOnly.rule).toMatch(/reply "add 11\/2 referral"/);
  });

  test('the reply the North Carolina and Ohio rules suggest records a referral, in English and in Spanish', () => {
    for (const id of ['nc-evaluation-consent', 'oh-initial-iep']) {
      const english = deadlineRules().find((rule) => rule.id === id)?.rule ?? '';
      const spanish = SPANISH_RULES.rules[id]?.rule ?? '';
      for (const words of [english, spanish]) {
        const suggested = /"([^"]+)"/.exec(words)?.[1] ?? '';
        expect(parseReplyLine(suggested), words).toMatchObject({ kind: 'add-date', type: 'referral' });
      }
    }
  });
});

describe('trackDeadlines: Illinois at the end of the school year (23 Ill. Adm. Code 226.110(d))', () => {
  // Last day Fri 2027-06-11 (family setting); spring break recorded Mon 03-22..Fri 03-26 (Good Friday 03-26
  // inside it); Memorial Day Mon 05-31 closed. School days from Mon 03-29 to the last day: Mar 29-Apr 30
  // (25), May 3-28 (45), Jun 1-4 (49), Jun 7-11 (54).
  const iep = (consent: string) =>
    only(
      trackDeadlines({
        dates: [item('evaluation-consent', consent), item('school-closure', '2027-03-22', '2027-03-26')],
        state: 'IL',
        schoolYear: OWN_YEAR,
        asOf: consent,
      }),
      (d) => d.ruleId === 'il-evaluation-consent',
    );

  test('60 school days left after the consent: the ordinary count, ending on the last day', () => {
    // Consent Thu 03-11: Mar 12 (1), Mar 15-19 (6), then the 54 → exactly 60 remain, not fewer: the ordinary
    // count, whose 60th school day is the last day, Fri 06-11.
    expect(iep('2027-03-11')).toMatchObject({ due: '2027-06-11' });
  });

  test('fewer than 60 left: eligibility and the IEP meeting before the first day of the next school year', () => {
    // Consent Fri 03-12: Mar 15-19 (5) and the 54: 59 remain. 2027-28 is not set: the latest usual Illinois first day, Tue
    // 2027-08-31; the day before is Mon 2027-08-30, estimated.
    const late = iep('2027-03-12');
    expect(late).toMatchObject({ due: '2027-08-30', estimated: true });
    expect(late.mayMove.join(' ')).toMatch(/fewer than 60 school days left/);
  });
});

describe('trackDeadlines: parent marks, ids and input hygiene', () => {
  const dates = [item('records-request', '2026-11-02'), item('meeting-request', '2026-11-02')];

  test("a parent's done on or before the due day is met, after it late; dismiss hides nothing but stops it", () => {
    // Records due 2026-11-09 (CA).
    const id = 'ca-records-request:2026-11-02';
    const onTime = trackDeadlines({
      dates,
      state: 'CA',
      asOf: '2026-11-20',
      marks: [{ id, action: 'done', on: '2026-11-06' }],
    });
    const late = trackDeadlines({
      dates,
      state: 'CA',
      asOf: '2026-11-20',
      marks: [{ id, action: 'done', on: '2026-11-12' }],
    });
    const dismissed = trackDeadlines({
      dates,
      state: 'CA',
      asOf: '2026-11-20',
      marks: [{ id, action: 'dismiss', on: null }],
    });
    expect(only(onTime, (d) => d.id === id)).toMatchObject({ status: 'met', satisfiedBy: 'parent' });
    expect(only(late, (d) => d.id === id).status).toBe('late');
    expect(only(dismissed, (d) => d.id === id).status).toBe('dismissed');
  });

  test('`done 2` marks the second deadline in the order shown; a number out of range marks nothing', () => {
    // Order: records (due 11-09) first, meeting request (due 12-02) second.
    const shown = trackDeadlines({ dates, state: 'CA', asOf: '2026-11-03' });
    const mark = resolveParentMark(shown, 2, 'done', '2026-11-20');
    expect(mark).toEqual({ id: 'ca-meeting-request:2026-11-02', action: 'done', on: '2026-11-20' });
    expect(resolveParentMark(shown, 3, 'done', null)).toBeNull();
    expect(resolveParentMark(shown, 0, 'dismiss', null)).toBeNull();
    const after = trackDeadlines({ dates, state: 'CA', asOf: '2026-11-21', marks: mark ? [mark] : [] });
    expect(only(after, (d) => d.type === 'meeting-request').status).toBe('met');
  });

  test('a mark for an unknown id or with a malformed date changes nothing', () => {
    const deadlines = trackDeadlines({
      dates,
      state: 'CA',
      asOf: '2026-11-20',
      marks: [
        { id: 'nope', action: 'done', on: null },
        { id: 'ca-records-request:2026-11-02', action: 'done', on: '11/06/2026' },
      ],
    });
    expect(only(deadlines, (d) => d.type === 'records-request').status).toBe('overdue');
  });

  test('ids are stable, duplicates collapse, and the order is by due day', () => {
    const twice = [...dates, ...dates];
    const first = trackDeadlines({ dates: twice, state: 'CA', asOf: '2026-11-03' });
    const second = trackDeadlines({ dates: [...twice].reverse(), state: 'CA', asOf: '2026-11-03' });
    expect(first.map((d) => d.id)).toEqual(['ca-records-request:2026-11-02', 'ca-meeting-request:2026-11-02']);
    expect(second.map((d) => d.id)).toEqual(first.map((d) => d.id));
  });

  test('items with impossible dates are ignored; an impossible as-of day is refused', () => {
    const deadlines = trackDeadlines({
      dates: [item('records-request', '2026-02-30'), item('records-request', 'soon'), ...dates],
      state: 'CA',
      asOf: '2026-11-03',
    });
    expect(deadlines).toHaveLength(2);
    expect(() => trackDeadlines({ dates, state: 'CA', asOf: '2026-13-01' })).toThrow(RangeError);
  });

  test('meeting days and closures start no deadline of their own', () => {
    const deadlines = trackDeadlines({
      dates: [item('meeting-scheduled', '2026-11-30'), item('school-closure', '2026-11-26', '2026-11-27')],
      state: 'CA',
      asOf: '2026-11-03',
    });
    expect(deadlines).toEqual([]);
    expect(meetingDays([item('meeting-scheduled', '2026-11-30'), item('meeting-scheduled', '2026-11-30')])).toEqual([
      '2026-11-30',
    ]);
  });

  test('awaited deadlines are the open and overdue ones with a due day, for the digest and the calendar', () => {
    // CA on 11-10: records (due 11-09) overdue, meeting request (due 12-02) open; a federal-only family's
    // meeting request has no due day and is left out.
    const ca = trackDeadlines({ dates, state: 'CA', asOf: '2026-11-10' });
    const federal = trackDeadlines({ dates: [item('meeting-request', '2026-11-02')], state: null, asOf: '2026-11-10' });
    expect(awaitedDeadlines(ca).map((d) => [d.type, d.due, d.status])).toEqual([
      ['records-request', '2026-11-09', 'overdue'],
      ['meeting-request', '2026-12-02', 'open'],
    ]);
    expect(awaitedDeadlines(federal)).toEqual([]);
    // The digest takes them as they are (checked by the compiler).
    const forDigest: DeadlineItem[] = awaitedDeadlines(ca);
    expect(forDigest).toHaveLength(2);
  });

  test('rows for `iep deadlines --json` hold the rule, its citation and jurisdiction, and whether the day is estimated', () => {
    const rows = deadlineRows(trackDeadlines({ dates, state: 'CA', asOf: '2026-11-03' }));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        'type',
        'from',
        'due',
        'status',
        'rule',
        'citation',
        'jurisdiction',
        'estimated',
        'mayMove',
      ]);
    }
    expect(rows[0]).toMatchObject({ type: 'records-request', from: '2026-11-02', due: '2026-11-09', status: 'open' });
  });
});
