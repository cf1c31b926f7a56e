// Nothing lost, nothing doubled: a fault injected at every step of ingest, then the retry the
// platform would make, ends exactly where a clean run ends, with exactly one answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import { sendDigest } from '../../../shared/digest/weekly-digest';
import { SendInProgress } from '../../../shared/ingest/ingest-message';
import { sendReminders } from '../../../shared/reminders/daily-reminders';
import { DMARC_PASSED } from '../../support/authentication';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import {
  childState,
  depsOn,
  example,
  FlakyRawMail,
  FlakySender,
  GUARDIAN,
  InjectedFault,
  NOW,
  newChild,
  WriteFaults,
} from './trust-support';

let servers: LocalServers;
let raw: FlakyRawMail;
let sender: FlakySender;
let services: UseCases;
const faults = new WriteFaults();
let uninstall: () => void = () => {};
// The platform retries after a while: long enough for an unfinished send claim's lease to run out.
let minutesLater = 0;
const clock = { now: () => new Date(Date.parse(NOW) + minutesLater * 60_000) };

// A Gmail forward of two speech sessions: records, an answer with a reply reference.
const message = example('01-speech-weekly-note.eml');

beforeAll(async () => {
  servers = await startLocalServers();
  raw = new FlakyRawMail(servers.rawMail);
  sender = new FlakySender(servers.sender);
  services = composeUseCases(depsOn(servers, { rawMail: raw, sender, clock }));
  uninstall = faults.install(servers);
});

afterAll(async () => {
  uninstall();
  await servers?.close();
});

/** A child whose welcome mail is already out of the way, and the answers sent to the guardian from now on. */
async function freshFamily() {
  minutesLater = 0;
  const child = await newChild(services);
  const before = sender.sent.length;
  const local = child.inboundAddress.slice(0, child.inboundAddress.indexOf('@'));
  // Answers carry the child's address with a reply reference plus-addressed onto it.
  const answersToGuardian = () =>
    sender.sent
      .slice(before)
      .filter((mail) => mail.to.includes(GUARDIAN) && mail.replyTo?.some((to) => to.startsWith(`${local}+`)));
  return { child, answersToGuardian };
}

/** Ingest as the platform would: a failed attempt is tried again, up to three times. */
async function ingestWithRetries(recipient: string) {
  let failures = 0;
  for (;;) {
    try {
      await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [recipient] });
      return failures;
    } catch (error) {
      if (error instanceof SendInProgress) minutesLater += 3;
      else if (!(error instanceof InjectedFault) && (error as Error).name !== 'ServiceUnavailable') throw error;
      failures += 1;
      if (failures > 3) throw error;
    }
  }
}

describe('a fault at any step of ingest, then the retry', () => {
  let clean: Awaited<ReturnType<typeof childState>>;
  let writesInCleanRun = 0;

  beforeAll(async () => {
    const { child, answersToGuardian } = await freshFamily();
    faults.arm(Number.POSITIVE_INFINITY, 'before');
    await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [child.inboundAddress] });
    writesInCleanRun = faults.writes;
    faults.disarm();
    clean = await childState(services, servers, child);
    expect(answersToGuardian()).toHaveLength(1);
    expect(clean.records.length).toBeGreaterThanOrEqual(2);
  });

  it('the clean run writes several items, each of which is a fault point below', () => {
    // The message's arrival with the claim on its answer, the records with the answer's item (one
    // batch), the message done with its answer marked sent.
    expect(writesInCleanRun).toBeGreaterThanOrEqual(3);
  });

  it('a raw store that fails once stores nothing else; the retry gives the clean end state and one answer', async () => {
    // Prepare
    const { child, answersToGuardian } = await freshFamily();
    raw.failNextPut = true;

    // Act
    const failures = await ingestWithRetries(child.inboundAddress);

    // Assess
    expect(failures).toBe(1);
    expect(await childState(services, servers, child)).toEqual(clean);
    expect(answersToGuardian()).toHaveLength(1);
  });

  it('a send that fails once is sent by the retry: the clean end state and one answer', async () => {
    // Prepare
    const { child, answersToGuardian } = await freshFamily();
    sender.failNextSend = true;

    // Act
    const failures = await ingestWithRetries(child.inboundAddress);

    // Assess
    expect(failures).toBe(1);
    expect(await childState(services, servers, child)).toEqual(clean);
    expect(answersToGuardian()).toHaveLength(1);
  });

  it('the same event twice in a row, then six times at once to another child: one set of records, one answer each', async () => {
    // Prepare
    const inRow = await freshFamily();
    const atOnce = await freshFamily();

    // Act
    await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [inRow.child.inboundAddress] });
    await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [inRow.child.inboundAddress] });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [atOnce.child.inboundAddress] }),
      ),
    );

    // Assess
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await childState(services, servers, inRow.child)).toEqual(clean);
    expect(await childState(services, servers, atOnce.child)).toEqual(clean);
    expect(inRow.answersToGuardian()).toHaveLength(1);
    expect(atOnce.answersToGuardian()).toHaveLength(1);
  });

  for (const mode of ['before', 'after'] as const) {
    it(`a table write failing ${mode === 'before' ? 'unsent' : 'after it landed'}, at each write in turn: the retry gives the clean end state and one answer`, async () => {
      for (let n = 1; n <= writesInCleanRun; n++) {
        // Prepare
        const { child, answersToGuardian } = await freshFamily();
        faults.arm(n, mode);

        // Act
        const failures = await ingestWithRetries(child.inboundAddress);
        faults.disarm();

        // Assess
        expect({ n, fired: faults.fired, retries: failures <= 3 }).toEqual({ n, fired: true, retries: true });
        expect({ n, state: await childState(services, servers, child) }).toEqual({ n, state: clean });
        expect({ n, answers: answersToGuardian().length }).toEqual({ n, answers: 1 });
        // A further redelivery after the fact changes nothing and answers nothing.
        await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [child.inboundAddress] });
        expect({ n, state: await childState(services, servers, child) }).toEqual({ n, state: clean });
        expect({ n, answers: answersToGuardian().length }).toEqual({ n, answers: 1 });
      }
    }, 120_000);
  }
});

describe('throttling at the table', () => {
  it('every other call throttled once: retried with backoff, the clean end state, one answer, nothing lost', async () => {
    // Prepare: the first attempt of every second DynamoDB call answers ThrottlingException.
    const { child, answersToGuardian } = await freshFamily();
    const throttled = new WeakSet<object>();
    const attempts: Array<{ at: number; throttled: boolean }> = [];
    let calls = 0;
    const name = 'trust-throttling';
    servers.db.middlewareStack.add(
      (next, context) => async (args) => {
        if (!throttled.has(context)) {
          calls += 1;
          if (calls % 2 === 0) {
            throttled.add(context);
            attempts.push({ at: Date.now(), throttled: true });
            throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
              name: 'ThrottlingException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
            });
          }
        } else attempts.push({ at: Date.now(), throttled: false });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name },
    );

    // Act
    try {
      await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [child.inboundAddress] });
    } finally {
      servers.db.middlewareStack.remove(name);
    }

    // Assess
    const throttles = attempts.filter((attempt) => attempt.throttled).length;
    expect(throttles).toBeGreaterThanOrEqual(3);
    expect(attempts.filter((attempt) => !attempt.throttled)).toHaveLength(throttles);
    const clean = await (async () => {
      const other = await freshFamily();
      await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [other.child.inboundAddress] });
      return childState(services, servers, other.child);
    })();
    expect(await childState(services, servers, child)).toEqual(clean);
    expect(answersToGuardian()).toHaveLength(1);
  }, 60_000);
});

describe('the weekly digest under faults', () => {
  /** Sends as the scheduled job would, retried by the queue after a while on any failure. */
  async function sendWithRetries(childId: string) {
    let failures = 0;
    for (;;) {
      try {
        return { result: await sendDigest(services, childId, { asOf: '2026-11-06' }), failures };
      } catch (error) {
        failures += 1;
        minutesLater += 3;
        if (failures > 4) throw error;
      }
    }
  }

  async function familyWithRecords() {
    const family = await freshFamily();
    await services.ingest({ authentication: DMARC_PASSED, bytes: message, recipients: [family.child.inboundAddress] });
    const before = sender.sent.length;
    const digests = () =>
      sender.sent.slice(before).filter((mail) => mail.attachments?.some((a) => a.filename.endsWith('.ics')));
    return { ...family, digests };
  }

  it('a failed SES send is retried, and the digest goes out once for the child and week', async () => {
    // Prepare
    const { child, digests } = await familyWithRecords();
    sender.failNextSend = true;

    // Act
    const first = await sendWithRetries(child.id);
    const again = await sendDigest(services, child.id, { asOf: '2026-11-05' });

    // Assess
    expect(first).toMatchObject({ result: { status: 'sent' }, failures: 1 });
    expect(again.status).toBe('already-sent');
    expect(digests()).toHaveLength(1);
  });

  for (const mode of ['before', 'after'] as const) {
    it(`a table write failing ${mode === 'before' ? 'unsent' : 'after it landed'}, at each write of a digest in turn: sent once`, async () => {
      const probe = await familyWithRecords();
      faults.arm(Number.POSITIVE_INFINITY, 'before');
      await sendDigest(services, probe.child.id, { asOf: '2026-11-06' });
      const writes = faults.writes;
      faults.disarm();
      expect(probe.digests()).toHaveLength(1);
      for (let n = 1; n <= writes; n++) {
        // Prepare
        const { child, digests } = await familyWithRecords();
        faults.arm(n, mode);

        // Act
        await sendWithRetries(child.id);
        faults.disarm();
        const again = await sendDigest(services, child.id, { asOf: '2026-11-06' });

        // Assess
        expect({ n, fired: faults.fired, again: again.status }).toEqual({ n, fired: true, again: 'already-sent' });
        expect({ n, digests: digests().length }).toEqual({ n, digests: 1 });
      }
    }, 120_000);
  }
});

describe('an email command under faults', () => {
  function command(word: string, id: string): Uint8Array {
    return Buffer.from(
      [
        `From: Parent <${GUARDIAN}>`,
        'To: inbox@in.example.org',
        `Subject: ${word}`,
        'Date: Wed, 04 Nov 2026 09:00:00 -0800',
        `Message-ID: <${id}@example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        word,
        '',
      ].join('\r\n'),
    );
  }

  for (const mode of ['before', 'after'] as const) {
    it(`help, with a table write failing ${mode === 'before' ? 'unsent' : 'after it landed'} at each write in turn: answered once`, async () => {
      const probe = await freshFamily();
      const before = sender.sent.length;
      faults.arm(Number.POSITIVE_INFINITY, 'before');
      await services.ingest({
        authentication: DMARC_PASSED,
        bytes: command('help', 'probe'),
        recipients: [probe.child.inboundAddress],
      });
      const writes = faults.writes;
      faults.disarm();
      expect(sender.sent.slice(before)).toHaveLength(1);
      for (let n = 1; n <= writes; n++) {
        // Prepare
        const family = await freshFamily();
        const start = sender.sent.length;
        faults.arm(n, mode);

        // Act
        let failures = 0;
        for (;;) {
          try {
            await services.ingest({
              authentication: DMARC_PASSED,
              bytes: command('help', `help-${n}`),
              recipients: [family.child.inboundAddress],
            });
            break;
          } catch (error) {
            failures += 1;
            minutesLater += 3;
            if (failures > 3) throw error;
          }
        }
        faults.disarm();
        await services.ingest({
          authentication: DMARC_PASSED,
          bytes: command('help', `help-${n}`),
          recipients: [family.child.inboundAddress],
        });

        // Assess
        expect({ n, fired: faults.fired, sent: sender.sent.slice(start).length }).toEqual({ n, fired: true, sent: 1 });
      }
    }, 120_000);
  }
});

describe('deadline reminders under faults', () => {
  const days = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 10, 5 + i)).toISOString().slice(0, 10));

  async function familyWithDeadline() {
    const family = await freshFamily();
    const request = Buffer.from(example('07-parent-meeting-request.eml')).toString('latin1');
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: Buffer.from(request, 'latin1'),
      recipients: [family.child.inboundAddress],
    });
    return family;
  }

  for (const mode of ['before', 'after'] as const) {
    it(`a table write failing ${mode === 'before' ? 'unsent' : 'after it landed'} at each write of a reminder run: reminded once`, async () => {
      // Prepare: the first day a reminder is due, and how many writes that run makes.
      const probe = await familyWithDeadline();
      let day: string | undefined;
      for (const candidate of days) {
        faults.arm(Number.POSITIVE_INFINITY, 'before');
        const result = await sendReminders(services, probe.child.id, { today: candidate });
        if (result.status === 'sent') {
          day = candidate;
          break;
        }
      }
      const writes = faults.writes;
      faults.disarm();
      expect(day).toBeDefined();
      for (let n = 1; n <= writes; n++) {
        const family = await familyWithDeadline();
        const start = sender.sent.length;
        faults.arm(n, mode);

        // Act: the scheduled run, and runs again later that day.
        for (let attempt = 0; attempt < 4; attempt++) {
          try {
            await sendReminders(services, family.child.id, { today: day });
          } catch {
            minutesLater += 3;
          }
        }
        faults.disarm();

        // Assess
        const reminders = sender.sent.slice(start).filter((mail) => mail.to.includes(GUARDIAN));
        expect({ n, fired: faults.fired, reminders: reminders.length }).toEqual({ n, fired: true, reminders: 1 });
      }
    }, 120_000);
  }
});
