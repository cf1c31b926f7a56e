import { describe, expect, it } from 'vitest';
import { trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import { asDeadlineItems } from '../../../shared/digest/digest-input';
import { computeDigest } from '../../../shared/digest/digest-model';
import { renderDigestEmail } from '../../../shared/render/digest-email';
import { entrySummary, flagDetail } from '../../../shared/render/digest-wording';
import { wordingFor } from '../../../shared/render/wording';
import { input, ses, setting, speechTwiceWeekly } from '../compliance/records';
import { realisticDigestInput } from './digest-fixture';

const ENGLISH = wordingFor('en');
const detailOf = (flag: Parameters<typeof flagDetail>[0] | undefined) => (flag ? flagDetail(flag, ENGLISH) : undefined);

const HOSTILE =
  '<script>alert("x")</script> O\'Brien "quoted" <img src=https://evil.example/t.png>\r\nBcc: all@evil.example';

function hostileDigest() {
  return computeDigest(
    input({
      child: HOSTILE,
      requirements: [speechTwiceWeekly()],
      sessions: [ses({ date: '2026-11-17', status: 'missed', reason: 'provider-absent', minutes: 30 })],
      settingEvents: [setting({ date: '2026-11-02', activity: 'lunch' })],
      contacts: [
        { address: 'jlee@district.org', roles: ['<b>Speech</b> therapist'] },
        { address: 'evil@x.org"><script>', roles: ['case manager'] },
      ],
      deadlines: [
        {
          type: '<i>meeting</i>',
          from: '2026-11-02',
          due: '2026-12-02',
          rule: 'Rule <a href="https://evil.example">x</a>\r\nmore',
        },
      ],
    }),
  );
}

describe('the digest email with hostile words in it', () => {
  it('escapes every piece of text in the HTML part', () => {
    // Act
    const { html } = renderDigestEmail(hostileDigest());

    // Assess
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<a href="https://');
    expect(html).not.toContain('<i>meeting');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('O&#39;Brien');
  });

  it('makes links only of mailto: drafts to validated addresses', () => {
    const { html } = renderDigestEmail(hostileDigest());
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      // The only valid address is the provider's; a letter with nobody known opens with no recipient.
      expect(href).toMatch(/^mailto:(jlee@district\.org)?\?subject=/);
    }
    expect(html).not.toContain('evil@x.org');
  });

  it('keeps CR and LF out of the subject line', () => {
    const { subject } = renderDigestEmail(hostileDigest());
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain(
      "'s services, week of Nov 16: 3 things to look at (30 min of speech-language therapy owed)",
    );
  });

  it('keeps a name’s line breaks out of the plain text and the drafts', () => {
    const digest = hostileDigest();
    const { text } = renderDigestEmail(digest);
    expect(text).not.toContain('\r');
    expect(text).not.toMatch(/\nBcc: all@evil/);
    for (const d of digest.drafts) expect(d.subject).not.toMatch(/[\r\n]/);
  });
});

describe('the digest email', () => {
  const digest = computeDigest(realisticDigestInput());
  const email = renderDigestEmail(digest);

  it('says the headline in the subject', () => {
    // Plain words: no service codes, no "+1 more".
    expect(email.subject).toBe(
      "Maya's services, week of Nov 16: 5 things to look at (60 min of speech-language therapy owed)",
    );
  });

  it('has the sections in order, in both parts', () => {
    const order = [
      'What needs attention',
      'Services this week and this school year',
      'Setting and aide',
      'Upcoming deadlines',
      'Entries not yet confirmed',
      'Ready-to-send emails',
    ];
    const inHtml = order.map((title) => email.html.indexOf(`>${title}</h2>`));
    const inText = order.map((title) => email.text.indexOf(`\n${title.toUpperCase()}\n`));
    for (const at of [inHtml, inText]) {
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('gives the calendar feed in both parts, as webcal:// and https://, and says what it is', () => {
    // Prepare
    const feed = 'https://calendar.example.org/calendar/abcdefghijklmnopqrstuvwxyz.ics';

    // Act
    const withFeed = renderDigestEmail(digest, { calendarUrl: feed });

    // Assess
    const webcal = 'webcal://calendar.example.org/calendar/abcdefghijklmnopqrstuvwxyz.ics';
    expect(withFeed.text).toContain("Maya's deadlines and meetings, as a calendar that keeps itself up to date:");
    expect(withFeed.text).toContain(`- On a phone, or in Apple Calendar: ${webcal}`);
    expect(withFeed.text).toContain(`- In Google Calendar or Outlook ("add calendar from URL"): ${feed}`);
    expect(withFeed.html).toContain(`href="${webcal}"`);
    expect(withFeed.html).toContain(`href="${feed}"`);
    expect(withFeed.html.indexOf('>Calendar</h2>')).toBeGreaterThan(
      withFeed.html.indexOf('>Ready-to-send emails</h2>'),
    );
    // Without a feed (a tracker that serves none), nothing is said about one.
    expect(email.text).not.toContain('webcal://');
  });

  it('leaves nothing out of the plain text: every flag, figure, deadline, entry and draft', () => {
    const { text } = email;
    for (const f of digest.flags) expect(text).toContain(detailOf(f));
    for (const s of digest.services) {
      expect(text).toContain(`${s.week.requiredMinutes} min`);
      expect(text).toContain(`${s.schoolYear.requiredMinutes} min`);
    }
    for (const d of digest.drafts) {
      expect(text).toContain(d.subject);
      expect(text).toContain(d.body);
      for (const to of d.to) expect(text).toContain(to);
    }
    for (const e of digest.unconfirmedEntries) expect(text).toContain(entrySummary(e, ENGLISH));
    for (const d of digest.deadlines) expect(text).toContain(d.rule);
    expect(text).toContain('Nov 4, 2026');
    expect(text).toContain('Nov 12: recess, separate setting (not yet confirmed)');
  });

  it('shows a bar per service and window, with widths adding up to the whole', () => {
    const bars = [...email.html.matchAll(/<tr>((?:<td width="\d+%"[^>]*>&nbsp;<\/td>)+)<\/tr>/g)];
    expect(bars).toHaveLength(digest.services.length * 2);
    for (const bar of bars) {
      const widths = [...(bar[1] ?? '').matchAll(/width="(\d+)%"/g)].map((m) => Number(m[1]));
      expect(widths.reduce((a, b) => a + b, 0)).toBe(100);
    }
  });

  it('uses no remote images, scripts, SVG or canvas', () => {
    expect(email.html).not.toMatch(/<(img|script|svg|canvas|link|iframe)\b/i);
    expect(email.html).not.toMatch(/url\(/i);
  });

  it('says the minutes are unknown where nobody stated them', () => {
    const ambiguous = computeDigest(
      input({
        requirements: [
          speechTwiceWeekly(),
          { ...speechTwiceWeekly(), delivery: 'group', sessions: 1, minutes: 45, totalMinutes: 45 },
        ],
        sessions: [ses({ date: '2026-11-17', status: 'delivered' })],
      }),
    );
    const { text, html } = renderDigestEmail(ambiguous);
    expect(text).toContain('Minutes not stated for the sessions on Nov 17; counted as 0.');
    expect(html).toContain('Minutes not stated for the sessions on Nov 17; counted as 0.');
  });
});

describe('the digest of a child with no requirements yet', () => {
  it('says so and asks for the IEP’s services page', () => {
    const digest = computeDigest(input({ contacts: [{ address: 'cm@district.org', roles: ['Case Manager'] }] }));
    const { subject, text, html } = renderDigestEmail(digest);
    expect(subject).toBe("Maya's services, week of Nov 16: no IEP services on file yet");
    expect(text).toContain("We don't have Maya's IEP services yet");
    expect(text).toContain('forward the services page of the IEP');
    expect(html).toContain('mailto:cm@district.org?subject=Copy%20of%20Maya');
  });

  it('still says what needs attention from the other records', () => {
    const digest = computeDigest(input({ settingEvents: [setting({ date: '2026-11-02', activity: 'lunch' })] }));
    const { text, html } = renderDigestEmail(digest);
    expect(text).toContain('- Setting. Lunch in a separate setting on Nov 2.');
    expect(html).toContain('Lunch in a separate setting on Nov 2.');
  });
});

describe('deadlines in the digest', () => {
  it('a California meeting request before an unrecorded winter break says the day is estimated and may move', () => {
    // Request Tue 2026-12-01, nothing recorded about winter break: Dec 21-31 are unknown, taken as a break
    // of more than five school days (56343.5), so 30 days end Sat 2027-01-16, estimated.
    const deadlines = asDeadlineItems(
      trackDeadlines({
        dates: [{ type: 'meeting-request', date: '2026-12-01', end: null }],
        state: 'CA',
        asOf: '2026-12-04',
      }),
    );
    const digest = computeDigest(input({ asOf: '2026-12-04', requirements: [speechTwiceWeekly()], deadlines }));

    // Act
    const { text, html } = renderDigestEmail(digest);

    // Assess
    expect(digest.deadlines[0]).toMatchObject({ due: '2027-01-16', estimated: true });
    expect(text).toContain('Jan 16, 2027 (estimated): ');
    expect(text).toContain('May move: school vacation (winter break not recorded).');
    expect(html).toContain('May move: school vacation (winter break not recorded).');
  });
});

describe('figures and letters a parent can check', () => {
  // Week of Nov 16: speech 60 due; Nov 17 delivered 30; Nov 19 missed, provider absent, not yet confirmed.
  const digest = computeDigest(
    input({
      requirements: [speechTwiceWeekly()],
      trackingSince: '2026-11-16',
      contacts: [{ address: 'jlee@district.org', roles: ['SLP'] }],
      sessions: [
        ses({ date: '2026-11-17', status: 'delivered', minutes: 30 }),
        ses({ date: '2026-11-19', status: 'missed', reason: 'provider-absent', minutes: 30, confirmed: false }),
      ],
    }),
  );
  const { text, html } = renderDigestEmail(digest);

  it('gives each figure line parts that add up to the minutes due', () => {
    expect(text).toContain(
      "This week (Nov 16–20): 60 min due: 30 delivered, 30 missed on the school's side (provider absent). 30 min owed.",
    );
    // Sep 1 - Nov 13 is before tracking began: not tracked yet, never "no log".
    expect(text).toMatch(
      /School year \(since Sep 1\): \d+ min due: 30 delivered, 30 missed on the school's side \(provider absent\), \d+ not tracked yet/,
    );
    expect(text).not.toContain('no log');
  });

  it('says which entries a letter only reports, in both parts', () => {
    const line = 'phrased as "the notes I received say": Nov 19.';
    expect(text).toContain(line);
    expect(html).toContain('phrased as &quot;the notes I received say&quot;: Nov 19.');
    const letter = digest.drafts.find((d) => d.purpose === 'missed-sessions');
    expect(letter?.body).toContain('The notes I received say the session on Nov 19 did not happen');
    expect(letter?.body).not.toContain('By my records');
  });
});
