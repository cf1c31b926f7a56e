// A family's phone-only round trip through the local stack as `npm start` runs it: SMTP in, the
// embedded store on disk, the SES-compatible outbox: forward, reply with corrections, a command.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getStoreReadonly } from 'aws-ses-v2-local/dist/store';
import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { registerChild } from '../../shared/replies/welcome';
import {
  CODED_LOG,
  CODED_LOG_NOT_READ,
  directMail,
  forwardedLog,
  GUARDIAN,
  PROVIDER,
  replyMail,
  SECOND_GUARDIAN,
  UNNAMED_WHERE_ES,
  UNREADABLE_FORWARD_ES,
  unreadableForward,
} from './guardian-mail-support';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let dir: string;
let stack: LocalStack;
let smtp: Transporter;

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A new family with one guardian whose forward was answered (the answer's subject starts so). */
async function familyWithAnsweredForward(name: string, answerSubject: string, language?: 'es') {
  const child = await registerChild(stack.services, {
    name,
    guardians: [GUARDIAN],
    timeZone: 'America/Los_Angeles',
    state: 'CA',
    ...(language ? { language } : {}),
  });
  await smtp.sendMail({
    envelope: { from: GUARDIAN, to: [child.inboundAddress] },
    raw: Buffer.from(forwardedLog({ to: child.inboundAddress })),
  });
  const answer = await waitFor(() => stack.outbox.list().mails.find((mail) => mail.subject.startsWith(answerSubject)));
  return { child, answer };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iep-replies-stack-'));
  stack = await startLocalStack(
    readLocalConfig(
      { IEP_DATA_DIR: dir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0' },
      process.cwd(),
    ),
  );
  smtp = createTransport({ host: '127.0.0.1', port: stack.ports.smtp, ignoreTLS: true, pool: true, maxConnections: 1 });
});

afterAll(async () => {
  smtp?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a family on the local stack, by mail only', () => {
  it('is welcomed, forwards a log, corrects it by reply, and asks for help', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Maya',
      guardians: [GUARDIAN, SECOND_GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const welcome = stack.outbox.list().mails.find((mail) => mail.subject.includes(child.inboundAddress));
    expect(welcome?.to.sort()).toEqual([GUARDIAN, SECOND_GUARDIAN].sort());
    const address = child.inboundAddress;

    // Act: forward, then reply to the answer's Reply-To
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(forwardedLog({ to: address })),
    });
    const answer = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.subject.startsWith('Recorded for Maya')),
    );
    const replyTo = answer.replyTo[0] ?? '';
    expect(replyTo).toContain('+');
    const before = stack.outbox.list().mails.length;
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [replyTo] },
      raw: Buffer.from(
        replyMail({ to: replyTo, lines: '1 20 min\n2 provider absent\ndelete 3\nadd Thu speech 30 min individual' }),
      ),
    });
    const result = await waitFor(() =>
      stack.outbox
        .list()
        .mails.slice(before)
        .find((mail) => mail.subject.startsWith('Updated for Maya')),
    );
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(directMail({ from: GUARDIAN, to: address, subject: 'help' })),
    });
    const help = await waitFor(() => stack.outbox.list().mails.find((mail) => mail.subject.startsWith('How Maya')));

    // Assess: records
    const records = await stack.services.records.list(child.id);
    const sessions = records.flatMap((r) => (r.kind === 'session' ? [r] : []));
    expect(sessions.map((s) => [s.date, s.minutes, s.status, s.reason, s.confirmed])).toEqual(
      expect.arrayContaining([
        ['2026-11-02', 20, 'delivered', null, true],
        ['2026-11-03', 45, 'missed', 'provider-absent', true],
      ]),
    );
    expect(sessions.some((s) => s.date === '2026-11-04')).toBe(false);
    expect(sessions).toHaveLength(3);
    // Assess: outbox, guardians only
    expect(result.to).toEqual([GUARDIAN]);
    expect(result.text).toContain('4. ');
    expect(help.to).toEqual([GUARDIAN]);
    for (const mail of stack.outbox.list().mails) {
      for (const to of mail.to) expect([GUARDIAN, SECOND_GUARDIAN]).toContain(to);
    }
  });

  it('answers a Spanish-reading family in Spanish, and "1 ausente" marks item 1 missed because the student was absent', async () => {
    // Prepare, and act: forward, then reply "1 ausente" to the answer's Reply-To
    const { child, answer } = await familyWithAnsweredForward('Sofía', 'Guardado para Sofía', 'es');
    const before = stack.outbox.list().mails.length;
    const replyTo = answer.replyTo[0] ?? '';
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [replyTo] },
      raw: Buffer.from(replyMail({ to: replyTo, lines: '1 ausente' })),
    });
    const result = await waitFor(() =>
      stack.outbox
        .list()
        .mails.slice(before)
        .find((mail) => mail.subject.startsWith('Actualizado para Sofía')),
    );

    // Assess
    expect(answer.headers['Content-Language']).toBe('es');
    expect(answer.text).toContain('¿Está bien? Responda a este correo con:');
    expect(answer.text).toContain('1 ausente: la sesión 1 no se dio porque el alumno faltó');
    expect(answer.text).toContain('1. lun, 2 de nov · Habla y lenguaje · 30 min · en grupo');
    expect(answer.html).toContain('<html lang="es">');
    const sessions = (await stack.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    const first = sessions.find((s) => s.date === '2026-11-02');
    expect([first?.status, first?.reason, first?.confirmed]).toEqual(['missed', 'student-absent', true]);
    expect(result.headers['Content-Language']).toBe('es');
    expect(result.text).toContain('Así quedan ahora:');
    expect(result.text).toContain('La línea 1 se corrigió: lun, 2 de nov · Habla y lenguaje · 30 min · en grupo');
    expect(result.text).toContain('no se dio (el alumno faltó) (confirmada)');
  });

  it("answers a Spanish-reading family's commands and tells it of a stranger's mail in Spanish", async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Lucía',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    const address = child.inboundAddress;
    const before = stack.outbox.list().mails.length;
    const since = () => stack.outbox.list().mails.slice(before);

    // Act: "pausa" from the guardian, then mail from someone not allowed
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(directMail({ from: GUARDIAN, to: address, subject: 'pausa' })),
    });
    const paused = await waitFor(() => since().find((mail) => mail.subject.startsWith('En pausa')));
    await smtp.sendMail({
      envelope: { from: PROVIDER, to: [address] },
      raw: Buffer.from(directMail({ from: PROVIDER, to: address, subject: 'Terapia del lunes' })),
    });
    const notice = await waitFor(() => since().find((mail) => mail.subject.includes('envió algo')));

    // Assess
    expect(paused.subject).toBe('En pausa: los correos programados sobre Lucía');
    expect(paused.headers['Content-Language']).toBe('es');
    expect(paused.text).toContain('Para recibirlos otra vez, envíe "reanudar".');
    expect((await stack.services.children.get(child.id))?.paused).toBe(true);
    expect(notice.subject).toBe(`${PROVIDER} envió algo a la dirección de Lucía`);
    expect(notice.headers['Content-Language']).toBe('es');
    expect(notice.text).toContain('Responda "permitir" para aceptarlo');
  });

  it('tells a Spanish-reading family in Spanish what could not be read: the message cut off, a file that is not what it says, a file without a name', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Valeria',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    const before = stack.outbox.list().mails.length;

    // Act: the forward's services.pdf is really a web page
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [child.inboundAddress] },
      raw: Buffer.from(unreadableForward({ to: child.inboundAddress })),
    });
    const answer = await waitFor(() =>
      stack.outbox
        .list()
        .mails.slice(before)
        .find((mail) => mail.subject.includes('Valeria')),
    );

    // Assess
    expect(answer.headers['Content-Language']).toBe('es');
    expect(answer.text).toContain('Problemas al leerlo:');
    expect(answer.text).toContain(UNREADABLE_FORWARD_ES);
    expect(answer.text).toContain(UNNAMED_WHERE_ES);
    expect(answer.text).not.toMatch(/not a real PDF|looks cut off|no name|attachment-2/);
  });

  it('quotes each row of a log it cannot read with the line that adds it, and adds the row the guardian sends back', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Ari',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const address = child.inboundAddress;

    // Act: forward the log, then reply with one of the suggested lines, the service filled in
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(forwardedLog({ to: address, text: CODED_LOG, signature: 'Jane' })),
    });
    const answer = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.subject.startsWith('Nothing recorded for Ari')),
    );
    const recordsBefore = await stack.services.records.list(child.id);
    const before = stack.outbox.list().mails.length;
    const replyTo = answer.replyTo[0] ?? '';
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [replyTo] },
      raw: Buffer.from(replyMail({ to: replyTo, lines: CODED_LOG_NOT_READ[0][1].replace('SERVICE', 'speech') })),
    });
    const result = await waitFor(() =>
      stack.outbox
        .list()
        .mails.slice(before)
        .find((mail) => mail.subject.startsWith('Updated for Ari')),
    );

    // Assess: the answer
    expect(answer.subject).toContain('5 not read');
    expect(answer.text).toContain('Not read: these lines look like session reports but I could not read them.');
    for (const [row, reply] of CODED_LOG_NOT_READ)
      expect(answer.text).toContain(`“${row}” (in the message)\n    ${reply}`);
    expect(answer.text).not.toContain('Nothing about');
    // Assess: the reply added the one session, confirmed
    expect(recordsBefore).toEqual([]);
    const sessions = (await stack.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    expect(sessions.map((s) => [s.date, s.service, s.minutes, s.status, s.confirmed])).toEqual([
      ['2026-10-05', 'speech-language', 30, 'delivered', true],
    ]);
    expect(result.text).toContain('added');
  });

  it('suggests those lines to a Spanish-reading family in Spanish, and adds the row sent back with a Spanish service name', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Ana',
      guardians: [GUARDIAN],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    const address = child.inboundAddress;

    // Act: forward the log, then reply with the first suggested line, the service written in Spanish
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(forwardedLog({ to: address, text: CODED_LOG, signature: 'Jane' })),
    });
    const answer = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.subject.startsWith('No se guardó nada para Ana')),
    );
    const before = stack.outbox.list().mails.length;
    const replyTo = answer.replyTo[0] ?? '';
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [replyTo] },
      raw: Buffer.from(replyMail({ to: replyTo, lines: 'agregar 10/5/2026 terapia del habla 30 min' })),
    });
    await waitFor(() =>
      stack.outbox
        .list()
        .mails.slice(before)
        .find((mail) => mail.subject.startsWith('Actualizado para Ana')),
    );

    // Assess
    expect(answer.headers['Content-Language']).toBe('es');
    expect(answer.text).toContain('donde dice SERVICIO o MINUTOS');
    expect(answer.text).toContain('“10/05/2026 | ZQ | K7 | 30” (en el mensaje)\n    agregar 10/5/2026 SERVICIO 30 min');
    expect(answer.text).toContain('agregar 10/12/2026 SERVICIO MINUTOS min');
    expect(answer.text).not.toMatch(/\badd \d|SERVICE/);
    const sessions = (await stack.services.records.list(child.id)).flatMap((r) => (r.kind === 'session' ? [r] : []));
    expect(sessions.map((s) => [s.date, s.service, s.minutes, s.status, s.confirmed])).toEqual([
      ['2026-10-05', 'speech-language', 30, 'delivered', true],
    ]);
  });
});

describe('delete all data on the local stack', () => {
  it('deletes the family, and the outbox keeps no copy of its mail but the "Deleted" email; other families keep theirs', async () => {
    // Prepare: a family whose forward was answered
    const { child } = await familyWithAnsweredForward('Lena', 'Recorded for Lena');
    const address = child.inboundAddress;
    const aboutLena = (text: string) => text.includes(address.split('@')[0] ?? '-');
    const others = stack.outbox.list().mails.filter((mail) => !aboutLena(JSON.stringify(mail)));
    expect(others.length).toBeGreaterThan(0);

    // Act: ask, then reply with the code
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(directMail({ from: GUARDIAN, to: address, subject: 'delete all data' })),
    });
    const ask = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.subject.startsWith('Confirm: delete')),
    );
    const code = /erase-[a-z2-7]{4}-[a-z2-7]{4}/.exec(ask.text)?.[0] ?? '';
    await smtp.sendMail({
      envelope: { from: GUARDIAN, to: [address] },
      raw: Buffer.from(replyMail({ to: address, lines: code, subject: 'Re: Confirm: delete all data for Lena' })),
    });
    const deleted = await waitFor(() =>
      stack.outbox.list().mails.find((mail) => mail.subject === 'Deleted: all data for Lena'),
    );

    // Assess
    expect(await stack.services.children.get(child.id)).toBeNull();
    expect(deleted.text).toContain('Nothing else is kept.');
    const kept = stack.outbox.list().mails;
    expect(kept.filter((mail) => aboutLena(JSON.stringify(mail))).map((mail) => mail.subject)).toEqual([
      'Deleted: all data for Lena',
    ]);
    expect(kept.filter((mail) => !aboutLena(JSON.stringify(mail)))).toEqual(others);
    const page = getStoreReadonly().emails;
    expect(page.filter((mail) => aboutLena(JSON.stringify(mail))).map((mail) => mail.subject)).toEqual([
      'Deleted: all data for Lena',
    ]);
  });
});
