// The digest of the development corpus, end to end through the local stack: a family whose
// guardians are the corpus's receives every message, then `iep digest --as-of 2026-11-20 --json`
// is checked for its shape and against minutes worked out here from the records actually stored
// (the extraction keeps improving, so the expected numbers are derived from what it stored, by a
// different and simpler route than the digest's). `--send` puts the email in the outbox.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../local/cli/main';
import { readLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';
import { registerChild } from '../../shared/replies/welcome';
import type { StoredRecord } from '../../shared/store/records';
import { DMARC_PASSED } from '../support/authentication';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const CORPUS = resolve(process.cwd(), '../shared/corpus/dev');
const present = existsSync(join(CORPUS, 'corpus.json'));
if (!present) console.warn(`corpus digest test skipped: ${CORPUS} does not exist`);

const WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
/** The weekdays of November 2026. */
const NOVEMBER = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`).filter(
  (day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()),
);

interface Figures {
  requiredMinutes: number;
  deliveredMinutes: number;
  missedMinutes: Record<string, number>;
  owedMinutes: number;
  unaccountedMinutes: number;
}

describe.skipIf(!present)('the digest of the development corpus', () => {
  let stack: LocalStack;
  let dataDir: string;
  let address: string;
  let guardians: string[];
  let childId: string;

  async function iep(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { IEP_DATA_DIR: dataDir },
      cwd: dataDir,
    });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  beforeAll(async () => {
    const corpus = JSON.parse(readFileSync(join(CORPUS, 'corpus.json'), 'utf8')) as {
      tz: string;
      child: string;
      guardians: string[];
    };
    guardians = corpus.guardians;
    dataDir = mkdtempSync(join(tmpdir(), 'iep-corpus-'));
    stack = await startLocalStack(
      readLocalConfig(
        { IEP_DATA_DIR: dataDir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0', IEP_DEMO: '0' },
        process.cwd(),
      ),
    );
    const child = await registerChild(stack.services, {
      name: corpus.child,
      guardians: corpus.guardians,
      timeZone: corpus.tz,
    });
    address = child.inboundAddress;
    childId = child.id;
    for (const name of readdirSync(CORPUS)
      .filter((f) => f.endsWith('.eml'))
      .sort()) {
      await stack.services.ingest({
        authentication: DMARC_PASSED,
        bytes: readFileSync(join(CORPUS, name)),
        recipients: [address],
      });
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the digest model with every section, and minutes that follow from the stored records', async () => {
    // Act
    const run = await iep(['digest', '--child', address, '--as-of', '2026-11-20', '--json']);

    // Assess: the shape
    expect(run.code).toBe(0);
    const model = JSON.parse(run.stdout);
    expect(model).toMatchObject({
      child: 'Maya',
      asOf: '2026-11-20',
      week: { start: '2026-11-16', end: '2026-11-20' },
      schoolYear: { end: '2026-11-20' },
    });
    for (const key of ['services', 'flags', 'aideGaps', 'settingEvents', 'deadlines', 'drafts']) {
      expect(Array.isArray(model[key])).toBe(true);
    }
    expect(typeof model.unconfirmed).toBe('number');
    for (const flag of model.flags)
      expect(Object.keys(flag)).toEqual(expect.arrayContaining(['kind', 'service', 'evidence']));
    for (const service of model.services) {
      for (const window of [service.week, service.schoolYear] as Figures[]) {
        for (const field of ['requiredMinutes', 'deliveredMinutes', 'owedMinutes', 'unaccountedMinutes'] as const) {
          expect(Number.isInteger(window[field]) && window[field] >= 0).toBe(true);
        }
        expect(typeof window.missedMinutes).toBe('object');
      }
    }

    // Assess: the arithmetic, from the stored records. Nothing is confirmed yet, so everything the
    // digest counts is listed as unconfirmed (of the shares in general education, only the latest).
    const records = await stack.services.records.list(childId);
    const percents = records.filter((r) => r.kind === 'setting-percent').length;
    expect(model.unconfirmed).toBe(records.length - percents + Math.min(1, percents));
    const sessions = records.filter(
      (r): r is Extract<StoredRecord, { kind: 'session' }> => r.kind === 'session' && WEEK.includes(r.date),
    );
    const closures = records.filter(
      (r): r is Extract<StoredRecord, { kind: 'date' }> => r.kind === 'date' && r.type === 'school-closure',
    );
    const closed = (day: string) => closures.some((c) => c.date <= day && (c.end ?? c.date) >= day);
    const openDays = WEEK.filter((day) => !closed(day)).length;
    const openDaysIn = (days: string[]) => days.filter((day) => !closed(day)).length;
    let pinned = 0;
    for (const figures of model.services as Array<{ service: string; week: Figures }>) {
      // One session told in several messages (a note, then the log) counts once: of the reports
      // of one day and delivery, the latest recorded (records list in the order they were kept).
      const told = sessions.filter((s) => s.service === figures.service);
      const deliveriesOn = (day: string) =>
        new Set(told.filter((s) => s.date === day && s.delivery !== null).map((s) => s.delivery));
      const latest = new Map<string, (typeof told)[number]>();
      for (const s of told) {
        const known = deliveriesOn(s.date);
        const delivery = s.delivery ?? (known.size === 1 ? [...known][0] : 'unknown');
        latest.set(`${s.date}|${delivery}`, s);
      }
      const own = [...latest.values()];
      const requirements = records.filter(
        (r): r is Extract<StoredRecord, { kind: 'requirement' }> =>
          r.kind === 'requirement' && r.service === figures.service,
      );
      // Pinned by hand only where every session states its minutes and the IEP's rows for the
      // service are all weekly or all monthly and start on one day (no amendment to apply).
      const starts = new Set(requirements.map((r) => r.start));
      const periods = new Set(requirements.map((r) => r.per));
      const period = [...periods][0];
      const pinnable = !own.some((s) => s.minutes === null) && starts.size === 1 && periods.size === 1;
      if (!pinnable || (period !== 'week' && period !== 'month')) continue;
      const total = requirements.reduce((sum, r) => sum + (r.totalMinutes ?? (r.sessions ?? 0) * (r.minutes ?? 0)), 0);
      const delivered = own.filter((s) => s.status !== 'missed').reduce((sum, s) => sum + (s.minutes ?? 0), 0);
      const missed: Record<string, number> = {};
      for (const s of own.filter((x) => x.status === 'missed')) {
        const key = s.reason ?? 'not-stated';
        missed[key] = (missed[key] ?? 0) + (s.minutes ?? 0);
      }
      const missedOpen = Object.entries(missed).reduce((sum, [k, v]) => (k === 'school-closure' ? sum : sum + v), 0);
      // A weekly amount is spread over a 5-day week, a monthly one over the month's open school days.
      const required = Math.round(
        period === 'week' ? (total * openDays) / 5 : (total * openDays) / openDaysIn(NOVEMBER),
      );
      expect(figures.week, figures.service).toMatchObject({
        requiredMinutes: required,
        deliveredMinutes: delivered,
        missedMinutes: missed,
        unaccountedMinutes: Math.max(0, required - delivered - missedOpen),
      });
      pinned += 1;
    }
    // Occupational therapy is 120 minutes a month in the corpus's IEP, with one logged session
    // of 30 minutes in the week: at least that service can be pinned.
    expect(pinned).toBeGreaterThanOrEqual(1);
    console.info(`corpus digest: ${records.length} records, ${model.services.length} services, ${pinned} pinned`);
  });

  it('puts the digest email in the outbox, to both guardians, on --send', async () => {
    // Act
    const run = await iep(['digest', '--child', address, '--as-of', '2026-11-20', '--send']);

    // Assess
    expect(run.code).toBe(0);
    const digests = stack.outbox.list().mails.filter((m) => m.attachments.some((a) => a.filename.endsWith('.ics')));
    expect(digests).toHaveLength(1);
    expect([...(digests[0]?.to ?? [])].sort()).toEqual([...guardians].sort());
    expect(digests[0]?.subject).toMatch(/^Maya/);
  });
});
