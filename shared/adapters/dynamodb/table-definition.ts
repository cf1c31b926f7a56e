// The one table's keys and indexes, shared by the CDK stack and the local `ensureTable`,
// so the table created locally is the table deployed. docs/data-model.md lists the access patterns.

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Epoch seconds after which DynamoDB may delete an item (quarantine, reply references). */
export const TTL_ATTRIBUTE = 'expiresAt';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** Only indexes an access pattern needs: `byDueHour` finds children due in an hour without a scan. */
export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { name: 'byDueHour', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
];
