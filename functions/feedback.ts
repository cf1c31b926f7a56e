// SES told us a mail bounced for good or its recipient complained: never mail that address again,
// and tell the operator in a line that carries no address.
import { SnsSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { suppressReported } from '../shared/feedback/suppressed-recipients';
import { logger } from '../shared/observability/logger';
import { handlerEnvironment } from './commons/environment';
import { lambdaHandler } from './commons/lambda-handler';
import { feedbackOf } from './commons/ses-feedback-event';
import { lambdaTableUseCaseDeps } from './commons/table-use-case-deps';

let sns: import('@aws-sdk/client-sns').SNSClient | undefined;

async function handleFeedback(event: unknown): Promise<{ suppressed: number }> {
  const parsed = SnsSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('feedback event rejected', { issues: parsed.error.issues.length });
    return { suppressed: 0 };
  }
  const env = handlerEnvironment();
  const table = lambdaTableUseCaseDeps();
  const counts = { bounce: 0, complaint: 0 };
  for (const record of parsed.data.Records) {
    const notice = feedbackOf(record.Sns.Message);
    if (!notice) continue;
    counts[notice.kind] += await suppressReported(table, notice);
  }
  const suppressed = counts.bounce + counts.complaint;
  logger.info('send feedback handled', counts);
  if (suppressed > 0 && env.ALARM_TOPIC_ARN) {
    const parts = [
      counts.bounce > 0 ? `${counts.bounce} address${counts.bounce === 1 ? '' : 'es'} bounced for good` : '',
      counts.complaint > 0 ? `${counts.complaint} complaint${counts.complaint === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    // Loaded only here: most invocations suppress nothing, and then never need the SNS client.
    const { PublishCommand, SNSClient } = await import('@aws-sdk/client-sns');
    sns ??= new SNSClient({ region: env.AWS_REGION });
    await sns.send(
      new PublishCommand({
        TopicArn: env.ALARM_TOPIC_ARN,
        Subject: 'IEP tracker: mail stopped to some addresses',
        Message: `${parts.join(' and ')}. No more mail goes to them. The addresses are not listed here; see the SES suppression list.`,
      }),
    );
  }
  return { suppressed };
}

export const handler = lambdaHandler(handleFeedback);
