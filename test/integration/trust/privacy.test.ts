// Privacy: logs never carry what families wrote, and deleting a child leaves nothing of it while
// other children keep everything of theirs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarLink } from '../../../shared/calendar-feed/calendar-feed';
import { composeUseCases, type UseCases } from '../../../shared/composition/use-cases';
import { deleteChildNow } from '../../../shared/deletion/child-deletion';
import { sendDigest } from '../../../shared/digest/weekly-digest';
import { readMessage } from '../../../shared/mail/read-message';
import { logger } from '../../../shared/observability/logger';
import { registerChild } from '../../../shared/replies/welcome';
import { DMARC_PASSED } from '../../support/authentication';
import { type LocalServers, startLocalServers } from '../ingest-local-servers';
import { depsOn, EXAMPLES, GUARDIAN, wholeTable } from './trust-support';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus', 'dev');
const corpusPresent = existsSync(join(CORPUS, 'corpus.json'));
if (!corpusPresent) console.warn(`skipped: the development corpus (${CORPUS}) is not here; only examples/ are used`);

let servers: LocalServers;
let services: UseCases;

beforeAll(async () => {
  servers = await startLocalServers();
  services = composeUseCases(depsOn(servers));
});

afterAll(async () => {
  await servers?.close();
});

const emlIn = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(dir, name)));

/** Lines of what a message says, long enough that finding one in a log cannot be chance. */
async function sayings(bytes: Uint8Array): Promise<string[]> {
  const read = await readMessage(bytes);
  const lines = [read.text, read.note?.text ?? '', ...read.attachments.map((a) => a.content.toString('utf8'))]
    .join('\n')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 24 && /[a-z]{4}/i.test(line) && !/^[\w+/=-]+$/.test(line));
  if (read.outer.subject.trim().length >= 12) lines.push(read.outer.subject.trim());
  return lines;
}

describe('logs while the whole development corpus and the examples are ingested', () => {
  it('carry no message text, no child name and no guardian address', async () => {
    // Prepare: every family and mail, and everything the logger writes, at its most talkative.
    const families: Array<{ name: string; guardians: string[]; mail: Buffer[] }> = [
      { name: 'Lena Ortiz', guardians: [GUARDIAN], mail: emlIn(EXAMPLES) },
    ];
    if (corpusPresent) {
      const corpus = JSON.parse(readFileSync(join(CORPUS, 'corpus.json'), 'utf8')) as {
        child: string;
        guardians: string[];
      };
      families.push({ name: corpus.child, guardians: corpus.guardians, mail: emlIn(CORPUS) });
    }
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = original as typeof stream.write;
      };
    };
    const releases = [capture(process.stdout), capture(process.stderr)];
    const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = consoleMethods.map((method) => console[method]);
    for (const method of consoleMethods)
      console[method] = (...args: unknown[]) => written.push(args.map(String).join(' '));
    logger.setLogLevel('DEBUG');

    // Act
    const secrets: string[] = [];
    try {
      for (const family of families) {
        const child = await registerChild(services, {
          name: family.name,
          guardians: family.guardians,
          timeZone: 'America/Los_Angeles',
          state: 'ca',
        });
        secrets.push(family.name, ...family.name.split(' '), ...family.guardians, child.inboundAddress);
        for (const bytes of family.mail) {
          await services.ingest({ authentication: DMARC_PASSED, bytes, recipients: [child.inboundAddress] });
          secrets.push(...(await sayings(bytes)));
        }
        await sendDigest(services, child.id, { asOf: '2026-11-06' });
      }
    } finally {
      logger.setLogLevel('SILENT');
      for (const release of releases) release();
      consoleMethods.forEach((method, i) => {
        console[method] = originals[i] as (typeof console)[typeof method];
      });
    }

    // Assess
    const log = written.join('\n');
    expect(log).toContain('message ingested');
    const leaks = [...new Set(secrets)].filter((secret) => secret.length >= 4 && log.includes(secret));
    expect(leaks).toEqual([]);
  }, 180_000);
});

describe('delete all data for a child', () => {
  it('leaves nothing of the child in the table or the raw-mail store, and the sibling keeps everything', async () => {
    // Prepare: two siblings; one school mail went to both addresses at once, the rest to one each.
    const a = await registerChild(services, {
      name: 'Ada Quill',
      guardians: ['ada.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'ca',
    });
    const b = await registerChild(services, {
      name: 'Bo Quill',
      guardians: ['ada.parent@example.com', 'bo.parent@example.com'],
      timeZone: 'America/Los_Angeles',
      state: 'ca',
    });
    const mail = emlIn(EXAMPLES).map((bytes) =>
      Buffer.from(bytes.toString('latin1').replace(/demo\.parent@example\.com/g, 'ada.parent@example.com'), 'latin1'),
    );
    const [both, ...rest] = mail;
    await services.ingest({
      authentication: DMARC_PASSED,
      bytes: both as Buffer,
      recipients: [a.inboundAddress, b.inboundAddress],
    });
    for (const [i, bytes] of rest.entries()) {
      const marked = Buffer.concat([bytes, Buffer.from(`\r\nX-Family: ${i % 2 === 0 ? 'ada' : 'bo'}\r\n`)]);
      await services.ingest({
        authentication: DMARC_PASSED,
        bytes: Buffer.concat([Buffer.from(`X-Copy: ${i}\r\n`), marked]),
        recipients: [i % 2 === 0 ? a.inboundAddress : b.inboundAddress],
      });
    }
    await calendarLink(services, a, 'https://cal.example.org');
    const bRecords = await services.records.list(b.id, { includeDeleted: true });
    const bMessages = await services.messages.list(b.id);
    expect(bRecords.length).toBeGreaterThan(0);
    const aRawKeys = (await services.messages.list(a.id)).map((m) => m.rawKey);
    expect(aRawKeys.length).toBeGreaterThan(1);

    // Act
    await deleteChildNow(services, a.id);

    // Assess: nothing of A anywhere in the table.
    const table = JSON.stringify(await wholeTable(servers));
    const aToken = a.inboundAddress.split('@')[0]?.split('-').pop() ?? '';
    for (const trace of [a.id, aToken, 'Ada Quill']) expect(table.includes(trace), trace).toBe(false);
    expect(await services.children.get(a.id)).toBeNull();
    expect(await services.children.findByAddress(a.inboundAddress)).toBeNull();
    // A's own raw mail is gone; the one both children received stays, being B's too.
    const bRawKeys = new Set(bMessages.map((m) => m.rawKey));
    for (const key of aRawKeys.filter((k) => !bRawKeys.has(k)))
      await expect(servers.rawMail.get(key)).rejects.toThrow();
    // B is untouched: records, messages and every raw message.
    expect(await services.records.list(b.id, { includeDeleted: true })).toEqual(bRecords);
    expect(await services.messages.list(b.id)).toEqual(bMessages);
    for (const key of bRawKeys) expect((await servers.rawMail.get(key)).length).toBeGreaterThan(0);
  }, 60_000);
});
