// Who may write: only a child's own guardians (and senders they allowed), with mail that passed
// authentication; a reply acts only through an unaltered, unexpired reference of that child.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import type { MailVerdicts } from '../../../shared/ingest/ingest-types';
import { receiptAuthentication } from '../../../shared/ingest/sender-authentication';
import { DMARC_PASSED } from '../../support/authentication';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import { depsOn, example, FlakySender, GUARDIAN, newChild } from './trust-support';

let servers: LocalServers;
let sender: FlakySender;
let services: UseCases;

beforeAll(async () => {
  servers = await startLocalServers();
  sender = new FlakySender(servers.sender);
  services = composeUseCases(depsOn(servers, { sender }));
});

afterAll(async () => {
  await servers?.close();
});

const forward = example('01-speech-weekly-note.eml');

describe('mail-authentication verdicts on a guardian address', () => {
  it.each<[string, MailVerdicts]>([
    ['DMARC failing', { spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL', spam: 'PASS', virus: 'PASS' }],
    ['SPF and DKIM both failing', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY', spam: 'PASS', virus: 'PASS' }],
    ['SPF and DKIM both failing, in lower case', { spf: 'fail', dkim: 'fail' }],
    ['DKIM failing but SPF passing, no DMARC', { spf: 'PASS', dkim: 'FAIL', dmarc: 'NONE' }],
  ])('%s: quarantined like an unknown sender, raw kept, nothing recorded, nobody answered', async (_, verdicts) => {
    // Prepare
    const child = await newChild(services);
    const before = sender.sent.length;

    // Act
    const result = await services.ingest({
      bytes: forward,
      recipients: [child.inboundAddress],
      authentication: receiptAuthentication(verdicts),
    });

    // Assess
    expect(result.children[0]?.status).toBe('quarantined');
    expect(await services.records.list(child.id)).toEqual([]);
    expect(await servers.rawMail.get(result.rawKey)).toEqual(new Uint8Array(forward));
    expect((await services.messages.held(child.id)).map((q) => q.reason)).toEqual([
      expect.stringContaining('could not be verified'),
    ]);
    // Only the guardians may hear of it (a notice), never as an answer to the message's sender.
    const after = sender.sent.slice(before);
    expect(after.filter((mail) => mail.subject.startsWith('Recorded'))).toEqual([]);
  });

  it.each<[string, MailVerdicts]>([
    ['every verdict passing', { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' }],
    ['SPF failing but DKIM passing (a forwarder)', { spf: 'FAIL', dkim: 'PASS', dmarc: 'PASS' }],
  ])('%s: read, recorded and answered', async (_, verdicts) => {
    // Prepare
    const child = await newChild(services);

    // Act
    const result = await services.ingest({
      bytes: forward,
      recipients: [child.inboundAddress],
      authentication: receiptAuthentication(verdicts),
    });

    // Assess
    expect(result.children[0]).toMatchObject({ status: 'recorded', answered: true });
    expect((await services.records.list(child.id)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('a reply reference altered by one character', () => {
  it('at any position, changes nothing of the records', async () => {
    // Prepare: an answer with its signed reply address.
    const child = await newChild(services);
    const before = sender.sent.length;
    await services.ingest({ authentication: DMARC_PASSED, bytes: forward, recipients: [child.inboundAddress] });
    const answer = sender.sent.slice(before).find((mail) => mail.replyTo?.[0]?.includes('+'));
    const replyTo = answer?.replyTo?.[0] ?? '';
    const [local = '', domain = ''] = replyTo.split('@');
    const [base = '', ref = ''] = local.split('+');
    expect(ref).toMatch(/^[a-z2-7]{36}$/);
    const original = JSON.stringify(await services.records.list(child.id, { includeDeleted: true }));

    const replyWith = (reference: string, n: number) => {
      const to = `${base}+${reference}@${domain}`;
      const bytes = new TextEncoder().encode(
        [
          `From: Parent <${GUARDIAN}>`,
          `To: ${to}`,
          `Subject: Re: ${answer?.subject ?? ''}`,
          'Date: Wed, 04 Nov 2026 10:00:00 -0800',
          `Message-ID: <altered-${n}@example.com>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'delete 1',
          'delete 2',
          '',
        ].join('\r\n'),
      );
      return services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [to] });
    };

    // Act: `delete 1` and `delete 2` through each one-character alteration of the reference.
    const statuses = new Set<string>();
    for (let i = 0; i < ref.length; i++) {
      const swapped = ref[i] === 'a' ? 'b' : 'a';
      const result = await replyWith(`${ref.slice(0, i)}${swapped}${ref.slice(i + 1)}`, i);
      statuses.add(result.children[0]?.status ?? 'none');
    }

    // Assess
    expect(JSON.stringify(await services.records.list(child.id, { includeDeleted: true }))).toBe(original);
    expect(statuses.has('duplicate')).toBe(false);
    // The unaltered reference does act, so the test can tell.
    await replyWith(ref, 99);
    expect((await services.records.list(child.id)).length).toBe(0);
  }, 60_000);
});
