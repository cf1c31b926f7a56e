// The Lambda composition root: the AWS adapters passed to the one shared builder (createServices),
// once per cold start; every handler takes the services from here. The local stack's root is
// local/local-services.ts and differs only in its adapters. The signing secret is read from
// Secrets Manager once, then kept.
import { randomBytes } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDynamoClient } from '../../shared/adapters/dynamodb-table';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { SesMailSender } from '../../shared/adapters/ses-mail-sender';
import { systemClock } from '../../shared/ports/clock';
import type { RawMailStore } from '../../shared/ports/raw-mail-store';
import { createServices, type Services } from '../../shared/services';
import { type HandlerEnvironment, handlerEnvironment } from './environment';

export interface AwsContext {
  services: Services;
  rawMail: RawMailStore;
  env: HandlerEnvironment;
}

const contexts = new Map<boolean, Promise<AwsContext>>();

async function readSigningSecret(arn: string, region: string): Promise<string> {
  const client = new SecretsManagerClient({ region });
  const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error('The reply-signing secret is empty');
  return result.SecretString;
}

/**
 * The services and adapters, built on first use in this execution environment. Functions that never
 * sign or check a reply reference (dispatch, calendar, feedback) pass `signsReplies: false`: they are
 * not allowed to read the signing secret, and get a random one that nothing they send depends on.
 */
export function awsContext(options: { signsReplies?: boolean } = {}): Promise<AwsContext> {
  const signsReplies = options.signsReplies ?? true;
  const cached = contexts.get(signsReplies);
  if (cached) return cached;
  const context = (async () => {
    const env = handlerEnvironment();
    const region = env.AWS_REGION;
    const s3 = new S3Client({
      region,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}),
    });
    const ses = new SESv2Client({ region, ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) });
    const rawMail = new S3RawMailStore(s3, env.RAW_MAIL_BUCKET);
    const services = createServices({
      db: createDynamoClient({ region, ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {}) }),
      tableName: env.TABLE_NAME,
      rawMail,
      sender: new SesMailSender(ses, { configurationSetName: env.SES_CONFIGURATION_SET }),
      clock: systemClock,
      replySigningSecret: signsReplies
        ? await readSigningSecret(env.SIGNING_SECRET_ARN, region)
        : randomBytes(32).toString('hex'),
      inboundDomain: env.INBOUND_DOMAIN,
      fromAddress: env.FROM_ADDRESS,
      calendarBaseUrl: env.CALENDAR_BASE_URL,
      unsubscribeBaseUrl: env.UNSUBSCRIBE_BASE_URL,
    });
    return { services, rawMail, env };
  })().catch((error: unknown) => {
    contexts.delete(signsReplies); // a failed cold start must not poison the next invocation
    throw error;
  });
  contexts.set(signsReplies, context);
  return context;
}
