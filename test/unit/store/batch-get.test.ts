import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchGet } from '../../../shared/adapters/dynamodb-table';

type Key = { pk: string; sk: string };

/** A table holding every key asked for, which leaves the first `leaveUnprocessed` keys for later. */
function fakeDb(leaveUnprocessed: number) {
  const batches: number[] = [];
  let left = leaveUnprocessed;
  const db = {
    send: async (command: { input: { RequestItems: Record<string, { Keys: Key[] }> } }) => {
      const keys = command.input.RequestItems.t?.Keys ?? [];
      batches.push(keys.length);
      const unprocessed = keys.slice(0, Math.min(left, keys.length));
      left -= unprocessed.length;
      const served = keys.slice(unprocessed.length).map((key) => ({ ...key, found: true }));
      return {
        Responses: { t: served },
        UnprocessedKeys: unprocessed.length > 0 ? { t: { Keys: unprocessed } } : {},
      };
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, batches };
}

const keys = (n: number): Key[] => Array.from({ length: n }, (_, i) => ({ pk: `CHILD#${i}`, sk: 'PROFILE' }));

describe('batch reads', () => {
  it('reads in batches of at most 100 keys', async () => {
    // Prepare
    const { db, batches } = fakeDb(0);

    // Act
    const items = await batchGet(db, 't', keys(250));

    // Assess
    expect(batches).toEqual([100, 100, 50]);
    expect(items).toHaveLength(250);
  });

  it('asks again for the keys the table left unprocessed, and returns every item', async () => {
    const { db, batches } = fakeDb(30);
    const items = await batchGet(db, 't', keys(40));
    expect(batches).toEqual([40, 30]);
    expect(new Set(items.map((item) => item.pk)).size).toBe(40);
  });

  it('gives up with an error rather than returning a partial answer silently', async () => {
    const { db } = fakeDb(1_000);
    await expect(batchGet(db, 't', keys(3), { maxRounds: 3 })).rejects.toThrow('unprocessed');
  });
});
