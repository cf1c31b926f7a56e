// The benchmark's workloads: extraction against mailparser alone, ingest end to end through the
// local stack's pieces (SMTP in, raw mail in a folder, records in the embedded DynamoDB, the answer
// in the SES-compatible outbox), a school year's digest, and finding 10,000 children's digests.
// Each takes its size as a parameter so that the smoke test can run it on a tiny input.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { readLocalConfig } from '../local/config';
import { localServices, localSesClient, localSesSender } from '../local/local-services';
import { outboxFolder, recordingMailSender } from '../local/outbox';
import { startSesOutboxServer } from '../local/ses-outbox-server';
import { startSmtpInbound } from '../local/smtp-inbound';
import { batchWrite, createDynamoClient, ensureTable } from '../shared/adapters/dynamodb-table';
import { calendarFeed, calendarLink } from '../shared/calendar-feed/calendar-feed';
import type { UseCases } from '../shared/composition/use-cases';
import { summary } from '../shared/digest/weekly-digest';
import { extractFromBytes } from '../shared/extract/extract-from-bytes';
import type { Clock } from '../shared/ports/clock';
import type { IsoDate, ServiceCode } from '../shared/records/types';
import { registerChild } from '../shared/replies/welcome';
import { digestIndexKey, digestShard, hourSlot } from '../shared/store/digest-schedule';
import type { RecordChange, StoredRecord } from '../shared/store/records';
import { putRecordIfNew } from '../shared/store/records';
import { childPk } from '../shared/store/table-context';
import { type BenchCorpus, type BenchMessage, repeated, withUniqueMessageId } from './corpus';
import { countRequests, quantile, type RequestCounter, type RequestTally } from './measure';

const TABLE = 'iep-bench';
const DOMAIN = 'in.bench.example.org';

/**
 * The embedded DynamoDB (dynalite), kept in memory: the local stack keeps it on disk (LevelDB),
 * which is several times slower per request and would measure this machine's disk, not the code.
 */
export async function startMemoryDynamo(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // A burst of thousands of requests queues on the client's sockets; an idle socket closed by the
  // server meanwhile would reset the next request sent on it.
  server.keepAliveTimeout = 300_000;
  server.headersTimeout = 301_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A local stack assembled from the same parts as local/stack.ts, with its DynamoDB client counted. */
export interface BenchStack {
  services: UseCases;
  db: DynamoDBDocumentClient;
  counter: RequestCounter;
  smtpPort: number;
  outboxCount(): number;
  stop(): Promise<void>;
}

export async function startBenchStack(options: { clock?: Clock; smtp?: boolean } = {}): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'iep-bench-stack-'));
  const clock = options.clock ?? { now: () => new Date() };
  const dynamo = await startMemoryDynamo();
  const db = createDynamoClient({ endpoint: dynamo.endpoint, region: 'us-east-1' });
  await ensureTable(db, TABLE);
  const counter = countRequests(db);
  const ses = await startSesOutboxServer({ host: '127.0.0.1', port: 0, sentBefore: [] });
  const sesClient = localSesClient(ses.endpoint, 'us-east-1');
  const outbox = outboxFolder(join(dataDir, 'outbox'));
  let answers = 0;
  const recording = recordingMailSender(outbox, localSesSender(sesClient), () => clock.now());
  // read like the stack reads its environment, so settings added later get their defaults
  const config = readLocalConfig(
    {
      IEP_DATA_DIR: dataDir,
      IEP_INBOUND_DOMAIN: DOMAIN,
      IEP_TABLE_NAME: TABLE,
      IEP_DEMO: '0',
      IEP_MAX_MESSAGE_MB: '40',
    },
    dataDir,
  );
  const services = localServices({
    config,
    db,
    clock,
    replySigningSecret: 'bench-signing-secret-0123456789',
    sender: {
      async send(mail) {
        const sent = await recording.send(mail);
        answers++;
        return sent;
      },
    },
  });
  const smtp =
    options.smtp === false
      ? null
      : await startSmtpInbound({
          host: '127.0.0.1',
          port: 0,
          inboundDomain: DOMAIN,
          maxBytes: config.maxMessageBytes,
          connections: config.smtpConnections,
          deliver: async ({ bytes, recipients, authentication }) => {
            await services.ingest({ bytes, recipients, authentication });
          },
        });
  return {
    services,
    db,
    counter,
    smtpPort: smtp?.port ?? 0,
    outboxCount: () => answers,
    async stop() {
      await smtp?.stop();
      sesClient.destroy();
      await ses.stop();
      db.destroy();
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// 1. Extraction ---------------------------------------------------------------------------------

export interface ExtractionRun {
  messages: number;
  extractMs: number;
  parseMs: number;
  messagesPerSecond: number;
  /** Extraction time over mailparser-alone time, same messages, same run. */
  ratio: number;
}

export async function benchExtraction(corpus: BenchCorpus, count: number): Promise<ExtractionRun> {
  const messages = repeated(corpus, count);
  // warm both paths once (module loading, PDF.js, JIT) so the run measures steady work
  for (const message of corpus.messages) {
    await extractFromBytes(message.bytes, { tz: 'America/Los_Angeles', file: message.name });
    await simpleParser(Buffer.from(message.bytes));
  }
  const t0 = performance.now();
  for (const message of messages)
    await extractFromBytes(message.bytes, { tz: 'America/Los_Angeles', file: message.name });
  const extractMs = performance.now() - t0;
  const t1 = performance.now();
  for (const message of messages) await simpleParser(Buffer.from(message.bytes));
  const parseMs = performance.now() - t1;
  return {
    messages: messages.length,
    extractMs,
    parseMs,
    messagesPerSecond: (messages.length * 1000) / extractMs,
    ratio: extractMs / parseMs,
  };
}

// 2. Ingest end to end ----------------------------------------------------------------------------

export interface IngestRun {
  messages: number;
  children: number;
  wallMs: number;
  messagesPerSecond: number;
  latencyMs: { p50: number; p95: number; mean: number };
  requests: RequestTally;
  /** Records the messages added (sum over children of records written). */
  recordsWritten: number;
  answersInOutbox: number;
  failed: number;
  /** Mean raw message size, for the storage costs. */
  meanMessageBytes: number;
}

/** The corpus's senders: forwarders become guardians, everyone else who writes directly is allowed. */
function familyOf(corpus: BenchCorpus): { guardians: string[]; allowed: string[] } {
  const forwarders = new Set<string>();
  const direct = new Set<string>();
  for (const message of corpus.messages) {
    if (!message.from) continue;
    const head = Buffer.from(message.bytes.subarray(0, 8192)).toString('latin1');
    const subject = head.match(/^subject:[ \t]*(.*)$/im)?.[1] ?? '';
    if (/^\s*(fw|fwd)\s*:/i.test(subject)) forwarders.add(message.from);
    else direct.add(message.from);
  }
  const guardians = [...forwarders].slice(0, 4);
  if (guardians.length === 0) guardians.push(corpus.messages[0]?.from ?? 'guardian@example.com');
  return { guardians, allowed: [...direct].filter((address) => !guardians.includes(address)).slice(0, 20) };
}

export async function benchIngest(corpus: BenchCorpus, count: number): Promise<IngestRun> {
  const stack = await startBenchStack();
  const transport = createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    // One child per pass over the corpus, so every message is new to the child it goes to.
    const family = familyOf(corpus);
    const children = Math.ceil(count / corpus.messages.length);
    const addresses: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < children; i++) {
      const child = await registerChild(stack.services, {
        name: `Child ${i}`,
        guardians: family.guardians,
        timeZone: 'America/Los_Angeles',
        state: 'CA',
      });
      for (const address of family.allowed) await stack.services.children.allowSender(child.id, address);
      addresses.push(child.inboundAddress);
      ids.push(child.id);
    }
    const messages = repeated(corpus, count);
    const latencies: number[] = [];
    let failed = 0;
    let bytes = 0;
    stack.counter.reset();
    const t0 = performance.now();
    for (let i = 0; i < messages.length; i++) {
      const message = messages[i] as BenchMessage;
      const raw = withUniqueMessageId(message.bytes, `bench${i}`);
      bytes += raw.byteLength;
      const to = addresses[Math.floor(i / corpus.messages.length)] as string;
      const start = performance.now();
      try {
        await transport.sendMail({
          envelope: { from: message.from ?? family.guardians[0] ?? 'guardian@example.com', to: [to] },
          raw: Buffer.from(raw),
        });
      } catch {
        failed++;
      }
      latencies.push(performance.now() - start);
    }
    const wallMs = performance.now() - t0;
    const requests = stack.counter.snapshot();
    let recordsWritten = 0;
    for (const id of ids) recordsWritten += (await stack.services.records.list(id, { includeDeleted: true })).length;
    return {
      messages: messages.length,
      children,
      wallMs,
      messagesPerSecond: (messages.length * 1000) / wallMs,
      latencyMs: {
        p50: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      },
      requests,
      recordsWritten,
      answersInOutbox: stack.outboxCount(),
      failed,
      meanMessageBytes: bytes / messages.length,
    };
  } finally {
    transport.close();
    await stack.stop();
  }
}

// 3. A school year's digest -----------------------------------------------------------------------

const YEAR_SERVICES: Array<{ service: ServiceCode; perDay: number; minutes: number; weekdays: number[] }> = [
  { service: 'specialized-academic-instruction', perDay: 2, minutes: 30, weekdays: [1, 2, 3, 4, 5] },
  { service: 'aide', perDay: 2, minutes: 150, weekdays: [1, 2, 3, 4, 5] },
  { service: 'speech-language', perDay: 1, minutes: 30, weekdays: [1, 2, 3, 4, 5] },
  { service: 'occupational-therapy', perDay: 1, minutes: 30, weekdays: [1, 2, 3, 4, 5] },
  { service: 'counseling', perDay: 1, minutes: 30, weekdays: [1, 2, 3, 4, 5] },
  { service: 'physical-therapy', perDay: 1, minutes: 30, weekdays: [1, 2, 3, 4, 5] },
];

/** The school days of a year: weekdays from the start, skipping a winter and a spring break. */
export function schoolDays(start: IsoDate, count: number): IsoDate[] {
  const days: IsoDate[] = [];
  const day = new Date(`${start}T12:00:00Z`);
  while (days.length < count) {
    const weekday = day.getUTCDay();
    const iso = day.toISOString().slice(0, 10);
    const onBreak = (iso >= '2026-12-21' && iso <= '2027-01-01') || (iso >= '2027-03-29' && iso <= '2027-04-02');
    if (weekday >= 1 && weekday <= 5 && !onBreak) days.push(iso);
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

function meta(childId: string, id: string, at: string, line: number) {
  return {
    id,
    childId,
    source: { messageKey: `inbound/bench-${id}`, part: 'body', line, excerpt: 'generated by the benchmark' },
    confirmed: false,
    deleted: false,
    history: [{ at, action: 'recorded', by: 'system' }] as RecordChange[],
    recordedAt: at,
    messageId: `bench-${id}`,
    contentKey: `bench-${id}`,
  };
}

/** About 1,500 records: 180 school days of sessions of 6 services, their requirements, and the year's dates. */
export function schoolYearRecords(childId: string, days = 180): StoredRecord[] {
  const dates = schoolDays('2026-08-31', days);
  const first = dates[0] as IsoDate;
  const last = dates[dates.length - 1] as IsoDate;
  const records: StoredRecord[] = [];
  let n = 0;
  const at = (date: IsoDate) => `${date}T23:00:00.000Z`;
  for (const s of YEAR_SERVICES) {
    records.push({
      kind: 'requirement',
      service: s.service,
      delivery: 'individual',
      sessions: s.perDay,
      minutes: s.minutes,
      totalMinutes: s.perDay * s.minutes,
      per: 'day',
      location: 'separate',
      start: first,
      end: last,
      ...meta(childId, `req-${s.service}`, at(first), 1),
    });
  }
  dates.forEach((date, d) => {
    for (const s of YEAR_SERVICES) {
      for (let k = 0; k < s.perDay; k++) {
        const missed = (d * 7 + k * 3 + s.service.length) % 11 === 0;
        records.push({
          kind: 'session',
          date,
          service: s.service,
          minutes: s.minutes,
          delivery: 'individual',
          location: 'separate',
          status: missed ? 'missed' : 'delivered',
          reason: missed ? 'provider-absent' : null,
          ...meta(childId, `ses-${date}-${s.service}-${k}`, at(date), ++n),
        });
      }
    }
    if (d % 20 === 0) {
      records.push({
        kind: 'date',
        type: 'progress-report',
        date,
        end: null,
        ...meta(childId, `date-${date}`, at(date), ++n),
      } as StoredRecord);
    }
  });
  return records;
}

export interface DigestRun {
  records: number;
  totalMs: number;
  loadMs: number;
  computeMs: number;
  requests: RequestTally;
  /** Pages of the records query. */
  recordQueryPages: number;
}

export interface DigestSetup {
  stack: BenchStack;
  childId: string;
  records: number;
  asOf: IsoDate;
}

export async function setUpSchoolYear(days = 180): Promise<DigestSetup> {
  const stack = await startBenchStack({ smtp: false });
  const child = await registerChild(stack.services, {
    name: 'Year',
    guardians: ['year.parent@example.com'],
    timeZone: 'America/Los_Angeles',
    state: 'CA',
  });
  const records = schoolYearRecords(child.id, days);
  // One record through the store's own put, the rest as copies of its stored item in batches of 25
  // (a year of conditional puts one by one would take longer than the benchmark itself).
  const ctx = { db: stack.db, tableName: TABLE, clock: { now: () => new Date() } };
  const [first, ...rest] = records as [StoredRecord, ...StoredRecord[]];
  await putRecordIfNew(ctx, first);
  const stored = await stack.db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'id = :id',
      ExpressionAttributeValues: { ':pk': childPk(child.id), ':id': first.id },
    }),
  );
  const template = stored.Items?.[0];
  if (!template) throw new Error('the first record was not found where the store keeps records');
  const sk = String(template.sk);
  const skPrefix = sk.slice(0, sk.length - first.id.length);
  await batchWrite(
    stack.db,
    TABLE,
    rest.map((record) => ({ PutRequest: { Item: { ...template, ...record, sk: `${skPrefix}${record.id}` } } })),
  );
  const listed = await stack.services.records.list(child.id);
  if (listed.length !== records.length) {
    throw new Error(
      `the school year was not stored as the store stores it (${listed.length} of ${records.length} listed)`,
    );
  }
  const dates = schoolDays('2026-08-31', days);
  return { stack, childId: child.id, records: records.length, asOf: dates[dates.length - 1] as IsoDate };
}

export async function benchDigest(setup: DigestSetup): Promise<DigestRun> {
  setup.stack.counter.reset();
  const t0 = performance.now();
  const digest = await summary(setup.stack.services, setup.childId, setup.asOf);
  const t1 = performance.now();
  if (!digest) throw new Error('the digest found no child');
  const requests = setup.stack.counter.snapshot();
  const loadMs = Math.max(0, requests.lastResponseAt - t0);
  return {
    records: setup.records,
    totalMs: t1 - t0,
    loadMs,
    computeMs: t1 - t0 - loadMs,
    requests,
    // The pages of the one query the summary makes (its label is the partition, CHILD#…).
    recordQueryPages: Object.values(requests.queries).reduce((sum, pages) => sum + pages, 0),
  };
}

/** What a calendar app's hourly poll of the feed costs: a full feed, then a conditional request that matches. */
export interface CalendarFeedRun {
  fullFeed: RequestTally;
  notModified: RequestTally;
  /** Whether the conditional request was answered without a body (304). */
  answeredNotModified: boolean;
  eventsInFeed: number;
}

export async function benchCalendarFeed(setup: DigestSetup): Promise<CalendarFeedRun> {
  const { services, counter } = setup.stack;
  const child = await services.children.get(setup.childId);
  if (!child) throw new Error('the school year has no child');
  const token = new URL(await calendarLink(services, child, 'https://calendar.example.org')).pathname
    .split('/')
    .pop()
    ?.replace(/\.ics$/, '');
  if (!token) throw new Error('no calendar token');
  counter.reset();
  const full = await calendarFeed(services, token);
  const fullFeed = counter.snapshot();
  if (!full?.ics) throw new Error('the calendar feed was not found');
  counter.reset();
  const again = await calendarFeed(services, token, full.etag);
  const notModified = counter.snapshot();
  return {
    fullFeed,
    notModified,
    answeredNotModified: again !== null && again.ics === null,
    eventsInFeed: full.ics.split('BEGIN:VEVENT').length - 1,
  };
}

// 4. Dispatch -------------------------------------------------------------------------------------

export interface DispatchSetup {
  stack: BenchStack;
  children: number;
  hour: Date;
}

/** `count` children whose digest falls in the same hour (the default schedule, one zone, one clock). */
export async function setUpDispatch(count: number): Promise<DispatchSetup> {
  const frozen = new Date('2026-11-02T18:00:00Z');
  const stack = await startBenchStack({ clock: { now: () => frozen }, smtp: false });
  // One child through the store's own createChild, the rest as copies of its stored profile (with
  // their own id and digest-index shard) in batches of 25: creating 10,000 one by one would take
  // longer than the benchmark itself.
  const first = await registerChild(stack.services, {
    name: 'Due 0',
    guardians: ['parent0@example.com'],
    timeZone: 'America/Los_Angeles',
    state: 'CA',
  });
  if (!first.nextDigestAt) throw new Error('a new child has no digest due');
  const hour = new Date(first.nextDigestAt);
  const stored = await stack.db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': childPk(first.id) },
    }),
  );
  const profile = stored.Items?.find((item) => item.gsi1pk !== undefined);
  if (!profile) throw new Error("the child's profile carries no digest-index key");
  const copies = Array.from({ length: count - 1 }, (_, i) => {
    const id = `${first.id.slice(0, -6)}${String(i + 1).padStart(6, '0')}`;
    return {
      PutRequest: {
        Item: {
          ...profile,
          pk: childPk(id),
          id,
          name: `Due ${i + 1}`,
          guardians: [`parent${i + 1}@example.com`],
          gsi1pk: digestIndexKey(hourSlot(hour), digestShard(id)),
          gsi1sk: childPk(id),
        },
      },
    };
  });
  await batchWrite(stack.db, TABLE, copies);
  return { stack, children: count, hour };
}

export interface DispatchRun {
  /** Children found due; equals the children set up when the copies were stored as the store stores them. */
  found: number;
  totalMs: number;
  requests: RequestTally;
}

export async function benchDispatch(setup: DispatchSetup): Promise<DispatchRun> {
  setup.stack.counter.reset();
  const t0 = performance.now();
  const due = await setup.stack.services.children.dueForDigest(setup.hour);
  const totalMs = performance.now() - t0;
  return { found: due.length, totalMs, requests: setup.stack.counter.snapshot() };
}
