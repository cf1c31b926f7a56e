import { describe, expect, it } from 'vitest';
import { computeDigest } from '../../../shared/compliance/compute-digest';
import type { Flag, StaffContact } from '../../../shared/compliance/digest-types';
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
    detail: 'detail',
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
  it('asks for the logs of a service with no logs', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'no-logs' })],
    });
    expect(draft?.purpose).toBe('request-logs');
    expect(draft?.to).toEqual(['jlee@district.org', 'cm@district.org']);
    expect(draft?.subject).toBe('Speech-language therapy logs for Maya');
    expect(draft?.body).toContain('for the week of Nov 16–20');
  });

  it('raises missed sessions with their dates', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'repeated-misses', dates: ['2026-11-10', '2026-11-12', '2026-11-17'] })],
    });
    expect(draft?.purpose).toBe('missed-sessions');
    expect(draft?.body).toContain('sessions on Nov 10, Nov 12 and Nov 17 did not happen');
  });

  it('asks for compensatory sessions with the minutes owed', () => {
    const [draft] = buildDrafts({
      child: 'Maya',
      week,
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'owed', minutes: 90, dates: ['2026-10-06'] })],
    });
    expect(draft?.purpose).toBe('compensatory-services');
    expect(draft?.body).toContain('Maya is owed 90 minutes of speech-language therapy');
    expect(draft?.body).toContain('(Oct 6)');
  });

  it('asks for four weeks of logs, not about missed sessions, when the missing time has no log at all', () => {
    const drafts = buildDrafts({
      child: 'Maya',
      week,
      lookback: { start: '2026-10-24', end: '2026-11-20' },
      contacts,
      hasRequirements: true,
      flags: [flag({ kind: 'no-logs' }), flag({ kind: 'repeated-misses', dates: [], minutes: 120 })],
    });
    expect(drafts.map((d) => d.purpose)).toEqual(['request-logs']);
    expect(drafts[0]?.body).toContain('for the last four weeks (Oct 24–Nov 20)');
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
    const owed = digest.drafts.find((d) => d.purpose === 'compensatory-services');
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
    const flags = services.map((service) =>
      flag({ kind: 'setting', service, weeks: 3, detail: `A concern about ${service} ${'with evidence '.repeat(8)}` }),
    );
    const meeting = buildDrafts({ child: 'Maya', week, contacts, hasRequirements: true, flags }).find(
      (d) => d.purpose === 'request-meeting',
    );
    expect(meeting?.body.match(/^- A concern/gm)).toHaveLength(4);
    expect(meeting?.body).toContain('- and 2 more, which I can share.');
    expect(draftMailto(meeting ?? { purpose: 'request-meeting', to: [], subject: '', body: '' }).length).toBeLessThan(
      2000,
    );
  });
});

describe('a draft as a mailto: link', () => {
  it('percent-encodes subject and body with CRLF line breaks', () => {
    const href = draftMailto({
      purpose: 'request-logs',
      to: ['jlee@district.org', 'cm@district.org'],
      subject: 'Logs & notes for Maya?',
      body: 'Hello,\n\nThanks = 100%',
    });
    expect(href).toBe(
      'mailto:jlee@district.org,cm@district.org?subject=Logs%20%26%20notes%20for%20Maya%3F&body=Hello%2C%0D%0A%0D%0AThanks%20%3D%20100%25',
    );
  });

  it('drops any recipient that is not a plain address', () => {
    const href = draftMailto({
      purpose: 'request-logs',
      to: ['x@y.org&cc=z@w.org', 'ok@y.org'],
      subject: 's',
      body: 'b',
    });
    expect(href.startsWith('mailto:ok@y.org?')).toBe(true);
  });
});
