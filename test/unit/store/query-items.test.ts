import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { queryItems, scanItems } from '../../../shared/adapters/dynamodb-table';

type Item = { pk: string; n: number };

const documents = mockClient(DynamoDBDocumentClient);

afterEach(() => {
  documents.reset();
});

/** A table that answers three pages of two items each, as DynamoDB does past 1 MB (mocked at the SDK). */
function pagedDb() {
  const startKeys: unknown[] = [];
  const pages: Item[][] = [
    [
      { pk: 'a', n: 1 },
      { pk: 'a', n: 2 },
    ],
    [
      { pk: 'a', n: 3 },
      { pk: 'a', n: 4 },
    ],
    [{ pk: 'a', n: 5 }],
  ];
  const answer = (input: { ExclusiveStartKey?: Record<string, unknown> }) => {
    startKeys.push(input.ExclusiveStartKey);
    const index = input.ExclusiveStartKey ? Number(input.ExclusiveStartKey.n) / 2 : 0;
    const items = pages[index] ?? [];
    const last = items.at(-1);
    return { Items: items, LastEvaluatedKey: index < pages.length - 1 && last ? { n: last.n } : undefined };
  };
  documents.on(QueryCommand).callsFake(answer);
  documents.on(ScanCommand).callsFake(answer);
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  return { db, startKeys };
}

describe('reading every page of a query or scan', () => {
  it('follows LastEvaluatedKey until the last page and yields every item once, in order', async () => {
    // Prepare
    const { db, startKeys } = pagedDb();
    const seen: number[] = [];

    const input = { TableName: 't', KeyConditionExpression: 'pk = :pk' };

    // Act
    for await (const item of queryItems(db, input)) seen.push(Number(item.n));

    // Assess
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(startKeys).toEqual([undefined, { n: 2 }, { n: 4 }]);
    expect(input).toEqual({ TableName: 't', KeyConditionExpression: 'pk = :pk' });
  });

  it('does the same for a scan', async () => {
    const { db, startKeys } = pagedDb();
    const seen: number[] = [];
    for await (const item of scanItems(db, { TableName: 't' })) seen.push(Number(item.n));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(startKeys).toHaveLength(3);
  });
});
