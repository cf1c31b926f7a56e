// Replies to an answer, end to end over the local stand-ins: every row of the reply table, mixed
// and bad lines, forged, foreign, expired and missing references. Each test checks the records
// and the outbox afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groupRecords } from '../../local/cli/commands/records';
import type { UseCases } from '../../shared/composition/use-cases';
import { registerChild } from '../../shared/replies/welcome';
import type { Child } from '../../shared/store/families';
import type { StoredRecord } from '../../shared/store/records';
import { DMARC_PASSED } from '../support/authentication';
import {
  clockAt,
  expectOnlyGuardiansMailed,
  forwardedLog,
  GUARDIAN,
  guardianServices,
  lastReplyTo,
  PROVIDER,
  replyMail,
  SECOND_GUARDIAN,
} from './guardian-mail-support';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

let servers: LocalServers;

beforeAll(async () => {
  servers = await startLocalServers();
});

afterAll(async () => {
  await servers?.close();
});

beforeEach(async () => {
  await servers.clearOutbox();
});

interface Answered {
  services: UseCases;
  child: Child;
  replyTo: string;
  /** The records in the answer's numbering. */
  entries: StoredRecord[];
}

async function answeredForward(): Promise<Answered> {
  const services = guardianServices(servers);
  const child = await registerChild(services, {
    name: 'Maya',
    guardians: [GUARDIAN, SECOND_GUARDIAN],
    timeZone: 'America/Los_Angeles',
    state: 'ca',
  });
  await servers.clearOutbox();
  const result = await services.ingest({
    authentication: DMARC_PASSED,
    bytes: forwardedLog({ to: child.inboundAddress }),
    recipients: [child.inboundAddress],
  });
  expect(result.children[0]).toMatchObject({ status: 'recorded', recorded: 3, answered: true });
  const replyTo = await lastReplyTo(servers);
  const message = (await services.messages.list(child.id)).find((m) => m.messageId === result.messageId);
  const entries: StoredRecord[] = [];
  for (const id of message?.recordIds ?? []) {
    const record = await services.records.get(child.id, id);
    if (record) entries.push(record);
  }
  expect(entries.map((r) => r.kind === 'session' && r.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
  await servers.clearOutbox();
  return { services, child, replyTo, entries };
}

async function reply(a: Answered, lines: string, options: { from?: string; to?: string } = {}) {
  const to = options.to ?? a.replyTo;
  return a.services.ingest({
    authentication: DMARC_PASSED,
    bytes: replyMail({ to, lines, from: options.from }),
    recipients: [to],
  });
}

async function current(a: Answered, n: number): Promise<StoredRecord> {
  const record = await a.services.records.get(a.child.id, a.entries[n - 1]!.id);
  if (!record) throw new Error('record vanished');
  return record;
}

async function onlyMail() {
  const sent = await servers.outbox();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.destination.to).toEqual([GUARDIAN]);
  return sent[0]!;
}

describe('a reply confirming everything', () => {
  it.each(['ok', 'yes', 'confirm', 'looks good', '👍', 'Looks good!'])(
    '"%s" confirms every entry of that answer',
    async (line) => {
      // Prepare
      const a = await answeredForward();

      // Act
      const result = await reply(a, line);

      // Assess
      expect(result.children[0]).toMatchObject({ status: 'reply', answered: true });
      for (const n of [1, 2, 3]) {
        const record = await current(a, n);
        expect(record.confirmed).toBe(true);
        expect(record.history.at(-1)).toMatchObject({ action: 'confirmed', by: GUARDIAN });
      }
      const mail = await onlyMail();
      expect(mail.body.text).toContain('All entries confirmed.');
      expect(mail.body.text).toContain('(confirmed)');
      expect(mail.replyTo[0]).toContain(a.replyTo.split('@')[0]);
    },
  );
});

describe('a reply correcting one entry', () => {
  it.each([
    ['2 student absent', 'student-absent'],
    ['2 provider absent', 'provider-absent'],
    ['2 holiday', 'school-closure'],
    ['2 missed', null],
  ] as const)('"%s" makes entry 2 missed with that reason', async (line, reason) => {
    const a = await answeredForward();

    await reply(a, line);

    const record = await current(a, 2);
    expect(record).toMatchObject({ status: 'missed', reason, confirmed: true, minutes: 45 });
    expect(record.history.at(-1)).toMatchObject({
      action: 'corrected',
      by: GUARDIAN,
      before: { status: 'delivered' },
    });
    expect((await current(a, 1)).confirmed).toBe(false);
    expect((await onlyMail()).body.text).toContain('Entry 2 corrected');
  });

  it.each(['1 20 min', '1 20 minutes', '#1 20 min', '1. 20 Minutes!'])('"%s" corrects the minutes', async (line) => {
    const a = await answeredForward();

    await reply(a, line);

    const record = await current(a, 1);
    expect(record).toMatchObject({ minutes: 20 });
    expect(record.history.at(-1)).toMatchObject({ action: 'corrected', before: { minutes: 30 } });
    expect((await onlyMail()).body.text).toContain('20 min');
  });

  it.each([
    ['1 group', { delivery: 'group' }, 2],
    ['1 individual', { delivery: 'individual' }, 1],
    ['1 pull-out', { location: 'separate' }, 2],
    ['1 in class', { location: 'general-education' }, 1],
  ] as const)('"%s" corrects delivery or location', async (line, fields, entry) => {
    // Entry 1 was a group in a separate room, entry 2 individual in the classroom: correct the opposite one.
    const a = await answeredForward();
    const n = entry;

    await reply(a, line.replace(/^1/, String(n)));

    const record = await current(a, n);
    expect(record).toMatchObject(fields);
    expect(record.history).toHaveLength(2);
    await onlyMail();
  });

  it.each(['1 nov 5', '1 date 11/5', '#1 November 5th'])('"%s" corrects the date', async (line) => {
    const a = await answeredForward();

    await reply(a, line);

    const record = await current(a, 1);
    expect(record).toMatchObject({ date: '2026-11-05' });
    expect(record.history.at(-1)).toMatchObject({ before: { date: '2026-11-02' } });
    expect((await onlyMail()).body.text).toContain('Thu Nov 5');
  });

  it.each(['delete 3', '3 wrong', 'remove 3', 'Remove #3.'])(
    '"%s" removes entry 3, kept in history, not counted',
    async (line) => {
      const a = await answeredForward();

      await reply(a, line);

      const listed = await a.services.records.list(a.child.id);
      expect(listed.map((r) => r.id)).not.toContain(a.entries[2]!.id);
      const all = await a.services.records.list(a.child.id, { includeDeleted: true });
      const removed = all.find((r) => r.id === a.entries[2]!.id);
      expect(removed).toMatchObject({ deleted: true, minutes: 30 });
      expect(removed?.history.map((h) => h.action)).toEqual(['recorded', 'deleted']);
      expect((await onlyMail()).body.text).toContain('(removed)');
    },
  );

  it('"add thu speech 30 min individual" adds an entry read as the extraction reads that line', async () => {
    const a = await answeredForward();

    await reply(a, 'add thu speech 30 min individual');

    const records = await a.services.records.list(a.child.id);
    expect(records).toHaveLength(4);
    const added = records.find((r) => !a.entries.some((e) => e.id === r.id));
    expect(added).toMatchObject({
      kind: 'session',
      date: '2026-11-05',
      service: 'speech-language',
      minutes: 30,
      delivery: 'individual',
      status: 'delivered',
      confirmed: true,
    });
    expect(added?.history).toEqual([expect.objectContaining({ action: 'added', by: GUARDIAN })]);
    const mail = await onlyMail();
    expect(mail.body.text).toContain('Entry 4 added');
    expect(mail.body.text).toMatch(/4\. Thu Nov 5/);

    // The new entry can be corrected by its number in a later reply.
    await servers.clearOutbox();
    await reply(a, '4 20 min');
    expect(await a.services.records.get(a.child.id, added!.id)).toMatchObject({ minutes: 20 });
  });
});

describe('a reply of several lines', () => {
  it('applies every usable line, quotes the unusable ones with the grammar, and answers once', async () => {
    // Prepare
    const a = await answeredForward();

    // Act
    await reply(a, 'Hi!\n1 20 min\n#2 provider absent\nwhat about friday??\n3 purple\n7 wrong\n\nThanks,\nJordan');

    // Assess
    expect(await current(a, 1)).toMatchObject({ minutes: 20 });
    expect(await current(a, 2)).toMatchObject({ status: 'missed', reason: 'provider-absent' });
    expect(await current(a, 3)).toMatchObject({ minutes: 30, confirmed: false });
    const mail = await onlyMail();
    expect(mail.subject).toContain('3 lines not understood');
    expect(mail.body.text).toContain('> what about friday??');
    expect(mail.body.text).toContain('> 3 purple');
    expect(mail.body.text).toContain('> 7 wrong  (there is no entry 7)');
    expect(mail.body.text).toContain('2 student absent: entry 2 was missed because the student was absent');
    expect(mail.body.text).not.toContain('Jordan');
    expect(mail.body.html).toContain('<blockquote');
    expect(mail.body.html).toContain('what about friday??');
  });

  it('a reply with only unusable lines changes nothing and shows the grammar', async () => {
    const a = await answeredForward();

    await reply(a, 'I think the second one is off <script>alert(1)</script>');

    for (const n of [1, 2, 3]) expect((await current(a, n)).history).toHaveLength(1);
    const mail = await onlyMail();
    expect(mail.subject).toContain('Nothing changed');
    expect(mail.body.html).not.toContain('<script>');
    expect(mail.body.html).toContain('&lt;script&gt;');
  });

  it('a correction a kind of entry cannot take is quoted with why', async () => {
    const a = await answeredForward();

    await reply(a, '1 date 2/30/2026');

    expect((await current(a, 1)).history).toHaveLength(1);
    expect((await onlyMail()).body.text).toContain('that day does not exist');
  });

  it('the same reply delivered twice changes the records once and answers once', async () => {
    const a = await answeredForward();
    const bytes = replyMail({ to: a.replyTo, lines: '1 20 min\ndelete 3' });

    await a.services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [a.replyTo] });
    const again = await a.services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [a.replyTo] });

    expect(again.children[0]?.status).toBe('duplicate');
    expect((await current(a, 1)).history).toHaveLength(2);
    await onlyMail();
  });

  it('each correction is a new version: the records JSON shows the history, who and when', async () => {
    const a = await answeredForward();

    await reply(a, '1 20 min');
    await reply(a, '1 25 min', { from: SECOND_GUARDIAN });

    const grouped = groupRecords(await a.services.records.list(a.child.id));
    const first = grouped.sessions.find((s) => s.id === a.entries[0]!.id) as unknown as {
      minutes: number;
      history: Array<{ action: string; by: string; at: string; before?: Record<string, unknown> }>;
    };
    expect(first.minutes).toBe(25);
    expect(first.history.map((h) => [h.action, h.by, h.before?.minutes ?? null])).toEqual([
      ['recorded', 'system', null],
      ['corrected', GUARDIAN, 30],
      ['corrected', SECOND_GUARDIAN, 20],
    ]);
    expect(first.history[1]!.at).toBe('2026-11-06T17:00:00.000Z');
  });

  it('an out-of-office answer to our mail changes nothing and is not answered', async () => {
    const a = await answeredForward();
    const bytes = replyMail({
      to: a.replyTo,
      lines: 'I am out of the office until Monday.\n1 wrong',
      headers: 'Auto-Submitted: auto-replied\r\n',
    });

    await a.services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [a.replyTo] });

    expect((await current(a, 1)).deleted).toBe(false);
    expect(await servers.outbox()).toEqual([]);
  });
});

describe('a reply whose reference cannot be used', () => {
  it('a forged reference changes nothing; the guardian is told it is not ours', async () => {
    const a = await answeredForward();
    const [local, domain] = a.replyTo.split('@') as [string, string];
    const forged = `${local.slice(0, -3)}${local.endsWith('aaa') ? 'bbb' : 'aaa'}@${domain}`;

    const result = await reply(a, 'delete 1', { to: forged });

    expect(result.children[0]).toMatchObject({ status: 'reply', answered: true });
    expect((await a.services.records.list(a.child.id)).every((r) => r.history.length === 1)).toBe(true);
    const mail = await onlyMail();
    expect(mail.body.text).toContain('is not one we sent');
    expect(mail.body.text).toContain('Nothing was changed');
  });

  it("another child's reference sent to this child's address changes neither", async () => {
    const a = await answeredForward();
    const other = await registerChild(a.services, {
      name: 'Leo',
      guardians: [GUARDIAN],
      timeZone: 'America/Chicago',
    });
    await servers.clearOutbox();
    const ref = a.replyTo.split('@')[0]!.split('+')[1]!;
    const crossed = other.inboundAddress.replace('@', `+${ref}@`);

    await reply(a, 'delete 1', { to: crossed });

    expect((await a.services.records.list(a.child.id)).map((r) => r.history.length)).toEqual([1, 1, 1]);
    expect(await a.services.records.list(other.id)).toEqual([]);
    expect((await onlyMail()).body.text).toContain("different child's email");
  });

  it('a reference older than 60 days changes nothing; the guardian is told it expired', async () => {
    const a = await answeredForward();
    const later = guardianServices(servers, { clock: clockAt('2027-01-10T17:00:00Z') });

    await later.ingest({
      authentication: DMARC_PASSED,
      bytes: replyMail({ to: a.replyTo, lines: 'delete 1' }),
      recipients: [a.replyTo],
    });

    expect((await current(a, 1)).deleted).toBe(false);
    expect((await onlyMail()).body.text).toContain('more than 60 days old');
  });

  it('reply lines sent without the reference change nothing; the guardian is told why', async () => {
    const a = await answeredForward();

    const result = await reply(a, '1 20 min\ndelete 3', { to: a.child.inboundAddress });

    expect(result.children[0]?.status).toBe('reply');
    expect((await a.services.records.list(a.child.id)).map((r) => r.history.length)).toEqual([1, 1, 1]);
    expect((await onlyMail()).body.text).toContain('it is not clear which entries it is about');
  });

  it('a reference is usable by guardians only: an allowed provider using it is read as mail, changing nothing', async () => {
    const a = await answeredForward();
    await a.services.children.allowSender(a.child.id, PROVIDER);

    const result = await reply(a, 'delete 1\n2 wrong', { from: PROVIDER });

    expect(result.children[0]?.status).not.toBe('reply');
    for (const n of [1, 2]) expect((await current(a, n)).deleted).toBe(false);
    await expectOnlyGuardiansMailed(servers, [GUARDIAN, SECOND_GUARDIAN]);
  });

  it('a stranger using a reference is held, and only the guardians hear of it', async () => {
    const a = await answeredForward();

    const result = await reply(a, 'delete 1', { from: 'mallory@example.net' });

    expect(result.children[0]?.status).toBe('quarantined');
    expect((await current(a, 1)).deleted).toBe(false);
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    expect(sent[0]!.body.text).toContain('mallory@example.net sent something');
  });
});
