// A correction is a new version of a record, never an overwrite: the fields change, and the
// record's history gains an entry saying who changed what, when, and what it was before.
// Written with optimistic concurrency: the put only lands if nobody added a version meanwhile.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../adapters/dynamodb-table';
import type { RecordChange, StoredRecord } from '../store/records';
import { getRecord } from '../store/records';
import { childPk, type TableContext } from '../store/table-context';

/** A history entry from a reply: `ref` (`<messageId>#<line>`) makes re-applying the same line a no-op. */
export type ReplyChange = RecordChange & { ref?: string };

export type VersionStep = (current: StoredRecord) => { record: StoredRecord; change: ReplyChange } | null;

/**
 * Applies `step` to the current version of a record and stores the result as the next version.
 * Returns the stored record (unchanged when `step` returned null or the change was applied before).
 */
export async function saveRecordVersion(
  ctx: TableContext,
  childId: string,
  recordId: string,
  step: VersionStep,
): Promise<StoredRecord | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getRecord(ctx, childId, recordId);
    if (!current) return null;
    const next = step(current);
    if (!next) return current;
    const ref = next.change.ref;
    if (ref && current.history.some((entry) => (entry as ReplyChange).ref === ref)) return current;
    const record = { ...next.record, history: [...current.history, next.change] } as StoredRecord;
    try {
      await ctx.db.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { pk: childPk(childId), sk: `REC#${recordId}`, type: 'record', ...record },
          ConditionExpression: 'size(history) = :n',
          ExpressionAttributeValues: { ':n': current.history.length },
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  throw new Error('the record changed too often while correcting it; try again');
}
