// Families: a child, the guardians who may write for them, the senders they allow, the child's
// private inbound address and the digest schedule.

import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { batchGet, batchWrite, DIGEST_INDEX, isConditionFailed, queryItems } from '../adapters/dynamodb-table';
import { dayNumber } from '../calendar/iso-days';
import { type SchoolYearSetting, schoolYearSettingSchema } from '../calendar/school-calendar';
import { keptAddress, mailAddressSchema } from '../mail/mail-address';
import type { RawMailStore } from '../ports/raw-mail-store';
import { LANGUAGES, type Language } from '../render/language';
import { DEFAULT_DIGEST, type DigestSchedule, nextDigestDue } from '../scheduling/schedule-rules';
import { touchCalendarFeed } from './calendar-tokens';
import { DIGEST_SHARDS, digestIndexKey, digestShard, hourSlot } from './digest-schedule';
import { rawMailRefPk } from './messages';
import { directoryItems } from './reminder-index';
import { childPk, type TableContext, withoutKeys } from './table-context';
import { hashId, newChildId, newInboundToken } from './unguessable-ids';

export interface Child {
  id: string;
  name: string;
  /** `<slug>-<token>@<inboundDomain>`, lower-case; the token carries 80 random bits. */
  inboundAddress: string;
  /** Lower-cased addresses of the guardians: the only people the system ever answers. */
  guardians: string[];
  /** Lower-cased addresses of other people (providers, the school) whose mail counts. */
  allowedSenders: string[];
  timeZone: string;
  /** US state (two letters) whose deadline rules apply, when known. */
  state: string | null;
  /** The school year's first and last days as the family set them; absent or null: estimated per state. */
  schoolYear?: SchoolYearSetting | null;
  /** The day the family began tracking, as the family set it; else the first message received counts. */
  trackingSince?: string | null;
  digest: DigestSchedule;
  /** The language of every message to the guardians; absent (families from before): English. */
  language?: Language;
  /** The language of the letters to the school in the digest and of the note in a reminder; absent: the school's (English). */
  letterLanguage?: Language;
  /** Paused: mail is still kept and read, but no digests or reminders go out. */
  paused: boolean;
  /** When the next digest is due (ISO instant), or null while paused. */
  nextDigestAt: string | null;
  createdAt: string;
  version: number;
}

const addressSchema = mailAddressSchema;

const digestSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
});

export const createChildInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  guardians: z.array(addressSchema).min(1).max(10),
  timeZone: z.string().refine((zone) => isTimeZone(zone), 'unknown IANA time zone'),
  state: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase())
    .optional(),
  digest: digestSchema.optional(),
  language: z.enum(LANGUAGES).optional(),
  letterLanguage: z.enum(LANGUAGES).optional(),
});
export type CreateChildInput = z.input<typeof createChildInputSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The address as kept; throws a plain error (never a validation dump) when it is not one. */
export function normalizeAddress(address: string): string {
  const kept = keptAddress(address);
  if (kept === null) throw new Error(`"${address.slice(0, 100)}" is not an email address`);
  return kept;
}

/** The readable part of the inbound address: the child's first name in lower-case ASCII letters. */
export function addressSlug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let slug = '';
  for (const char of ascii) {
    if (char >= 'a' && char <= 'z') slug += char;
    else if (slug.length > 0) break;
    if (slug.length >= 10) break;
  }
  return slug.length > 0 ? slug : 'child';
}

export interface ParsedInboundAddress {
  token: string;
  /** What followed `+` in the local part (a reply reference), lower-cased, or null. */
  plus: string | null;
  local: string;
}

/** Reads `slug-token+plus@domain`; null when the domain is not ours or the shape is wrong. */
export function parseInboundAddress(address: string, inboundDomain: string): ParsedInboundAddress | null {
  let value = address.trim().toLowerCase();
  if (value.startsWith('<') && value.endsWith('>')) value = value.slice(1, -1);
  if (value.length > 254) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return null;
  if (value.slice(at + 1) !== inboundDomain.toLowerCase()) return null;
  const full = value.slice(0, at);
  const plusAt = full.indexOf('+');
  const local = plusAt === -1 ? full : full.slice(0, plusAt);
  const plus = plusAt === -1 ? null : full.slice(plusAt + 1);
  const dash = local.lastIndexOf('-');
  const token = dash === -1 ? '' : local.slice(dash + 1);
  if (!/^[a-z2-7]{16}$/.test(token)) return null;
  return { token, plus, local };
}

export interface FamiliesContext extends TableContext {
  inboundDomain: string;
  rawMail: RawMailStore;
}

const profileKey = (childId: string) => ({ pk: childPk(childId), sk: 'PROFILE' });

function digestIndexAttributes(child: Pick<Child, 'id' | 'paused' | 'nextDigestAt'>): Record<string, string> {
  if (child.paused || !child.nextDigestAt) return {};
  return {
    gsi1pk: digestIndexKey(hourSlot(new Date(child.nextDigestAt)), digestShard(child.id)),
    gsi1sk: childPk(child.id),
  };
}

async function putProfile(ctx: TableContext, child: Child, expectedVersion: number | null): Promise<void> {
  await ctx.db.send(
    new PutCommand({
      TableName: ctx.tableName,
      Item: { ...profileKey(child.id), type: 'child', ...child, ...digestIndexAttributes(child) },
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    }),
  );
  // The directory entry follows the profile: in the reminder index under the child's zone unless
  // paused. Plain puts, as every function that changes a profile may put items.
  for (const item of directoryItems(child)) await ctx.db.send(new PutCommand({ TableName: ctx.tableName, Item: item }));
}

export async function createChild(ctx: FamiliesContext, input: CreateChildInput): Promise<Child> {
  const parsed = createChildInputSchema.parse(input);
  const now = ctx.clock.now();
  const digest = parsed.digest ?? DEFAULT_DIGEST;
  for (let attempt = 0; attempt < 3; attempt++) {
    const id = newChildId();
    const token = newInboundToken();
    const inboundAddress = `${addressSlug(parsed.name)}-${token}@${ctx.inboundDomain.toLowerCase()}`;
    try {
      await ctx.db.send(
        new PutCommand({
          TableName: ctx.tableName,
          Item: { pk: `ADDRESS#${token}`, sk: 'ADDRESS', type: 'address', childId: id },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) continue;
      throw error;
    }
    const child: Child = {
      id,
      name: parsed.name,
      inboundAddress,
      guardians: [...new Set(parsed.guardians)],
      allowedSenders: [],
      timeZone: parsed.timeZone,
      state: parsed.state ?? null,
      schoolYear: null,
      digest,
      language: parsed.language ?? 'en',
      ...(parsed.letterLanguage ? { letterLanguage: parsed.letterLanguage } : {}),
      paused: false,
      nextDigestAt: nextDigestDue(now, parsed.timeZone, digest).toISOString(),
      createdAt: now.toISOString(),
      version: 1,
    };
    await putProfile(ctx, child, null);
    return child;
  }
  throw new Error('could not allocate an inbound address');
}

export async function getChild(ctx: TableContext, childId: string): Promise<Child | null> {
  const result = await ctx.db.send(new GetCommand({ TableName: ctx.tableName, Key: profileKey(childId) }));
  return result.Item ? withoutKeys<Child>(result.Item) : null;
}

/** Batches of keys read at once by `getChildren` (100 keys each). */
const CHILD_BATCHES_IN_FLIGHT = 4;

/**
 * The children with these ids, in the order given, missing ones left out: BatchGetItem of 100 keys
 * a request (unprocessed keys retried with backoff), at most four requests in flight, so that ten
 * thousand children are a hundred requests and never ten thousand at once.
 */
export async function getChildren(ctx: TableContext, ids: readonly string[]): Promise<Child[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += 100) chunks.push(unique.slice(start, start + 100));
  const found = new Map<string, Child>();
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
      const items = await batchGet(ctx.db, ctx.tableName, chunk.map(profileKey));
      for (const item of items) {
        const child = withoutKeys<Child>(item);
        found.set(child.id, child);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CHILD_BATCHES_IN_FLIGHT, chunks.length) }, worker));
  return unique.map((id) => found.get(id)).filter((child): child is Child => child !== undefined);
}

/** Every child's id, from the directory partition (one query, no scan). */
async function listChildIds(ctx: TableContext): Promise<string[]> {
  const ids: string[] = [];
  const directory = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': 'CHILDREN' },
  });
  for await (const item of directory) if (typeof item.childId === 'string') ids.push(item.childId);
  return ids;
}

export async function listChildren(ctx: TableContext): Promise<Child[]> {
  return (await getChildren(ctx, await listChildIds(ctx))).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export interface RoutedRecipient {
  child: Child;
  /** The plus part of the address (a reply reference, unverified), or null. */
  plus: string | null;
}

/** Finds the child a recipient address belongs to; lower-case and plus-addressing tolerant. */
export async function routeRecipient(ctx: FamiliesContext, address: string): Promise<RoutedRecipient | null> {
  const parsed = parseInboundAddress(address, ctx.inboundDomain);
  if (!parsed) return null;
  const result = await ctx.db.send(
    new GetCommand({ TableName: ctx.tableName, Key: { pk: `ADDRESS#${parsed.token}`, sk: 'ADDRESS' } }),
  );
  const childId = result.Item?.childId;
  if (typeof childId !== 'string') return null;
  const child = await getChild(ctx, childId);
  if (!child) return null;
  if (child.inboundAddress.split('@')[0] !== parsed.local) return null;
  return { child, plus: parsed.plus };
}

export async function findChildByAddress(ctx: FamiliesContext, address: string): Promise<Child | null> {
  return (await routeRecipient(ctx, address))?.child ?? null;
}

/** After a change the calendar feed shows (its rules' state, school year, language): the feed's version is raised. */
async function changeFeed(ctx: TableContext, updated: Promise<Child>): Promise<Child> {
  const child = await updated;
  await touchCalendarFeed(ctx, child.id, child.timeZone);
  return child;
}

async function updateChild(ctx: TableContext, childId: string, change: (child: Child) => Child): Promise<Child> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getChild(ctx, childId);
    if (!current) throw new Error('no such child');
    const next = { ...change(current), version: current.version + 1 };
    try {
      await putProfile(ctx, next, current.version);
      return next;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
  throw new Error('the child changed too often while updating; try again');
}

export function allowSender(ctx: TableContext, childId: string, address: string): Promise<Child> {
  const normalized = normalizeAddress(address);
  return updateChild(ctx, childId, (child) => ({
    ...child,
    allowedSenders: [...new Set([...child.allowedSenders, normalized])],
  }));
}

export function removeSender(ctx: TableContext, childId: string, address: string): Promise<Child> {
  const normalized = normalizeAddress(address);
  return updateChild(ctx, childId, (child) => ({
    ...child,
    allowedSenders: child.allowedSenders.filter((a) => a !== normalized),
  }));
}

export function addGuardian(ctx: TableContext, childId: string, address: string): Promise<Child> {
  const normalized = normalizeAddress(address);
  return updateChild(ctx, childId, (child) => ({
    ...child,
    guardians: [...new Set([...child.guardians, normalized])],
  }));
}

/** Sets the US state whose deadline rules apply (two letters), or clears it. */
export function setChildState(ctx: TableContext, childId: string, state: string | null): Promise<Child> {
  const value = state === null ? null : state.trim().toUpperCase();
  if (value !== null && !/^[A-Z]{2}$/.test(value)) throw new Error('state must be two letters');
  return changeFeed(
    ctx,
    updateChild(ctx, childId, (child) => ({ ...child, state: value })),
  );
}

/** Sets the school year's first and last days (`null` goes back to the state's estimate). */
export function setSchoolYear(
  ctx: TableContext,
  childId: string,
  schoolYear: SchoolYearSetting | null,
): Promise<Child> {
  const value = schoolYear === null ? null : schoolYearSettingSchema.parse(schoolYear);
  return changeFeed(
    ctx,
    updateChild(ctx, childId, (child) => ({ ...child, schoolYear: value })),
  );
}

/** Sets the day the family began tracking the child (`YYYY-MM-DD`), or clears it. */
export function setTrackingSince(ctx: TableContext, childId: string, day: string | null): Promise<Child> {
  if (day !== null) dayNumber(day);
  return updateChild(ctx, childId, (child) => ({ ...child, trackingSince: day }));
}

/** Sets the language of every message to the guardians. */
export function setChildLanguage(ctx: TableContext, childId: string, language: Language): Promise<Child> {
  const value = z.enum(LANGUAGES).parse(language);
  return changeFeed(
    ctx,
    updateChild(ctx, childId, (child) => ({ ...child, language: value })),
  );
}

/** Sets the language of the letters to the school that the digest drafts. */
export function setChildLetterLanguage(ctx: TableContext, childId: string, language: Language): Promise<Child> {
  const value = z.enum(LANGUAGES).parse(language);
  return updateChild(ctx, childId, (child) => ({ ...child, letterLanguage: value }));
}

export function pauseChild(ctx: TableContext, childId: string): Promise<Child> {
  return updateChild(ctx, childId, (child) => ({ ...child, paused: true, nextDigestAt: null }));
}

export function resumeChild(ctx: TableContext, childId: string): Promise<Child> {
  const now = ctx.clock.now();
  return updateChild(ctx, childId, (child) => ({
    ...child,
    paused: false,
    nextDigestAt: nextDigestDue(now, child.timeZone, child.digest).toISOString(),
  }));
}

/** After a digest went out (or was skipped): the next one is due a week later, in the family's zone. */
export function markDigestSent(ctx: TableContext, childId: string, sentAt: Date): Promise<Child> {
  return updateChild(ctx, childId, (child) => ({
    ...child,
    nextDigestAt: child.paused ? null : nextDigestDue(sentAt, child.timeZone, child.digest).toISOString(),
  }));
}

/**
 * Ids of the children whose digest is due in the UTC hour containing `hour`, from the digest index
 * alone (one query per shard, never a scan, no item read): paused children are not in the index.
 */
export async function listDueChildIds(ctx: TableContext, hour: Date): Promise<string[]> {
  const slot = hourSlot(hour);
  const ids: string[] = [];
  for (let shard = 0; shard < DIGEST_SHARDS; shard++) {
    const due = queryItems(ctx.db, {
      TableName: ctx.tableName,
      IndexName: DIGEST_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': digestIndexKey(slot, shard) },
    });
    for await (const item of due) if (typeof item.pk === 'string') ids.push(item.pk.slice('CHILD#'.length));
  }
  return ids;
}

/**
 * Children whose digest is due in the UTC hour containing `hour`: one query per shard, never a
 * scan, then their profiles by BatchGetItem (100 a request).
 */
export async function listDueForDigest(ctx: TableContext, hour: Date): Promise<Child[]> {
  const children = await getChildren(ctx, await listDueChildIds(ctx, hour));
  return children.filter((child) => !child.paused);
}

export interface DeletionReport {
  items: number;
  rawMessages: number;
  /** Raw messages left in place because another child (a sibling it was also sent to) keeps them. */
  keptForOthers: number;
}

/**
 * Which of the child's raw keys another child also keeps, by query: each message item is in the
 * raw-mail index under `RAWMAIL#<rawKey>` (earlier versions wrote a reference item per child under
 * that key instead, still read). A raw key without this child's own entry was stored before either: the only children who can share it are the
 * ones in the directory, and their message item for it has a known key (the message id is a hash
 * of the raw key), so they are read by key, never by scanning the table.
 */
async function rawKeysOfOthers(ctx: TableContext, childId: string, rawKeys: Set<string>): Promise<Set<string>> {
  const shared = new Set<string>();
  const unreferenced: string[] = [];
  for (const rawKey of rawKeys) {
    let own = false;
    // Message items are in the raw-mail index; reference items are what earlier versions wrote.
    const indexed = queryItems(ctx.db, {
      TableName: ctx.tableName,
      IndexName: DIGEST_INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': rawMailRefPk(rawKey) },
    });
    const refs = queryItems(ctx.db, {
      TableName: ctx.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': rawMailRefPk(rawKey) },
    });
    for await (const item of indexed) {
      if (item.pk === childPk(childId)) own = true;
      else shared.add(rawKey);
    }
    for await (const ref of refs) {
      if (ref.childId === childId) own = true;
      else shared.add(rawKey);
    }
    if (!own && !shared.has(rawKey)) unreferenced.push(rawKey);
  }
  if (unreferenced.length > 0) {
    const others = (await listChildIds(ctx)).filter((id) => id !== childId);
    for (const rawKey of unreferenced) {
      const messageId = hashId(['message/1', rawKey], 26);
      const keys = others.map((id) => ({ pk: childPk(id), sk: `MSG#${messageId}` }));
      for (let start = 0; start < keys.length; start += 100) {
        if ((await batchGet(ctx.db, ctx.tableName, keys.slice(start, start + 100))).length > 0) {
          shared.add(rawKey);
          break;
        }
      }
    }
  }
  return shared;
}

/**
 * Deletes everything kept about a child: raw messages first, then records, messages and answers,
 * then the address and the profile last, so that a deletion cut short can simply be run again.
 */
export async function deleteChild(ctx: FamiliesContext, childId: string): Promise<DeletionReport> {
  const child = await getChild(ctx, childId);
  const keys: Array<{ pk: string; sk: string }> = [];
  const rawKeys = new Set<string>();
  const partition = queryItems(ctx.db, {
    TableName: ctx.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': childPk(childId) },
    ProjectionExpression: 'pk, sk, rawKey, #token',
    ExpressionAttributeNames: { '#token': 'token' },
  });
  for await (const item of partition) {
    if (item.sk === 'PROFILE') continue;
    keys.push({ pk: String(item.pk), sk: String(item.sk) });
    if (typeof item.rawKey === 'string') rawKeys.add(item.rawKey);
    // The calendar feed's token item lives outside the child's partition.
    if (item.sk === 'CALENDAR' && typeof item.token === 'string')
      keys.push({ pk: `CALENDAR#${item.token}`, sk: 'CALENDAR' });
  }
  // One message sent to two children (siblings) is one raw object: it stays while another child keeps it.
  const sharedKeys = await rawKeysOfOthers(ctx, childId, rawKeys);
  for (const rawKey of sharedKeys) rawKeys.delete(rawKey);
  let rawMessages = 0;
  for (const rawKey of rawKeys) rawMessages += await ctx.rawMail.deletePrefix(rawKey);
  // This child's references go with it; a sibling's stay.
  for (const rawKey of [...rawKeys, ...sharedKeys]) keys.push({ pk: rawMailRefPk(rawKey), sk: childPk(childId) });
  await batchWrite(
    ctx.db,
    ctx.tableName,
    keys.map((key) => ({ DeleteRequest: { Key: key } })),
  );
  if (child) {
    const token = child.inboundAddress.split('@')[0]?.split('-').pop() ?? '';
    await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: { pk: `ADDRESS#${token}`, sk: 'ADDRESS' } }));
  }
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: { pk: 'CHILDREN', sk: childPk(childId) } }));
  await ctx.db.send(new DeleteCommand({ TableName: ctx.tableName, Key: profileKey(childId) }));
  return { items: keys.length + (child ? 1 : 0), rawMessages, keptForOthers: sharedKeys.size };
}

/** Sets the weekday and local hour of the child's digest; the next one is due at the next such time. */
export function setDigestSchedule(ctx: TableContext, childId: string, digest: DigestSchedule): Promise<Child> {
  const parsed = digestSchema.parse(digest);
  const now = ctx.clock.now();
  return updateChild(ctx, childId, (child) => ({
    ...child,
    digest: parsed,
    nextDigestAt: child.paused ? null : nextDigestDue(now, child.timeZone, parsed).toISOString(),
  }));
}
