// How the digest index is keyed: a child's next digest under the UTC hour it falls in (when it is
// due is a scheduling rule, shared/scheduling/schedule-rules.ts). Children are spread over shards
// so that the dispatcher queries a handful of small partitions per hour instead of scanning.

export const DIGEST_SHARDS = 4;

/** `YYYY-MM-DDTHH` in UTC: the key of an hour slot. */
export function hourSlot(instant: Date): string {
  return instant.toISOString().slice(0, 13);
}

export function digestShard(childId: string): number {
  let sum = 0;
  for (const char of childId) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return sum % DIGEST_SHARDS;
}

export function digestIndexKey(slot: string, shard: number): string {
  return `DIGEST#${slot}#${shard}`;
}
