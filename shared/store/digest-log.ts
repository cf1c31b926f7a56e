// The flags each weekly digest raised, kept per child and week, so that the next digests can say
// how many weeks in a row a concern has lasted.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FlagKind } from '../compliance/digest-types';
import type { IsoDate, ServiceCode } from '../records/types';
import { childPk, type TableContext } from './table-context';

export interface DigestLogEntry {
  /** Monday of the digest's week. */
  weekStart: IsoDate;
  asOf: IsoDate;
  flags: Array<{ kind: FlagKind; service: ServiceCode | null }>;
}

/** Writes (or overwrites) the week's entry: a digest sent again for the same week replaces it. */
export async function putDigestLog(ctx: TableContext, childId: string, entry: DigestLogEntry): Promise<void> {
  await ctx.db.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        pk: childPk(childId),
        sk: `DIGESTLOG#${entry.weekStart}`,
        type: 'digest-log',
        weekStart: entry.weekStart,
        asOf: entry.asOf,
        flags: entry.flags,
        recordedAt: ctx.clock.now().toISOString(),
      },
    }),
  );
}

/** The child's past digests, newest first, at most `limit` of them. */
export async function listDigestLog(ctx: TableContext, childId: string, limit = 60): Promise<DigestLogEntry[]> {
  const result = await ctx.db.send(
    new QueryCommand({
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': childPk(childId), ':prefix': 'DIGESTLOG#' },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map(digestLogFromItem);
}

export function digestLogFromItem(item: Record<string, unknown>): DigestLogEntry {
  return {
    weekStart: String(item.weekStart),
    asOf: String(item.asOf),
    flags: Array.isArray(item.flags) ? (item.flags as DigestLogEntry['flags']) : [],
  };
}
