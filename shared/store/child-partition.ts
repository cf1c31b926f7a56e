// Everything kept under one child's partition key (`pk = CHILD#id`), read with one paginated
// query and split by sort-key prefix: what the digest and its summary are computed from.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ParentMark } from '../deadlines/track-deadlines';
import { markFromItem } from './deadline-marks';
import { type DigestLogEntry, digestLogFromItem } from './digest-log';
import type { Child } from './families';
import type { StoredMessage } from './messages';
import { recordFromItem, type StoredRecord, sortedRecords } from './records';
import { childPk, isExpired, type TableContext, withoutKeys } from './table-context';

export interface ChildPartition {
  child: Child;
  /** Oldest first, deleted ones left out (as `listRecords`). */
  records: StoredRecord[];
  /** Oldest first (as `listMessages`). */
  messages: StoredMessage[];
  /** Newest first, at most `digestLogLimit` (as `listDigestLog`). */
  digestLog: DigestLogEntry[];
  marks: ParentMark[];
}

/** The child's profile, records, messages, digest log and deadline marks; null for no child. */
export async function readChildPartition(
  ctx: TableContext,
  childId: string,
  options: { digestLogLimit?: number } = {},
): Promise<ChildPartition | null> {
  const now = ctx.clock.now();
  let child: Child | null = null;
  const records: StoredRecord[] = [];
  const messages: StoredMessage[] = [];
  const digestLog: DigestLogEntry[] = [];
  const marks: ParentMark[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.db.send(
      new QueryCommand({
        TableName: ctx.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': childPk(childId) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      // DynamoDB's TTL deletes lazily (the local server never): an expired item is gone.
      if (isExpired(item, now)) continue;
      const sk = String(item.sk);
      if (sk === 'PROFILE') child = withoutKeys<Child>(item);
      else if (sk.startsWith('REC#')) records.push(recordFromItem(item));
      else if (sk.startsWith('MSG#')) messages.push(withoutKeys<StoredMessage>(item));
      else if (sk.startsWith('DIGESTLOG#')) digestLog.push(digestLogFromItem(item));
      else if (sk.startsWith('DEADLINEMARK#')) {
        const mark = markFromItem(item);
        if (mark) marks.push(mark);
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (!child) return null;
  return {
    child,
    records: sortedRecords(records),
    messages: messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    digestLog: digestLog.sort((a, b) => b.weekStart.localeCompare(a.weekStart)).slice(0, options.digestLogLimit ?? 60),
    marks,
  };
}
