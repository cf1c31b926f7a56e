// The scheduled handlers and the digest queue, fed events as EventBridge Scheduler and SQS deliver
// them: dispatch finds the children due this hour through the index and queues them ten to a batch;
// the digest handler sends each child's digest once and reports only the failed ones; reminders go
// to families at 07:00 local, once.
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { childDeadlines } from '../../../shared/deadlines/child-deadlines';
import { reminderSendKey } from '../../../shared/reminders/daily-reminders';
import { registerChild } from '../../../shared/replies/welcome';
import { claimSend } from '../../../shared/store/messages';
import { putRecordIfNew, saveRecordVersion } from '../../../shared/store/records';
import { storedRecord } from '../../support/stored-records';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, sqsEvent, sqsEventOf, startAwsStandIns } from './aws-stand-ins';

describe('the scheduled handlers', () => {
  let aws: AwsStandIns;
  let dispatch: typeof import('../../../functions/dispatch').handler;
  let digest: typeof import('../../../functions/digest').handler;
  let reminders: typeof import('../../../functions/reminders').handler;

  beforeAll(async () => {
    aws = await startAwsStandIns();
    ({ handler: dispatch } = await import('../../../functions/dispatch'));
    ({ handler: digest } = await import('../../../functions/digest'));
    ({ handler: reminders } = await import('../../../functions/reminders'));
  });

  afterAll(async () => {
    await aws?.close();
  });

  const mailTo = async (address: string) => (await aws.outbox()).filter((m) => m.destination.to.includes(address));

  it('queues every child due this hour, ten to a message batch, and no paused or later child', async () => {
    // Prepare: twelve families in Los Angeles share the Friday 17:00 slot; one is paused, one in
    // New York has its digest at another UTC hour.
    const due: string[] = [];
    for (let i = 0; i < 12; i++) {
      const child = await registerChild(aws.services, {
        name: `Kid${i}`,
        guardians: [`kid${i}.parent@example.com`],
        timeZone: 'America/Los_Angeles',
      });
      due.push(child.id);
    }
    const paused = await registerChild(aws.services, {
      name: 'Paused',
      guardians: ['paused.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    await aws.services.children.pause(paused.id);
    await registerChild(aws.services, {
      name: 'Later',
      guardians: ['later.parent@example.com'],
      timeZone: 'America/New_York',
    });
    const slot = (await aws.services.children.get(due[0] ?? ''))?.nextDigestAt ?? '';
    const event = eventFixture('scheduler/hourly.json', { time: new Date(Date.parse(slot) + 4_000).toISOString() });

    const sends = vi.spyOn(SQSClient.prototype, 'send');

    // Act
    const result = await invoke('IepStack-Dispatch', dispatch, event);
    const batches = sends.mock.calls.map(([command]) =>
      command instanceof SendMessageBatchCommand ? (command.input.Entries?.length ?? 0) : -1,
    );
    sends.mockRestore();

    // Assess
    expect(result).toEqual({ queued: 12 });
    expect(batches).toEqual([10, 2]);
    const bodies = (aws.fauxqs.inspectQueue('digest')?.messages.ready ?? []).map((m) => JSON.parse(m.body));
    expect(bodies.map((b) => b.childId).sort()).toEqual([...due].sort());
    expect(new Set(bodies.map((b) => b.dueAt))).toEqual(new Set([new Date(slot).toISOString()]));
  });

  it('sends each queued digest once, reports only the child whose digest failed, and sends it on the retry', async () => {
    // Prepare: A has speech on file; B has a stored record the digest cannot read (it fails);
    // the batch also holds a body that is not JSON (dropped, not retried).
    const a = await registerChild(aws.services, {
      name: 'Ana',
      guardians: ['ana.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    const b = await registerChild(aws.services, {
      name: 'Ben',
      guardians: ['ben.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    await putRecordIfNew(
      aws.table,
      storedRecord(a.id, 'requirement', {
        service: 'speech-language',
        delivery: 'individual',
        sessions: 2,
        minutes: 30,
        totalMinutes: 60,
        per: 'week',
        location: 'separate',
        start: '2026-09-01',
        end: null,
      }),
    );
    const broken = storedRecord(b.id, 'session', {
      date: 'Wednesday',
      service: 'speech-language',
      minutes: 30,
      delivery: null,
      location: null,
      status: 'delivered',
      reason: null,
    });
    await putRecordIfNew(aws.table, broken);
    const event = eventFixture('sqs/digest-batch.json', { childA: a.id, childB: b.id, dueAt: '2026-11-21T01:00:00Z' });

    // Act
    const first = await invoke('IepStack-Digest', digest, event);
    await saveRecordVersion(aws.table, b.id, broken.id, (current) => ({
      record: { ...current, deleted: true },
      change: { at: new Date().toISOString(), action: 'deleted', by: 'operator' },
    }));
    const retry = await invoke('IepStack-Digest', digest, event);

    // Assess
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }] });
    expect(retry).toEqual({ batchItemFailures: [] });
    const toA = await mailTo('ana.parent@example.com');
    const toB = await mailTo('ben.parent@example.com');
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(toA[0]?.subject).toMatch(/Ana/);
    expect(toA[0]?.body.text).toMatch(/speech/i);
    expect(toA[0]?.attachments?.map((x) => x.filename)).toEqual(['iep-deadlines.ics']);
    // The week is the one the due hour fell in (Friday Nov 20 in Los Angeles).
    expect(toA[0]?.subject).toMatch(/Nov 16/);
  });

  it('queues the families at 07:00 local from the reminder index, and sends the reminders of each once from the queue', async () => {
    // Prepare: the same California meeting request (due Wed Dec 2) for a family in Los Angeles
    // (07:00 at 15:00 UTC), one in New York (10:00 then) and a paused one in Los Angeles.
    const west = await registerChild(aws.services, {
      name: 'Rosa',
      guardians: ['rosa.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const east = await registerChild(aws.services, {
      name: 'Eli',
      guardians: ['eli.parent@example.com'],
      timeZone: 'America/New_York',
      state: 'CA',
    });
    const paused = await registerChild(aws.services, {
      name: 'Pia',
      guardians: ['pia.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await aws.services.children.pause(paused.id);
    for (const child of [west, east, paused]) {
      await putRecordIfNew(
        aws.table,
        storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
      );
    }
    const event = eventFixture('scheduler/hourly.json', { time: '2026-11-25T15:00:02Z' });
    const reads = vi.spyOn(DynamoDBDocumentClient.prototype, 'send');

    // Act: the hourly run (twice, as a retried hour would), then the queue's batches (twice).
    await invoke('IepStack-Reminders', reminders, event);
    await invoke('IepStack-Reminders', reminders, event);
    const scanned = reads.mock.calls.filter(([command]) => command.constructor.name === 'ScanCommand').length;
    reads.mockRestore();
    const queued = sqsEventOf(aws.fauxqs, 'reminders');
    const first = await invoke('IepStack-Reminders', reminders, queued);
    const again = await invoke('IepStack-Reminders', reminders, queued);

    // Assess
    expect(scanned).toBe(0);
    // (The other tests' families in Los Angeles are queued too; theirs have nothing due.)
    const ours = new Set([west.id, east.id, paused.id]);
    const bodies = queued.Records.map((record) => JSON.parse(String(record.body))).filter((b) => ours.has(b.childId));
    expect(bodies).toEqual([
      { kind: 'reminders', childId: west.id, dueAt: '2026-11-25T15:00:00.000Z' },
      { kind: 'reminders', childId: west.id, dueAt: '2026-11-25T15:00:00.000Z' },
    ]);
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    const toWest = await mailTo('rosa.parent@example.com');
    expect(toWest).toHaveLength(1);
    expect(toWest[0]?.subject).toMatch(/Due in 7 days/);
    const ics = Buffer.from(toWest[0]?.attachments?.[0]?.content ?? '', 'base64').toString('utf8');
    expect(ics).toContain('DTSTART;VALUE=DATE:20261202');
    expect(await mailTo('eli.parent@example.com')).toHaveLength(0);
    expect(await mailTo('pia.parent@example.com')).toHaveLength(0);
  });

  it('loses no reminder when a run dies after claiming: the child goes back to the queue until the claim can be taken over', async () => {
    // Prepare: a run claimed Ana's reminders for Nov 25 and died before sending (its lease still runs).
    const child = await registerChild(aws.services, {
      name: 'Ana',
      guardians: ['ana.takeover@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );
    const keys = (await childDeadlines(aws.services, child.id, '2026-11-25')).map((d) =>
      reminderSendKey('2026-11-25', d.id),
    );
    for (const key of keys) await claimSend(aws.table, child.id, key, 60_000);
    const event = sqsEvent('IepStack-ReminderQueue', [
      {
        messageId: 'takeover-1',
        body: JSON.stringify({ kind: 'reminders', childId: child.id, dueAt: '2026-11-25T15:00:00.000Z' }),
      },
    ]);

    // Act: delivered while the dead run's lease lasts, then again once it ran out.
    const whileClaimed = await invoke('IepStack-Reminders', reminders, event);
    const mailWhileClaimed = (await mailTo('ana.takeover@example.com')).length;
    for (const key of keys) {
      await aws.table.db.send(
        new UpdateCommand({
          TableName: aws.table.tableName,
          Key: { pk: `CHILD#${child.id}`, sk: `SEND#${key}` },
          UpdateExpression: 'SET leaseUntil = :past',
          ExpressionAttributeValues: { ':past': Date.now() - 1_000 },
        }),
      );
    }
    const retried = await invoke('IepStack-Reminders', reminders, event);
    const once = await invoke('IepStack-Reminders', reminders, event);

    // Assess
    expect(whileClaimed).toEqual({ batchItemFailures: [{ itemIdentifier: 'takeover-1' }] });
    expect(mailWhileClaimed).toBe(0);
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(once).toEqual({ batchItemFailures: [] });
    const sent = await mailTo('ana.takeover@example.com');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/Due in 7 days/);
  }, 30_000);
});
