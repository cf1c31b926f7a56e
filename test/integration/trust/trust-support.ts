// Shared pieces of the trust tests: services on the local stand-ins, faults injected at the
// port and SDK boundaries (never by replacing our own modules), and a comparable end state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ServicesDeps } from '../../../shared/composition/use-case-deps';
import type { UseCases } from '../../../shared/composition/use-cases';
import type { MailVerdicts } from '../../../shared/ingest/ingest-types';
import { receiptAuthentication } from '../../../shared/ingest/sender-authentication';
import { fixedClock } from '../../../shared/ports/clock';
import type { MailSender, OutgoingMail } from '../../../shared/ports/mail-sender';
import type { RawMailStore } from '../../../shared/ports/raw-mail-store';
import { registerChild } from '../../../shared/replies/welcome';
import type { Child } from '../../../shared/store/families';
import { TEST_SIGNING_SECRET, testServicesDeps } from '../../support/services-deps';
import type { LocalServers } from '../ingest-local-servers';

export const NOW = '2026-11-04T17:00:00Z';
export const SECRET = TEST_SIGNING_SECRET;
export const GUARDIAN = 'demo.parent@example.com';
export const SECOND_GUARDIAN = 'second.parent@example.com';
export const EXAMPLES = join(process.cwd(), 'examples');

export function example(name: string): Uint8Array {
  return readFileSync(join(EXAMPLES, name));
}

export function depsOn(servers: LocalServers, overrides: Partial<ServicesDeps> = {}): ServicesDeps {
  return testServicesDeps(servers, { clock: fixedClock(NOW), ...overrides });
}

let children = 0;
export async function newChild(services: UseCases, guardians = [GUARDIAN, SECOND_GUARDIAN]): Promise<Child> {
  children += 1;
  return registerChild(services, {
    name: `Lena${String.fromCharCode(97 + (children % 26))}`,
    guardians,
    timeZone: 'America/Los_Angeles',
    state: 'ca',
  });
}

export class InjectedFault extends Error {
  constructor(where: string) {
    super(`injected fault: ${where}`);
    this.name = 'InjectedFault';
  }
}

/** A raw-mail store that fails the next `put` once, as S3 might. */
export class FlakyRawMail implements RawMailStore {
  failNextPut = false;
  constructor(private readonly inner: RawMailStore) {}
  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (this.failNextPut) {
      this.failNextPut = false;
      throw new InjectedFault('raw store put');
    }
    return this.inner.put(key, bytes);
  }
  get(key: string) {
    return this.inner.get(key);
  }
  deletePrefix(prefix: string) {
    return this.inner.deletePrefix(prefix);
  }
  list(prefix: string) {
    return this.inner.list(prefix);
  }
}

/** A mail sender that fails the next send once, as SES might; counts what it accepted. */
export class FlakySender implements MailSender {
  failNextSend = false;
  sent: OutgoingMail[] = [];
  constructor(private readonly inner: MailSender) {}
  async send(mail: OutgoingMail) {
    if (this.failNextSend) {
      this.failNextSend = false;
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
    }
    const result = await this.inner.send(mail);
    this.sent.push(mail);
    return result;
  }
}

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'BatchWriteCommand',
  'TransactWriteCommand',
]);

interface MiddlewareContext {
  commandName?: string;
}

/**
 * Counts DynamoDB writes and fails the Nth one from arming: `before` fails it unsent, `after`
 * lets the table apply it and then loses the answer (a timeout after the write landed).
 */
export class WriteFaults {
  writes = 0;
  private failAt: number | null = null;
  private mode: 'before' | 'after' = 'before';
  fired = false;

  arm(n: number, mode: 'before' | 'after'): void {
    this.writes = 0;
    this.failAt = n;
    this.mode = mode;
    this.fired = false;
  }

  disarm(): void {
    this.failAt = null;
  }

  install(servers: LocalServers): () => void {
    const name = `trust-write-faults-${Math.random().toString(36).slice(2)}`;
    servers.db.middlewareStack.add(
      (next, context: MiddlewareContext) => async (args) => {
        const isWrite = WRITES.has(context.commandName ?? '');
        if (!isWrite) return next(args);
        this.writes += 1;
        const hit = this.failAt !== null && this.writes === this.failAt;
        if (hit && this.mode === 'before') {
          this.fired = true;
          throw new InjectedFault(`write ${this.writes} (${context.commandName})`);
        }
        const result = await next(args);
        if (hit) {
          this.fired = true;
          throw new InjectedFault(`answer to write ${this.writes} lost (${context.commandName})`);
        }
        return result;
      },
      { step: 'initialize', name },
    );
    return () => {
      servers.db.middlewareStack.remove(name);
    };
  }
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, stable(inner)]));
  }
  return value;
}

/**
 * What a parent could see of the child, comparable between two children: the records (ids
 * left out), the messages' outcomes, and how many items of each kind the child's partition holds.
 */
export async function childState(services: UseCases, servers: LocalServers, child: Child) {
  const blank = (text: string) => text.split(child.id).join('<child>').split(child.name).join('<name>');
  const records = (await services.records.list(child.id, { includeDeleted: true }))
    .map((record) => {
      const { id: _id, childId: _childId, ...rest } = record;
      return blank(JSON.stringify(stable(rest)));
    })
    .sort();
  const messages = (await services.messages.list(child.id))
    .map((message) =>
      JSON.stringify({
        status: message.status,
        done: message.done,
        newRecords: message.newRecords,
        alreadyRecorded: message.alreadyRecorded,
        records: message.recordIds?.length,
        answered: message.answerId !== undefined,
      }),
    )
    .sort();
  const kinds: Record<string, number> = {};
  for (const item of await wholeTable(servers)) {
    if (item.pk !== `CHILD#${child.id}`) continue;
    const kind = String(item.sk).split('#')[0] ?? '';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return { records, messages, kinds };
}

/** Every item in the table, raw, for leak checks. */
export async function wholeTable(servers: LocalServers): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await servers.db.send(
      new ScanCommand({ TableName: servers.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as Array<Record<string, unknown>>));
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  return items;
}

/** The part of an ingest input that carries SES's receipt verdicts. */
export function verdictsAuthentication(verdicts: MailVerdicts) {
  return { authentication: receiptAuthentication(verdicts) };
}
