// A family's life through the deployed wiring: the Lambda handlers, built by their own composition
// root, against the local AWS stand-ins. Each step is what the local-stack suites check
// (replies.test.ts, commands.test.ts), asserted on the records, the outbox and the raw-mail bucket.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Child, StoredRecord } from '../../../shared/services';
import { forwardedLog, GUARDIAN, replyMail, SECOND_GUARDIAN } from '../guardian-mail-support';
import { type AwsStandIns, eventFixture, type OutboxMail, startAwsStandIns } from './aws-stand-ins';
import { lambdaContext } from './lambda-context';

let aws: AwsStandIns;
let inbound: typeof import('../../../functions/inbound').handler;
let lambdaServices: typeof import('../../../functions/commons/services').awsContext;
let delivered = 0;
let seen = 0;

beforeAll(async () => {
  aws = await startAwsStandIns();
  ({ handler: inbound } = await import('../../../functions/inbound'));
  ({ awsContext: lambdaServices } = await import('../../../functions/commons/services'));
});

afterAll(async () => {
  await aws?.close();
});

/** The mail sent since the last call. */
async function newMail(): Promise<OutboxMail[]> {
  const all = await aws.outbox();
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}

beforeEach(async () => {
  await newMail();
});

/** What SES does with a message: the raw bytes into the bucket, then the receipt event to the inbound function. */
async function deliver(bytes: Uint8Array, to: string): Promise<{ rawKey: string; event: unknown }> {
  delivered += 1;
  const sesMessageId = `scenario${String(delivered).padStart(4, '0')}example`;
  const rawKey = `inbound/${sesMessageId}`;
  await aws.putRawMail(rawKey, bytes);
  const event = eventFixture('ses/receipt-dmarc-pass.json', { messageId: sesMessageId, to });
  expect(await inbound(event, lambdaContext('IepStack-Inbound'))).toEqual({ processed: 1 });
  return { rawKey, event };
}

const address = (value: string) => value.replace(/^.*</, '').replace(/>.*$/, '');

describe('a family through the Lambda handlers', () => {
  let child: Child;
  let replyTo: string;
  let entries: StoredRecord[];

  it('adding a family (as `iep family add` does against the stack) welcomes both guardians', async () => {
    // Act
    const { services } = await lambdaServices();
    child = await services.families.createChild({
      name: 'Maya',
      guardians: [GUARDIAN, SECOND_GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'ca',
    });

    // Assess
    const sent = await newMail();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    expect(sent[0]!.subject).toContain(child.inboundAddress);
  });

  it('a forward is recorded, kept in the bucket and answered once with a reply address', async () => {
    // Act
    const { rawKey } = await deliver(forwardedLog({ to: child.inboundAddress }), child.inboundAddress);

    // Assess
    const messages = await aws.services.messages.list(child.id);
    expect(messages.map((m) => [m.rawKey, m.status])).toEqual([[rawKey, 'recorded']]);
    entries = [];
    for (const id of messages[0]!.recordIds ?? []) entries.push((await aws.services.records.get(child.id, id))!);
    expect(entries.map((r) => r.kind === 'session' && [r.date, r.status])).toEqual([
      ['2026-11-02', 'delivered'],
      ['2026-11-03', 'delivered'],
      ['2026-11-04', 'delivered'],
    ]);
    expect(await aws.rawMailKeys()).toContain(rawKey);
    const sent = await newMail();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to).toEqual([GUARDIAN]);
    replyTo = address(sent[0]!.replyTo[0] ?? '');
    expect(replyTo).toMatch(/\+[a-z2-7]+@in\.example\.org$/);
  });

  it('the reply "1 student absent" marks entry 1 missed (student absent) and is answered once', async () => {
    // Act
    const reply = replyMail({ to: replyTo, lines: '1 student absent' });
    const { rawKey, event } = await deliver(reply, replyTo);
    await inbound(event, lambdaContext('IepStack-Inbound')); // SES retries an asynchronous invocation

    // Assess
    const first = await aws.services.records.get(child.id, entries[0]!.id);
    expect(first).toMatchObject({ status: 'missed', reason: 'student-absent', confirmed: true, minutes: 30 });
    expect(first?.history.filter((h) => h.action === 'corrected')).toHaveLength(1);
    expect(first?.history.at(-1)).toMatchObject({ action: 'corrected', by: GUARDIAN, before: { status: 'delivered' } });
    expect((await aws.services.records.get(child.id, entries[1]!.id))?.confirmed).toBe(false);
    const messages = await aws.services.messages.list(child.id);
    expect(messages.find((m) => m.rawKey === rawKey)?.status).toBe('reply');
    expect(await aws.services.records.list(child.id)).toHaveLength(3);
    expect(await aws.rawMailKeys()).toContain(rawKey);
    const sent = await newMail();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to).toEqual([GUARDIAN]);
    expect(sent[0]!.body.text).toContain('Entry 1 corrected');
  });
});
