// The local stack's hourly jobs and its calendar feed, on a clock the test moves: digests go out
// in the family's hour once, reminders at 07:00 local once a day, and a feed link answers until it
// is rotated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { createDynamoClient } from '../../shared/adapters/dynamodb-table';
import { calendarLink, newCalendarLink } from '../../shared/calendar-feed/calendar-feed';
import { childDeadlines } from '../../shared/deadlines/child-deadlines';
import type { Clock } from '../../shared/ports/clock';
import { reminderSendKey } from '../../shared/reminders/daily-reminders';
import { registerChild } from '../../shared/replies/welcome';
import { claimSend } from '../../shared/store/messages';
import { putRecordIfNew } from '../../shared/store/records';
import type { TableContext } from '../../shared/store/table-context';
import { changeWhatTheFeedShows } from '../support/feed-changes';
import { storedRecord } from '../support/stored-records';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('the local stack on a moving clock', () => {
  let now = new Date('2026-11-16T00:00:00Z');
  const clock: Clock = { now: () => new Date(now.getTime()) };
  let stack: LocalStack;
  let table: TableContext;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'iep-jobs-'));
    const config = readLocalConfig(
      { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
      process.cwd(),
    );
    stack = await startLocalStack(config, { clock });
    table = {
      db: createDynamoClient({ ...stack.store, region: 'local' }),
      tableName: config.tableName,
      clock,
    };
  });

  afterAll(async () => {
    table?.db.destroy();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Mail with the deadline calendar attached (digests and reminders; not the welcome mail). */
  const mailsTo = (address: string) =>
    stack.outbox
      .list()
      .mails.filter((mail) => mail.to.includes(address) && mail.attachments.some((a) => a.filename.endsWith('.ics')));

  /** A Californian child of Los Angeles registered on Nov 16, with a dated item (a request) on file. */
  async function childWith(
    name: string,
    guardian: string,
    type: 'meeting-request' | 'records-request',
    language?: 'es',
  ) {
    now = new Date('2026-11-16T00:00:00Z');
    const child = await registerChild(stack.services, {
      name,
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      ...(language ? { language } : {}),
    });
    await putRecordIfNew(table, storedRecord(child.id, 'date', { type, date: '2026-11-02', end: null }));
    return child;
  }

  it('sends a digest in the family hour once and moves the next one a week on', async () => {
    // Prepare: Friday 17:00 in Los Angeles is Saturday 01:00 UTC (Nov 21).
    now = new Date('2026-11-16T00:00:00Z');
    const child = await registerChild(stack.services, {
      name: 'Maya',
      guardians: ['digest.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    expect(child.nextDigestAt).toBe('2026-11-21T01:00:00.000Z');

    // Act
    now = new Date('2026-11-21T00:10:00Z');
    await stack.scheduler.runNow('dispatch');
    const beforeHour = mailsTo('digest.parent@example.com').length;
    now = new Date('2026-11-21T01:02:00Z');
    await stack.scheduler.runNow('dispatch');
    await stack.scheduler.runNow('dispatch');

    // Assess
    expect(beforeHour).toBe(0);
    const sent = mailsTo('digest.parent@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.attachments[0]?.contentType).toMatch(/^text\/calendar/);
    expect((await stack.services.children.get(child.id))?.nextDigestAt).toBe('2026-11-28T01:00:00.000Z');
  });

  it('reminds at 07:00 local seven days before a California meeting is due, once', async () => {
    // Prepare: a meeting request of Mon Nov 2 is due Wed Dec 2; 07:00 in Los Angeles on Nov 25 is 15:00 UTC.
    await childWith('Rosa', 'reminder.parent@example.com', 'meeting-request');

    // Act
    now = new Date('2026-11-25T14:00:00Z');
    await stack.scheduler.runNow('reminders');
    const at6 = mailsTo('reminder.parent@example.com').length;
    now = new Date('2026-11-25T15:00:00Z');
    await stack.scheduler.runNow('reminders');
    await stack.scheduler.runNow('reminders');

    // Assess
    expect(at6).toBe(0);
    const sent = mailsTo('reminder.parent@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/Due in 7 days/);
    const ics = Buffer.from(sent[0]?.attachments[0]?.base64 ?? '', 'base64').toString('utf8');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261202');
  });

  it('reminds a Spanish-reading family in Spanish, the rule explained and its citation unchanged', async () => {
    // Prepare: the same California meeting request, for a family that reads Spanish
    const child = await childWith('Sofía', 'recordatorio@example.com', 'meeting-request', 'es');

    // Act
    now = new Date('2026-11-25T15:00:00Z');
    await stack.scheduler.runNow('reminders');

    // Assess
    const [sent] = mailsTo('recordatorio@example.com');
    expect(sent?.subject).toBe(
      'Sofía: Vence en 7 días: reunión del PEI que usted pidió, a más tardar el miércoles, 2 de diciembre de 2026',
    );
    expect(sent?.headers['Content-Language']).toBe('es');
    expect(sent?.text).toContain('Una reunión del PEI (IEP) que usted pida por escrito debe hacerse');
    expect(sent?.text).toContain('(Cal. Ed. Code 56343.5)');
    // The calendar feed names the same deadline in Spanish (lines unfolded as a calendar app reads them).
    const feed = (await (await fetch(await calendarLink(stack.services, child, stack.calendarUrl))).text()).replace(
      /\r\n[ \t]/g,
      '',
    );
    expect(feed).toContain('SUMMARY:Sofía: vence: reunión del PEI que usted pidió');
    expect(feed).toContain('Empezó a contar el lunes\\, 2 de noviembre de 2026.');
  });

  it('takes over the reminder claims a run left when it died, once their lease ran out, and sends them once', async () => {
    // Prepare: a run at 07:00 in Los Angeles claimed Ana's reminders and died before sending.
    const child = await childWith('Ana', 'takeover.parent@example.com', 'meeting-request');
    now = new Date('2026-11-25T15:00:00Z');
    for (const deadline of await childDeadlines(stack.services, child.id, '2026-11-25')) {
      await claimSend(table, child.id, reminderSendKey('2026-11-25', deadline.id));
    }

    // Act: a retry while the dead run's lease lasts, then one after it ran out (same hour).
    await stack.scheduler.runNow('reminders');
    const whileClaimed = mailsTo('takeover.parent@example.com').length;
    now = new Date('2026-11-25T15:03:00Z');
    await stack.scheduler.runNow('reminders');
    await stack.scheduler.runNow('reminders');

    // Assess
    expect(whileClaimed).toBe(0);
    const sent = mailsTo('takeover.parent@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/Due in 7 days/);
  }, 30_000);

  it('serves the calendar feed by its token until the link is rotated, and 404 for unknown tokens', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Leo',
      guardians: ['feed.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'date', { type: 'records-request', date: '2026-11-02', end: null }),
    );
    now = new Date('2026-11-03T12:00:00Z');
    const link = await calendarLink(stack.services, child, stack.calendarUrl);

    // Act
    const first = await fetch(link);
    const body = await first.text();
    const again = await calendarLink(stack.services, child, stack.calendarUrl);
    const rotated = await newCalendarLink(stack.services, child, stack.calendarUrl);
    const old = await fetch(link);
    const fresh = await fetch(rotated);
    const unknown = await fetch(`${stack.calendarUrl}/calendar/${'a'.repeat(26)}.ics`);

    // Assess
    expect(link).toMatch(/\/calendar\/[a-z2-7]{26}\.ics$/);
    expect(again).toBe(link);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(body).toContain('DTSTART;VALUE=DATE:20261109');
    expect(old.status).toBe(404);
    expect(await old.text()).toBe('Not found\n');
    expect(fresh.status).toBe(200);
    expect(unknown.status).toBe(404);
  });

  it('puts one-click unsubscribe on the reminder; a POST to its link pauses the child, a GET only shows the button', async () => {
    // Prepare
    const child = await childWith('Ivy', 'unsubscribe.parent@example.com', 'meeting-request');
    now = new Date('2026-11-25T15:00:00Z');
    await stack.scheduler.runNow('reminders');
    const [reminder] = mailsTo('unsubscribe.parent@example.com');
    const listUnsubscribe = reminder?.headers['List-Unsubscribe'] ?? '';
    const url = /<(http:\/\/[^>]+)>/.exec(listUnsubscribe)?.[1] ?? '';
    const oneClick = {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };

    // Act
    const page = await fetch(url);
    const pausedByGet = (await stack.services.children.get(child.id))?.paused;
    const forged = await fetch(`${url.slice(0, -3)}aaa`, oneClick);
    const posted = await fetch(url, oneClick);

    // Assess
    expect(url.startsWith(`${stack.calendarUrl}/unsubscribe/`)).toBe(true);
    expect(listUnsubscribe).toContain(`<mailto:${child.inboundAddress}?subject=pause>`);
    expect(reminder?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('method="post"');
    expect(pausedByGet).toBe(false);
    expect(forged.status).toBe(404);
    expect(posted.status).toBe(200);
    expect((await stack.services.children.get(child.id))?.paused).toBe(true);
  });

  it('answers a calendar app that has the current version with 304 and no body', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Zoe',
      guardians: ['etag.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'date', { type: 'records-request', date: '2026-11-02', end: null }),
    );
    const link = await calendarLink(stack.services, child, stack.calendarUrl);

    // Act
    const first = await fetch(link);
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(link, { headers: { 'if-none-match': etag } });
    const stale = await fetch(link, { headers: { 'if-none-match': 'W/"older"' } });

    // Assess
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^W\/"/);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(stale.status).toBe(200);
  });

  it('gives the feed a new validator after each change of what it shows, and 304 again once the app has it', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Ari',
      guardians: ['versions.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const link = await calendarLink(stack.services, child, stack.calendarUrl);
    let etag = (await fetch(link)).headers.get('etag') ?? '';
    const seen: Array<{ change: string; status: number; body: string; newEtag: boolean; thenStatus: number }> = [];

    // Act
    await changeWhatTheFeedShows(stack.services, child.id, async (change) => {
      const after = await fetch(link, { headers: { 'if-none-match': etag } });
      const newEtag = after.headers.get('etag') ?? '';
      const then = await fetch(link, { headers: { 'if-none-match': newEtag } });
      seen.push({
        change,
        status: after.status,
        body: await after.text(),
        newEtag: newEtag !== etag,
        thenStatus: then.status,
      });
      etag = newEtag;
    });

    // Assess
    expect(seen.map((s) => [s.change, s.status, s.newEtag, s.thenStatus])).toEqual([
      ['a new date', 200, true, 304],
      ['a correction', 200, true, 304],
      ['a deletion', 200, true, 304],
      ['a language change', 200, true, 304],
    ]);
    const withoutStamps = (ics = '') => ics.replace(/DTSTAMP:[^\r\n]*/g, '');
    expect(seen[0]?.body).toContain('BEGIN:VEVENT');
    expect(withoutStamps(seen[1]?.body)).not.toBe(withoutStamps(seen[0]?.body));
    expect(seen[2]?.body).not.toContain('BEGIN:VEVENT');
    expect(seen[3]?.body).toMatch(/^BEGIN:VCALENDAR/);
    expect(withoutStamps(seen[3]?.body)).not.toBe(withoutStamps(seen[2]?.body));
  });

  it("drafts the overdue note to the case manager in the family's letters: English with Spanish beside it, then Spanish", async () => {
    // Prepare: a California meeting request of Mon Nov 2, due Wed Dec 2, for a family that reads Spanish
    const child = await childWith('Sofía', 'nota.caso@example.com', 'meeting-request', 'es');

    // Act: 07:00 in Los Angeles the day after the due day, then a week later once Spanish letters are chosen
    now = new Date('2026-12-03T15:00:00Z');
    await stack.scheduler.runNow('reminders');
    await stack.services.children.setLetterLanguage(child.id, 'es');
    now = new Date('2026-12-10T15:00:00Z');
    await stack.scheduler.runNow('reminders');

    // Assess
    const [english, spanish] = mailsTo('nota.caso@example.com');
    expect(english?.headers['Content-Language']).toBe('es');
    expect(english?.subject).toMatch(/^Sofía: Atrasado 1 día: reunión del PEI que usted pidió/);
    expect(english?.text).toContain('Está en inglés, el idioma de la escuela. Debajo está lo que dice en español');
    expect(english?.text).toContain(
      'I am writing about my written request of Monday, November 2, 2026 for an IEP meeting.',
    );
    expect(english?.text).toContain('Lo que dice esta nota:');
    expect(english?.text).toContain(
      'Le escribo sobre la reunión del PEI (IEP) que pedí por escrito el lunes, 2 de noviembre de 2026.',
    );
    expect(spanish?.subject).toMatch(/^Sofía: Atrasado 8 días: /);
    expect(spanish?.text).toContain('Está en español, como usted pidió.');
    expect(spanish?.text).toContain('Según entiendo, Cal. Ed. Code 56343.5 establece que una reunión del PEI (IEP)');
    expect(spanish?.text).toContain('Todavía no me han ofrecido una fecha para la reunión.');
    expect(spanish?.text).not.toContain('I am writing about');
    expect(spanish?.html).toContain('<blockquote lang="es"');
  });
});
