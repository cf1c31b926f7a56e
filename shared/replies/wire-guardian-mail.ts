// Wires the reply step into ingest: guardians' replies and email commands, and the notice to
// guardians when a stranger's mail is held.
import type { IngestDeps } from '../ingest/ingest-deps';
import { handleGuardianMail } from './guardian-mail';
import { noticeQuarantined } from './quarantine-notices';

/** Sets the reply-step hooks on the ingest dependencies (keeping an existing quarantine hook). */
export function wireGuardianMail(ctx: IngestDeps): void {
  const previous = ctx.onQuarantined;
  ctx.onGuardianMail = (mail) => handleGuardianMail(ctx, mail);
  ctx.onQuarantined = async (notice) => {
    await noticeQuarantined(ctx, notice);
    if (previous) await previous(notice);
  };
}
