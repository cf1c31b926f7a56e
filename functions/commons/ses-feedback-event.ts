// SES bounce and complaint notifications in the message of an SNS record (the SNS event itself is
// read with Powertools' SnsSchema): the configuration set's event publishing (`eventType`) and
// identity notifications (`notificationType`) both. The same topic also carries the receipt rule's
// own notices, which are not feedback and are ignored.
import { z } from 'zod';
import type { FeedbackNotice } from '../../shared/feedback/suppressed-recipients';

const recipient = z.object({ emailAddress: z.string().max(1_000) }).loose();

const sesNotificationSchema = z
  .object({
    eventType: z.string().max(40).optional(),
    notificationType: z.string().max(40).optional(),
    bounce: z
      .object({ bounceType: z.string().max(40), bouncedRecipients: z.array(recipient).max(100) })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: z.array(recipient).max(100) })
      .loose()
      .optional(),
  })
  .loose();

/** The bare address of `"Name" <a@b>` or `a@b`. */
function bareAddress(value: string): string {
  const open = value.lastIndexOf('<');
  const close = value.lastIndexOf('>');
  return (open !== -1 && close > open ? value.slice(open + 1, close) : value).trim().toLowerCase();
}

/**
 * What one SNS message asks for: addresses to stop mailing. Permanent bounces and complaints only;
 * a transient bounce (mailbox full) is retried by SES and suppresses nothing. Null when not feedback.
 */
export function feedbackOf(message: string): FeedbackNotice | null {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = sesNotificationSchema.safeParse(json);
  if (!parsed.success) return null;
  const kind = parsed.data.eventType ?? parsed.data.notificationType;
  if (kind === 'Bounce' && parsed.data.bounce?.bounceType === 'Permanent') {
    return { kind: 'bounce', addresses: parsed.data.bounce.bouncedRecipients.map((r) => bareAddress(r.emailAddress)) };
  }
  if (kind === 'Complaint' && parsed.data.complaint) {
    return {
      kind: 'complaint',
      addresses: parsed.data.complaint.complainedRecipients.map((r) => bareAddress(r.emailAddress)),
    };
  }
  return null;
}
