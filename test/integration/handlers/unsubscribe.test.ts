// One-click unsubscribe (RFC 8058) through the Lambdas: the reminder a family gets carries the
// List-Unsubscribe headers; the unsubscribe function, fed the POST a mailbox provider sends,
// pauses the child; a GET only shows the button; a forged link or body changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigest } from '../../../shared/digest/weekly-digest';
import { registerChild } from '../../../shared/replies/welcome';
import { putRecordIfNew } from '../../../shared/store/records';
import { storedRecord } from '../../support/stored-records';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, sqsEvent, startAwsStandIns } from './aws-stand-ins';

describe('one-click unsubscribe through the handlers', () => {
  let aws: AwsStandIns;
  let reminders: typeof import('../../../functions/reminders').handler;
  let unsubscribe: typeof import('../../../functions/unsubscribe').handler;

  beforeAll(async () => {
    aws = await startAwsStandIns();
    ({ handler: reminders } = await import('../../../functions/reminders'));
    ({ handler: unsubscribe } = await import('../../../functions/unsubscribe'));
  });

  afterAll(async () => {
    await aws?.close();
  });

  const request = (path: string, method: string, body = '') =>
    invoke(
      'IepStack-Unsubscribe',
      unsubscribe,
      eventFixture('function-url/unsubscribe-post.json', {
        path,
        method,
        body: Buffer.from(body).toString('base64'),
      }),
    );

  it('puts the headers on a reminder, and the one-click POST to its link pauses the child', async () => {
    // Prepare: a reminder goes out to a family in Los Angeles at 07:00 (15:00 UTC) on Nov 25.
    const child = await registerChild(aws.services, {
      name: 'Maya',
      guardians: ['maya.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );
    await invoke(
      'IepStack-Reminders',
      reminders,
      sqsEvent('IepStack-ReminderQueue', [
        {
          messageId: 'm1',
          body: JSON.stringify({ kind: 'reminders', childId: child.id, dueAt: '2026-11-25T15:00:00.000Z' }),
        },
      ]),
    );
    const [mail] = (await aws.outbox()).filter((m) => m.destination.to.includes('maya.parent@example.com'));
    const header = (name: string) => mail?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    const url = /<(https:\/\/[^>]+)>/.exec(header('List-Unsubscribe') ?? '')?.[1] ?? '';
    const path = new URL(url || 'https://x/').pathname;

    // Act
    const page = await request(path, 'GET');
    const pausedByGet = (await aws.services.children.get(child.id))?.paused;
    const wrongBody = await request(path, 'POST', 'unsubscribe=yes');
    const forged = await request(`${path.slice(0, -3)}aaa`, 'POST', 'List-Unsubscribe=One-Click');
    const otherChild = await request(
      `/unsubscribe/zzzz${path.slice(path.indexOf('.'))}`,
      'POST',
      'List-Unsubscribe=One-Click',
    );
    const pausedBefore = (await aws.services.children.get(child.id))?.paused;
    const oneClick = await request(path, 'POST', 'List-Unsubscribe=One-Click');
    const again = await request(path, 'POST', 'List-Unsubscribe=One-Click');

    // Assess
    expect(url).toMatch(/^https:\/\/feeds\.example\.org\/unsubscribe\/[a-z0-9]+\.[a-z2-7]{26}$/);
    expect(header('List-Unsubscribe')).toContain(`<mailto:${child.inboundAddress}?subject=pause>`);
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('method="post"');
    expect(pausedByGet).toBe(false);
    expect(wrongBody.statusCode).toBe(400);
    expect(forged.statusCode).toBe(404);
    expect(otherChild.statusCode).toBe(404);
    expect(pausedBefore).toBe(false);
    expect(oneClick.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    const after = await aws.services.children.get(child.id);
    expect(after?.paused).toBe(true);
    expect(after?.nextDigestAt).toBeNull();
    expect(await sendDigest(aws.services, child.id)).toEqual({ status: 'paused' });
  });
});
