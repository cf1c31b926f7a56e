import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { queryItems, scanItems } from '../../../shared/adapters/dynamodb-table';

type Item = { pk: string; n: number };

/** A table that answers three pages of two items each, as DynamoDB does past 1 MB. */
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
  const db = {
    send: async (command: { input: { ExclusiveStartKey?: { n: number } } }) => {
      startKeys.push(command.input.ExclusiveStartKey);
      const index = command.input.ExclusiveStartKey ? command.input.ExclusiveStartKey.n / 2 : 0;
      const items = pages[index] ?? [];
      const last = items.at(-1);
      return { Items: items, LastEvaluatedKey: index < pages.length - 1 && last ? { n: last.n } : undefined };
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, startKeys };
}

describe('reading every page of a query or scan', () => {
  it('follows LastEvaluatedKey until the last page and yields every item once, in order', async () => {
    // Prepare
    const { db, startKeys } = pagedDb();
    const seen: number[] = [];

    // Act
    for await (const item of queryItems(db, { TableName: 't', KeyConditionExpression: 'pk = :pk' })) {
      seen.push(Number(item.n));
    }

    // Assess
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(startKeys).toEqual([undefined, { n: 2 }, { n: 4 }]);
  });

  it('does the same for a scan', async () => {
    const { db, startKeys } = pagedDb();
    const seen: number[] = [];
    for await (const item of scanItems(db, { TableName: 't' })) seen.push(Number(item.n));
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(startKeys).toHaveLength(3);
  });
});
