// Addresses that bounced for good or complained: nothing is ever sent to them again. Kept by the
// SHA-256 of the lower-cased address, so the table does not hold the address a second time.
import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './table-context';

export type SuppressionReason = 'bounce' | 'complaint';

const suppressionKey = (address: string) => ({
  pk: `SUPPRESSED#${createHash('sha256').update(address.trim().toLowerCase()).digest('hex')}`,
  sk: 'SUPPRESSED',
});

export async function suppressAddress(ctx: TableContext, address: string, reason: SuppressionReason): Promise<void> {
  await ctx.db.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: { ...suppressionKey(address), type: 'suppressed', reason, at: ctx.clock.now().toISOString() },
    }),
  );
}

export async function isSuppressed(ctx: TableContext, address: string): Promise<boolean> {
  const result = await ctx.db.send(new GetCommand({ TableName: ctx.tableName, Key: suppressionKey(address) }));
  return result.Item !== undefined;
}
