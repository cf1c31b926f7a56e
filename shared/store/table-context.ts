// What every store function needs: the DocumentClient, the table's name and the clock.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../ports/clock';

export interface TableContext {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}

export const childPk = (childId: string): string => `CHILD#${childId}`;

/** Strips the table's own attributes from an item. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...rest } = item;
  return rest as T;
}

/** Items whose `expiresAt` (epoch seconds, the TTL attribute) has passed are treated as gone. */
export function isExpired(item: Record<string, unknown>, now: Date): boolean {
  const expiresAt = item.expiresAt;
  return typeof expiresAt === 'number' && expiresAt * 1000 <= now.getTime();
}
