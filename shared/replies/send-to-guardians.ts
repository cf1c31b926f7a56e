// The one way mail about a child goes out from the reply and command steps: only ever to that
// child's guardians (anything else is refused before sending), and at most once per send key.
import type { IngestDeps } from '../ingest/ingest-deps';
import type { OutgoingMail } from '../ports/mail-sender';
import type { Child } from '../store/families';

export type GuardianMail = Omit<OutgoingMail, 'from' | 'to'> & { to: string[] };

/** Thrown (and nothing sent) when a recipient is not a guardian of the child. */
export class NotAGuardianError extends Error {}

/** Sends once for `sendKey`; false when it was sent before. Recipients must be the child's guardians. */
export async function sendToGuardians(
  deps: IngestDeps,
  child: Child,
  sendKey: string,
  mail: GuardianMail,
): Promise<boolean> {
  const to = [...new Set(mail.to.map((address) => address.trim().toLowerCase()))];
  if (to.length === 0 || to.some((address) => !child.guardians.includes(address))) {
    throw new NotAGuardianError('mail about a child goes to its guardians only');
  }
  // Claimed by another attempt: sent (nothing to do), or still going (wait briefly, then let the
  // delivery be retried rather than marked done with its answer perhaps never sent).
  if (!(await deps.sends.claim(child.id, sendKey)) && !(await deps.sends.claimAfterWaiting(child.id, sendKey))) {
    return false;
  }
  let providerId: string;
  try {
    providerId = (
      await deps.sender.send({
        ...mail,
        from: deps.fromAddress,
        to,
        headers: { 'Auto-Submitted': 'auto-replied', ...(mail.headers ?? {}) },
      })
    ).messageId;
  } catch (error) {
    await deps.sends.release(child.id, sendKey);
    throw error;
  }
  // The mail is out: marking it sent is retried here, never by a retry that would send it again.
  await deps.sends.completePatiently(child.id, sendKey, providerId);
  return true;
}
