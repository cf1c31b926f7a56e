// A family's life through the deployed wiring: the Lambda handlers, built by their own composition
// root, against the local AWS stand-ins. Each step is what the local-stack suites check
// (replies.test.ts, commands.test.ts, replies-local-stack.test.ts), asserted on the records, the outbox and the
// raw-mail bucket; a Spanish-reading family gets the same mail in Spanish.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerChild } from '../../../shared/replies/welcome';
import { listDeadlineMarks } from '../../../shared/store/deadline-marks';
import type { Child } from '../../../shared/store/families';
import type { StoredRecord } from '../../../shared/store/records';
import { putRecordIfNew } from '../../../shared/store/records';
import { storedRecord } from '../../support/stored-records';
import { directMail, forwardedLog, GUARDIAN, PROVIDER, replyMail, SECOND_GUARDIAN } from '../guardian-mail-support';
import { invoke } from './aws-operations';
import { type AwsStandIns, eventFixture, type OutboxMail, sqsEventOf, startAwsStandIns } from './aws-stand-ins';

let aws: AwsStandIns;
let inbound: typeof import('../../../functions/inbound').handler;
let dispatch: typeof import('../../../functions/dispatch').handler;
let digest: typeof import('../../../functions/digest').handler;
let reminders: typeof import('../../../functions/reminders').handler;
let feedback: typeof import('../../../functions/feedback').handler;
let calendar: typeof import('../../../functions/calendar').handler;
let deployedServices: typeof import('../../../local/cli/deployed-data').deployedServices;
let deletion: typeof import('../../../functions/deletion').handler;
let delivered = 0;
let seen = 0;

beforeAll(async () => {
  aws = await startAwsStandIns();
  ({ handler: inbound } = await import('../../../functions/inbound'));
  ({ handler: dispatch } = await import('../../../functions/dispatch'));
  ({ handler: digest } = await import('../../../functions/digest'));
  ({ handler: reminders } = await import('../../../functions/reminders'));
  ({ handler: feedback } = await import('../../../functions/feedback'));
  ({ handler: calendar } = await import('../../../functions/calendar'));
  ({ deployedServices } = await import('../../../local/cli/deployed-data'));
  ({ handler: deletion } = await import('../../../functions/deletion'));
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
  expect(await invoke('IepStack-Inbound', inbound, event)).toEqual({ processed: 1 });
  return { rawKey, event };
}

const address = (value: string) => value.replace(/^.*</, '').replace(/>.*$/, '');

/** The digest function fed what dispatch queued, as Lambda's SQS event source would. */
const sendQueuedDigests = () => aws.drainQueue(aws.digestQueueUrl, (event) => invoke('IepStack-Digest', digest, event));

/** A guardian's email command to the child's bare address, through the inbound function. */
async function command(child: Child, subject: string, options: { text?: string; from?: string } = {}) {
  const from = options.from ?? GUARDIAN;
  return deliver(directMail({ from, to: child.inboundAddress, subject, text: options.text }), child.inboundAddress);
}

/** The one mail sent since the last look, to `to` alone. */
/** The hourly reminders run at `time`, then the children it queued. */
async function runReminders(time: string): Promise<void> {
  await invoke('IepStack-Reminders', reminders, eventFixture('scheduler/hourly.json', { time }));
  await invoke('IepStack-Reminders', reminders, sqsEventOf(aws.fauxqs, 'reminders'));
}

async function onlyMailTo(...to: string[]): Promise<OutboxMail> {
  const sent = await newMail();
  expect(sent.map((mail) => mail.destination.to.map(address).sort())).toEqual([[...to].sort()]);
  return sent[0]!;
}

describe('a family through the Lambda handlers', () => {
  let child: Child;
  let replyTo: string;
  let entries: StoredRecord[];

  it('adding a family (as `iep family add` does against the stack) welcomes both guardians', async () => {
    // Act
    const services = await deployedServices();
    child = await registerChild(services, {
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
    await invoke('IepStack-Inbound', inbound, event); // SES retries an asynchronous invocation

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

  it('help, summary and export answer the sender alone; export carries every record and the originals', async () => {
    await command(child, 'help');
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('1 20 min: entry 1 lasted 20 minutes');

    await command(child, 'summary');
    const summary = await onlyMailTo(GUARDIAN);
    expect(summary.subject).toContain('Maya');
    expect(summary.attachments?.map((a) => a.filename)).toEqual(['iep-deadlines.ics']);

    await command(child, 'export');
    const exported = await onlyMailTo(GUARDIAN);
    const files = Object.fromEntries((exported.attachments ?? []).map((a) => [a.filename, a.content]));
    expect(Object.keys(files).sort()).toEqual(['deadlines.ics', 'originals.zip', 'records.csv']);
    const rows = parse(Buffer.from(files['records.csv']!, 'base64').toString('utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.map((r) => [r.date, r.status])).toEqual(
      expect.arrayContaining([
        ['2026-11-02', 'missed'],
        ['2026-11-03', 'delivered'],
      ]),
    );
    expect(await aws.services.records.list(child.id)).toHaveLength(3);
  });

  it('pause, resume and state change the family and say so', async () => {
    await command(child, 'pause');
    expect(await aws.services.children.get(child.id)).toMatchObject({ paused: true, nextDigestAt: null });
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Paused');

    await command(child, 'resume');
    expect(await aws.services.children.get(child.id)).toMatchObject({ paused: false });
    expect((await aws.services.children.get(child.id))?.nextDigestAt).not.toBeNull();
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Resumed');

    await command(child, 'state ny');
    expect((await aws.services.children.get(child.id))?.state).toBe('NY');
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('NY');
    await command(child, 'state ca');
    expect((await aws.services.children.get(child.id))?.state).toBe('CA');
    await newMail();
  });

  it('allow ADDRESS and remove ADDRESS change who may write', async () => {
    await command(child, 'allow Coach@League.org');
    expect((await aws.services.children.get(child.id))?.allowedSenders).toEqual(['coach@league.org']);
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('coach@league.org may now send');

    await command(child, 'remove coach@league.org');
    expect((await aws.services.children.get(child.id))?.allowedSenders).toEqual([]);
    await onlyMailTo(GUARDIAN);
  });

  it("a stranger's mail is kept in the bucket and held; the guardians get one notice", async () => {
    // Act
    const { rawKey } = await command(child, 'Speech Thursday', {
      from: PROVIDER,
      text: 'Maya had speech on Thursday 11/5 for 30 minutes in a small group.',
    });

    // Assess
    expect(await aws.services.messages.held(child.id)).toEqual([
      expect.objectContaining({ rawKey, guardiansTold: true }),
    ]);
    expect(await aws.services.records.list(child.id)).toHaveLength(3);
    expect(await aws.rawMailKeys()).toContain(rawKey);
    const notice = await onlyMailTo(GUARDIAN, SECOND_GUARDIAN);
    expect(notice.subject).toBe(`${PROVIDER} sent something to Maya's address`);
    replyTo = address(notice.replyTo[0] ?? '');
  });

  it('replying "allow" to the notice accepts the sender and reads what they sent', async () => {
    // Act
    await deliver(replyMail({ to: replyTo, lines: 'Allow' }), replyTo);

    // Assess
    expect((await aws.services.children.get(child.id))?.allowedSenders).toEqual([PROVIDER]);
    expect(await aws.services.messages.held(child.id)).toEqual([]);
    const records = await aws.services.records.list(child.id);
    expect(records.map((r) => r.kind === 'session' && r.date)).toContain('2026-11-05');
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('1 held message from them was read now.');
  });

  it('a new calendar link answers a private feed address that the calendar function serves', async () => {
    // Prepare: a meeting request on file (California gives it a due day)
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );

    // Act
    await command(child, 'new calendar link');
    const link = /https:\/\/calendar\.example\.org\/calendar\/[a-z2-7]+\.ics/.exec(
      (await onlyMailTo(GUARDIAN)).body.text ?? '',
    )?.[0];
    const feed = await invoke(
      'IepStack-Calendar',
      calendar,
      eventFixture('function-url/calendar-get.json', { path: new URL(link ?? 'https://x/').pathname, method: 'GET' }),
    );

    // Assess
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20261202');
  });

  it('the reminder goes out at 07:00 local once, and "done 1" answering it marks the deadline', async () => {
    // Act
    const event = eventFixture('scheduler/hourly.json', { time: '2026-11-25T15:00:02Z' });
    await invoke('IepStack-Reminders', reminders, event);
    await invoke('IepStack-Reminders', reminders, event);
    // The hourly run queued the family (twice, as a retried hour would); the queue brings it back.
    const queued = sqsEventOf(aws.fauxqs, 'reminders');
    expect(queued.Records).toHaveLength(2);
    await invoke('IepStack-Reminders', reminders, queued);

    // Assess
    const reminder = await onlyMailTo(GUARDIAN, SECOND_GUARDIAN);
    expect(reminder.subject).toMatch(/Due in 7 days/);

    // Act
    await command(child, 'Re: Deadline reminder', { text: 'done 1' });

    // Assess
    expect(await listDeadlineMarks(aws.table, child.id)).toEqual([expect.objectContaining({ action: 'done' })]);
    expect((await onlyMailTo(GUARDIAN)).subject).toBe('Deadlines updated for Maya');
  });

  it('a bounce stops mail to that guardian; the hourly dispatch queues the digest and the digest function sends it once', async () => {
    // Prepare
    const bounced = await invoke(
      'IepStack-Feedback',
      feedback,
      eventFixture('sns/bounce-permanent.json', { address: SECOND_GUARDIAN }),
    );
    expect(bounced).toEqual({ suppressed: 1 });
    const due = (await aws.services.children.get(child.id))?.nextDigestAt ?? '';
    const hour = eventFixture('scheduler/hourly.json', { time: new Date(Date.parse(due) + 2_000).toISOString() });

    // Act
    expect(await invoke('IepStack-Dispatch', dispatch, hour)).toMatchObject({ queued: 1 });
    const drained = await sendQueuedDigests();

    // Assess
    expect(drained).toBe(1);
    const sent = await onlyMailTo(GUARDIAN);
    expect(sent.subject).toContain('Maya');
    expect(sent.body.text).toMatch(/speech/i);
    expect(await sendQueuedDigests()).toBe(0);
    // The scheduler retrying the same hour queues the child again; the week's digest is not sent twice.
    await invoke('IepStack-Dispatch', dispatch, hour);
    await sendQueuedDigests();
    expect(await newMail()).toEqual([]);
  });

  it('"delete all data" is answered with a code; the code queues the deletion, and the deletion worker deletes every record, message and raw message, and says what remains', async () => {
    // Prepare
    const before = await aws.services.messages.list(child.id);
    expect(before.length).toBeGreaterThan(5);

    // Act: ask, then a wrong code, then the right one
    await command(child, 'delete all data');
    const code = /erase-[a-z2-7]{4}-[a-z2-7]{4}/.exec((await onlyMailTo(GUARDIAN)).body.text ?? '')?.[0];
    expect(code).toBeDefined();
    await command(child, 'Re: Confirm', { text: 'erase-aaaa-bbbb' });
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Not deleted');
    expect(await aws.services.records.list(child.id)).not.toEqual([]);
    const { event } = await deliver(
      replyMail({ to: child.inboundAddress, lines: code!, subject: 'Re: Confirm: delete all data for Maya' }),
      child.inboundAddress,
    );
    await invoke('IepStack-Inbound', inbound, event); // SES retries an asynchronous invocation

    // Assess: queued (twice, as the retry does), nothing deleted yet, no one told yet
    const queued = sqsEventOf(aws.fauxqs, 'deletion');
    expect(queued.Records.map((record) => JSON.parse(String(record.body)))).toEqual([
      { childId: child.id, language: 'en' },
      { childId: child.id, language: 'en' },
    ]);
    expect(await aws.services.children.get(child.id)).not.toBeNull();
    expect(await newMail()).toEqual([]);

    // Act: the queue brings both requests to the deletion worker
    const drained = await aws.drainQueue(aws.deletionQueueUrl, (batch) => invoke('IepStack-Deletion', deletion, batch));

    // Assess
    expect(drained).toBe(2);
    expect(await aws.services.children.get(child.id)).toBeNull();
    expect(await aws.services.records.list(child.id, { includeDeleted: true })).toEqual([]);
    expect(await aws.services.messages.list(child.id)).toEqual([]);
    expect(await aws.services.children.findByAddress(child.inboundAddress)).toBeNull();
    expect(await aws.rawMailKeys()).toEqual([]);
    const deleted = await onlyMailTo(GUARDIAN);
    expect(deleted.subject).toBe('Deleted: all data for Maya');
    expect(deleted.body.text).toContain(`${before.length + 3} stored messages`);
    expect(deleted.body.text).toContain('can hold them for up to 35 more days');
    expect(deleted.body.text).toContain('Nothing else is kept.');
    expect(await aws.drainQueue(aws.deletionQueueUrl, (batch) => invoke('IepStack-Deletion', deletion, batch))).toBe(0);
  });
});

const contentLanguage = (mail: OutboxMail) => mail.headers?.find((h) => h.name === 'Content-Language')?.value;

describe('a Spanish-reading family through the Lambda handlers', () => {
  let child: Child;
  let replyTo: string;

  it('a forward is answered in Spanish, its record lines too', async () => {
    // Prepare
    child = await registerChild(aws.services, {
      name: 'Sofía',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    await newMail();

    // Act
    await deliver(forwardedLog({ to: child.inboundAddress }), child.inboundAddress);

    // Assess
    const answer = await onlyMailTo(GUARDIAN);
    expect(answer.subject).toMatch(/^Guardado para Sofía: 3 cosas/);
    expect(contentLanguage(answer)).toBe('es');
    expect(answer.body.text).toContain('1. lun, 2 de nov · Habla y lenguaje · 30 min · en grupo');
    expect(answer.body.html).toContain('<html lang="es">');
    replyTo = address(answer.replyTo[0] ?? '');
  });

  it('"1 ausente" marks entry 1 missed because the student was absent, answered in Spanish', async () => {
    // Act
    await deliver(replyMail({ to: replyTo, lines: '1 ausente' }), replyTo);

    // Assess
    const sessions = (await aws.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    const first = sessions.find((s) => s.date === '2026-11-02');
    expect([first?.status, first?.reason, first?.confirmed]).toEqual(['missed', 'student-absent', true]);
    const result = await onlyMailTo(GUARDIAN);
    expect(result.subject).toBe('Actualizado para Sofía: 1 cambio');
    expect(contentLanguage(result)).toBe('es');
    expect(result.body.text).toContain('La línea 1 se corrigió: lun, 2 de nov · Habla y lenguaje');
    expect(result.body.text).toContain('no se dio (el alumno faltó) (confirmada)');
  });

  it('"agregar 11/9/2026 terapia ocupacional 30 min" adds a session named in Spanish, answered in Spanish', async () => {
    // Act
    await deliver(replyMail({ to: replyTo, lines: 'agregar 11/9/2026 terapia ocupacional 30 min' }), replyTo);

    // Assess
    const sessions = (await aws.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    const added = sessions.find((s) => s.date === '2026-11-09');
    expect([added?.service, added?.minutes, added?.status, added?.confirmed]).toEqual([
      'occupational-therapy',
      30,
      'delivered',
      true,
    ]);
    const result = await onlyMailTo(GUARDIAN);
    expect(result.subject).toBe('Actualizado para Sofía: 1 cambio');
    expect(contentLanguage(result)).toBe('es');
  });

  it('"pausa" pauses the scheduled mail and says so in Spanish', async () => {
    // Act
    await deliver(directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'pausa' }), child.inboundAddress);

    // Assess
    expect((await aws.services.children.get(child.id))?.paused).toBe(true);
    const paused = await onlyMailTo(GUARDIAN);
    expect(paused.subject).toBe('En pausa: los correos programados sobre Sofía');
    expect(contentLanguage(paused)).toBe('es');
    expect(paused.body.text).toContain('Para recibirlos otra vez, envíe "reanudar".');
  });

  it("a stranger's mail is held and the family is told in Spanish", async () => {
    // Act
    await deliver(
      directMail({ from: PROVIDER, to: child.inboundAddress, subject: 'Terapia del lunes' }),
      child.inboundAddress,
    );

    // Assess
    const notice = await onlyMailTo(GUARDIAN);
    expect(notice.subject).toBe(`${PROVIDER} envió algo a la dirección de Sofía`);
    expect(contentLanguage(notice)).toBe('es');
    expect(notice.body.text).toContain('Responda "permitir" para aceptarlo');
  });

  it('"reanudar" resumes, and the 07:00 reminder comes in Spanish with the rule explained and its citation', async () => {
    // Prepare: resumed, and a meeting request on file (California: held within 30 days, due Dec 2)
    await deliver(directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'reanudar' }), child.inboundAddress);
    expect((await onlyMailTo(GUARDIAN)).subject).toBe('Reanudados: los correos programados sobre Sofía');
    await putRecordIfNew(
      aws.table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );

    // Act
    await runReminders('2026-11-25T15:00:02Z');

    // Assess
    const reminder = await onlyMailTo(GUARDIAN);
    expect(reminder.subject).toBe(
      'Sofía: Vence en 7 días: reunión del PEI que usted pidió, a más tardar el miércoles, 2 de diciembre de 2026',
    );
    expect(contentLanguage(reminder)).toBe('es');
    expect(reminder.body.text).toContain('Una reunión del PEI (IEP) que usted pida por escrito debe hacerse');
    expect(reminder.body.text).toContain('(Cal. Ed. Code 56343.5)');
  });

  it('"nuevo enlace de calendario" answers a feed whose events are in Spanish', async () => {
    // Act
    await deliver(
      directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'nuevo enlace de calendario' }),
      child.inboundAddress,
    );
    const answer = await onlyMailTo(GUARDIAN);
    const link = /https:\/\/calendar\.example\.org\/calendar\/[a-z2-7]+\.ics/.exec(answer.body.text ?? '')?.[0];
    const feed = await invoke(
      'IepStack-Calendar',
      calendar,
      eventFixture('function-url/calendar-get.json', { path: new URL(link ?? 'https://x/').pathname, method: 'GET' }),
    );

    // Assess
    expect(answer.subject).toBe('Enlaces del calendario de Sofía');
    expect(feed.statusCode).toBe(200);
    const ics = String(feed.body).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('SUMMARY:Sofía: vence: reunión del PEI que usted pidió');
    expect(ics).toContain('X-WR-CALNAME:Sofía: fechas límite del PEI (IEP)');
  });

  it('"resumen" answers with the digest in Spanish, its calendar too', async () => {
    // Act
    await deliver(directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'resumen' }), child.inboundAddress);

    // Assess
    const summary = await onlyMailTo(GUARDIAN);
    expect(summary.subject).toMatch(/^Servicios de Sofía, semana del /);
    expect(contentLanguage(summary)).toBe('es');
    expect(summary.body.text).toContain('LO QUE NECESITA ATENCIÓN');
    expect(summary.body.html).toContain('<html lang="es">');
    const file = summary.attachments?.find((a) => a.filename === 'iep-deadlines.ics')?.content ?? '';
    expect(Buffer.from(file, 'base64').toString('utf8')).toContain('X-WR-CALNAME:Sofía: fechas límite del PEI (IEP)');
  });

  it('the hourly dispatch queues the weekly digest and the digest function sends it in Spanish', async () => {
    // Prepare
    const due = (await aws.services.children.get(child.id))?.nextDigestAt ?? '';
    const hour = eventFixture('scheduler/hourly.json', { time: new Date(Date.parse(due) + 2_000).toISOString() });

    // Act
    expect(await invoke('IepStack-Dispatch', dispatch, hour)).toMatchObject({ queued: 1 });
    expect(await sendQueuedDigests()).toBe(1);

    // Assess
    const digestMail = await onlyMailTo(GUARDIAN);
    expect(digestMail.subject).toMatch(/^Servicios de Sofía, semana del /);
    expect(contentLanguage(digestMail)).toBe('es');
    expect(digestMail.body.text).toContain('SERVICIOS ESTA SEMANA Y EN EL AÑO ESCOLAR');
    expect(digestMail.body.text).toContain('Reunión del PEI que usted pidió');
    expect(digestMail.body.text).not.toContain('What needs attention');
    // Each letter to the school in English, with what it says in Spanish beside it.
    expect(digestMail.body.text).toContain('Los correos están en inglés, el idioma de la escuela');
    expect(digestMail.body.text).toContain('Lo que dice este correo:');
  });

  it('the reminder the day after the due day carries the note to the case manager in English, with its Spanish beside it', async () => {
    // Act: 07:00 in Los Angeles on Thu Dec 3, the meeting request due Dec 2
    await runReminders('2026-12-03T15:00:02Z');

    // Assess
    const reminder = await onlyMailTo(GUARDIAN);
    expect(contentLanguage(reminder)).toBe('es');
    expect(reminder.subject).toMatch(/^Sofía: Atrasado 1 día: reunión del PEI que usted pidió/);
    expect(reminder.body.text).toContain('Está en inglés, el idioma de la escuela. Debajo está lo que dice en español');
    expect(reminder.body.text).toContain('As I understand Cal. Ed. Code 56343.5, an IEP meeting a parent requests');
    expect(reminder.body.text).toContain('Lo que dice esta nota:');
    expect(reminder.body.text).toContain(
      'Según entiendo, Cal. Ed. Code 56343.5 establece que una reunión del PEI (IEP)',
    );
    expect(reminder.body.html).toContain('<blockquote lang="en"');
    expect(reminder.body.html).toContain('<blockquote lang="es"');
  });

  it('"cartas en español" is kept and answered in Spanish, and the digest then drafts the letters in Spanish', async () => {
    // Act
    await command(child, 'cartas en español');
    const chosen = await onlyMailTo(GUARDIAN);
    await command(child, 'resumen');
    const summary = await onlyMailTo(GUARDIAN);

    // Assess
    expect((await aws.services.children.get(child.id))?.letterLanguage).toBe('es');
    expect(chosen.subject).toBe('Los correos a la escuela sobre Sofía ahora estarán en español');
    expect(contentLanguage(chosen)).toBe('es');
    expect(summary.body.text).toContain('Los correos están en español, como usted pidió.');
    expect(summary.body.text).toContain('Asunto: Copia de la página de servicios del PEI de Sofía');
    expect(summary.body.text).not.toContain('Lo que dice este correo:');
    expect(summary.body.text).not.toContain("Copy of Sofía's IEP services page");
  });

  it('once Spanish letters are chosen, the next reminder drafts the note to the case manager in Spanish only', async () => {
    // Act: a week on, still overdue
    await runReminders('2026-12-10T15:00:02Z');

    // Assess
    const reminder = await onlyMailTo(GUARDIAN);
    expect(reminder.subject).toMatch(/^Sofía: Atrasado 8 días: /);
    expect(reminder.body.text).toContain(
      'Está en español, como usted pidió. Si prefiere enviarla en inglés, envíe "cartas en inglés".',
    );
    expect(reminder.body.text).toContain('Todavía no me han ofrecido una fecha para la reunión. ¿Me podría decir');
    expect(reminder.body.text).not.toContain('As I understand');
    expect(reminder.body.text).not.toContain('Lo que dice esta nota:');
  });

  it('"exportar" sends the deadline calendar in Spanish', async () => {
    // Act
    await deliver(directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'exportar' }), child.inboundAddress);

    // Assess
    const exported = await onlyMailTo(GUARDIAN);
    expect(contentLanguage(exported)).toBe('es');
    const file = exported.attachments?.find((a) => a.filename === 'deadlines.ics')?.content ?? '';
    const ics = Buffer.from(file, 'base64')
      .toString('utf8')
      .replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('X-WR-CALNAME:Sofía: fechas límite del PEI (IEP)');
    expect(ics).toContain('SUMMARY:Sofía: vence: reunión del PEI que usted pidió');
  });

  it('"borrar todos los datos": the queued request carries the language, and the "Deleted" email is in Spanish', async () => {
    // Act: ask, a wrong code, then the right one
    await deliver(
      directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'borrar todos los datos' }),
      child.inboundAddress,
    );
    const code = /erase-[a-z2-7]{4}-[a-z2-7]{4}/.exec((await onlyMailTo(GUARDIAN)).body.text ?? '')?.[0];
    await deliver(
      directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'Re: Confirme', text: 'erase-aaaa-bbbb' }),
      child.inboundAddress,
    );
    const refused = await onlyMailTo(GUARDIAN);
    await deliver(
      directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'Re: Confirme', text: code }),
      child.inboundAddress,
    );
    const queued = sqsEventOf(aws.fauxqs, 'deletion');
    const drained = await aws.drainQueue(aws.deletionQueueUrl, (batch) => invoke('IepStack-Deletion', deletion, batch));

    // Assess
    expect(refused.subject).toBe('No se borró nada: ese código no es válido para Sofía');
    expect(queued.Records.map((record) => JSON.parse(String(record.body)))).toEqual([
      { childId: child.id, language: 'es' },
    ]);
    expect(drained).toBe(1);
    expect(await aws.services.children.get(child.id)).toBeNull();
    const deleted = await onlyMailTo(GUARDIAN);
    expect(deleted.subject).toBe('Borrados: todos los datos de Sofía');
    expect(contentLanguage(deleted)).toBe('es');
    expect(deleted.body.text).toContain('Borramos ahora todo lo guardado sobre Sofía');
    expect(deleted.body.text).toContain('No se guarda nada más.');
  });
});

describe('a referral the parent records, through the Lambda handlers', () => {
  it('"add 11/2/2026 referral" to the bare address is kept, confirmed, and answered with the deadline it starts', async () => {
    // Prepare
    const child = await registerChild(aws.services, {
      name: 'Maya',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await newMail();

    // Act
    await command(child, 'Referral', { text: 'add 11/2/2026 referral' });

    // Assess: California 56321(a), 15 days from Mon 2026-11-02 → Tue 11-17.
    const records = await aws.services.records.list(child.id);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'date', type: 'referral', date: '2026-11-02', confirmed: true }),
    ]);
    const answer = await onlyMailTo(GUARDIAN);
    expect(answer.subject).toBe('Deadlines updated for Maya');
    expect(answer.body.text).toContain('Added: Mon Nov 2 · Referral for evaluation received by the school.');
    expect(answer.body.text).toMatch(/Deadline 1: assessment plan after your referral, due .*November 17, 2026/);
  });
});
