import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { batchWrite } from '../../../shared/adapters/dynamodb-table';

type Request = { DeleteRequest: { Key: { pk: string; sk: string } } };

function fakeDb(leaveUnprocessed: number) {
  const batches: number[] = [];
  let left = leaveUnprocessed;
  const db = {
    send: async (command: { input: { RequestItems: Record<string, Request[]> } }) => {
      const items = command.input.RequestItems.t ?? [];
      batches.push(items.length);
      const unprocessed = items.slice(0, Math.min(left, items.length));
      left -= unprocessed.length;
      return { UnprocessedItems: unprocessed.length > 0 ? { t: unprocessed } : {} };
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, batches };
}

const requests = (n: number): Request[] =>
  Array.from({ length: n }, (_, i) => ({ DeleteRequest: { Key: { pk: 'CHILD#x', sk: `REC#${i}` } } }));

describe('batch writes', () => {
  it('writes in batches of at most 25', async () => {
    const { db, batches } = fakeDb(0);
    await batchWrite(db, 't', requests(60));
    expect(batches).toEqual([25, 25, 10]);
  });

  it('retries what the table left unprocessed until it is written', async () => {
    const { db, batches } = fakeDb(7);
    await batchWrite(db, 't', requests(10));
    expect(batches).toEqual([10, 7]);
  });

  it('gives up with an error rather than losing items silently', async () => {
    const { db } = fakeDb(1_000);
    await expect(batchWrite(db, 't', requests(3), 3)).rejects.toThrow('unprocessed');
  });
});
