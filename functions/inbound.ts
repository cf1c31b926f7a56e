// SES stored the raw message in S3 and invoked this asynchronously: read it into records and
// answer the guardian. A thrown error makes Lambda retry, then dead-letter; ingest is idempotent
// by the SES message id, so a retry completes what a failure left.
import { inboundMail } from '../shared/ingest/inbound-mail';
import { receiptAuthentication } from '../shared/ingest/sender-authentication';
import { logger } from '../shared/observability/logger';
import { lambdaHandler } from './commons/lambda-handler';
import { sesMailSender } from './commons/mail-sender';
import { sqsDeletionQueue } from './commons/messaging';
import { s3RawMail } from './commons/raw-mail';
import { receiptVerdicts, sesReceiptEventSchema } from './commons/ses-receipt-event';
import { lambdaUseCaseDeps } from './commons/use-case-deps';

export const RAW_MAIL_PREFIX = 'inbound/';

async function readInboundMail(event: unknown): Promise<{ processed: number }> {
  const parsed = sesReceiptEventSchema.safeParse(event);
  if (!parsed.success) {
    // Not a retryable failure: an event of the wrong shape will never get better.
    logger.error('inbound event rejected', { issues: parsed.error.issues.length });
    return { processed: 0 };
  }
  const deps = await lambdaUseCaseDeps({ rawMail: s3RawMail, sender: sesMailSender, deletionQueue: sqsDeletionQueue });
  const { ingest } = inboundMail(deps);
  let processed = 0;
  for (const record of parsed.data.Records) {
    const { messageId } = record.ses.mail;
    const rawKey = `${RAW_MAIL_PREFIX}${messageId}`;
    const bytes = await deps.rawMail.get(rawKey);
    const result = await ingest({
      bytes,
      recipients: record.ses.receipt.recipients,
      rawKey,
      authentication: receiptAuthentication(receiptVerdicts(record)),
    });
    logger.info('inbound message read', {
      messageId,
      children: result.children.map((c) => ({ status: c.status, recorded: c.recorded, answered: c.answered })),
      unrouted: result.unrouted,
    });
    processed++;
  }
  return { processed };
}

export const handler = lambdaHandler(readInboundMail);
