// Messages received for a child, quarantined ones, answers (what a reply reference points to)
// and the send ledger that makes every outgoing mail go out once.
import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchWrite, isConditionFailed, queryItems, type WriteRequest } from '../adapters/dynamodb-table';
import type { HoldKind, SenderAuthentication } from '../ingest/sender-authentication';
import { childPk, isExpired, type TableContext, withoutKeys } from './table-context';

export type MessageStatus =
  | 'received'
  | 'quarantined'
  | 'recorded'
  | 'unreadable'
  | 'forwarding-verification'
  | 'reply'
  | 'command';

export interface StoredMessage {
  childId: string;
  messageId: string;
  rawKey: string;
  receivedAt: string;
  status: MessageStatus;
  /** True once every step (records, answer) is complete; a retry of a finished message does nothing. */
  done: boolean;
  /** Why it was quarantined, in words for the guardian (never the sender's address). */
  quarantineReason?: string;
  /** Records this message added (ids), in the order the answer numbers them. */
  recordIds?: string[];
  newRecords?: number;
  alreadyRecorded?: number;
  answerId?: string;
  /** Who wrote the recorded mail and their signature lines: the digest's staff contacts, without re-reading mail. */
  author?: MessageAuthor;
  /**
   * The answer's send, kept on the message item: claimed by the delivery that created the item
   * (in the same write), marked sent with the message's final write.
   */
  answerSend?: SendEntry;
}

export interface MessageAuthor {
  /** Lower-cased. */
  address: string;
  name: string | null;
  /** The short lines of the author's signature ("Speech-Language Pathologist"). */
  roles: string[];
}

export type SendState = 'claimed' | 'sent' | 'failed';

export interface SendEntry {
  childId: string;
  sendKey: string;
  state: SendState;
  claimedAt: string;
  leaseUntil: number;
  providerMessageId?: string;
  sentAt?: string;
  claimToken?: string;
}

/** Longer than any function's timeout, so a live attempt's claim is never taken over. */
const SEND_LEASE_MS = 120_000;

const messageKey = (childId: string, messageId: string) => ({ pk: childPk(childId), sk: `MSG#${messageId}` });

/**
 * The partition of a raw message's reference items: one item per child the message was stored for,
 * so deleting one child finds by query whether a sibling still keeps the same raw message.
 */
export const rawMailRefPk = (rawKey: string): string => `RAWMAIL#${rawKey}`;

/**
 * The message item's entry in the raw-mail index (`gsi1`, keys only): which children keep a raw
 * message, found by query when one of them is deleted.
 */
const rawMailIndexKeys = (message: Pick<StoredMessage, 'childId' | 'rawKey'>) => ({
  gsi1pk: rawMailRefPk(message.rawKey),
  gsi1sk: childPk(message.childId),
});

const messageItem = (message: StoredMessage) => ({
  ...messageKey(message.childId, message.messageId),
  type: 'message',
  ...message,
  ...rawMailIndexKeys(message),
});

/** A new claim on a send, held by this caller for `leaseMs`. */
function newClaim(ctx: TableContext, childId: string, sendKey: string, leaseMs: number): SendEntry {
  const now = ctx.clock.now();
  return {
    childId,
    sendKey,
    state: 'claimed',
    claimedAt: now.toISOString(),
    leaseUntil: now.getTime() + leaseMs,
    // Identifies this claim: when the table applied our write but the answer was lost, the SDK's
    // own retry meets its condition failing; reading the token back tells our claim from another's.
    claimToken: randomUUID(),
  };
}

/** The send key of a message's answer (also the key of the ledger item answers once had). */
export const answerSendKey = (messageId: string): string => `answer#${messageId}`;

/**
 * Creates the message's item, with the claim on its answer, in one write; or returns the one an
 * earlier delivery created (its claim is then not this caller's: see claimAnswer).
 */
export async function beginMessage(
  ctx: TableContext,
  message: Pick<StoredMessage, 'childId' | 'messageId' | 'rawKey' | 'receivedAt'>,
  leaseMs = SEND_LEASE_MS,
): Promise<{ message: StoredMessage; firstDelivery: boolean }> {
  const fresh: StoredMessage = {
    ...message,
    status: 'received',
    done: false,
    answerSend: newClaim(ctx, message.childId, answerSendKey(message.messageId), leaseMs),
  };
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: messageItem(fresh),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { message: fresh, firstDelivery: true };
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const existing = await getMessage(ctx, message.childId, message.messageId);
  if (!existing) throw new Error('message vanished while being stored; retry');
  if (existing.answerSend?.claimToken === fresh.answerSend?.claimToken)
    return { message: existing, firstDelivery: true };
  return { message: existing, firstDelivery: false };
}

/**
 * Takes the claim on a message's answer when the holder failed or its lease ran out (or no claim
 * is there); null when the answer is sent or another attempt holds it.
 */
export async function claimAnswer(
  ctx: TableContext,
  childId: string,
  messageId: string,
  leaseMs = SEND_LEASE_MS,
): Promise<SendEntry | null> {
  const claim = newClaim(ctx, childId, answerSendKey(messageId), leaseMs);
  try {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: messageKey(childId, messageId),
        UpdateExpression: 'SET answerSend = :claim',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(answerSend) OR answerSend.#state = :failed OR (answerSend.#state = :claimed AND answerSend.leaseUntil < :now))',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':claim': claim,
          ':failed': 'failed',
          ':claimed': 'claimed',
          ':now': ctx.clock.now().getTime(),
        },
      }),
    );
    return claim;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const existing = (await getMessage(ctx, childId, messageId))?.answerSend;
  return existing && existing.claimToken === claim.claimToken && existing.state === 'claimed' ? existing : null;
}

/**
 * After the claim was not this caller's: null when the answer was sent, the claim when this caller
 * got it after all. Waits briefly for an unfinished holder, then throws SendInProgress. An answer
 * sent through the ledger item of earlier versions counts as sent.
 */
export async function claimAnswerAfterWaiting(
  ctx: TableContext,
  childId: string,
  messageId: string,
  waitMs = 3_000,
): Promise<SendEntry | null> {
  if ((await getSend(ctx, childId, answerSendKey(messageId)))?.state === 'sent') return null;
  const waitUntil = Date.now() + waitMs;
  for (;;) {
    if ((await getMessage(ctx, childId, messageId))?.answerSend?.state === 'sent') return null;
    const claim = await claimAnswer(ctx, childId, messageId);
    if (claim) return claim;
    if (Date.now() > waitUntil) throw new SendInProgress();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A failed send of the answer can be claimed again at once. */
export async function releaseAnswer(ctx: TableContext, claim: SendEntry, messageId: string): Promise<void> {
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: messageKey(claim.childId, messageId),
      UpdateExpression: 'SET answerSend.#state = :failed, answerSend.leaseUntil = :zero',
      ConditionExpression: 'answerSend.#state = :claimed AND answerSend.claimToken = :token',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':failed': 'failed', ':claimed': 'claimed', ':zero': 0, ':token': claim.claimToken },
    }),
  );
}

/** The message's final item with its answer marked sent, in one write; false when that failed. */
export async function completeAnswerWithMessage(
  ctx: TableContext,
  claim: SendEntry,
  providerMessageId: string,
  message: StoredMessage,
): Promise<boolean> {
  const sent: SendEntry = { ...claim, state: 'sent', providerMessageId, sentAt: ctx.clock.now().toISOString() };
  try {
    await ctx.db.send(
      new PutCommand({ TableName: ctx.tableName, Item: messageItem({ ...message, answerSend: sent }) }),
    );
    return true;
  } catch {
    return false;
  }
}

/** Marks the answer sent on its own, trying three times; false when the table could not be told. */
export async function completeAnswerPatiently(
  ctx: TableContext,
  claim: SendEntry,
  messageId: string,
  providerMessageId: string,
): Promise<boolean> {
  const sent: SendEntry = { ...claim, state: 'sent', providerMessageId, sentAt: ctx.clock.now().toISOString() };
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.db.send(
        new UpdateCommand({
          TableName: ctx.tableName,
          Key: messageKey(claim.childId, messageId),
          UpdateExpression: 'SET answerSend = :sent',
          ExpressionAttributeValues: { ':sent': sent },
        }),
      );
      return true;
    } catch {
      // The mail is out: its unfinished claim keeps others from sending it again for the lease.
      if (attempt >= 3) return false;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function getMessage(ctx: TableContext, childId: string, messageId: string): Promise<StoredMessage | null> {
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: messageKey(childId, messageId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<StoredMessage>(result.Item) : null;
}

/** Sets fields on the message (never `childId`, `messageId`). */
export async function updateMessage(
  ctx: TableContext,
  childId: string,
  messageId: string,
  fields: Partial<Omit<StoredMessage, 'childId' | 'messageId'>>,
): Promise<void> {
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = entries.map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: messageKey(childId, messageId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
}

async function queryPrefix(ctx: TableContext, childId: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const query = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': childPk(childId), ':prefix': prefix },
  });
  for await (const item of query) items.push(item);
  return items;
}

export async function listMessages(ctx: TableContext, childId: string): Promise<StoredMessage[]> {
  const items = await queryPrefix(ctx, childId, 'MSG#');
  return items.map((item) => withoutKeys<StoredMessage>(item)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

export interface QuarantineEntry {
  childId: string;
  messageId: string;
  rawKey: string;
  receivedAt: string;
  reason: string;
  /** Why it is held; absent on entries kept before holds were told apart (never released). */
  hold?: HoldKind;
  /** What the platform proved about the sender, so that `allow` reads it as it arrived. */
  authentication?: SenderAuthentication;
  /** Whether the guardians were told (the notice is sent by a later step). */
  guardiansTold: boolean;
}

const quarantineKey = (entry: Pick<QuarantineEntry, 'childId' | 'receivedAt' | 'messageId'>) => ({
  pk: childPk(entry.childId),
  sk: `QUARANTINE#${entry.receivedAt}#${entry.messageId}`,
});

const quarantineItem = (entry: QuarantineEntry) => ({
  ...quarantineKey(entry),
  type: 'quarantine',
  ...entry,
});

/** Puts a message in the child's quarantine list (idempotent: the key is the receipt time and message id). */
export async function putQuarantine(ctx: TableContext, entry: QuarantineEntry): Promise<void> {
  await ctx.db
    .send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: quarantineItem(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailed(error)) throw error;
    });
}

/**
 * A held message's quarantine entry and its message item, as they stand, in one request (with the
 * notice's answer item when one goes out). Whole items: a retry writes the same again.
 */
export async function keepHeld(
  ctx: TableContext,
  held: { message: StoredMessage; entry: QuarantineEntry },
  answer?: StoredAnswer,
): Promise<void> {
  await batchWrite(ctx.db, ctx.tableName, [
    { PutRequest: { Item: quarantineItem(held.entry) } },
    { PutRequest: { Item: messageItem(held.message) } },
    ...(answer ? [answerWrite(answer)] : []),
  ]);
}

export async function listQuarantine(ctx: TableContext, childId: string): Promise<QuarantineEntry[]> {
  const items = await queryPrefix(ctx, childId, 'QUARANTINE#');
  return items.map((item) => withoutKeys<QuarantineEntry>(item));
}

/** Takes a message off the child's quarantine list (it was read after all). */
export async function dropQuarantine(ctx: TableContext, entry: QuarantineEntry): Promise<void> {
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: quarantineKey(entry) }));
}

/** What a reply reference points to: the answer sent about one message and the records it numbered. */
export interface StoredAnswer {
  childId: string;
  answerId: string;
  messageId: string;
  issuedAt: string;
  recordIds: string[];
  /** Epoch seconds after which replies to it are refused (the table's TTL attribute). */
  expiresAt: number;
}

const answerItem = (answer: StoredAnswer) => ({
  pk: childPk(answer.childId),
  sk: `ANSWER#${answer.answerId}`,
  type: 'answer',
  ...answer,
});

export async function putAnswer(ctx: TableContext, answer: StoredAnswer): Promise<void> {
  await ctx.db.send(new PutCommand({ TableName: ctx.tableName, Item: answerItem(answer) }));
}

/** The answer's item as a write request, to go in one batch with the records it numbers. */
export function answerWrite(answer: StoredAnswer): WriteRequest {
  return { PutRequest: { Item: answerItem(answer) } };
}

/** The answer a reply refers to; expired ones are gone (DynamoDB's TTL deletes lazily, the local server never). */
export async function getAnswer(ctx: TableContext, childId: string, answerId: string): Promise<StoredAnswer | null> {
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: { pk: childPk(childId), sk: `ANSWER#${answerId}` } }),
  );
  if (!result.Item || isExpired(result.Item, ctx.clock.now())) return null;
  return withoutKeys<StoredAnswer>(result.Item);
}

const sendKeyOf = (childId: string, sendKey: string) => ({ pk: childPk(childId), sk: `SEND#${sendKey}` });

/**
 * Claims the right to send one mail (an answer, a digest, a notice). Returns true for exactly one
 * caller while the mail is unsent: a failed send, or a claim whose lease ran out, can be claimed again.
 */
export async function claimSend(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  leaseMs = SEND_LEASE_MS,
): Promise<boolean> {
  return (await claimSendEntry(ctx, childId, sendKey, leaseMs)) !== null;
}

/** As `claimSend`, with the claim as stored when this caller got it (null when it did not). */
export async function claimSendEntry(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  leaseMs = SEND_LEASE_MS,
): Promise<SendEntry | null> {
  const entry = newClaim(ctx, childId, sendKey, leaseMs);
  const now = ctx.clock.now();
  try {
    await ctx.db.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: { ...sendKeyOf(childId, sendKey), type: 'send', ...entry },
        ConditionExpression:
          'attribute_not_exists(pk) OR #state = :failed OR (#state = :claimed AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':failed': 'failed', ':claimed': 'claimed', ':now': now.getTime() },
      }),
    );
    return entry;
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  const existing = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: sendKeyOf(childId, sendKey), ConsistentRead: true }),
  );
  return existing.Item?.claimToken === entry.claimToken && existing.Item?.state === 'claimed'
    ? withoutKeys<SendEntry>(existing.Item)
    : null;
}

export async function completeSend(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  providerMessageId: string,
): Promise<void> {
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: sendKeyOf(childId, sendKey),
      UpdateExpression: 'SET #state = :sent, providerMessageId = :id, sentAt = :at',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':id': providerMessageId, ':at': ctx.clock.now().toISOString() },
    }),
  );
}

/** The mail is claimed by an attempt that has not finished: retry later rather than call it sent. */
export class SendInProgress extends Error {
  constructor() {
    super('the mail is claimed by an attempt that has not finished; retry later');
    this.name = 'SendInProgress';
  }
}

/**
 * After `claimSend` said no: false when the mail was sent, true when this caller got the claim
 * after all (the holder failed or its lease ran out). Waits briefly for an unfinished holder, then
 * throws SendInProgress, so a retry never takes a claimed-but-unsent mail for a sent one.
 */
export async function claimAfterWaiting(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  waitMs = 3_000,
): Promise<boolean> {
  return (await claimEntryAfterWaiting(ctx, childId, sendKey, waitMs)) !== null;
}

/** As `claimAfterWaiting`, with the claim as stored when this caller got it (null: the mail was sent). */
export async function claimEntryAfterWaiting(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  waitMs = 3_000,
): Promise<SendEntry | null> {
  const waitUntil = Date.now() + waitMs;
  for (;;) {
    const entry = await getSend(ctx, childId, sendKey);
    if (entry?.state === 'sent') return null;
    const claim = await claimSendEntry(ctx, childId, sendKey);
    if (claim) return claim;
    if (Date.now() > waitUntil) throw new SendInProgress();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Marks a mail that went out as sent, trying three times; false when the ledger could not be told. */
export async function completeSendPatiently(
  ctx: TableContext,
  childId: string,
  sendKey: string,
  providerMessageId: string,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await completeSend(ctx, childId, sendKey, providerMessageId);
      return true;
    } catch {
      // The mail is out: its unfinished claim keeps others from sending it again for the lease.
      if (attempt >= 3) return false;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function releaseSend(ctx: TableContext, childId: string, sendKey: string): Promise<void> {
  await ctx.db.send(
    new UpdateCommand({
      TableName: ctx.tableName,
      Key: sendKeyOf(childId, sendKey),
      UpdateExpression: 'SET #state = :failed, leaseUntil = :zero',
      ConditionExpression: '#state = :claimed',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':failed': 'failed', ':claimed': 'claimed', ':zero': 0 },
    }),
  );
}

export async function getSend(ctx: TableContext, childId: string, sendKey: string): Promise<SendEntry | null> {
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: sendKeyOf(childId, sendKey), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<SendEntry>(result.Item) : null;
}

/** A day's notice slots of one child: the send keys that took one, and when the item may go. */
const noticeSlotsKey = (childId: string, day: string) => ({ pk: childPk(childId), sk: `NOTICES#${day}` });

/**
 * One of the day's `cap` slots for `sendKey`: true when it already holds one or got one now
 * (idempotent: the keys are a set), false when the day's slots are used up. A full day costs a
 * read, not a write.
 */
export async function takeDailySlot(
  ctx: TableContext,
  childId: string,
  day: string,
  sendKey: string,
  cap: number,
): Promise<boolean> {
  const key = noticeSlotsKey(childId, day);
  const current = await ctx.db.send(new GetCommand({ TableName: ctx.tableName, Key: key, ConsistentRead: true }));
  const taken = (current.Item?.sendKeys as Set<string> | undefined) ?? new Set<string>();
  if (taken.has(sendKey)) return true;
  if (taken.size >= cap) return false;
  try {
    await ctx.db.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: key,
        UpdateExpression: 'ADD sendKeys :key SET expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(sendKeys) OR contains(sendKeys, :one) OR size(sendKeys) < :cap',
        ExpressionAttributeValues: {
          ':key': new Set([sendKey]),
          ':one': sendKey,
          ':cap': cap,
          // Kept two days past the day (the table's TTL attribute), long after any retry.
          ':expires': Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 3 * 86_400,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
