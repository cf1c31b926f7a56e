// The Lambda composition root, second part: the adapters of the functions that read or send mail
// (inbound, digest, reminders, unsubscribe) and of the CLI against a deployed stack, the same
// `ServicesDeps` the local stack builds from its own adapters. The signing secret is read from
// Secrets Manager once per cold start; the functions that only use the table never read it.
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import { SesMailSender } from '../../shared/adapters/ses-mail-sender';
import { SqsDeletionQueue } from '../../shared/adapters/sqs-deletion-queue';
import { type ServicesDeps, useCaseDeps } from '../../shared/composition/use-case-deps';
import type { IngestDeps } from '../../shared/ingest/ingest-deps';
import { handlerEnvironment } from './environment';
import { sqsClient } from './messaging';
import { lambdaTable } from './table';

async function readSigningSecret(arn: string, region: string): Promise<string> {
  const client = new SecretsManagerClient({ region });
  const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!result.SecretString) throw new Error('The reply-signing secret is empty');
  return result.SecretString;
}

/**
 * Built per function: one per execution environment in Lambda, where a process runs one function;
 * the handler tests run several functions in one process, each with its own cold start.
 */
const adapters = new Map<string, Promise<ServicesDeps>>();
const useCases = new Map<string, Promise<IngestDeps>>();
const functionName = () => process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';

/** The AWS adapters and the configuration, built on first use in this execution environment. */
export function lambdaServicesDeps(): Promise<ServicesDeps> {
  const name = functionName();
  const cached = adapters.get(name);
  if (cached) return cached;
  const built = (async () => {
    const env = handlerEnvironment();
    const region = env.AWS_REGION;
    // Endpoints from AWS_ENDPOINT_URL_<SERVICE> where set (tests); an IP endpoint gets path-style S3 URLs.
    const s3 = new S3Client({ region });
    const ses = new SESv2Client({ region });
    return {
      ...lambdaTable(),
      rawMail: new S3RawMailStore(s3, env.RAW_MAIL_BUCKET),
      sender: new SesMailSender(ses, { configurationSetName: env.SES_CONFIGURATION_SET }),
      replySigningSecret: await readSigningSecret(env.SIGNING_SECRET_ARN, region),
      inboundDomain: env.INBOUND_DOMAIN,
      fromAddress: env.FROM_ADDRESS,
      calendarBaseUrl: env.CALENDAR_BASE_URL,
      unsubscribeBaseUrl: env.UNSUBSCRIBE_BASE_URL,
      // The deletion function runs each queued request (functions/deletion.ts); SES keeps no sent copies.
      deletionQueue: () => new SqsDeletionQueue(sqsClient(), env.DELETION_QUEUE_URL),
      backupDays: env.RECORDS_BACKUP_DAYS,
    };
  })().catch((error: unknown) => {
    adapters.delete(name); // a failed cold start must not poison the next invocation
    throw error;
  });
  adapters.set(name, built);
  return built;
}

/** What the use cases are given, built from the adapters as every runtime builds it. */
export function lambdaUseCaseDeps(): Promise<IngestDeps> {
  const name = functionName();
  const cached = useCases.get(name);
  if (cached) return cached;
  const built = lambdaServicesDeps()
    .then(useCaseDeps)
    .catch((error: unknown) => {
      useCases.delete(name);
      throw error;
    });
  useCases.set(name, built);
  return built;
}
