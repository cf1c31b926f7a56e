// Builds stored records as the ingest would keep them, for tests that start from a known record set.
import type { StoredRecord } from '../../shared/store/records';

let next = 0;

type Fields<K extends StoredRecord['kind']> = Omit<
  Extract<StoredRecord, { kind: K }>,
  'id' | 'childId' | 'source' | 'confirmed' | 'deleted' | 'history' | 'recordedAt' | 'messageId' | 'contentKey' | 'kind'
>;

export function storedRecord<K extends StoredRecord['kind']>(
  childId: string,
  kind: K,
  fields: Fields<K>,
  confirmed = true,
): StoredRecord {
  next += 1;
  return {
    kind,
    ...fields,
    id: `test-${kind}-${next}`,
    childId,
    source: { messageKey: 'inbound/test', part: 'body', line: null, excerpt: null },
    confirmed,
    deleted: false,
    history: [],
    recordedAt: `2026-11-01T00:00:${String(next % 60).padStart(2, '0')}.000Z`,
    messageId: 'test-message',
    contentKey: `test-${next}`,
  } as unknown as StoredRecord;
}
