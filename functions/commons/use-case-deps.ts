// The Lambda composition root, second part: the adapters of the functions that read or send mail
// (inbound, digest, reminders, deletion, unsubscribe) and of the CLI against a deployed stack, the
// same `ServicesDeps` the local stack builds from its own adapters. Each function names the
// adapters it uses (raw-mail.ts, mail-sender.ts, messaging.ts), so it loads only their AWS
// clients; one it does not name fails plainly, as its role would refuse the call. The signing
// secret is read from Secrets Manager once per cold start; the functions that only use the table
// never read it.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type ServicesDeps, useCaseDeps } from '../../shared/composition/use-case-deps';
import type { IngestDeps } from '../../shared/ingest/ingest-deps';
import type { DeletionQueueFactory } from '../../shared/ports/deletion-queue';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { RawMailStore } from '../../shared/ports/raw-mail-store';
import { type HandlerEnvironment, handlerEnvironment } from './environment';
import { lambdaTable } from './table';

/** The adapters a function uses besides the table and the secret, each built from the environment. */
export interface FunctionAdapters {
  rawMail?: (env: HandlerEnvironment) => RawMailStore;
  sender?: (env: HandlerEnvironment) => MailSender;
  deletionQueue?: (env: HandlerEnvironment) => DeletionQueueFactory;
}

const notGiven = (what: string) => () => Promise.reject(new Error(`This function is not given ${what}`));

const NO_RAW_MAIL: RawMailStore = {
  get: notGiven('raw mail'),
  put: notGiven('raw mail'),
  deletePrefix: notGiven('raw mail'),
  list: notGiven('raw mail'),
};
const NO_SENDER: MailSender = { send: notGiven('a mail sender') };
const NO_DELETION_QUEUE: DeletionQueueFactory = () => ({ enqueue: notGiven('the deletion queue') });

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
const services = new Map<string, Promise<ServicesDeps>>();
const useCases = new Map<string, Promise<IngestDeps>>();
const functionName = () => process.env.AWS_LAMBDA_FUNCTION_NAME ?? '';

/** The function's AWS adapters and the configuration, built on first use in this execution environment. */
export function lambdaServicesDeps(adapters: FunctionAdapters): Promise<ServicesDeps> {
  const name = functionName();
  const cached = services.get(name);
  if (cached) return cached;
  const built = (async () => {
    const env = handlerEnvironment();
    // Endpoints from AWS_ENDPOINT_URL_<SERVICE> where set (tests).
    return {
      ...lambdaTable(),
      rawMail: adapters.rawMail?.(env) ?? NO_RAW_MAIL,
      sender: adapters.sender?.(env) ?? NO_SENDER,
      replySigningSecret: await readSigningSecret(env.SIGNING_SECRET_ARN, env.AWS_REGION),
      inboundDomain: env.INBOUND_DOMAIN,
      fromAddress: env.FROM_ADDRESS,
      calendarBaseUrl: env.CALENDAR_BASE_URL,
      unsubscribeBaseUrl: env.UNSUBSCRIBE_BASE_URL,
      // The deletion function runs each queued request (functions/deletion.ts); SES keeps no sent copies.
      deletionQueue: adapters.deletionQueue?.(env) ?? NO_DELETION_QUEUE,
      backupDays: env.RECORDS_BACKUP_DAYS,
    };
  })().catch((error: unknown) => {
    services.delete(name); // a failed cold start must not poison the next invocation
    throw error;
  });
  services.set(name, built);
  return built;
}

/** What the use cases are given, built from the adapters as every runtime builds it. */
export function lambdaUseCaseDeps(adapters: FunctionAdapters): Promise<IngestDeps> {
  const name = functionName();
  const cached = useCases.get(name);
  if (cached) return cached;
  const built = lambdaServicesDeps(adapters)
    .then(useCaseDeps)
    .catch((error: unknown) => {
      useCases.delete(name);
      throw error;
    });
  useCases.set(name, built);
  return built;
}
