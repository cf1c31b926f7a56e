// Nothing goes to an address that bounced for good or complained: every outgoing mail passes
// through this sender, which drops such recipients and sends nothing when none is left.
import type { MailSender } from '../ports/mail-sender';
import type { SuppressionList } from '../ports/repositories';
import type { SuppressionReason } from '../store/suppressed-addresses';

/** The message id reported when every recipient was suppressed and nothing was sent. */
export const NOTHING_SENT = 'suppressed:nothing-sent';

export function suppressingMailSender(inner: MailSender, suppressions: SuppressionList): MailSender {
  return {
    async send(mail) {
      const allowed: string[] = [];
      for (const to of mail.to) if (!(await suppressions.isSuppressed(to))) allowed.push(to);
      if (allowed.length === 0) return { messageId: NOTHING_SENT };
      return inner.send({ ...mail, to: allowed });
    },
  };
}

export interface FeedbackNotice {
  kind: SuppressionReason;
  /** Addresses SES reported; only permanent bounces and complaints are passed here. */
  addresses: string[];
}

/** Marks each reported address as suppressed; returns how many were marked. */
export async function suppressReported(
  ctx: { suppressions: SuppressionList },
  notice: FeedbackNotice,
): Promise<number> {
  let marked = 0;
  for (const address of notice.addresses) {
    const trimmed = address.trim();
    if (trimmed.length === 0 || trimmed.length > 320 || !trimmed.includes('@')) continue;
    await ctx.suppressions.suppress(trimmed, notice.kind);
    marked++;
  }
  return marked;
}
