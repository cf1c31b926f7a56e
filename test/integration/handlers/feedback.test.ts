// The feedback function fed SES bounce and complaint notifications as SNS delivers them (the same
// topic also carries the receipt rule's notices), and the digest after an address was suppressed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerChild } from '../../../shared/replies/welcome';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, startAwsStandIns } from './aws-stand-ins';

describe('the feedback handler', () => {
  let aws: AwsStandIns;
  let feedback: typeof import('../../../functions/feedback').handler;
  let digest: typeof import('../../../functions/digest').handler;

  beforeAll(async () => {
    aws = await startAwsStandIns();
    ({ handler: feedback } = await import('../../../functions/feedback'));
    ({ handler: digest } = await import('../../../functions/digest'));
  });

  afterAll(async () => {
    await aws?.close();
  });

  const alarms = () => (aws.fauxqs.inspectQueue(aws.alarmQueue)?.messages.ready ?? []).map((m) => m.body);

  it('stops all mail to an address that bounced for good, and tells the operator without the address', async () => {
    // Prepare: a family with two guardians, one of whose mailbox no longer exists.
    const child = await registerChild(aws.services, {
      name: 'Maya',
      guardians: ['gone@example.com', 'here@example.com'],
      timeZone: 'America/Los_Angeles',
    });
    const event = eventFixture('sns/bounce-permanent.json', { address: 'Gone Parent <gone@example.com>' });

    // Act
    const result = await invoke('IepStack-Feedback', feedback, event);
    const sqs = eventFixture('sqs/digest-batch.json', {
      childA: child.id,
      childB: 'nochild000',
      dueAt: '2026-11-21T01:00:00Z',
    });
    await invoke('IepStack-Digest', digest, sqs);

    // Assess
    expect(result).toEqual({ suppressed: 1 });
    expect(await aws.services.suppressions.isSuppressed('GONE@example.com')).toBe(true);
    const sent = (await aws.outbox()).filter((m) => m.subject.includes('Maya'));
    expect(sent.map((m) => m.destination.to)).toEqual([['here@example.com']]);
    const told = alarms();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/1 address bounced for good/);
    expect(told[0]).not.toMatch(/gone|example\.com|Maya|in\.example\.org/i);
  });

  it('suppresses a complaint, and nothing for a transient bounce or a receipt notice', async () => {
    // Prepare
    const before = alarms().length;

    // Act
    const complaint = await invoke(
      'IepStack-Feedback',
      feedback,
      eventFixture('sns/complaint.json', { address: 'annoyed@example.com' }),
    );
    const transient = await invoke(
      'IepStack-Feedback',
      feedback,
      eventFixture('sns/bounce-transient.json', { address: 'full@example.com' }),
    );
    const receipt = await invoke('IepStack-Feedback', feedback, eventFixture('sns/receipt-stop-notice.json'));

    // Assess
    expect([complaint, transient, receipt]).toEqual([{ suppressed: 1 }, { suppressed: 0 }, { suppressed: 0 }]);
    expect(await aws.services.suppressions.isSuppressed('annoyed@example.com')).toBe(true);
    expect(await aws.services.suppressions.isSuppressed('full@example.com')).toBe(false);
    const told = alarms().slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/1 complaint/);
  });
});
