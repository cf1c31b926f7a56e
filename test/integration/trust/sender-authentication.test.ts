// A guardian's mail counts only when it is proven to come from the one mailbox its From names:
// DMARC passing (SES's verdict) or the local stack's own delivery. SPF or DKIM passing alone
// proves nothing about the From domain, so such mail is held, never read or obeyed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCALLY_TRUSTED } from '../../../local/smtp-inbound';
import type { UseCases } from '../../../shared/composition/use-cases';
import type { MailVerdicts } from '../../../shared/ingest/ingest-types';
import {
  directMail,
  forwardedLog,
  GUARDIAN,
  guardianServices,
  newFamily,
  PROVIDER,
  SECOND_GUARDIAN,
} from '../guardian-mail-support';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import { verdictsAuthentication } from './trust-support';

let servers: LocalServers;
let services: UseCases;

beforeAll(async () => {
  servers = await startLocalServers();
  services = guardianServices(servers);
});

afterAll(async () => {
  await servers?.close();
});

beforeEach(async () => {
  await servers.clearOutbox();
});

const crlf = (text: string) => new TextEncoder().encode(text.replace(/\r?\n/g, '\r\n'));

const NO_DMARC_RECORD: MailVerdicts = { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY', spam: 'PASS', virus: 'PASS' };
const ATTACKER_DOMAIN_PASSES: MailVerdicts = {
  spf: 'PASS',
  dkim: 'PASS',
  dmarc: 'GRAY',
  spam: 'PASS',
  virus: 'PASS',
};
const DMARC_PASS: MailVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

describe('finding 1: mail not proven to come from a guardian', () => {
  it.each<[string, MailVerdicts]>([
    ['every verdict GRAY (a domain without DMARC)', NO_DMARC_RECORD],
    ['SPF and DKIM passing for some domain but DMARC not passing', ATTACKER_DOMAIN_PASSES],
    ['verdicts that could not be computed', { spf: 'PROCESSING_FAILED', dkim: 'PROCESSING_FAILED' }],
  ])('%s: held, nothing recorded, nobody answered, the guardians told in plain words', async (_, verdicts) => {
    // Prepare
    const child = await newFamily(services);
    await servers.clearOutbox();

    // Act
    const result = await services.ingest({
      bytes: forwardedLog({ to: child.inboundAddress }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(verdicts),
    });

    // Assess
    expect(result.children[0]?.status).toBe('quarantined');
    expect(await services.records.list(child.id)).toEqual([]);
    const sent = await servers.outbox();
    expect(sent.filter((mail) => mail.subject.startsWith('Recorded'))).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.text).toContain('failed the sender checks');
  });

  it.each([
    ['allow attacker@evil.example', (c: UseCases, id: string) => c.children.get(id).then((x) => x?.allowedSenders)],
    ['pause', (c: UseCases, id: string) => c.children.get(id).then((x) => x?.paused)],
  ])('the command "%s" from an unproven guardian is not run', async (subject, state) => {
    // Prepare
    const child = await newFamily(services);
    const before = await state(services, child.id);

    // Act
    const result = await services.ingest({
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(NO_DMARC_RECORD),
    });

    // Assess
    expect(result.children[0]?.status).toBe('quarantined');
    expect(await state(services, child.id)).toEqual(before);
  });

  it('a paused child is not resumed by an unproven guardian', async () => {
    // Prepare
    const child = await newFamily(services);
    await services.children.pause(child.id);

    // Act
    await services.ingest({
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'resume' }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(NO_DMARC_RECORD),
    });

    // Assess
    expect((await services.children.get(child.id))?.paused).toBe(true);
  });

  it.each([
    ['one From header naming the guardian and an attacker', `From: ${GUARDIAN}, attacker@evil.example\n`],
    ['two From headers', `From: ${GUARDIAN}\nFrom: attacker@evil.example\n`],
    ['two From headers, the attacker first', `From: attacker@evil.example\nFrom: ${GUARDIAN}\n`],
  ])('%s: held even with DMARC passing', async (_, fromLines) => {
    // Prepare
    const child = await newFamily(services);
    const bytes = crlf(`${fromLines}To: ${child.inboundAddress}
Subject: pause
Date: Fri, 06 Nov 2026 08:30:00 -0800
Message-ID: <two-from-${Date.now()}@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

pause
`);

    // Act
    const result = await services.ingest({
      bytes,
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(DMARC_PASS),
    });

    // Assess
    expect(result.children[0]?.status).toBe('quarantined');
    expect((await services.children.get(child.id))?.paused).toBe(false);
  });

  it('a guardian whose DMARC passes is read, recorded and answered', async () => {
    // Prepare
    const child = await newFamily(services);
    await servers.clearOutbox();

    // Act
    const result = await services.ingest({
      bytes: forwardedLog({ to: child.inboundAddress }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(DMARC_PASS),
    });

    // Assess
    expect(result.children[0]).toMatchObject({ status: 'recorded', answered: true });
    expect((await services.records.list(child.id)).length).toBe(3);
  });

  it('unproven mail from a guardian is noticed once a day per address, however many arrive', async () => {
    // Prepare
    const child = await newFamily(services);
    await servers.clearOutbox();

    // Act
    for (let i = 0; i < 3; i++) {
      await services.ingest({
        bytes: forwardedLog({ to: child.inboundAddress }),
        recipients: [child.inboundAddress],
        ...verdictsAuthentication(NO_DMARC_RECORD),
      });
    }

    // Assess
    expect(await servers.outbox()).toHaveLength(1);
    expect(await services.messages.held(child.id)).toHaveLength(3);
  });
});

describe('finding 6: the relay of forwarding-verification mail', () => {
  const verification = (to: string, n: number) =>
    crlf(`From: Gmail Team <forwarding-noreply@google.com>
To: ${to}
Subject: (#12345678${n}) Gmail Forwarding Confirmation - Receive Mail from ${GUARDIAN}
Date: Wed, 04 Nov 2026 08:00:00 -0800
Message-ID: <gmail-verify-${n}-${Date.now()}@google.com>
Content-Type: text/plain; charset=utf-8

Click this link to confirm: https://mail-settings.google.com/mail/vf-${n}
`);

  it('mail claiming to be Google that DMARC did not prove is not passed on', async () => {
    // Prepare
    const child = await newFamily(services);
    await servers.clearOutbox();

    // Act: handed in locally (no verdicts at all), then from SES without DMARC.
    const local = await services.ingest({
      bytes: verification(child.inboundAddress, 1),
      recipients: [child.inboundAddress],
      authentication: LOCALLY_TRUSTED,
    });
    const gray = await services.ingest({
      bytes: verification(child.inboundAddress, 2),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(ATTACKER_DOMAIN_PASSES),
    });

    // Assess
    expect([local.children[0]?.status, gray.children[0]?.status]).toEqual(['quarantined', 'quarantined']);
    expect((await servers.outbox()).filter((mail) => mail.body.text?.includes('mail-settings.google.com'))).toEqual([]);
  });

  it("Google's own, proven by DMARC, is passed on at most once a day per child", async () => {
    // Prepare
    const child = await newFamily(services);
    await servers.clearOutbox();

    // Act
    for (let n = 1; n <= 3; n++) {
      await services.ingest({
        bytes: verification(child.inboundAddress, n),
        recipients: [child.inboundAddress],
        ...verdictsAuthentication(DMARC_PASS),
      });
    }

    // Assess
    const relayed = (await servers.outbox()).filter((mail) => mail.body.text?.includes('mail-settings.google.com'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
  });
});

describe('finding 2: allow releases only mail held because the sender was unknown', () => {
  it.each<[string, MailVerdicts]>([
    ['failed DMARC', { spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL', spam: 'PASS', virus: 'PASS' }],
    ['was not proven (no DMARC)', NO_DMARC_RECORD],
    ['looked like spam', { ...DMARC_PASS, spam: 'FAIL' }],
    ['carried a virus', { ...DMARC_PASS, virus: 'FAIL' }],
  ])('a message that %s stays held when the guardian allows the name it used', async (_, verdicts) => {
    // Prepare: a forgery in the provider's name, then the provider's own mail (proven).
    const child = await newFamily(services);
    await services.ingest({
      bytes: directMail({
        from: PROVIDER,
        to: child.inboundAddress,
        subject: 'sessions',
        text: 'Maya had speech on Monday 11/2 for 30 minutes in a small group in the speech room.',
      }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(verdicts),
    });
    await services.ingest({
      bytes: directMail({
        from: PROVIDER,
        to: child.inboundAddress,
        subject: 'more sessions',
        text: 'Maya had OT on Tuesday 11/3 for 45 minutes, individual, in the classroom.',
      }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(DMARC_PASS),
    });

    // Act
    await services.ingest({
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject: `allow ${PROVIDER}` }),
      recipients: [child.inboundAddress],
      ...verdictsAuthentication(DMARC_PASS),
    });

    // Assess: the proven one is read, the other is still held and recorded nothing.
    const records = await services.records.list(child.id);
    expect(records.map((r) => (r.kind === 'session' ? r.service : r.kind))).toEqual(['occupational-therapy']);
    const stillHeld = await services.messages.held(child.id);
    expect(stillHeld).toHaveLength(1);
    expect(stillHeld[0]?.hold).not.toBe('unknown-sender');
  });
});
