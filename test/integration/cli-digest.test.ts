// `iep digest` and `iep deadlines` as an operator runs them against a running local stack: the
// numbers printed are worked out here by hand from a known record set, and `--send` lands in the outbox.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { createDynamoClient } from '../../shared/adapters/dynamodb-table';
import { systemClock } from '../../shared/ports/clock';
import { registerChild } from '../../shared/replies/welcome';
import { putRecordIfNew } from '../../shared/store/records';
import type { TableContext } from '../../shared/store/table-context';
import { runIep } from '../support/run-iep';
import { storedRecord } from '../support/stored-records';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const folders: string[] = [];

/** The IEP's speech: 2 x 30 min a week, from Mon Nov 2. */
const speechTwiceAWeek = (childId: string) =>
  storedRecord(childId, 'requirement', {
    service: 'speech-language',
    delivery: 'individual',
    sessions: 2,
    minutes: 30,
    totalMinutes: 60,
    per: 'week',
    location: 'separate',
    start: '2026-11-02',
    end: null,
  });
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('iep digest and iep deadlines on a running local stack', () => {
  let stack: LocalStack;
  let dataDir: string;
  let table: TableContext;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'iep-digest-'));
    folders.push(dataDir);
    const config = readLocalConfig(
      { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
      process.cwd(),
    );
    stack = await startLocalStack(config);
    table = {
      db: createDynamoClient({ ...stack.store, region: 'local' }),
      tableName: config.tableName,
      clock: systemClock,
    };
  });

  afterAll(async () => {
    table?.db.destroy();
    await stack?.stop();
  });

  it('prints the week and school-year minutes worked out by hand', async () => {
    // Prepare: speech 2 x 30 min a week from Mon Nov 2, no closures. Weeks Nov 2, 9, 16 (to Fri Nov 20).
    const child = await registerChild(stack.services, {
      name: 'Maya Rivera',
      guardians: ['ana.rivera@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const speech = (
      date: string,
      status: 'delivered' | 'missed',
      reason: 'provider-absent' | 'student-absent' | null,
    ) =>
      storedRecord(child.id, 'session', {
        date,
        service: 'speech-language',
        minutes: 30,
        delivery: 'individual',
        location: 'separate',
        status,
        reason,
      });
    const records = [
      speechTwiceAWeek(child.id),
      speech('2026-11-04', 'delivered', null),
      speech('2026-11-06', 'delivered', null),
      speech('2026-11-10', 'missed', 'provider-absent'),
      speech('2026-11-16', 'delivered', null),
      speech('2026-11-18', 'missed', 'student-absent'),
    ];
    for (const record of records) await putRecordIfNew(table, record);

    // Act
    const run = await runIep(dataDir, ['digest', '--child', child.inboundAddress, '--as-of', '2026-11-20', '--json']);

    // Assess: this week 60 required (5 of 5 days), 30 delivered, 30 missed by the student, nothing owed
    // or unaccounted. The school year (Nov 2-20: 15 weekdays less Veterans Day, closed in California:
    // 14 school days) 168 required, 90 delivered, 30 missed by the provider (owed), 30 by the student,
    // 168 - 90 - 60 = 18 with no record, all of it Nov 2-3 (24 min due), before the first log (Nov 4):
    // tracking began then, so not tracked yet rather than not reported.
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(Object.keys(model)).toEqual(
      expect.arrayContaining([
        'child',
        'asOf',
        'week',
        'schoolYear',
        'services',
        'flags',
        'aideGaps',
        'settingEvents',
        'deadlines',
        'unconfirmed',
        'drafts',
      ]),
    );
    expect(model.child).toBe('Maya');
    expect(model.week).toEqual({ start: '2026-11-16', end: '2026-11-20' });
    expect(model.services).toHaveLength(1);
    const [figures] = model.services;
    expect(figures.countedFrom).toBe('2026-11-02');
    expect(figures.service).toBe('speech-language');
    expect(figures.week).toMatchObject({
      requiredMinutes: 60,
      deliveredMinutes: 30,
      missedMinutes: { 'student-absent': 30 },
      owedMinutes: 0,
      unaccountedMinutes: 0,
    });
    expect(figures.schoolYear).toMatchObject({
      requiredMinutes: 168,
      deliveredMinutes: 90,
      missedMinutes: { 'provider-absent': 30, 'student-absent': 30 },
      missedSchoolSideMinutes: 30,
      missedChildSideMinutes: 30,
      owedMinutes: 30,
      notReportedMinutes: 0,
      notTrackedMinutes: 18,
    });
    expect(model.flags.map((f: { kind: string; service: string | null }) => [f.kind, f.service])).toContainEqual([
      'owed',
      'speech-language',
    ]);
    // The figures behind each flag, not words: the email puts them in the family's language.
    for (const flag of model.flags) expect(flag.evidence.kind).toBe(flag.kind);
    expect(model.unconfirmed).toBe(0);
  });

  it('sends the digest to the guardians once per week, with the calendar attached', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Leo',
      guardians: ['leo.parent@example.com'],
      timeZone: 'America/New_York',
    });
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'requirement', {
        service: 'occupational-therapy',
        delivery: null,
        sessions: null,
        minutes: null,
        totalMinutes: 120,
        per: 'month',
        location: null,
        start: '2026-09-01',
        end: null,
      }),
    );
    const args = ['digest', '--child', child.inboundAddress, '--as-of', '2026-11-20', '--send'];

    // Act
    const first = await runIep(dataDir, args);
    const second = await runIep(dataDir, args);

    // Assess
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Sent the digest for the week of 2026-11-16/);
    expect(second.stdout).toMatch(/already sent/);
    const sent = stack.outbox
      .list()
      .mails.filter((mail) => mail.to.includes('leo.parent@example.com') && mail.attachments.length > 0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/Leo/);
    expect(sent[0]?.attachments.map((a) => a.filename)).toEqual(['iep-deadlines.ics']);
    expect(Buffer.from(sent[0]?.attachments[0]?.base64 ?? '', 'base64').toString()).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('writes the HTML and prints the text of the digest', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Ada',
      guardians: ['ada.parent@example.com'],
      timeZone: 'America/Chicago',
    });

    // Act
    const text = await runIep(dataDir, ['digest', '--child', child.inboundAddress, '--as-of', '2026-11-20', '--text']);
    const html = await runIep(dataDir, [
      'digest',
      '--child',
      child.inboundAddress,
      '--as-of',
      '2026-11-20',
      '--html',
      'd.html',
    ]);

    // Assess
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Subject: .*Ada/);
    expect(html.code).toBe(0);
    expect(readFileSync(join(dataDir, 'd.html'), 'utf8')).toMatch(/<html/i);
  });

  it("prints and sends a Spanish-reading family's digest in Spanish", async () => {
    // Prepare: speech 2 x 30 min a week from Nov 2; the Nov 17 session missed, the provider absent
    const child = await registerChild(stack.services, {
      name: 'Sofía',
      guardians: ['sofia.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
      language: 'es',
    });
    await putRecordIfNew(table, speechTwiceAWeek(child.id));
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'session', {
        date: '2026-11-17',
        service: 'speech-language',
        minutes: 30,
        delivery: 'individual',
        location: 'separate',
        status: 'missed',
        reason: 'provider-absent',
      }),
    );
    const digest = (...mode: string[]) =>
      runIep(dataDir, ['digest', '--child', child.inboundAddress, '--as-of', '2026-11-20', ...mode]);

    // Act
    const text = await digest('--text');
    const html = await digest('--html', 'sofia.html');
    const sent = await digest('--send');

    // Assess
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Subject: Servicios de Sofía, semana del 16 nov: /);
    expect(text.stdout).toContain('LO QUE NECESITA ATENCIÓN');
    expect(text.stdout).toContain('Esta semana (16–20 nov): le correspondían 60 min');
    expect(text.stdout).toContain('perdidos por parte de la escuela (faltó quien da el servicio)');
    expect(text.stdout).not.toContain('What needs attention');
    // The letter to the school in English, and what it says in Spanish beside it.
    expect(text.stdout).toContain('Missed speech-language therapy sessions for Sofía and make-up time');
    expect(text.stdout).toContain('Lo que dice este correo:');
    expect(text.stdout).toContain('Sesiones de terapia de habla y lenguaje perdidas de Sofía y tiempo compensatorio');
    expect(html.code).toBe(0);
    const page = readFileSync(join(dataDir, 'sofia.html'), 'utf8');
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Servicios esta semana y en el año escolar');
    expect(sent.stdout).toMatch(/Sent the digest for the week of 2026-11-16/);
    const [mail] = stack.outbox
      .list()
      .mails.filter((m) => m.to.includes('sofia.parent@example.com') && m.attachments.length > 0);
    expect(mail?.subject).toMatch(/^Servicios de Sofía, semana del 16 nov/);
    expect(mail?.headers['Content-Language']).toBe('es');
    const ics = Buffer.from(mail?.attachments[0]?.base64 ?? '', 'base64').toString();
    expect(ics).toContain('X-WR-CALNAME:Sofía: fechas límite del PEI (IEP)');

    // Act: the family chooses to send the letters in Spanish
    const set = await runIep(dataDir, ['family', 'set', '--child', child.inboundAddress, '--letters', 'es']);
    const spanishLetters = await digest('--text');

    // Assess
    expect(set.code).toBe(0);
    expect(spanishLetters.stdout).toContain('Los correos están en español, como usted pidió.');
    expect(spanishLetters.stdout).toContain(
      'Asunto: Sesiones de terapia de habla y lenguaje perdidas de Sofía y tiempo compensatorio',
    );
    expect(spanishLetters.stdout).not.toContain('Missed speech-language therapy sessions for Sofía');
    expect(spanishLetters.stdout).not.toContain('Lo que dice este correo:');
  });

  it('refuses a date that is not a calendar date', async () => {
    // Act
    const run = await runIep(dataDir, ['digest', '--child', 'x@inbound.localhost', '--as-of', '2026-02-30', '--json']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a calendar date/);
  });

  it("counts a California parent's meeting and records requests of Mon Nov 2, and a meeting set for Nov 30 meets the first", async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Rosa',
      guardians: ['rosa.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'date', { type: 'meeting-request', date: '2026-11-02', end: null }),
    );
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'date', { type: 'records-request', date: '2026-11-02', end: null }),
    );
    const args = ['deadlines', '--child', child.inboundAddress, '--as-of', '2026-11-03', '--json'];

    // Act
    const before = JSON.parse((await runIep(dataDir, args)).stdout);
    await putRecordIfNew(
      table,
      storedRecord(child.id, 'date', { type: 'meeting-scheduled', date: '2026-11-30', end: null }),
    );
    const after = JSON.parse((await runIep(dataDir, args)).stdout);

    // Assess: 30 calendar days from Nov 2 is Dec 2; 5 business days is Nov 9.
    const row = (rows: Array<{ type: string; citation?: string }>, type: string) => rows.find((r) => r.type === type);
    expect(Object.keys(before[0]).sort()).toEqual([
      'citation',
      'due',
      'estimated',
      'from',
      'jurisdiction',
      'mayMove',
      'rule',
      'status',
      'type',
    ]);
    expect(row(before, 'meeting-request')).toMatchObject({ from: '2026-11-02', due: '2026-12-02', status: 'open' });
    expect(row(before, 'records-request')).toMatchObject({ from: '2026-11-02', due: '2026-11-09', status: 'open' });
    expect(row(after, 'meeting-request')).toMatchObject({ due: '2026-12-02', status: 'met' });
    expect(row(after, 'meeting-request')?.citation).toMatch(/56343\.5/);
  });

  it('a referral the parent sends in (`iep ingest` of "add 11/2/2026 referral") starts the assessment-plan deadline; `iep extract` prints no referral', async () => {
    // Prepare: a California family; the parent's own mail to the child's address.
    const child = await registerChild(stack.services, {
      name: 'Rita',
      guardians: ['rita.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const mail = join(dataDir, 'referral.eml');
    writeFileSync(
      mail,
      [
        'From: Rita Parent <rita.parent@example.com>',
        `To: ${child.inboundAddress}`,
        'Subject: Referral',
        'Date: Tue, 03 Nov 2026 08:30:00 -0800',
        'Message-ID: <referral-1@example.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'add 11/2/2026 referral',
        '',
      ].join('\r\n'),
    );

    // Act
    const ingested = await runIep(dataDir, ['ingest', '--to', child.inboundAddress, mail]);
    const rows = JSON.parse(
      (await runIep(dataDir, ['deadlines', '--child', child.inboundAddress, '--as-of', '2026-11-03', '--json'])).stdout,
    );
    const extracted = JSON.parse((await runIep(dataDir, ['extract', mail])).stdout);

    // Assess: Ed. Code 56321(a), 15 days from Mon 11-02 → Tue 11-17.
    expect(ingested.code).toBe(0);
    expect(rows).toEqual([
      expect.objectContaining({
        type: 'referral',
        from: '2026-11-02',
        due: '2026-11-17',
        status: 'open',
        citation: 'Cal. Ed. Code 56321(a)',
        jurisdiction: 'CA',
      }),
    ]);
    expect(extracted.dates).toEqual([]);
  });

  it('shows estimated days and state or federal wording: an Illinois family and one in a state not covered', async () => {
    // Prepare: Illinois, consent Thu 2026-10-01 and a records request Mon 2026-11-02, nothing recorded about
    // the school's calendar; Wyoming (no rules of its own here), a records request the same day.
    const illinois = await registerChild(stack.services, {
      name: 'Ines',
      guardians: ['ines.parent@example.com'],
      timeZone: 'America/Chicago',
      state: 'IL',
    });
    const wyoming = await registerChild(stack.services, {
      name: 'Wes',
      guardians: ['wes.parent@example.com'],
      timeZone: 'America/Denver',
      state: 'WY',
    });
    for (const [childId, type, date] of [
      [illinois.id, 'evaluation-consent', '2026-10-01'],
      [illinois.id, 'records-request', '2026-11-02'],
      [wyoming.id, 'records-request', '2026-11-02'],
    ] as const) {
      await putRecordIfNew(table, storedRecord(childId, 'date', { type, date, end: null }));
    }

    // Act
    const il = JSON.parse(
      (await runIep(dataDir, ['deadlines', '--child', illinois.inboundAddress, '--as-of', '2026-11-03', '--json']))
        .stdout,
    );
    const wy = JSON.parse(
      (await runIep(dataDir, ['deadlines', '--child', wyoming.inboundAddress, '--as-of', '2026-11-03', '--json']))
        .stdout,
    );
    const text = await runIep(dataDir, ['deadlines', '--child', illinois.inboundAddress, '--as-of', '2026-11-03']);

    // Assess: records within 10 business days (Veterans Day skipped) → Tue 11-17, Illinois law; 60 school
    // days from 10-01 with holidays and breaks unknown → Tue 2027-01-19, estimated.
    const row = (rows: Array<{ type: string }>, type: string) => rows.find((r) => r.type === type);
    expect(row(il, 'records-request')).toMatchObject({
      due: '2026-11-17',
      citation: '105 ILCS 10/5(c)',
      jurisdiction: 'IL',
      estimated: false,
    });
    expect(row(il, 'evaluation-consent')).toMatchObject({ due: '2027-01-19', jurisdiction: 'IL', estimated: true });
    expect(row(wy, 'records-request')).toMatchObject({ due: '2026-12-17', jurisdiction: 'US' });
    expect((row(wy, 'records-request') as unknown as { rule: string }).rule).toContain(
      'Federal minimum; your state may set a shorter or different timeline.',
    );
    expect(text.stdout).toContain('due 2027-01-19 (estimated)');
    expect(text.stdout).toContain('may be earlier if the school was open on days');
  });

  it('sets the digest to Friday 16:00 in the family zone', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Sam',
      guardians: ['sam.parent@example.com'],
      timeZone: 'America/Los_Angeles',
    });

    // Act
    const run = await runIep(dataDir, ['family', 'set', '--child', child.inboundAddress, '--digest', 'fri 16:00']);
    const bad = await runIep(dataDir, ['family', 'set', '--child', child.inboundAddress, '--digest', 'fri 16:30']);

    // Assess
    expect(run.code).toBe(0);
    const updated = await stack.services.children.get(child.id);
    expect(updated?.digest).toEqual({ weekday: 5, hour: 16 });
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(new Date(updated?.nextDigestAt ?? 0));
    expect(local).toMatch(/^Fri,? 16$/);
    expect(bad.code).toBe(2);
  });
  it('sets the school year, shows it in `family list` and its JSON, clears it with none, refuses a reversed range', async () => {
    // Prepare
    const child = await registerChild(stack.services, {
      name: 'Ada',
      guardians: ['ada.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const address = child.inboundAddress;

    // Act
    const set = await runIep(dataDir, ['family', 'set', '--child', address, '--school-year', '2026-08-19..2027-06-11']);
    const listed = await runIep(dataDir, ['family', 'list']);
    const json = await runIep(dataDir, ['family', 'list', '--json']);
    const reversed = await runIep(dataDir, [
      'family',
      'set',
      '--child',
      address,
      '--school-year',
      '2027-06-11..2026-08-19',
    ]);
    const nothing = await runIep(dataDir, ['family', 'set', '--child', address]);
    const stored = await stack.services.children.get(child.id);
    const cleared = await runIep(dataDir, ['family', 'set', '--child', address, '--school-year', 'none']);

    // Assess
    expect(set.code).toBe(0);
    expect(set.stdout).toBe("Ada's school year: Aug 19, 2026 to Jun 11, 2027, as set for the family.");
    expect(listed.stdout).toContain('school year: Aug 19, 2026 to Jun 11, 2027, as set for the family');
    const row = (JSON.parse(json.stdout) as Array<{ childId: string; schoolYear: unknown }>).find(
      (r) => r.childId === child.id,
    );
    expect(row?.schoolYear).toEqual({ firstDay: '2026-08-19', lastDay: '2027-06-11' });
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--school-year');
    expect(nothing.code).toBe(2);
    expect(stored?.schoolYear).toEqual({ firstDay: '2026-08-19', lastDay: '2027-06-11' });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(/^Ada's school year: about .* \(estimated from usual California dates/);
    expect((await stack.services.children.get(child.id))?.schoolYear).toBeNull();
  });
});
