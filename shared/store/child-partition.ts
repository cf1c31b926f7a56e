import { queryItems } from '../adapters/dynamodb-table';
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
  /** The token of the child's calendar feed, null before its first use (the item lives in this partition). */
  calendarToken: string | null;
}

/** The child's profile, records, messages, digest log, deadline marks and calendar token; null for no child. */
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
  let calendarToken: string | null = null;
  const partition = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': childPk(childId) },
  });
  for await (const item of partition) {
    // DynamoDB's TTL deletes lazily (the local server never): an expired item is gone.
    if (isExpired(item, now)) continue;
    const sk = String(item.sk);
    if (sk === 'PROFILE') child = withoutKeys<Child>(item);
    else if (sk.startsWith('REC#')) records.push(recordFromItem(item));
    else if (sk.startsWith('MSG#')) messages.push(withoutKeys<StoredMessage>(item));
    else if (sk.startsWith('DIGESTLOG#')) digestLog.push(digestLogFromItem(item));
    else if (sk === 'CALENDAR' && typeof item.token === 'string') calendarToken = item.token;
    else if (sk.startsWith('DEADLINEMARK#')) {
      const mark = markFromItem(item);
      if (mark) marks.push(mark);
    }
  }
  if (!child) return null;
  return {
    child,
    records: sortedRecords(records),
    messages: messages.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    digestLog: digestLog.sort((a, b) => b.weekStart.localeCompare(a.weekStart)).slice(0, options.digestLogLimit ?? 60),
    marks,
    calendarToken,
  };
}
