// The records read from a child's mail: sessions, requirements, setting facts and dates, each
// with where it came from, whether a guardian confirmed it, and what was changed since.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, batchWrite, isConditionFailed, queryItems, type WriteRequest } from '../adapters/dynamodb-table';
import type { ReplyChange, VersionStep } from '../ports/repositories';
import type { DateItem, Provenance, Requirement, Session, SettingEvent, SettingPercent } from '../records/types';
import { touchCalendarFeed } from './calendar-tokens';
import { answerWrite, type StoredAnswer } from './messages';
import { childPk, type TableContext, withoutKeys } from './table-context';

export interface RecordChange {
  at: string;
  /** `recorded`, `confirmed`, `corrected`, `deleted`. */
  action: string;
  /** Who did it: a guardian's answer id, `system`, or `operator`. */
  by: string;
  /** The fields as they were before a correction. */
  before?: Record<string, unknown>;
}

export interface RecordMeta {
  id: string;
  childId: string;
  source: Provenance;
  confirmed: boolean;
  /** True once a guardian deleted it; kept for the history, left out of lists. */
  deleted: boolean;
  history: RecordChange[];
  recordedAt: string;
  /** The stored message that first recorded it. */
  messageId: string;
  /** The content key of the original it was read from (author + date + what it said). */
  contentKey: string;
}

export type StoredRecord =
  | ({ kind: 'session' } & Session & RecordMeta)
  | ({ kind: 'requirement' } & Requirement & RecordMeta)
  | ({ kind: 'setting-event' } & SettingEvent & RecordMeta)
  | ({ kind: 'date' } & DateItem & RecordMeta)
  | ({ kind: 'setting-percent' } & SettingPercent & RecordMeta);

export type RecordKind = StoredRecord['kind'];

const recordKey = (childId: string, recordId: string) => ({ pk: childPk(childId), sk: `REC#${recordId}` });

export type PutRecordResult = { created: true } | { created: false; existing: StoredRecord };

/** Stores the record unless one with its id exists (ids are deterministic, so this is idempotent). */
export async function putRecordIfNew(ctx: TableContext, record: StoredRecord): Promise<PutRecordResult> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: toItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await touchFeedOf(ctx, [record]);
    return { created: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  // A retry after a failure between the put and the touch comes here.
  await touchFeedOf(ctx, [record]);
  const existing = await getRecord(ctx, record.childId, record.id);
  if (!existing) throw new Error('record vanished while being stored; retry');
  return { created: false, existing };
}

/**
 * Stores a message's records in two requests whatever their number (up to 100 and 25 a request):
 * one BatchGetItem of their ids, then one BatchWriteItem of those not stored yet, together with
 * the answer that numbers them. Returns each record as stored: the existing one where its id
 * was already taken. No condition is needed on the writes: ids are deterministic (the content
 * key of the original plus the fact), so a racing attempt at the same message writes the very
 * same item, and a write that lands twice changes nothing.
 */
export async function putRecordsIfNew(
  ctx: TableContext,
  records: StoredRecord[],
  answer?: StoredAnswer,
): Promise<Array<{ record: StoredRecord; existing: StoredRecord | null }>> {
  const keys = new Map<string, Record<string, unknown>>();
  for (const record of records) {
    const key = recordKey(record.childId, record.id);
    keys.set(`${key.pk}\n${key.sk}`, key);
  }
  const found = new Map<string, StoredRecord>();
  for (const item of await batchGet(ctx.db, ctx.tableName, [...keys.values()], { consistentRead: true })) {
    found.set(`${String(item.pk)}\n${String(item.sk)}`, recordFromItem(item));
  }
  const writes = new Map<string, WriteRequest>();
  const results = records.map((record) => {
    const key = recordKey(record.childId, record.id);
    const id = `${key.pk}\n${key.sk}`;
    const existing = found.get(id) ?? null;
    if (!existing && !writes.has(id)) writes.set(id, { PutRequest: { Item: toItem(record) } });
    return { record, existing };
  });
  const requests = [...writes.values(), ...(answer ? [answerWrite(answer)] : [])];
  if (requests.length > 0) await batchWrite(ctx.db, ctx.tableName, requests);
  // Also when every date was stored already: a retry after a failure between the two comes here.
  await touchFeedOf(ctx, records);
  return results;
}

/** Raises the calendar feed's version of each child with a date among `records` (the feed shows dates only). */
async function touchFeedOf(ctx: TableContext, records: readonly StoredRecord[]): Promise<void> {
  for (const childId of new Set(records.filter((r) => r.kind === 'date').map((r) => r.childId)))
    await touchCalendarFeed(ctx, childId);
}

/**
 * A date record's own `type` (meeting-request ...) would collide with the table's `type` attribute,
 * which reads strip: it is kept as `dateType`. Items written before that kept it in `type`.
 */
function toItem(record: StoredRecord): Record<string, unknown> {
  return {
    ...recordKey(record.childId, record.id),
    ...record,
    type: 'record',
    ...(record.kind === 'date' ? { dateType: record.type } : {}),
  };
}

/** A stored record from its table item. */
export function recordFromItem(item: Record<string, unknown>): StoredRecord {
  if (item.kind !== 'date') return withoutKeys<StoredRecord>(item);
  const { dateType, ...rest } = item;
  const type = typeof dateType === 'string' ? dateType : item.type;
  return { ...withoutKeys<Record<string, unknown>>(rest), type } as unknown as StoredRecord;
}

export async function getRecord(ctx: TableContext, childId: string, recordId: string): Promise<StoredRecord | null> {
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: recordKey(childId, recordId), ConsistentRead: true }),
  );
  return result.Item ? recordFromItem(result.Item) : null;
}

/**
 * A correction is a new version of a record, never an overwrite: `step` gives the next fields and
 * the history entry saying who changed what, when, and what it was before. The put only lands if
 * nobody added a version meanwhile (optimistic concurrency; retried on the new version).
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
          Item: toItem(record),
          ConditionExpression: 'size(history) = :n',
          ExpressionAttributeValues: { ':n': current.history.length },
        }),
      );
      await touchFeedOf(ctx, [current, record]);
      return record;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  throw new Error('the record changed too often while correcting it; try again');
}

/** A child's records, oldest first; deleted ones only when asked. */
export async function listRecords(
  ctx: TableContext,
  childId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  const items = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': childPk(childId), ':prefix': 'REC#' },
  });
  for await (const item of items) records.push(recordFromItem(item));
  return sortedRecords(records, options);
}

/** Oldest first, deleted ones only when asked. */
export function sortedRecords(records: StoredRecord[], options: { includeDeleted?: boolean } = {}): StoredRecord[] {
  return records
    .filter((record) => options.includeDeleted || !record.deleted)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
}
