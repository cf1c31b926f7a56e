import type { IngestDeps } from './ingest-deps';
import type { IngestInput, IngestResult } from './ingest-types';

export async function ingestMessage(_deps: IngestDeps, _input: IngestInput): Promise<IngestResult> {
  throw new Error('not yet');
}
