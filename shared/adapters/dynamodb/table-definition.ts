// The one table's keys and indexes, shared by the CDK stack and the local `ensureTable`,
// so the table created locally is the table deployed. docs/data-model.md lists the access patterns.

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Epoch seconds after which DynamoDB may delete an item (quarantine, reply references). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  /** Keys only: the scheduler reads child ids from the index, then the profiles by key. */
  projection: 'KEYS_ONLY';
}

/** Only indexes an access pattern needs: `gsi1` finds the children due in an hour without a scan. */
export const DIGEST_INDEX = 'gsi1';
export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { name: DIGEST_INDEX, partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' },
];
