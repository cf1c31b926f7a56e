// When a child's next digest is due, in the family's own time zone, as the UTC hour the
// scheduler looks it up by. Children are spread over shards so that the dispatcher queries
// a handful of small partitions per hour instead of scanning.
import { DateTime } from 'luxon';

export const DIGEST_SHARDS = 4;

export interface DigestSchedule {
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Local hour, 0-23. */
  hour: number;
}

export const DEFAULT_DIGEST: DigestSchedule = { weekday: 5, hour: 17 };

/** `YYYY-MM-DDTHH` in UTC: the key of an hour slot. */
export function hourSlot(instant: Date): string {
  return instant.toISOString().slice(0, 13);
}

/** The first instant strictly after `after` when the local time is the digest's weekday and hour. */
export function nextDigestDue(after: Date, timeZone: string, digest: DigestSchedule): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  if (!local.isValid) throw new Error('invalid time zone');
  let candidate = local.set({ hour: digest.hour, minute: 0, second: 0, millisecond: 0 });
  const daysAhead = (digest.weekday - candidate.weekday + 7) % 7;
  candidate = candidate.plus({ days: daysAhead });
  if (candidate.toMillis() <= after.getTime()) candidate = candidate.plus({ weeks: 1 });
  return candidate.toUTC().toJSDate();
}

export function digestShard(childId: string): number {
  let sum = 0;
  for (const char of childId) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return sum % DIGEST_SHARDS;
}

export function digestIndexKey(slot: string, shard: number): string {
  return `DIGEST#${slot}#${shard}`;
}
