// Reading inbound mail as every runtime does it: ingest, with a guardian's own mail (replies,
// email commands) acted on and a stranger's mail noticed to the guardians. The one place the
// ingest hooks are wired, so the Lambda and the local stack cannot differ in them.
import { handleGuardianMail } from '../replies/guardian-mail';
import { noticeQuarantined } from '../replies/quarantine-notices';
import type { IngestDeps } from './ingest-deps';
import { ingestMessage } from './ingest-message';
import type { IngestInput, IngestResult, QuarantineNotice } from './ingest-types';

export type ReadInboundMail = (input: IngestInput) => Promise<IngestResult>;

/** `onQuarantined` runs after the guardians were noticed (for observers such as tests). */
export function inboundMail(
  deps: IngestDeps,
  onQuarantined?: (notice: QuarantineNotice) => Promise<void>,
): { ingest: ReadInboundMail; deps: IngestDeps } {
  const wired: IngestDeps = {
    ...deps,
    onGuardianMail: (mail) => handleGuardianMail(wired, mail),
    onQuarantined: async (notice, keep) => {
      await noticeQuarantined(wired, notice, keep);
      if (onQuarantined) await onQuarantined(notice);
    },
  };
  return { ingest: (input) => ingestMessage(wired, input), deps: wired };
}
