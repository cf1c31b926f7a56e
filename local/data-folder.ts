// The local data folder: who may open it, what the running stack announces, and the reply-signing
// secret. The embedded store's folder is never opened by two processes at once: the running stack
// holds `lock` and announces its endpoints in `stack.json`; a CLI run either talks to those
// endpoints or takes the lock itself.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const dataPaths = (dataDir: string) => ({
  dynamo: join(dataDir, 'dynamo'),
  raw: join(dataDir, 'raw'),
  outbox: join(dataDir, 'outbox'),
  secret: join(dataDir, 'reply-signing-secret'),
  /** The key the embedded store answers: only who can read the folder can use the store. */
  storeKey: join(dataDir, 'store-key'),
  lock: join(dataDir, 'lock'),
  stack: join(dataDir, 'stack.json'),
  /** Written after the first successful start: later starts never seed the demo. */
  started: join(dataDir, 'first-started-at'),
});

/**
 * The folder is the owner's only (0700, made so even when it existed before), and so is every file
 * this process creates from now on (umask 077: the store's own files included).
 */
export function ensureDataFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  process.umask(0o077);
}

/** The secret that signs reply references: generated once, readable by the owner only. */
export function readOrCreateSigningSecret(dataDir: string): string {
  return readOrCreateSecret(dataPaths(dataDir).secret);
}

/** The embedded store's access key: generated once, readable by the owner only. */
export function readOrCreateStoreKey(dataDir: string): string {
  return readOrCreateSecret(dataPaths(dataDir).storeKey);
}

function readOrCreateSecret(path: string): string {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeFileSync(fd, `${randomBytes(32).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`The secret in ${path} is too short; delete it to make a new one.`);
  return secret;
}

export interface FolderLock {
  release(): void;
}

export class FolderBusyError extends Error {}

/** Whether a process with this id is running (on this machine). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

function lockHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isNaN(pid) ? null : pid;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
}

/**
 * Takes the folder's lock, waiting up to `waitMs` for another holder to finish. A lock left by a
 * process that is gone is taken over.
 */
export async function lockDataFolder(dataDir: string, waitMs = 10_000): Promise<FolderLock> {
  const path = dataPaths(dataDir).lock;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (lockHolder(path) === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const holder = lockHolder(path);
    if (holder !== null && !isProcessAlive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new FolderBusyError(`The data folder ${dataDir} is in use by process ${holder ?? '?'}.`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

const stackInfoSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  host: z.string(),
  ports: z.object({ smtp: z.number().int(), outbox: z.number().int(), dynamo: z.number().int() }),
  inboundDomain: z.string(),
  fromAddress: z.string(),
  tableName: z.string(),
});
/** What a running stack announces in `stack.json`. */
export type StackInfo = z.infer<typeof stackInfoSchema>;

export function writeStackInfo(dataDir: string, info: StackInfo): void {
  writeFileAtomic(dataPaths(dataDir).stack, `${JSON.stringify(info, null, 2)}\n`);
}

export function removeStackInfo(dataDir: string): void {
  const path = dataPaths(dataDir).stack;
  try {
    const info = stackInfoSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    if (info.pid !== process.pid) return;
  } catch {
    // unreadable: ours to clear
  }
  rmSync(path, { force: true });
}

/** The running stack's announcement, or null when no live stack owns the folder. */
export function readRunningStack(dataDir: string): StackInfo | null {
  let text: string;
  try {
    text = readFileSync(dataPaths(dataDir).stack, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  const parsed = stackInfoSchema.safeParse(safeJson(text));
  if (!parsed.success) return null;
  const info = parsed.data;
  if (!isProcessAlive(info.pid) || lockHolder(dataPaths(dataDir).lock) !== info.pid) return null;
  return info;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o600): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === code;
}
