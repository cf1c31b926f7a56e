// The whole system on one machine, with no AWS account and no Docker: the embedded DynamoDB on
// disk, a real SMTP listener for inbound mail, the SES-compatible outbox with its page, and an
// in-process scheduler, wired to the same use cases the Lambdas run. Only the adapters differ.
import { existsSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient, ensureTable } from '../shared/adapters/dynamodb-table';
import { type Clock, systemClock } from '../shared/ports/clock';
import { type CalendarServer, startCalendarServer } from './calendar-server';
import type { LocalConfig } from './config';
import {
  dataPaths,
  ensureDataFolder,
  FolderBusyError,
  type FolderLock,
  lockDataFolder,
  readOrCreateSigningSecret,
  readOrCreateStoreKey,
  readRunningStack,
  removeStackInfo,
  writeFileAtomic,
  writeStackInfo,
} from './data-folder';
import { type EmbeddedDynamo, type StoreAccess, startEmbeddedDynamo, urlHost } from './embedded-dynamo';
import { type LocalServices, localServices, localSesClient, localSesSender } from './local-services';
import { type OutboxFolder, outboxFolder, recordingMailSender } from './outbox';
import { registerScheduledJobs } from './scheduled-jobs';
import { createScheduler, type Scheduler } from './scheduler';
import { type SesOutboxServer, startSesOutboxServer } from './ses-outbox-server';
import { type SmtpInbound, startSmtpInbound } from './smtp-inbound';
import { startWebServer, type WebServer } from './web/web-server';

export interface LocalStack {
  config: LocalConfig;
  /**
   * True on the first start of a data folder that holds no family yet (the demo is seeded then).
   * A start that failed half-way (a port in use) does not count.
   */
  firstStart: boolean;
  ports: { smtp: number; outbox: number; dynamo: number; web: number };
  /** The outbox page, readable in a browser. */
  outboxUrl: string;
  /** The web view of the children's records and mail. */
  webUrl: string;
  dynamoEndpoint: string;
  /** The embedded store's endpoint and the only key it answers. */
  store: StoreAccess;
  /** The base of the children's calendar feed URLs (`<base>/calendar/<token>.ics`). */
  calendarUrl: string;
  services: LocalServices;
  outbox: OutboxFolder;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Operational lines (never mail content or addresses); silent when absent. */
  log?: (line: string) => void;
}

export async function startLocalStack(config: LocalConfig, options: StartOptions = {}): Promise<LocalStack> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  ensureDataFolder(config.dataDir);
  const paths = dataPaths(config.dataDir);

  const running = readRunningStack(config.dataDir);
  if (running) {
    throw new FolderBusyError(
      `A stack is already running on ${config.dataDir} (process ${running.pid}, SMTP port ${running.ports.smtp}). Stop it first or set IEP_DATA_DIR to another folder.`,
    );
  }
  const undo: Array<() => Promise<void> | void> = [];
  const unwind = async () => {
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (error) {
        log(`stop: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    undo.length = 0;
  };

  try {
    const lock: FolderLock = await lockDataFolder(config.dataDir, 15_000);
    undo.push(() => lock.release());
    const replySigningSecret = readOrCreateSigningSecret(config.dataDir);

    const dynamo: EmbeddedDynamo = await startEmbeddedDynamo({
      path: paths.dynamo,
      host: config.host,
      port: config.dynamoPort,
      accessKeyId: readOrCreateStoreKey(config.dataDir),
    });
    undo.push(() => dynamo.stop());
    const db: DynamoDBDocumentClient = createDynamoClient({ ...dynamo, region: config.region });
    undo.push(() => db.destroy());
    await ensureTable(db, config.tableName);

    const outbox = outboxFolder(paths.outbox);
    const sentBefore = outbox.list().mails;
    const ses: SesOutboxServer = await startSesOutboxServer({ host: config.host, port: config.outboxPort, sentBefore });
    undo.push(() => ses.stop());

    const sesClient = localSesClient(ses.endpoint, config.region);
    undo.push(() => sesClient.destroy());
    // The feed server first, so the services know its address (its port may be chosen at start).
    let services: LocalServices | undefined;
    const calendar: CalendarServer = await startCalendarServer({
      host: config.host,
      port: config.calendarPort,
      services: () => {
        if (!services) throw new Error('the stack is still starting');
        return services;
      },
    });
    undo.push(() => calendar.stop());
    services = localServices({
      config,
      db,
      clock,
      replySigningSecret,
      sender: recordingMailSender(outbox, localSesSender(sesClient), () => clock.now()),
      feedBaseUrl: calendar.baseUrl,
    });

    const smtp: SmtpInbound = await startSmtpInbound({
      host: config.host,
      port: config.smtpPort,
      inboundDomain: config.inboundDomain,
      maxBytes: config.maxMessageBytes,
      connections: config.smtpConnections,
      log,
      deliver: async ({ bytes, recipients, authentication }) => {
        await services.ingest({ bytes, recipients, authentication });
      },
    });
    undo.push(() => smtp.stop());

    const web: WebServer = await startWebServer({
      host: config.host,
      port: config.webPort,
      services,
      sentMail: () => outbox.list().mails,
      calendarBaseUrl: calendar.baseUrl,
      maxMessageBytes: config.maxMessageBytes,
      clock,
      log,
    });
    undo.push(() => web.stop());

    const scheduler = createScheduler({ clock, log });
    registerScheduledJobs(scheduler, services, log);
    scheduler.start();
    undo.push(() => scheduler.stop());

    const firstStart = !existsSync(paths.started) && (await services.children.list()).length === 0;
    const ports = { smtp: smtp.port, outbox: ses.port, dynamo: dynamo.port, web: web.port };
    writeStackInfo(config.dataDir, {
      pid: process.pid,
      startedAt: clock.now().toISOString(),
      host: config.host,
      ports,
      inboundDomain: config.inboundDomain,
      fromAddress: config.fromAddress,
      tableName: config.tableName,
    });
    undo.push(() => removeStackInfo(config.dataDir));
    if (!existsSync(paths.started)) writeFileAtomic(paths.started, `${clock.now().toISOString()}\n`);

    let stopping: Promise<void> | null = null;
    return {
      config,
      firstStart,
      ports,
      outboxUrl: `http://${urlHost(config.host)}:${ses.port}/`,
      webUrl: web.url,
      dynamoEndpoint: dynamo.endpoint,
      store: { endpoint: dynamo.endpoint, credentials: dynamo.credentials },
      calendarUrl: calendar.baseUrl,
      services,
      outbox,
      scheduler,
      stop() {
        stopping ??= unwind();
        return stopping;
      },
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
