// The handlers' configuration, read and checked once per cold start.
import { z } from 'zod';

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  RAW_MAIL_BUCKET: z.string().min(1),
  INBOUND_DOMAIN: z.string().min(1),
  FROM_ADDRESS: z.string().email(),
  SIGNING_SECRET_ARN: z.string().min(1),
  SES_CONFIGURATION_SET: z.string().optional(),
  DIGEST_QUEUE_URL: z.string().optional(),
  REMINDER_QUEUE_URL: z.string().optional(),
  DELETION_QUEUE_URL: z.string().optional(),
  /** Days the table's point-in-time recovery keeps deleted items (the "Deleted" email says so). */
  RECORDS_BACKUP_DAYS: z.coerce.number().int().min(0).max(35),
  CALENDAR_BASE_URL: z.string().optional(),
  UNSUBSCRIBE_BASE_URL: z.string().optional(),
  ALARM_TOPIC_ARN: z.string().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  // No endpoint settings: the AWS SDK reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> itself,
  // which the tests and the benchmark set to the local stand-ins; unset in AWS.
});

export type HandlerEnvironment = z.infer<typeof environmentSchema>;

let cached: HandlerEnvironment | undefined;

export function handlerEnvironment(env: NodeJS.ProcessEnv = process.env): HandlerEnvironment {
  if (cached && env === process.env) return cached;
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`The function is misconfigured: check ${missing}`);
  }
  if (env === process.env) cached = parsed.data;
  return parsed.data;
}
