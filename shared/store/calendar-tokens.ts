// The token in a child's private calendar feed URL: 128 random bits, one current token per child.
// Rotating it (`new calendar link`) makes the old URL answer 404 at once.
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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

async function claimToken(ctx: TableContext, childId: string): Promise<string> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = newCalendarToken();
    try {
      await ctx.db.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { ...tokenKey(token), type: 'calendar-token', childId, createdAt: ctx.clock.now().toISOString() },
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
export async function ensureCalendarToken(ctx: TableContext, childId: string): Promise<string> {
  const existing = await currentCalendarToken(ctx, childId);
  if (existing) return existing;
  const token = await claimToken(ctx, childId);
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
export async function rotateCalendarToken(ctx: TableContext, childId: string): Promise<string> {
  const old = await currentCalendarToken(ctx, childId);
  const token = await claimToken(ctx, childId);
  await ctx.db.send(
    new PutCommand({ TableName: ctx.tableName, Item: { ...childKey(childId), type: 'calendar', token } }),
  );
  if (old) await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(old) }));
  return token;
}

/** The child a token belongs to, or null (wrong shape, unknown, or rotated away). */
export async function childOfCalendarToken(ctx: TableContext, token: string): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const result = await ctx.db.send(new GetCommand({ TableName: ctx.tableName, Key: tokenKey(token) }));
  const childId = result.Item?.childId;
  if (typeof childId !== 'string') return null;
  return (await currentCalendarToken(ctx, childId)) === token ? childId : null;
}

/** Removes the child's calendar items (part of deleting a child's data). */
export async function deleteCalendarToken(ctx: TableContext, childId: string): Promise<void> {
  const old = await currentCalendarToken(ctx, childId);
  if (old) await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: tokenKey(old) }));
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: childKey(childId) }));
}
