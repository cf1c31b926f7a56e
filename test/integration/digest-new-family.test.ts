// A family new to the tracker, on the local stack, by mail and the `iep` command only: the IEP's
// services page says the IEP started on 9/1/2026 (speech 2 x 30 min a week, California), the
// therapist's note of the week of Nov 9 is forwarded, and the family began tracking on Nov 9. The
// digest as of Fri Nov 13, 2026 is read through `iep digest --json`, `--text`, `--html` and `--send`
// (the outbox), and the HTML is opened in Chromium at 390 and 1024 px.
//
// Worked by hand (docs/how-the-digest-counts.md): 12 min a school day. This week Nov 9-13, Veterans
// Day closed: 4 days, 48 min due; Tue 30 delivered, Thu 30 missed (provider out sick), 30 owed.
// School year from Sep 1 (not Jul 1, not the estimated first day of Aug 31): 54 weekdays less Labor
// Day and Veterans Day (closed) and Native American Day and Columbus Day (schools differ): 50 x 12
// = 600 min due; 30 + 30 logged; everything before Nov 9 that no log covers is "not tracked yet":
// 600 - 60 = 540; nothing "not reported".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { launchChromium, overflowAt, screenshotFolder, visibleTexts } from '../support/chromium';
import { runIep } from '../support/run-iep';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const GUARDIAN = 'ana.rivera@example.com';
const AS_OF = '2026-11-13';

function mail(options: { to: string; subject: string; date: string; id: string; body: string }): Buffer {
  return Buffer.from(
    [
      `From: Ana Rivera <${GUARDIAN}>`,
      `To: ${options.to}`,
      `Subject: ${options.subject}`,
      `Date: ${options.date}`,
      `Message-ID: <${options.id}@example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      options.body,
      '',
    ].join('\r\n'),
  );
}

const SERVICES_PAGE = `Here is the services page of the IEP that started on 9/1/2026.

Service: Speech and Language
  Delivery: Individual, 2 x 30 minutes weekly, Separate setting`;

const THERAPIST_NOTE = `---------- Forwarded message ---------
From: Jordan Lee <jlee@district.org>
Date: Thu, Nov 12, 2026 at 3:10 PM
Subject: Speech this week
To: Ana Rivera <${GUARDIAN}>

Hi Ana, Maya had speech on Tuesday 11/10 for 30 minutes, individual. Thursday 11/12 speech was cancelled because I was out sick.

Jordan Lee, CCC-SLP
Speech-Language Pathologist`;

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('the digest of a family whose IEP started on Sep 1, as of Nov 13', () => {
  let dataDir: string;
  let stack: LocalStack;
  let smtp: Transporter;
  let address: string;
  let browser: Browser;

  async function iep(args: string[]) {
    const run = await runIep(dataDir, args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return run.stdout;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'iep-new-family-'));
    stack = await startLocalStack(
      readLocalConfig(
        {
          IEP_DATA_DIR: dataDir,
          IEP_SMTP_PORT: '0',
          IEP_OUTBOX_PORT: '0',
          IEP_DYNAMO_PORT: '0',
          IEP_CALENDAR_PORT: '0',
          IEP_DEMO: '0',
        },
        process.cwd(),
      ),
    );
    smtp = createTransport({
      host: '127.0.0.1',
      port: stack.ports.smtp,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
    });
    const added = JSON.parse(
      await iep([
        'family',
        'add',
        '--child',
        'Maya',
        '--guardian',
        GUARDIAN,
        '--tz',
        'America/Los_Angeles',
        '--state',
        'CA',
        '--json',
      ]),
    ) as { address: string };
    address = added.address;
    await iep(['family', 'set', '--child', address, '--tracking-since', '2026-11-09']);
    for (const message of [
      { subject: 'Fwd: Maya services page', date: 'Mon, 09 Nov 2026 08:30:00 -0800', id: 'page', body: SERVICES_PAGE },
      { subject: 'Fwd: Speech this week', date: 'Fri, 13 Nov 2026 08:30:00 -0800', id: 'note', body: THERAPIST_NOTE },
    ]) {
      const before = stack.outbox.list().mails.length;
      await smtp.sendMail({ envelope: { from: GUARDIAN, to: [address] }, raw: mail({ to: address, ...message }) });
      await waitFor(() =>
        stack.outbox
          .list()
          .mails.slice(before)
          .find((sent) => sent.subject.startsWith('Recorded for Maya')),
      );
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    smtp?.close();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('--json counts the school year from Sep 1 and keeps the week as the logs say', async () => {
    // Act
    const model = JSON.parse(await iep(['digest', '--child', address, '--as-of', AS_OF, '--json']));

    // Assess
    const speech = model.services.find((s: { service: string }) => s.service === 'speech-language');
    expect(speech.countedFrom).toBe('2026-09-01');
    expect(speech.schoolYear.requiredMinutes).toBeGreaterThanOrEqual(550);
    expect(speech.schoolYear.requiredMinutes).toBeLessThanOrEqual(700);
    expect(speech.schoolYear).toMatchObject({
      requiredMinutes: 600,
      deliveredMinutes: 30,
      missedSchoolSideMinutes: 30,
      notTrackedMinutes: 540,
      notReportedMinutes: 0,
      owedMinutes: 30,
    });
    expect(speech.week).toMatchObject({
      requiredMinutes: 48,
      deliveredMinutes: 30,
      missedMinutes: { 'provider-absent': 30 },
      missedSchoolSideMinutes: 30,
      owedMinutes: 30,
      notReportedMinutes: 0,
    });
    for (const flag of model.flags) for (const date of flag.dates) expect(date >= '2026-09-01').toBe(true);
    expect(JSON.stringify(model.flags)).not.toMatch(/\b(Jun|Jul|Aug) \d/);
    expect(model.flags.map((f: { kind: string }) => f.kind).sort()).toEqual(['owed', 'repeated-misses']);
  });

  it('--text says the same figures in words', async () => {
    // Act
    const text = await iep(['digest', '--child', address, '--as-of', AS_OF, '--text']);

    // Assess
    expect(text).toContain(
      "This week (Nov 9–13): 48 min due: 30 delivered, 30 missed on the school's side (provider absent); the logs cover 12 min more than the share due. 30 min owed.",
    );
    expect(text).toContain(
      "School year (since Sep 1): 600 min due: 30 delivered, 30 missed on the school's side (provider absent), 540 not tracked yet. 30 min owed.",
    );
    expect(text).not.toMatch(/no log|not reported/);
    expect(text).toMatch(/webcal:\/\/127\.0\.0\.1:\d+\/calendar\/[a-z2-7]{26}\.ics/);
  });

  it('--send puts the same digest in the outbox, with the calendar link, once', async () => {
    // Act
    await iep(['digest', '--child', address, '--as-of', AS_OF, '--send']);
    await iep(['digest', '--child', address, '--as-of', AS_OF, '--send']);

    // Assess
    const digests = stack.outbox.list().mails.filter((sent) => sent.subject.startsWith("Maya's services"));
    expect(digests).toHaveLength(1);
    const digest = digests[0];
    expect(digest?.to).toEqual([GUARDIAN]);
    // Owed time, and the share of the tracked weeks missed on the school's side: two things.
    expect(digest?.subject).toBe(
      "Maya's services, week of Nov 9: 2 things to look at (30 min of speech-language therapy owed)",
    );
    expect(digest?.text).toContain('School year (since Sep 1): 600 min due');
    expect(digest?.text).toContain('This week (Nov 9–13): 48 min due');
    const feed = /http:\/\/127\.0\.0\.1:\d+\/calendar\/[a-z2-7]{26}\.ics/.exec(digest?.text ?? '')?.[0] ?? '';
    expect(feed).not.toBe('');
    expect(digest?.html).toContain(`href="${feed.replace('http://', 'webcal://')}"`);
    const welcome = stack.outbox.list().mails.find((sent) => sent.subject.includes(address));
    expect(welcome?.text).toContain(feed);
  });

  it.each([390, 1024])('--html fits %i px in Chromium with the key figures in view', async (width) => {
    // Prepare
    await iep(['digest', '--child', address, '--as-of', AS_OF, '--html', 'digest.html']);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.setContent(readFileSync(join(dataDir, 'digest.html'), 'utf8'), { waitUntil: 'load' });

    // Act
    const { scrollWidth, overflowing } = await overflowAt(page, width);
    const shown = await visibleTexts(
      page,
      ['48 min due', '600 min due', '540 not tracked yet', '30 min owed', 'School year (since Sep 1)'],
      width,
    );
    await page.screenshot({ path: join(screenshotFolder('digest-new-family'), `digest-${width}.png`), fullPage: true });
    await page.close();

    // Assess
    expect(scrollWidth).toBeLessThanOrEqual(width);
    expect(overflowing).toEqual([]);
    expect(shown).toEqual({
      '48 min due': true,
      '600 min due': true,
      '540 not tracked yet': true,
      '30 min owed': true,
      'School year (since Sep 1)': true,
    });
  });
});
