// A parent's `done N` / `dismiss N` on a deadline, kept by the deadline's stable id.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryItems } from '../adapters/dynamodb-table';
import type { ParentMark } from '../deadlines/track-deadlines';
import { touchCalendarFeed } from './calendar-tokens';
import { childPk, type TableContext } from './table-context';

export async function putDeadlineMark(ctx: TableContext, childId: string, mark: ParentMark): Promise<void> {
  await ctx.db.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: {
        pk: childPk(childId),
        sk: `DEADLINEMARK#${mark.id}`,
        type: 'deadline-mark',
        ...mark,
        at: ctx.clock.now().toISOString(),
      },
    }),
  );
  await touchCalendarFeed(ctx, childId);
}

export async function listDeadlineMarks(ctx: TableContext, childId: string): Promise<ParentMark[]> {
  const marks: ParentMark[] = [];
  const items = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': childPk(childId), ':prefix': 'DEADLINEMARK#' },
  });
  for await (const item of items) {
    const mark = markFromItem(item);
    if (mark) marks.push(mark);
  }
  return marks;
}

/** A parent's mark from its table item; null for one of another shape. */
export function markFromItem(item: Record<string, unknown>): ParentMark | null {
  if (typeof item.id !== 'string' || (item.action !== 'done' && item.action !== 'dismiss')) return null;
  return { id: item.id, action: item.action, on: typeof item.on === 'string' ? item.on : null };
}
