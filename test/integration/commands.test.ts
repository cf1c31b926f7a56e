// Email commands to the child's address, the welcome mail, quarantine notices and `allow`, and
// `delete all data`, end to end over the local stand-ins; each checks the store and the outbox.

import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarFeed, calendarLink } from '../../shared/calendar-feed/calendar-feed';
import type { UseCases } from '../../shared/composition/use-cases';
import { childDeadlines } from '../../shared/deadlines/child-deadlines';
import { receiptAuthentication } from '../../shared/ingest/sender-authentication';
import { registerChild, welcomeChild } from '../../shared/replies/welcome';
import { listDeadlineMarks } from '../../shared/store/deadline-marks';
import { putRecordIfNew } from '../../shared/store/records';
import { DMARC_PASSED } from '../support/authentication';
import { storedRecord } from '../support/stored-records';
import {
  directMail,
  expectOnlyGuardiansMailed,
  forwardedLog,
  GUARDIAN,
  guardianServices,
  lastReplyTo,
  newFamily,
  type OutboxMail,
  PROVIDER,
  replyMail,
  SECOND_GUARDIAN,
} from './guardian-mail-support';
import { type LocalServers, startLocalServers } from './ingest-local-servers';

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

async function familyWithQuietOutbox() {
  const child = await newFamily(services);
  await servers.clearOutbox();
  return child;
}

async function command(to: string, subject: string, options: { text?: string; from?: string } = {}) {
  return services.ingest({
    authentication: DMARC_PASSED,
    bytes: directMail({ from: options.from ?? GUARDIAN, to, subject, text: options.text }),
    recipients: [to],
  });
}

async function onlyMailTo(address: string): Promise<OutboxMail> {
  const sent = (await servers.outbox()) as OutboxMail[];
  expect(sent).toHaveLength(1);
  expect(sent[0]!.destination.to).toEqual([address]);
  return sent[0]!;
}

describe('the welcome mail', () => {
  it('goes to every guardian of a new child once, with the address, what to forward, replies, commands and forwarding set-up', async () => {
    // Act
    const child = await newFamily(services);

    // Assess
    const sent = (await servers.outbox()) as OutboxMail[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    const text = sent[0]!.body.text ?? '';
    expect(sent[0]!.subject).toContain(child.inboundAddress);
    for (const words of [
      'What to forward',
      '2 student absent',
      'delete all data',
      'allow name@school.org',
      'Gmail',
      'Outlook',
      'Create filter',
    ]) {
      expect(text).toContain(words);
    }
    expect(sent[0]!.body.html).toContain('<code>pause</code>');
    expect(await welcomeChild(services, child.id)).toBe(false);
    expect(await servers.outbox()).toHaveLength(1);
  });
});

describe('email commands from a guardian', () => {
  it('help answers the sender alone with the address and the full grammar', async () => {
    const child = await familyWithQuietOutbox();

    const result = await command(child.inboundAddress, 'help');

    expect(result.children[0]).toMatchObject({ status: 'command', answered: true });
    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.body.text).toContain(child.inboundAddress);
    expect(mail.body.text).toContain('1 20 min: entry 1 lasted 20 minutes');
    expect(mail.body.text).toContain('export:');
    expect(mail.replyTo[0]).toBe(child.inboundAddress);
    expect(await services.records.list(child.id)).toEqual([]);
  });

  it('a command on the first line works as well as in the subject, and nothing is recorded from it', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'Re: Maya', { text: 'Summary\n\nthanks' });

    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.subject).toContain('Maya');
    expect(mail.body.text).not.toContain('Recorded for');
  });

  it('summary answers the sender alone with the digest as of today and its calendar', async () => {
    const child = await familyWithQuietOutbox();
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedLog({ to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    await servers.clearOutbox();

    await command(child.inboundAddress, 'summary');

    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.subject).toContain('Maya');
    expect(mail.body.text).toMatch(/speech/i);
    expect(mail.attachments?.map((a) => a.filename)).toEqual(['iep-deadlines.ics']);
  });

  it('export sends a CSV of every record with provenance and confirmation, a calendar and the originals zipped', async () => {
    // Prepare
    const child = await familyWithQuietOutbox();
    const forward = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedLog({ to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    const replyTo = await lastReplyTo(servers);
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: replyMail({ to: replyTo, lines: '1 ok\ndelete 3' }),
      recipients: [replyTo],
    });
    await servers.clearOutbox();

    // Act
    await command(child.inboundAddress, 'export');

    // Assess
    const mail = await onlyMailTo(GUARDIAN);
    const files = Object.fromEntries(
      (mail.attachments ?? []).map((a) => [a.filename, Buffer.from(a.content, 'base64')]),
    );
    expect(Object.keys(files).sort()).toEqual(['deadlines.ics', 'originals.zip', 'records.csv']);
    const rows = parse(files['records.csv']!.toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => [r.date, r.confirmed, r.removed])).toEqual(
      expect.arrayContaining([
        ['2026-11-02', 'yes', 'no'],
        ['2026-11-03', 'no', 'no'],
        ['2026-11-04', 'no', 'yes'],
      ]),
    );
    expect(rows[0]).toMatchObject({ kind: 'session', source_part: 'body', source_message: forward.messageId });
    expect(files['deadlines.ics']!.toString('utf8')).toContain('BEGIN:VCALENDAR');
    const zipped = unzipSync(new Uint8Array(files['originals.zip']!));
    // The forward, the reply and this export request, each as received.
    expect(Object.keys(zipped)).toHaveLength(3);
    const originals = Object.values(zipped).map((bytes) => Buffer.from(bytes).toString('utf8'));
    expect(originals.some((text) => text.includes('Subject: Fwd: UseCases this week'))).toBe(true);
    expect(mail.body.text).toContain('records.csv');
  });

  it('allow NAME@school.org lets a provider write directly; remove stops it again', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'allow Jane.Lee@School.org');
    expect((await services.children.get(child.id))?.allowedSenders).toEqual(['jane.lee@school.org']);
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('jane.lee@school.org may now send');
    const direct = await command(child.inboundAddress, 'Speech', {
      from: 'jane.lee@school.org',
      text: 'Maya had speech today for 30 minutes in a small group.',
    });
    expect(direct.children[0]).toMatchObject({ status: 'recorded', recorded: 1, answered: false });

    await servers.clearOutbox();
    await command(child.inboundAddress, 'remove jane.lee@school.org');
    expect((await services.children.get(child.id))?.allowedSenders).toEqual([]);
    const held = await command(child.inboundAddress, 'Speech again', {
      from: 'jane.lee@school.org',
      text: 'Speech today 30 minutes.',
    });
    expect(held.children[0]?.status).toBe('quarantined');
    await expectOnlyGuardiansMailed(servers, [GUARDIAN, SECOND_GUARDIAN]);
  });

  it('pause and resume stop and restart scheduled emails', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'pause');
    expect(await services.children.get(child.id)).toMatchObject({ paused: true, nextDigestAt: null });
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Paused');

    await servers.clearOutbox();
    await command(child.inboundAddress, 'resume');
    expect((await services.children.get(child.id))?.paused).toBe(false);
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Resumed');
  });

  it('state NY sets the state whose deadline rules apply', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'state ny');

    expect((await services.children.get(child.id))?.state).toBe('NY');
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('NY');
  });

  it('new calendar link answers with a new private feed address and retires the old one', async () => {
    // Prepare
    const withFeeds = guardianServices(servers, { calendarBaseUrl: 'https://calendar.example.org/' });
    const child = await newFamily(withFeeds);
    const old = await calendarLink(withFeeds, child, 'https://calendar.example.org/');
    // The welcome gave the calendar, in both forms, and said what it is.
    const welcome = ((await servers.outbox()) as OutboxMail[])[0]?.body.text ?? '';
    expect(welcome).toContain(`Google Calendar or Outlook ("add calendar from URL"): ${old}`);
    expect(welcome).toContain(old.replace('https://', 'webcal://'));
    expect(welcome).toContain('deadlines and meetings, as a calendar that keeps itself up to date');
    await servers.clearOutbox();

    // Act
    await withFeeds.ingest({
      authentication: DMARC_PASSED,
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'new calendar link' }),
      recipients: [child.inboundAddress],
    });

    // Assess
    const answer = await onlyMailTo(GUARDIAN);
    const link = /https:\/\/calendar\.example\.org\/calendar\/([a-z2-7]+)\.ics/.exec(answer.body.text ?? '');
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    expect(old).not.toContain(token);
    expect((await calendarFeed(withFeeds, token))?.ics).toContain('BEGIN:VCALENDAR');
    const oldToken = /calendar\/([a-z2-7]+)\.ics/.exec(old)?.[1] ?? '';
    expect(await calendarFeed(withFeeds, oldToken)).toBeNull();
    expect(answer.subject).toBe(`New calendar links for ${child.name}`);
    expect(answer.body.text).toContain(
      'The calendar links sent before (in the welcome mail and the weekly summaries) stopped working',
    );
    expect(answer.body.text).toContain(`webcal://calendar.example.org/calendar/${token}.ics`);
  });

  it('new calendar link from a family that never had one gives the links without talk of old ones', async () => {
    // Prepare: a tracker that serves feeds only from now on (the welcome had no calendar)
    const child = await familyWithQuietOutbox();
    const withFeeds = guardianServices(servers, { calendarBaseUrl: 'https://calendar.example.org/' });

    // Act
    await withFeeds.ingest({
      authentication: DMARC_PASSED,
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'new calendar link' }),
      recipients: [child.inboundAddress],
    });

    // Assess
    const answer = await onlyMailTo(GUARDIAN);
    expect(answer.subject).toBe(`Calendar links for ${child.name}`);
    expect(answer.body.text).toMatch(/webcal:\/\/calendar\.example\.org\/calendar\/[a-z2-7]{26}\.ics/);
    expect(answer.body.text).not.toMatch(/stopped working|previous|before/);
  });

  it('the same command delivered twice runs and answers once', async () => {
    const child = await familyWithQuietOutbox();
    const bytes = directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'help' });

    await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });

    await onlyMailTo(GUARDIAN);
  });
});

describe('a family that reads Spanish', () => {
  const contentLanguage = (mail: OutboxMail) =>
    (mail as OutboxMail & { headers?: Array<{ name: string; value: string }> }).headers?.find(
      (header) => header.name === 'Content-Language',
    )?.value;

  it('gets the welcome and the help in Spanish, and "language english" switches back', async () => {
    // Prepare
    const child = await registerChild(services, {
      name: 'Sofía',
      guardians: [GUARDIAN],
      timeZone: 'America/Chicago',
      language: 'es',
    });
    const [welcome] = (await servers.outbox()) as OutboxMail[];
    await servers.clearOutbox();

    // Act
    await command(child.inboundAddress, 'ayuda');
    const help = await onlyMailTo(GUARDIAN);
    await servers.clearOutbox();
    await command(child.inboundAddress, 'language english');
    const switched = await onlyMailTo(GUARDIAN);

    // Assess
    expect(contentLanguage(welcome!)).toBe('es');
    expect(welcome!.body.text).toContain('Qué reenviar');
    expect(welcome!.body.text).toContain('2 ausente');
    expect(welcome!.body.html).toContain('<html lang="es">');
    expect(contentLanguage(help)).toBe('es');
    expect(help.subject).toBe('Cómo funciona la dirección de Sofía');
    expect(help.body.text).toContain('borrar todos los datos');
    expect(contentLanguage(switched)).toBe('en');
    expect(switched.subject).toBe("Sofía's mail is now in English");
    expect((await services.children.get(child.id))?.language).toBe('en');
  });

  it('"idioma español" switches an English family to Spanish and is answered in Spanish', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'Idioma espanol');

    const mail = await onlyMailTo(GUARDIAN);
    expect((await services.children.get(child.id))?.language).toBe('es');
    expect(contentLanguage(mail)).toBe('es');
    expect(mail.subject).toBe('Los mensajes sobre Maya ahora llegan en español');
  });

  it('"resumen" and "exportar" answer with the digest and the deadline calendar in Spanish, and "borrar todos los datos" ends with the "Deleted" email in Spanish', async () => {
    // Prepare: a meeting request on file (California: held within 30 days)
    const child = await registerChild(services, {
      name: 'Sofía',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    await putRecordIfNew(
      { db: servers.db, tableName: servers.tableName, clock: { now: () => new Date('2026-11-06T17:00:00Z') } },
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );
    await servers.clearOutbox();

    // Act: the digest now, then export
    await command(child.inboundAddress, 'resumen');
    const summary = await onlyMailTo(GUARDIAN);
    await servers.clearOutbox();
    await command(child.inboundAddress, 'exportar');

    // Assess
    expect(summary.subject).toMatch(/^Servicios de Sofía, semana del /);
    expect(contentLanguage(summary)).toBe('es');
    expect(summary.body.text).toContain('PRÓXIMAS FECHAS LÍMITE');
    expect(summary.body.text).toContain('Reunión del PEI que usted pidió');
    const exported = await onlyMailTo(GUARDIAN);
    const ics = Buffer.from(exported.attachments?.find((a) => a.filename === 'deadlines.ics')?.content ?? '', 'base64')
      .toString('utf8')
      .replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('X-WR-CALNAME:Sofía: fechas límite del PEI (IEP)');
    expect(ics).toContain('SUMMARY:Sofía: vence: reunión del PEI que usted pidió');
    expect(ics).toContain('Cal. Ed. Code 56343.5');

    // Act: ask to delete, give a wrong code, then the right one
    await servers.clearOutbox();
    await command(child.inboundAddress, 'borrar todos los datos');
    const code = /erase-[a-z2-7]{4}-[a-z2-7]{4}/.exec((await onlyMailTo(GUARDIAN)).body.text ?? '')?.[0];
    await servers.clearOutbox();
    await command(child.inboundAddress, 'Re: Confirme', { text: 'erase-aaaa-bbbb' });
    const refused = await onlyMailTo(GUARDIAN);
    await servers.clearOutbox();
    await command(child.inboundAddress, 'Re: Confirme', { text: code });

    // Assess
    expect(refused.subject).toBe('No se borró nada: ese código no es válido para Sofía');
    expect(contentLanguage(refused)).toBe('es');
    expect(await services.children.get(child.id)).toBeNull();
    const deleted = await onlyMailTo(GUARDIAN);
    expect(deleted.subject).toBe('Borrados: todos los datos de Sofía');
    expect(contentLanguage(deleted)).toBe('es');
    expect(deleted.body.text).toContain('Borramos ahora todo lo guardado sobre Sofía');
    expect(deleted.body.text).toContain('No se guarda nada más.');
  });

  it('"cartas en español" has the digest draft the letters to the school in Spanish; "cartas en inglés" goes back', async () => {
    // Prepare
    const child = await registerChild(services, {
      name: 'Sofía',
      guardians: [GUARDIAN],
      timeZone: 'America/Chicago',
      language: 'es',
    });
    await servers.clearOutbox();

    // Act
    await command(child.inboundAddress, 'Cartas en espanol');
    const chosen = await onlyMailTo(GUARDIAN);
    const stored = (await services.children.get(child.id))?.letterLanguage;
    await servers.clearOutbox();
    await command(child.inboundAddress, 'resumen');
    const digest = await onlyMailTo(GUARDIAN);
    await servers.clearOutbox();
    await command(child.inboundAddress, 'cartas en inglés');
    const back = await onlyMailTo(GUARDIAN);

    // Assess
    expect(stored).toBe('es');
    expect(contentLanguage(chosen)).toBe('es');
    expect(chosen.subject).toBe('Los correos a la escuela sobre Sofía ahora estarán en español');
    expect(chosen.body.text).toContain('Para recibirlos otra vez en inglés, envíe "cartas en inglés".');
    expect(contentLanguage(digest)).toBe('es');
    expect(digest.body.text).toContain('Los correos están en español, como usted pidió.');
    expect(digest.body.text).toContain('Asunto: Copia de la página de servicios del PEI de Sofía');
    expect(digest.body.text).not.toContain("Copy of Sofía's IEP services page");
    expect(digest.body.text).not.toContain('Lo que dice este correo:');
    expect(back.subject).toBe('Los correos a la escuela sobre Sofía ahora estarán en inglés');
    expect(back.body.text).toContain('Debajo de cada uno estará lo que dice en español');
    expect((await services.children.get(child.id))?.letterLanguage).toBe('en');
  });
});

describe('commands are never taken from anyone but a verified guardian', () => {
  it("a stranger's command is held, not run, and only the guardians are told", async () => {
    const child = await familyWithQuietOutbox();

    const result = await command(child.inboundAddress, 'delete all data', { from: 'mallory@example.net' });

    expect(result.children[0]?.status).toBe('quarantined');
    expect(await services.children.get(child.id)).not.toBeNull();
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    expect(sent[0]!.body.text).not.toContain('erase-');
  });

  it("a guardian's command failing DMARC is held like a stranger's and not run", async () => {
    const child = await familyWithQuietOutbox();

    const result = await services.ingest({
      bytes: directMail({ from: GUARDIAN, to: child.inboundAddress, subject: 'pause' }),
      recipients: [child.inboundAddress],
      authentication: receiptAuthentication({ spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' }),
    });

    expect(result.children[0]?.status).toBe('quarantined');
    expect((await services.children.get(child.id))?.paused).toBe(false);
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toContain('failed the sender checks');
    expect(sent[0]!.body.text).not.toContain('Reply "allow"');
  });
});

describe('quarantine notices and allow', () => {
  it('a stranger gets the guardians one notice a day at most; replying allow accepts them and reads what they sent', async () => {
    // Prepare
    const child = await familyWithQuietOutbox();
    const note = (subject: string) =>
      directMail({
        from: PROVIDER,
        to: child.inboundAddress,
        subject,
        text: 'Maya had speech today for 30 minutes in a small group.',
      });

    // Act: two messages the same day
    const first = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: note('Speech Thursday'),
      recipients: [child.inboundAddress],
    });
    const second = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: note('Speech Friday'),
      recipients: [child.inboundAddress],
    });

    // Assess: held, one notice, to the guardians only
    expect([first.children[0]?.status, second.children[0]?.status]).toEqual(['quarantined', 'quarantined']);
    expect(await services.records.list(child.id)).toEqual([]);
    const notices = await servers.outbox();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    expect(notices[0]!.subject).toBe(`${PROVIDER} sent something to Maya's address`);
    expect(notices[0]!.body.text).toContain(
      'Reply "allow" to accept it and future mail from them, or ignore this email.',
    );
    expect((await services.messages.held(child.id)).every((q) => q.guardiansTold)).toBe(true);

    // Act: the guardian replies allow
    const replyTo = await lastReplyTo(servers);
    await servers.clearOutbox();
    const allowed = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: replyMail({ to: replyTo, lines: 'Allow' }),
      recipients: [replyTo],
    });

    // Assess: sender allowed, held mail read, quarantine empty, the guardian told
    expect(allowed.children[0]).toMatchObject({ status: 'reply', answered: true });
    expect((await services.children.get(child.id))?.allowedSenders).toEqual([PROVIDER]);
    expect(await services.messages.held(child.id)).toEqual([]);
    expect((await services.records.list(child.id)).length).toBeGreaterThan(0);
    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.body.text).toContain('2 held messages from them were read now.');
    await expectOnlyGuardiansMailed(servers, [GUARDIAN, SECOND_GUARDIAN]);
  });
});

describe('a reply to a notice that is not allow', () => {
  it('keeps the sender held and says how to allow them', async () => {
    const child = await familyWithQuietOutbox();
    await command(child.inboundAddress, 'Hello', { from: 'coach@league.org', text: 'Practice moved.' });
    const replyTo = await lastReplyTo(servers);
    await servers.clearOutbox();

    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: replyMail({ to: replyTo, lines: 'who is this?' }),
      recipients: [replyTo],
    });

    expect((await services.children.get(child.id))?.allowedSenders).toEqual([]);
    expect(await services.messages.held(child.id)).toHaveLength(1);
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('reply "allow" to the notice');
  });
});

describe('many strangers in a day', () => {
  it('give the guardians ten notices at most; every message is still held', async () => {
    const child = await familyWithQuietOutbox();

    for (let i = 0; i < 12; i++) {
      await command(child.inboundAddress, 'Hello', { from: `stranger${i}@example.net`, text: 'Buy now' });
    }

    expect(await servers.outbox()).toHaveLength(10);
    expect(await services.messages.held(child.id)).toHaveLength(12);
    await expectOnlyGuardiansMailed(servers, [GUARDIAN, SECOND_GUARDIAN]);
  });
});

describe('delete all data', () => {
  it('is answered with a code; replying with the code deletes every record and stored message, and says so', async () => {
    // Prepare
    const child = await familyWithQuietOutbox();
    const forward = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: forwardedLog({ to: child.inboundAddress }),
      recipients: [child.inboundAddress],
    });
    await servers.clearOutbox();

    // Act: ask
    await command(child.inboundAddress, 'delete all data');

    // Assess: a code, nothing deleted yet
    const ask = await onlyMailTo(GUARDIAN);
    const code = /erase-[a-z2-7]{4}-[a-z2-7]{4}/.exec(ask.body.text ?? '')?.[0];
    expect(code).toBeDefined();
    expect(await services.records.list(child.id)).toHaveLength(3);

    // Act: a wrong code first, then the right one as a reply
    await servers.clearOutbox();
    await command(child.inboundAddress, 'Re: Confirm', { text: 'erase-aaaa-bbbb' });
    expect(await services.records.list(child.id)).toHaveLength(3);
    expect((await onlyMailTo(GUARDIAN)).subject).toContain('Not deleted');
    await servers.clearOutbox();
    const done = await services.ingest({
      authentication: DMARC_PASSED,
      bytes: replyMail({ to: child.inboundAddress, lines: code!, subject: 'Re: Confirm: delete all data for Maya' }),
      recipients: [child.inboundAddress],
    });

    // Assess: queued and, in process, deleted at once; the deletion told the guardians
    expect(done.children[0]).toMatchObject({ status: 'command', answered: false });
    expect(await services.children.get(child.id)).toBeNull();
    expect(await services.records.list(child.id, { includeDeleted: true })).toEqual([]);
    expect(await services.messages.list(child.id)).toEqual([]);
    expect(await servers.rawMail.list(forward.rawKey)).toEqual([]);
    expect(await services.children.findByAddress(child.inboundAddress)).toBeNull();
    const sent = await servers.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.destination.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    expect(sent[0]!.subject).toBe('Deleted: all data for Maya');
    expect(sent[0]!.body.text).toContain('Everything kept for Maya was deleted now');
    expect(sent[0]!.body.text).toContain('4 stored messages');
    // No backups here, so none are claimed; nothing else is kept.
    expect(sent[0]!.body.text).not.toContain('backups');
    expect(sent[0]!.body.text).toContain('Nothing else is kept.');
  });
});

describe('done N and dismiss N answering a reminder', () => {
  it('mark the numbered deadlines, kept where the reminders and digest read them', async () => {
    // Prepare: a records request on Nov 2 and a meeting request on Nov 3 (CA rules give both a due day)
    const child = await familyWithQuietOutbox();
    const ctx = {
      db: servers.db,
      tableName: servers.tableName,
      clock: { now: () => new Date('2026-11-06T17:00:00Z') },
    };
    await putRecordIfNew(
      ctx,
      storedRecord(child.id, 'date', { type: 'records-request', date: '2026-11-02', end: null }),
    );
    await putRecordIfNew(
      ctx,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-03', end: null }),
    );
    const listed = await childDeadlines(services, child.id, '2026-11-06');
    expect(listed.length).toBeGreaterThanOrEqual(2);

    // Act
    await command(child.inboundAddress, 'Re: Deadline reminder', { text: 'done 1\ndismiss #2' });

    // Assess
    const marks = await listDeadlineMarks(ctx, child.id);
    expect(marks.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { id: listed[1]!.id, action: 'dismiss', on: '2026-11-06' },
      { id: listed[0]!.id, action: 'done', on: '2026-11-06' },
    ]);
    const after = await childDeadlines(services, child.id, '2026-11-06');
    expect(after.map((d) => d.status)).toEqual(expect.arrayContaining(['dismissed']));
    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.subject).toBe('Deadlines updated for Maya');
    expect(mail.body.text).toContain('marked done today');
  });

  it('a number with no deadline changes nothing and is quoted back', async () => {
    const child = await familyWithQuietOutbox();

    await command(child.inboundAddress, 'Re: Deadline reminder', { text: 'done 4' });

    const ctx = { db: servers.db, tableName: servers.tableName, clock: { now: () => new Date() } };
    expect(await listDeadlineMarks(ctx, child.id)).toEqual([]);
    expect((await onlyMailTo(GUARDIAN)).body.text).toContain('> done 4  (there is no deadline 4)');
  });
});

describe('add 11/2 referral: a day only the parent knows', () => {
  it('records the referral, confirmed, and answers with the deadline it starts', async () => {
    // Prepare: a California family; today is Fri 2026-11-06.
    const child = await familyWithQuietOutbox();

    // Act
    await command(child.inboundAddress, 'Referral', { text: 'add 11/2 referral' });

    // Assess: the referral is kept as the parent's own, confirmed; it starts 56321(a), due Tue 11-17.
    const records = await services.records.list(child.id);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'date', type: 'referral', date: '2026-11-02', end: null, confirmed: true }),
    ]);
    const deadlines = await childDeadlines(services, child.id, '2026-11-06');
    expect(deadlines.map((d) => [d.ruleId, d.due, d.status])).toEqual([['ca-assessment-plan', '2026-11-17', 'open']]);
    const mail = await onlyMailTo(GUARDIAN);
    expect(mail.subject).toBe('Deadlines updated for Maya');
    expect(mail.body.text).toContain('Added: Mon Nov 2 · Referral for evaluation received by the school.');
    expect(mail.body.text).toContain('Deadline 1: assessment plan after your referral, due');
    expect(mail.body.text).toContain('November 17, 2026');
  });

  it('in Spanish too, and the same mail delivered twice adds one referral', async () => {
    // Prepare
    const child = await familyWithQuietOutbox();
    const bytes = directMail({
      from: GUARDIAN,
      to: child.inboundAddress,
      subject: 'Remisión',
      text: 'agregar 2 de noviembre remisión',
    });

    // Act
    for (let i = 0; i < 2; i += 1) {
      await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
    }

    // Assess
    const records = await services.records.list(child.id);
    expect(records.map((r) => [r.kind, r.kind === 'date' ? r.type : null, r.kind === 'date' ? r.date : null])).toEqual([
      ['date', 'referral', '2026-11-02'],
    ]);
  });
});
