// The token in a child's private calendar feed URL: 128 random bits, one current token per child.
// Rotating it (`new calendar link`) makes the old URL answer 404 at once. The token's item also
// keeps the feed's version, raised after every write that changes what the feed shows, and the
// child's time zone, so that a calendar app's conditional request is answered from that one item
// (docs/decisions/0105).
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../adapters/dynamodb-table';
import { childPk, type TableContext } from './table-context';
import { base32 } from './unguessable-ids';

/** 128 random bits as 26 base32 characters. */
export function newCalendarToken(): string {
  return base32(randomBytes(16));
}

const TOKEN_SHAPE = /^[a-z2-7]{26}$/;
const tokenKey = (token: string) => ({ pk: `CALENDAR#${token}`, sk: 'CALENDAR' });
const childKey = (childId: string) => ({ pk: childPk(childId), sk: 'CALENDAR' });

export async function currentCalendarToken(ctx: TableContext, childId: string): Promise<string | null> {
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: childKey(childId), ConsistentRead: true }),
  );
  return typeof result.Item?.token === 'string' ? result.Item.token : null;
}

async function claimToken(ctx: TableContext, childId: string, timeZone: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = newCalendarToken();
    try {
      await ctx.db.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: {
            ...tokenKey(token),
            type: 'calendar-token',
            childId,
            timeZone,
            feedVersion: 0,
            createdAt: ctx.clock.now().toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return token;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  throw new Error('could not allocate a calendar token');
}

/** The child's token, created on first use. Two first uses at once agree on one token. */
export async function ensureCalendarToken(ctx: TableContext, childId: string, timeZone: string): Promise<string> {
  const existing = await currentCalendarToken(ctx, childId);
  if (existing) return existing;
  const token = await claimToken(ctx, childId, timeZone);
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: { ...childKey(childId), type: 'calendar', token },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return token;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(token) }));
    const winner = await currentCalendarToken(ctx, childId);
    if (!winner) throw new Error('the calendar link changed meanwhile; try again');
    return winner;
  }
}

/** Replaces the child's token with a new one; the old one stops working. */
export async function rotateCalendarToken(ctx: TableContext, childId: string, timeZone: string): Promise<string> {
  const old = await currentCalendarToken(ctx, childId);
  const token = await claimToken(ctx, childId, timeZone);
  await ctx.db.send(
    new PutCommand({ TableName: ctx.tableName, Item: { ...childKey(childId), type: 'calendar', token } }),
  );
  if (old) await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(old) }));
  return token;
}

/** What a token's item says of its feed: whose it is, its version and the child's time zone. */
export interface CalendarFeedState {
  childId: string;
  /** Raised after every write that changes what the feed shows; 0 for a new token. */
  version: number;
  /** The child's time zone (the feed changes at its midnight); null on items made before it was kept. */
  timeZone: string | null;
}

/**
 * The feed state of a token, or null (wrong shape, unknown, or rotated away): one strongly
 * consistent read, so a version raised just before is seen.
 */
export async function calendarFeedState(ctx: TableContext, token: string): Promise<CalendarFeedState | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: tokenKey(token), ConsistentRead: true }),
  );
  const item = result.Item;
  if (typeof item?.childId !== 'string') return null;
  return {
    childId: item.childId,
    version: typeof item.feedVersion === 'number' ? item.feedVersion : 0,
    timeZone: typeof item.timeZone === 'string' ? item.timeZone : null,
  };
}

/**
 * Raises the version of the child's feed (and keeps its time zone, when given): called after a
 * write that changes what the feed shows, never before it, so a feed read between the two is
 * served again at the next poll rather than kept under the new version. Nothing for a child with
 * no feed yet; a token rotated away meanwhile is left alone (the new one starts afresh).
 */
export async function touchCalendarFeed(ctx: TableContext, childId: string, timeZone?: string): Promise<void> {
  const token = await currentCalendarToken(ctx, childId);
  if (!token) return;
  try {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: tokenKey(token),
        UpdateExpression: timeZone === undefined ? 'ADD feedVersion :one' : 'ADD feedVersion :one SET #zone = :tz',
        ConditionExpression: 'attribute_exists(pk) AND childId = :child',
        // TIMEZONE is a reserved word in expressions.
        ...(timeZone === undefined ? {} : { ExpressionAttributeNames: { '#zone': 'timeZone' } }),
        ExpressionAttributeValues: {
          ':one': 1,
          ':child': childId,
          ...(timeZone === undefined ? {} : { ':tz': timeZone }),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

/** Removes the child's calendar items (part of deleting a child's data). */
export async function deleteCalendarToken(ctx: TableContext, childId: string): Promise<void> {
  const old = await currentCalendarToken(ctx, childId);
  if (old) await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(old) }));
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: childKey(childId) }));
}
