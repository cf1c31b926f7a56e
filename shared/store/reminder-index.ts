// Which children get their deadline reminders at an hour, without reading every child: each
// child's directory entry (`CHILDREN` / `CHILD#id`) is in the digest index under its time zone
// (`REMINDER#<zone>`) while it is not paused, and every zone a child lives in is listed once
// (`REMINDER-ZONES` / `<zone>`). At an hour, the scheduling rules pick the zones where it is now
// the reminder hour from that short list and each is one index query. Nothing moves from day to
// day, so a run that died leaves nothing stale behind: the next run finds the same children.
import { DIGEST_INDEX, queryItems } from '../adapters/dynamodb-table';
import { childPk, type TableContext } from './table-context';

const ZONES_PK = 'REMINDER-ZONES';
const zoneIndexKey = (timeZone: string) => `REMINDER#${timeZone}`;

/**
 * The directory entry of a child, in the reminder index unless paused, and its zone's listing:
 * written with every change of the child's profile (so a zone change or a pause moves it too).
 */
export function directoryItems(child: { id: string; timeZone: string; paused: boolean }): Record<string, unknown>[] {
  const entry: Record<string, unknown> = {
    pk: 'CHILDREN',
    sk: childPk(child.id),
    type: 'child-entry',
    childId: child.id,
  };
  if (!child.paused) Object.assign(entry, { gsi1pk: zoneIndexKey(child.timeZone), gsi1sk: childPk(child.id) });
  return [entry, { pk: ZONES_PK, sk: child.timeZone, type: 'reminder-zone' }];
}

/** The time zones some child lives in. */
export async function listReminderZones(ctx: TableContext): Promise<string[]> {
  const zones: string[] = [];
  const listed = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': ZONES_PK },
  });
  for await (const item of listed) if (typeof item.sk === 'string') zones.push(item.sk);
  return zones;
}

/** Ids of the (unpaused) children who live in `zone`: one index query. */
export async function listChildIdsInZone(ctx: TableContext, zone: string): Promise<string[]> {
  const ids: string[] = [];
  const due = queryItems(ctx.db, {
    TableName: ctx.tableName,
    IndexName: DIGEST_INDEX,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': zoneIndexKey(zone) },
  });
  for await (const item of due) if (typeof item.sk === 'string') ids.push(item.sk.slice('CHILD#'.length));
  return ids;
}
