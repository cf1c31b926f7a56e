// How a CLI run reaches the data: through the running stack's endpoints when `npm start` is alive
// on the folder, or by opening the folder itself under its lock when it is not. Either way the
// same services run, and mail sent is recorded in the outbox folder.
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDynamoClient, ensureTable } from '../shared/adapters/dynamodb-table';
import { type Clock, systemClock } from '../shared/ports/clock';
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
} from './data-folder';
import { startEmbeddedDynamo, storeCredentials, urlHost } from './embedded-dynamo';
import { type LocalServices, localServices, localSesClient, localSesSender } from './local-services';
import { type OutboxFolder, outboxFolder, recordingMailSender } from './outbox';

export interface LocalData {
  /** The configuration in force: the running stack's domain, sender and table when it runs. */
  config: LocalConfig;
  services: LocalServices;
  outbox: OutboxFolder;
  /** Whether the commands went through a running `npm start`. */
  viaRunningStack: boolean;
  close(): Promise<void>;
}

export async function openLocalData(config: LocalConfig, clock: Clock = systemClock): Promise<LocalData> {
  const outbox = outboxFolder(dataPaths(config.dataDir).outbox);
  ensureDataFolder(config.dataDir);
  // Either the stack announces itself, or the folder's lock comes free; a stack still starting
  // holds the lock before it announces, so both are watched until one happens.
  const deadline = Date.now() + 15_000;
  let running = readRunningStack(config.dataDir);
  let lock: FolderLock | null = null;
  while (!running) {
    try {
      lock = await lockDataFolder(config.dataDir, 0);
      break;
    } catch (error) {
      if (!(error instanceof FolderBusyError) || Date.now() > deadline) throw error;
    }
    await new Promise((done) => setTimeout(done, 100));
    running = readRunningStack(config.dataDir);
  }
  if (running) {
    const effective: LocalConfig = {
      ...config,
      inboundDomain: running.inboundDomain,
      fromAddress: running.fromAddress,
      tableName: running.tableName,
    };
    const host = urlHost(running.host);
    const db = createDynamoClient({
      endpoint: `http://${host}:${running.ports.dynamo}`,
      region: config.region,
      credentials: storeCredentials(readOrCreateStoreKey(config.dataDir)),
    });
    const ses: SESv2Client = localSesClient(`http://${host}:${running.ports.outbox}`, config.region);
    const services = localServices({
      config: effective,
      db,
      clock,
      replySigningSecret: readOrCreateSigningSecret(config.dataDir),
      sender: recordingMailSender(outbox, localSesSender(ses), () => clock.now()),
    });
    return {
      config: effective,
      services,
      outbox,
      viaRunningStack: true,
      async close() {
        db.destroy();
        ses.destroy();
      },
    };
  }

  if (!lock) throw new Error('unreachable: neither a running stack nor the folder lock');
  const held = lock;
  try {
    const dynamo = await startEmbeddedDynamo({
      path: dataPaths(config.dataDir).dynamo,
      host: '127.0.0.1',
      port: 0,
      accessKeyId: readOrCreateStoreKey(config.dataDir),
    });
    const db = createDynamoClient({ ...dynamo, region: config.region });
    const close = async () => {
      db.destroy();
      await dynamo.stop();
      held.release();
    };
    try {
      await ensureTable(db, config.tableName);
      const services = localServices({
        config,
        db,
        clock,
        replySigningSecret: readOrCreateSigningSecret(config.dataDir),
        sender: recordingMailSender(outbox, null, () => clock.now()),
      });
      return { config, services, outbox, viaRunningStack: false, close };
    } catch (error) {
      await close();
      throw error;
    }
  } catch (error) {
    held.release();
    throw error;
  }
}
