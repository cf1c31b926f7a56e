// The record store's table: one DynamoDB table, on demand, keys `pk`/`sk` and one GSI for the
// digest scheduler. The same code runs against AWS and against the embedded local server;
// only the endpoint differs. See docs/data-model.md for every access pattern.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  paginatedBatchGet,
  paginateQuery,
  paginateScan,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';

import { DIGEST_INDEX, TABLE_INDEXES, TABLE_KEYS } from './dynamodb/table-definition';

export { DIGEST_INDEX };

export interface DynamoClientOptions {
  /** Set for the local server (`http://127.0.0.1:PORT`); leave unset in AWS. */
  endpoint?: string;
  region: string;
  /** The local store's own key (it refuses any other); placeholder ones otherwise. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** A DocumentClient for the table; local endpoints get placeholder credentials when none are set. */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBDocumentClient {
  const local = options.endpoint !== undefined;
  const hasEnvCredentials = Boolean(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY);
  const client = new DynamoDBClient({
    region: options.region,
    ...(local ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(local && !options.credentials && !hasEnvCredentials
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: local ? 3 : 5,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/**
 * Creates the table when it is missing (local stack and tests; in AWS the CDK stack owns it)
 * and waits until it is ACTIVE. Safe to call concurrently and repeatedly.
 */
export async function ensureTable(
  client: DynamoDBDocumentClient | DynamoDBClient,
  tableName: string,
  timeoutMs = 20_000,
): Promise<void> {
  const send = client.send.bind(client) as DynamoDBClient['send'];
  try {
    await send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          TABLE_KEYS.partitionKey,
          TABLE_KEYS.sortKey,
          ...TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
        ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
            { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: index.projection },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const described = await send(new DescribeTableCommand({ TableName: tableName }));
      const indexesActive = (described.Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
      if (described.Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become active in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Waits before asking again for what DynamoDB left unprocessed (it does so when throttled, which
 * is no error, so the SDK's own retry never sees it), and gives up after `maxRounds` requests.
 */
async function beforeRound(round: number, maxRounds: number, left: number, what: string): Promise<void> {
  if (round >= maxRounds) throw new Error(`batch ${what} left ${left} unprocessed`);
  await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
}

/** Writes in batches of 25 and retries unprocessed items with backoff (no transactions locally). */
export async function batchWrite(
  db: DynamoDBDocumentClient,
  tableName: string,
  requests: WriteRequest[],
  maxRounds = 8,
): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: WriteRequest[] = requests.slice(start, start + 25);
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await beforeRound(round, maxRounds, pending.length, 'write');
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

/**
 * Reads items by key, 100 keys a request, through the SDK's `paginatedBatchGet` (which asks again
 * for the unprocessed keys), with backoff between those requests and at most `maxRounds` of them.
 * Returns the items found, in no particular order (missing keys are simply absent).
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: Array<Record<string, unknown>>,
  options: { consistentRead?: boolean; maxRounds?: number } = {},
): Promise<Array<Record<string, unknown>>> {
  const maxRounds = options.maxRounds ?? 8;
  const found: Array<Record<string, unknown>> = [];
  for (let start = 0; start < keys.length; start += 100) {
    const pages = paginatedBatchGet(
      { client: db },
      {
        RequestItems: {
          [tableName]: { Keys: keys.slice(start, start + 100), ConsistentRead: options.consistentRead ?? false },
        },
      },
    );
    let round = 0;
    for await (const page of pages) {
      found.push(...(page.Responses?.[tableName] ?? []));
      const left = page.UnprocessedKeys?.[tableName]?.Keys?.length ?? 0;
      if (left === 0) break;
      round += 1;
      await beforeRound(round, maxRounds, left, 'get');
    }
  }
  return found;
}

/** True when the error is DynamoDB's answer to a failed condition. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

type Item = Record<string, unknown>;

/** Every item a Query returns, page after page (DynamoDB answers at most 1 MB a request). */
export async function* queryItems(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Item> {
  // The paginator writes each page's start key into its input: given a copy, the caller's stays as it was.
  for await (const page of paginateQuery({ client: db }, { ...input })) yield* page.Items ?? [];
}

/** Every item a Scan returns, page after page. Only for rare whole-table work (deletion). */
export async function* scanItems(db: DynamoDBDocumentClient, input: ScanCommandInput): AsyncGenerator<Item> {
  for await (const page of paginateScan({ client: db }, { ...input })) yield* page.Items ?? [];
}
