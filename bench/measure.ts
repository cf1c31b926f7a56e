// Small measuring tools: summaries of repeated runs, and a DynamoDB request counter that hangs on
// a client's middleware stack (so every store function is counted, whatever it sends).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at] ?? Number.NaN;
}

export function spread(values: readonly number[]): Spread {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
  };
}

export const READ_COMMANDS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand']);
export const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export interface RequestTally {
  /** Requests by low-level command name (a document client's PutCommand counts as PutItemCommand). */
  byCommand: Record<string, number>;
  /** Query requests by index and key prefix (`table REC#`), to tell one paginated query from several. */
  queries: Record<string, number>;
  reads: number;
  writes: number;
  total: number;
  /** Capacity units the server reported (ReturnConsumedCapacity TOTAL); approximate on the local server. */
  readUnits: number;
  writeUnits: number;
  /** When the last response of the window arrived (performance.now()). */
  lastResponseAt: number;
}

export interface RequestCounter {
  /** Starts a new window: counts from now on. */
  reset(): void;
  snapshot(): RequestTally;
}

function emptyTally(): RequestTally {
  return { byCommand: {}, queries: {}, reads: 0, writes: 0, total: 0, readUnits: 0, writeUnits: 0, lastResponseAt: 0 };
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

function unitsOf(consumed: unknown): { read: number; write: number; total: number } {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Capacity[];
  let read = 0;
  let write = 0;
  let total = 0;
  for (const c of list) {
    read += c.ReadCapacityUnits ?? 0;
    write += c.WriteCapacityUnits ?? 0;
    total += c.CapacityUnits ?? 0;
  }
  return { read, write, total };
}

const CAPACITY_COMMANDS = new Set([...READ_COMMANDS, ...WRITE_COMMANDS]);

/** Counts every request the client sends from now on, and asks the server for consumed capacity. */
export function countRequests(db: DynamoDBDocumentClient): RequestCounter {
  let tally = emptyTally();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName ?? 'unknown');
      const input = args.input as Record<string, unknown>;
      if (CAPACITY_COMMANDS.has(command) && input.ReturnConsumedCapacity === undefined) {
        input.ReturnConsumedCapacity = 'TOTAL';
      }
      try {
        const result = await next(args);
        const units = unitsOf((result.output as { ConsumedCapacity?: unknown } | undefined)?.ConsumedCapacity);
        if (READ_COMMANDS.has(command)) tally.readUnits += units.read || units.total;
        if (WRITE_COMMANDS.has(command)) tally.writeUnits += units.write || units.total;
        return result;
      } finally {
        // counted once the response (or error) is back, so `lastResponseAt` marks the end of loading
        tally.byCommand[command] = (tally.byCommand[command] ?? 0) + 1;
        tally.total++;
        if (command === 'QueryCommand') {
          const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
          const prefix = Object.values(values).find((v) => typeof v === 'string' && v.endsWith('#'));
          const label = `${String(input.IndexName ?? 'table')} ${typeof prefix === 'string' ? prefix : String(Object.values(values)[0] ?? '').replace(/[A-Za-z0-9]{12,}/g, '…')}`;
          tally.queries[label] = (tally.queries[label] ?? 0) + 1;
        }
        if (READ_COMMANDS.has(command)) tally.reads++;
        if (WRITE_COMMANDS.has(command)) tally.writes++;
        tally.lastResponseAt = performance.now();
      }
    },
    { step: 'initialize', name: 'benchRequestCounter', override: true },
  );
  return {
    reset() {
      tally = emptyTally();
    },
    snapshot: () => ({ ...tally, byCommand: { ...tally.byCommand }, queries: { ...tally.queries } }),
  };
}

/** Runs `work` with at most `limit` items in flight. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  });
  await Promise.all(workers);
}
