// What every entry point is given (the local stack, the `iep` command, the tests; each Lambda
// handler builds the same from functions/commons/): the use cases' dependencies, repositories
// and adapters, with inbound mail wired. Entry points call the use cases with it directly.
import { inboundMail, type ReadInboundMail } from '../ingest/inbound-mail';
import type { IngestDeps } from '../ingest/ingest-deps';
import { type ServicesDeps, useCaseDeps } from './use-case-deps';

export interface UseCases extends IngestDeps {
  /** Reads one inbound message (ingest with guardian mail and quarantine notices wired). */
  ingest: ReadInboundMail;
}

/** Built from the same `useCaseDeps` and `inboundMail` as the Lambda handlers: no runtime differs. */
export function composeUseCases(deps: ServicesDeps): UseCases {
  const { ingest, deps: wired } = inboundMail(useCaseDeps(deps), deps.onQuarantined);
  return Object.assign(wired, { ingest });
}
