// What the "Deleted" email needs once the child is gone: kept only from the start of a deletion to
// that email, then deleted (the TTL is a backstop). A retried deletion reads it back, so the
// guardians are told even when the child's profile went in an earlier, interrupted run.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../adapters/dynamodb-table';
import type { Language } from '../render/language';
import { isExpired, type TableContext, withoutKeys } from './table-context';

export interface DeletionReceipt {
  childId: string;
  childName: string;
  inboundAddress: string;
  guardians: string[];
  /** Messages stored for the child when the deletion began. */
  messages: number;
  /** The language the "Deleted" email is written in (English for receipts kept before it was). */
  language?: Language;
}

/** Past the 14 days a request can wait in the dead-letter queue before someone redrives it. */
const RECEIPT_DAYS = 15;

const receiptKey = (childId: string) => ({ pk: `DELETION#${childId}`, sk: 'RECEIPT' });

export async function getDeletionReceipt(ctx: TableContext, childId: string): Promise<DeletionReceipt | null> {
  const { Item } = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: receiptKey(childId), ConsistentRead: true }),
  );
  if (!Item || isExpired(Item, ctx.clock.now())) return null;
  const { expiresAt: _expiresAt, sendingUntil: _sendingUntil, ...receipt } = withoutKeys<Record<string, unknown>>(Item);
  return receipt as unknown as DeletionReceipt;
}

/** Keeps the receipt, or returns the one an earlier run of the same deletion kept. */
export async function keepDeletionReceipt(ctx: TableContext, receipt: DeletionReceipt): Promise<DeletionReceipt> {
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: {
          ...receiptKey(receipt.childId),
          type: 'deletion-receipt',
          ...receipt,
          expiresAt: Math.floor(ctx.clock.now().getTime() / 1000) + RECEIPT_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return receipt;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  return (await getDeletionReceipt(ctx, receipt.childId)) ?? receipt;
}

/**
 * Claims sending the "Deleted" email: true for one caller while the receipt exists and no other
 * claim's lease runs (a worker that died holding it is taken over after the lease).
 */
export async function claimDeletedEmail(ctx: TableContext, childId: string, leaseMs = 120_000): Promise<boolean> {
  const now = ctx.clock.now().getTime();
  try {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: receiptKey(childId),
        UpdateExpression: 'SET sendingUntil = :until',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(sendingUntil) OR sendingUntil < :now)',
        ExpressionAttributeValues: { ':until': now + leaseMs, ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Gives the claim back after a failed send, so the retry can send at once. */
export async function releaseDeletedEmail(ctx: TableContext, childId: string): Promise<void> {
  await ctx.db
    .send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: receiptKey(childId),
        UpdateExpression: 'REMOVE sendingUntil',
        ConditionExpression: 'attribute_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailed(error)) throw error;
    });
}

/** The email went: nothing about the child is kept any more. */
export async function dropDeletionReceipt(ctx: TableContext, childId: string): Promise<void> {
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: receiptKey(childId) }));
}
