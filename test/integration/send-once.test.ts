// Exactly once out: the week's digest and the day's reminders are claimed before they are sent; a
// send that fails releases the claim so the retry sends, and nothing is sent twice, also when two
// runs race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, type UseCases } from '../../shared/composition/use-cases';
import { sendDigest } from '../../shared/digest/weekly-digest';
import type { Clock } from '../../shared/ports/clock';
import type { MailSender, OutgoingMail } from '../../shared/ports/mail-sender';
import { sendReminders } from '../../shared/reminders/daily-reminders';
import { registerChild } from '../../shared/replies/welcome';
import { getSend } from '../../shared/store/messages';
import { putRecordIfNew } from '../../shared/store/records';
import { testServicesDeps } from '../support/services-deps';
import { storedRecord } from '../support/stored-records';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

describe('sending a digest and reminders exactly once', () => {
  let servers: LocalServers;
  let services: UseCases;
  let now = new Date('2026-11-20T18:00:00Z');
  const clock: Clock = { now: () => new Date(now.getTime()) };
  let failNext = 0;
  const attempts: OutgoingMail[] = [];

  beforeAll(async () => {
    servers = await startLocalServers();
    const flaky: MailSender = {
      async send(mail) {
        attempts.push(mail);
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('SES throttled the request');
        }
        return servers.sender.send(mail);
      },
    };
    services = composeUseCases(testServicesDeps({ ...servers, sender: flaky }, { clock }));
  });

  afterAll(async () => {
    await servers?.close();
  });

  const delivered = async (to: string) =>
    (await servers.outbox()).filter((m) => m.destination.to.includes(to) && !m.subject.includes('tracker address'));

  it('sends the week’s digest on the retry after a failed send, and never a second time', async () => {
    // Prepare
    const child = await registerChild(services, {
      name: 'Maya',
      guardians: ['retry.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    failNext = 1;

    // Act
    const failed = await sendDigest(services, child.id, { asOf: '2026-11-20' }).catch((error: Error) => error);
    const ledgerAfterFailure = await getSend(
      { db: servers.db, tableName: servers.tableName, clock },
      child.id,
      'digest#2026-11-16',
    );
    const retry = await sendDigest(services, child.id, { asOf: '2026-11-20' });
    const retryMail = attempts.at(-1);
    const again = await sendDigest(services, child.id, { asOf: '2026-11-19' });

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(ledgerAfterFailure?.state).toBe('failed');
    expect(retry).toMatchObject({ status: 'sent', weekStart: '2026-11-16' });
    // Replies such as `summary` or `pause` must reach the child's address, where commands are read.
    expect(retryMail?.replyTo).toEqual([child.inboundAddress]);
    expect(again).toEqual({ status: 'already-sent', weekStart: '2026-11-16' });
    expect(await delivered('retry.parent@example.com')).toHaveLength(1);
  });

  it('sends one digest when two runs race for the same week', async () => {
    // Prepare
    const child = await registerChild(services, {
      name: 'Leo',
      guardians: ['race.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });

    // Act
    const results = await Promise.all([
      sendDigest(services, child.id, { asOf: '2026-11-20' }),
      sendDigest(services, child.id, { asOf: '2026-11-20' }),
      sendDigest(services, child.id, { asOf: '2026-11-20' }),
    ]);

    // Assess
    expect(results.map((r) => r.status).sort()).toEqual(['already-sent', 'already-sent', 'sent']);
    expect(await delivered('race.parent@example.com')).toHaveLength(1);
  });

  it('sends a paused family nothing', async () => {
    // Prepare
    const child = await registerChild(services, {
      name: 'Ada',
      guardians: ['paused.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    await services.children.pause(child.id);

    // Act
    const digest = await sendDigest(services, child.id, { asOf: '2026-11-20' });
    const reminders = await sendReminders(services, child.id, { today: '2026-11-25' });

    // Assess
    expect(digest.status).toBe('paused');
    expect(reminders.status).toBe('paused');
    expect(await delivered('paused.parent@example.com')).toHaveLength(0);
  });

  it('sends each day’s reminder of a deadline once, retrying after a failure, and weekly while overdue', async () => {
    // Prepare: a California records request of Mon Nov 2 is due Mon Nov 9 (5 business days).
    now = new Date('2026-11-09T15:00:00Z');
    const child = await registerChild(services, {
      name: 'Rosa',
      guardians: ['deadline.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      { db: servers.db, tableName: servers.tableName, clock },
      storedRecord(child.id, 'date', { type: 'records-request', date: '2026-11-02', end: null }),
    );
    failNext = 1;

    // Act
    const failed = await sendReminders(services, child.id, { today: '2026-11-09' }).catch((error: Error) => error);
    const dueToday = await sendReminders(services, child.id, { today: '2026-11-09' });
    const sameDay = await sendReminders(services, child.id, { today: '2026-11-09' });
    const quietDay = await sendReminders(services, child.id, { today: '2026-11-12' });
    const overdue = await sendReminders(services, child.id, { today: '2026-11-10' });
    const weekLater = await sendReminders(services, child.id, { today: '2026-11-17' });

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(dueToday.reminders.map((r) => r.kind)).toEqual(['due-today']);
    expect(sameDay.status).toBe('already-sent');
    expect(quietDay.status).toBe('nothing-due');
    expect(overdue.reminders.map((r) => [r.kind, r.daysPastDue])).toEqual([['overdue', 1]]);
    expect(weekLater.reminders.map((r) => [r.kind, r.daysPastDue])).toEqual([['overdue', 8]]);
    const mails = await delivered('deadline.parent@example.com');
    expect(mails).toHaveLength(3);
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringMatching(/Due today/),
      expect.stringMatching(/Overdue by 1 day/),
      expect.stringMatching(/Overdue by 8 days/),
    ]);
    // A reply such as `done 1` must reach the child's address, where commands are read.
    const sent = attempts.filter((mail) => mail.to.includes('deadline.parent@example.com'));
    expect(sent.length).toBeGreaterThan(0);
    for (const mail of sent) expect(mail.replyTo).toEqual([child.inboundAddress]);
  });
});
