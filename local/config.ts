// Everything the local stack and the `iep` CLI read from the environment, validated in one place.
// Every port is settable so that two stacks can run side by side on one machine.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { SMTP_LIMITS } from '../shared/limits';

const port = z.coerce.number().int().min(0).max(65_535);

const envSchema = z.object({
  IEP_DATA_DIR: z.string().min(1).default('.iep'),
  IEP_HOST: z.string().min(1).default('127.0.0.1'),
  IEP_SMTP_PORT: port.default(2525),
  IEP_OUTBOX_PORT: port.default(8005),
  IEP_DYNAMO_PORT: port.default(4567),
  IEP_CALENDAR_PORT: port.optional(),
  IEP_WEB_PORT: port.optional(),
  IEP_INBOUND_DOMAIN: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i,
      'a domain name such as inbound.localhost',
    )
    .default('inbound.localhost'),
  IEP_FROM_ADDRESS: z.email().optional(),
  IEP_TABLE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name')
    .default('iep'),
  IEP_MAX_MESSAGE_MB: z.coerce.number().positive().max(40).default(25),
  IEP_SMTP_IDLE_SECONDS: z.coerce.number().positive().max(3_600).default(SMTP_LIMITS.idleSeconds),
  IEP_SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(10_000).default(SMTP_LIMITS.maxClients),
  IEP_SMTP_MAX_CLIENTS_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(SMTP_LIMITS.maxClientsPerAddress),
  IEP_DEMO: z.enum(['0', '1']).default('1'),
  IEP_ALLOW_NETWORK: z.enum(['0', '1']).default('0'),
});

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase();
  if (value === 'localhost' || value === '::1' || value === '[::1]') return true;
  return isIP(value) === 4 && value.startsWith('127.');
}

export interface LocalConfig {
  /** Absolute path of the data folder: the embedded store, raw mail, the outbox, the signing secret. */
  dataDir: string;
  host: string;
  smtpPort: number;
  outboxPort: number;
  dynamoPort: number;
  /** The calendar feed server (GET /calendar/<token>.ics). */
  calendarPort: number;
  /** The web view of the children's records and mail, for whoever runs the stack. */
  webPort: number;
  inboundDomain: string;
  /** The address the system's mail comes from. */
  fromAddress: string;
  tableName: string;
  /** Largest inbound message accepted over SMTP, in bytes. */
  maxMessageBytes: number;
  /** What SMTP clients may hold: connections in all, per client address, and idle time. */
  smtpConnections: SmtpConnectionLimits;
  /** Seed the demo family on an empty data folder. */
  demo: boolean;
  /** IEP_HOST is not a loopback address and IEP_ALLOW_NETWORK=1 said that is meant. */
  exposedToNetwork: boolean;
  /** The region the AWS SDK clients are told; nothing leaves the machine. */
  region: string;
}

export interface SmtpConnectionLimits {
  idleMs: number;
  maxClients: number;
  maxClientsPerAddress: number;
}

export class ConfigError extends Error {}

/** Reads the configuration from the environment; relative paths resolve against `cwd`. */
export function readLocalConfig(env: Record<string, string | undefined>, cwd: string): LocalConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('IEP_') && value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const value = parsed.data;
  const exposed = !isLoopbackHost(value.IEP_HOST);
  if (exposed && value.IEP_ALLOW_NETWORK !== '1') {
    throw new ConfigError(
      `IEP_HOST=${value.IEP_HOST} is not a loopback address: other machines could then send mail in, read the outbox and the children's calendars. ` +
        'Use 127.0.0.1, or set IEP_ALLOW_NETWORK=1 if that is really meant (on a network you trust).',
    );
  }
  const inboundDomain = value.IEP_INBOUND_DOMAIN.toLowerCase();
  return {
    dataDir: resolve(cwd, value.IEP_DATA_DIR),
    host: value.IEP_HOST,
    smtpPort: value.IEP_SMTP_PORT,
    outboxPort: value.IEP_OUTBOX_PORT,
    dynamoPort: value.IEP_DYNAMO_PORT,
    // Next to the outbox unless set; a free port when the outbox takes a free port too.
    calendarPort: value.IEP_CALENDAR_PORT ?? (value.IEP_OUTBOX_PORT === 0 ? 0 : value.IEP_OUTBOX_PORT + 1),
    // 8004 unless set; a free port when the outbox takes a free port too (as tests start stacks).
    webPort: value.IEP_WEB_PORT ?? (value.IEP_OUTBOX_PORT === 0 ? 0 : 8004),
    inboundDomain,
    fromAddress: value.IEP_FROM_ADDRESS ?? `iep@${inboundDomain}`,
    tableName: value.IEP_TABLE_NAME,
    maxMessageBytes: Math.round(value.IEP_MAX_MESSAGE_MB * 1024 * 1024),
    smtpConnections: {
      idleMs: Math.round(value.IEP_SMTP_IDLE_SECONDS * 1000),
      maxClients: value.IEP_SMTP_MAX_CLIENTS,
      maxClientsPerAddress: value.IEP_SMTP_MAX_CLIENTS_PER_ADDRESS,
    },
    demo: value.IEP_DEMO === '1',
    exposedToNetwork: exposed,
    region: 'local',
  };
}
