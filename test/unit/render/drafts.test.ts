import { describe, expect, it } from 'vitest';
import type { Flag, StaffContact } from '../../../shared/compliance/digest-types';
import { computeDigest } from '../../../shared/digest/digest-model';
import { buildDrafts, draftMailto, isValidAddress, recipients } from '../../../shared/render/drafts';
import { input, ses, speechTwiceWeekly } from '../compliance/records';

const contacts: StaffContact[] = [
  { address: 'JLee@District.org', roles: ['Speech-Language Pathologist'] },
  { address: 'ot@district.org', roles: ['OTR/L'] },
  { address: 'cm@district.org', roles: ['Education Specialist (Case Manager)'] },
  { address: 'office@district.org', roles: ['Front office'] },
];
const week = { start: '2026-11-16', end: '2026-11-20' };

function flag(fields: Partial<Flag> & Pick<Flag, 'kind'>): Flag {
  return {
    service: 'speech-language',
    evidence: { kind: 'aide-gap' },
    dates: [],
    minutes: null,
    weeks: 1,
    includesUnconfirmed: false,
    unconfirmedDates: [],
    ...fields,
  };
}

describe('who a draft goes to', () => {
  it('goes to the provider of the service and the case manager, not to others', () => {
    expect(recipients(contacts, ['speech-language', 'case-manager'])).toEqual(['jlee@district.org', 'cm@district.org']);
    expect(recipients(contacts, ['occupational-therapy'])).toEqual(['ot@district.org']);
  });

  it('refuses addresses that could smuggle anything into a link', () => {
    expect(isValidAddress('jlee@district.k12.ca.us')).toBe(true);
    for (const bad of [
      'a@b',
      'a b@c.org',
      'a@b.org?cc=x@y.org',
      'a@b.org&body=hi',
      '"x"@b.org',
      'a@b.org\r\nBcc: x@y.org',
      'javascript:alert(1)//@x.org',
      'a%0a@b.org',
      '@b.org',
      'a@@b.org',
      'a@-b.org',
      'a..b@c.org',
    ]) {
      expect(isValidAddress(bad), bad).toBe(false);
    }
  });

  it('leaves a hostile address out of the recipients', () => {
    const hostile: StaffContact[] = [{ address: 'x@y.org?body=pay', roles: ['speech therapist'] }];
    expect(recipients(hostile, ['speech-language'])).toEqual([]);
  });
});

describe('drafts for the week’s flags', () => {
  it('asks for the logs of the whole unreported range, from its first week to the as-of date', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      asOf: '2026-11-20',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'no-logs', dates: ['2026-10-05', '2026-10-19', '2026-11-16'] })],
    });
    expect(draft?.purpose).toBe('request-logs');
    expect(draft?.to).toEqual(['jlee@district.org', 'cm@district.org']);
    expect(draft?.subject).toBe('Speech-language therapy logs for Maya, Oct 5 to Nov 20');
    expect(draft?.body).toContain('logs from Oct 5 to Nov 20?');
    expect(draft?.body).toContain('no logs for 3 weeks in that time');
  });

  it('shows the year of a range that began in an earlier school year', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      asOf: '2026-09-11',
      week: { start: '2026-09-07', end: '2026-09-11' },
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'no-logs', dates: ['2026-06-01', '2026-09-07'] })],
    });
    expect(draft?.body).toContain('from Jun 1, 2026 to Sep 11?');
  });

  it('raises missed sessions and asks for the make-up time in one letter, stating only confirmed ones as fact', () => {
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [
        flag({
          kind: 'repeated-misses',
          dates: ['2026-11-10', '2026-11-12', '2026-11-17'],
          unconfirmedDates: ['2026-11-17'],
        }),
        flag({
          kind: 'owed',
          minutes: 90,
          dates: ['2026-11-10', '2026-11-12', '2026-11-17'],
          unconfirmedDates: ['2026-11-17'],
        }),
      ],
    });
    expect(drafts.map((d) => d.purpose)).toEqual(['missed-sessions']);
    const [draft] = drafts;
    expect(draft?.body).toContain('The sessions on Nov 10 and Nov 12 did not happen');
    expect(draft?.body).toContain('The notes I received say the session on Nov 17 did not happen');
    expect(draft?.body).toContain('Maya is owed 90 minutes of speech-language therapy');
    expect(draft?.body).toContain('make-up (compensatory) sessions');
    expect(draft?.reported).toEqual(['2026-11-17']);
  });

  it('says "the session" for one session', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'owed', minutes: 30, dates: ['2026-11-23'] })],
    });
    expect(draft?.body).toContain('The session on Nov 23 did not happen');
    expect(draft?.body).not.toContain('sessions on Nov 23');
  });

  it('asks for logs, not about missed sessions, when the missing time has no log at all', () => {
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'no-logs', dates: ['2026-11-16'] })],
    });
    expect(drafts.map((d) => d.purpose)).toEqual(['request-logs']);
  });

  it('follows up an overdue records request to the case manager, citing the rule', () => {
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [],
      state: 'CA',
      deadlines: [
        {
          type: 'records-request',
          from: '2026-11-02',
          due: '2026-11-09',
          rule: 'rule',
          status: 'overdue',
          citation: 'Cal. Ed. Code 56504',
        },
      ],
    });
    expect(drafts.map((d) => [d.purpose, d.to])).toEqual([['records-follow-up', ['cm@district.org']]]);
    expect(drafts[0]?.body).toContain('On Nov 2, 2026 I asked for');
    expect(drafts[0]?.body).toContain('(Cal. Ed. Code 56504) By that rule they were due by Nov 9, 2026.');
  });

  it('raises lunch in a separate setting against the IEP’s share in general education', () => {
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      generalEducationPercent: 80,
      flags: [
        flag({
          kind: 'setting',
          service: null,
          evidence: { kind: 'setting', activities: [{ activity: 'lunch', dates: ['2026-11-04'] }], overPercent: null },
          dates: ['2026-11-04'],
          unconfirmedDates: ['2026-11-04'],
        }),
      ],
    });
    expect(drafts.map((d) => [d.purpose, d.to])).toEqual([['setting-concern', ['cm@district.org']]]);
    expect(drafts[0]?.body).toContain('The notes I received say: lunch in a separate setting on Nov 4.');
    expect(drafts[0]?.body).toContain("Maya's IEP places Maya in general education 80% of the day.");
  });

  it('raises the days without the 1:1 aide, and asks no make-up minutes for an aide', () => {
    const aide = { service: 'aide' as const, dates: ['2026-11-04', '2026-11-18'] };
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      contacts: [...contacts, { address: 'para@district.org', roles: ['Paraprofessional'] }],
      hasRequirements: true,
      flags: [flag({ kind: 'owed', minutes: 720, ...aide }), flag({ kind: 'aide-gap', ...aide })],
    });
    expect(drafts.map((d) => d.purpose)).toEqual(['aide-missing']);
    expect(drafts[0]?.to).toEqual(['para@district.org', 'cm@district.org']);
    expect(drafts[0]?.body).toContain('Maya was without the 1:1 aide the IEP provides on Nov 4 and Nov 18.');
  });

  it('asks for the IEP’s services page when no requirements are on file', () => {
    const digest = computeDigest(input({ contacts }));
    expect(digest.services).toEqual([]);
    expect(digest.drafts).toHaveLength(1);
    expect(digest.drafts[0]?.purpose).toBe('request-services-page');
    expect(digest.drafts[0]?.to).toEqual(['cm@district.org']);
  });

  it('signs as the child’s parent unless told otherwise', () => {
    const digest = computeDigest(
      input({
        contacts,
        requirements: [speechTwiceWeekly()],
        sessions: [ses({ date: '2026-11-17', status: 'missed', reason: 'provider-absent', minutes: 30 })],
      }),
    );
    const owed = digest.drafts.find((d) => d.purpose === 'missed-sessions');
    expect(owed?.body.endsWith("Maya's parent")).toBe(true);
    const signed = computeDigest({ ...input({ requirements: [speechTwiceWeekly()] }), signature: 'Ana Ruiz' });
    expect(signed.drafts[0]?.body.endsWith('Ana Ruiz')).toBe(true);
  });
});

describe('a meeting request', () => {
  it('lists at most four lasting concerns, so its mailto: link stays under 2,000 characters', () => {
    const services = [
      'speech-language',
      'occupational-therapy',
      'physical-therapy',
      'counseling',
      'behavior',
      'vision',
    ] as const;
    const lunches = ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-11-02', '2026-11-03'];
    const flags = services.map((service) =>
      flag({
        kind: 'setting',
        service,
        weeks: 3,
        evidence: { kind: 'setting', activities: [{ activity: 'lunch', dates: lunches }], overPercent: null },
      }),
    );
    const meeting = buildDrafts({ child: 'Maya', week, contacts, hasRequirements: true, flags, state: 'CA' }).find(
      (d) => d.purpose === 'request-meeting',
    );
    // California's timeline for a meeting the parent asks for, with its citation.
    expect(meeting?.body).toContain('must be held within 30 days of receiving the request');
    expect(meeting?.body).toContain('(Cal. Ed. Code 56343.5)');
    expect(meeting?.body.match(/^- Lunch in a separate setting on Oct 26/gm)).toHaveLength(4);
    expect(meeting?.body).toContain('- and 2 more, which I can share.');
    expect(
      draftMailto(
        meeting ?? { purpose: 'request-meeting', to: [], subject: '', body: '', reported: [], language: 'en' },
      ).length,
    ).toBeLessThan(2000);
  });
});

describe('a draft as a mailto: link', () => {
  it('percent-encodes subject and body with CRLF line breaks', () => {
    const href = draftMailto({
      purpose: 'request-logs',
      language: 'en',
      to: ['jlee@district.org', 'cm@district.org'],
      subject: 'Logs & notes for Maya?',
      body: 'Hello,\n\nThanks = 100%',
      reported: [],
    });
    expect(href).toBe(
      'mailto:jlee@district.org,cm@district.org?subject=Logs%20%26%20notes%20for%20Maya%3F&body=Hello%2C%0D%0A%0D%0AThanks%20%3D%20100%25',
    );
  });

  it('drops any recipient that is not a plain address', () => {
    const href = draftMailto({
      purpose: 'request-logs',
      language: 'en',
      to: ['x@y.org&cc=z@w.org', 'ok@y.org'],
      subject: 's',
      reported: [],
      body: 'b',
    });
    expect(href.startsWith('mailto:ok@y.org?')).toBe(true);
  });
});
