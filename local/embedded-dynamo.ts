// The DynamoDB-compatible store of the local stack: dynalite, in process, on LevelDB in a folder,
// so a restart keeps everything. See docs/decisions/0001-embedded-dynamodb.md.
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { guardServer } from './request-guard';

/** Where the store is and the one key it answers (dynalite checks no signature; the guard checks the key). */
export interface StoreAccess {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface EmbeddedDynamo extends StoreAccess {
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedDynamo(options: {
  path: string;
  host: string;
  port: number;
  /** The only access key id answered (the data folder's `store-key`). */
  accessKeyId: string;
}): Promise<EmbeddedDynamo> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  guardServer(server, { host: options.host, sameOriginPages: false, accessKeyId: options.accessKeyId });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${urlHost(options.host)}:${port}`,
    credentials: storeCredentials(options.accessKeyId),
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A host as it appears in a URL: IPv6 literals in brackets, the wildcard as loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** The credentials the store's clients sign with: only the key id is checked. */
export function storeCredentials(accessKeyId: string): StoreAccess['credentials'] {
  return { accessKeyId, secretAccessKey: accessKeyId };
}
