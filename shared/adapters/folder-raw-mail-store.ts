// Raw messages kept in a folder (the local stack): one file per key, written atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { RawMailStore } from '../ports/raw-mail-store';

const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._/+=-]{0,511}$/;

export class FolderRawMailStore implements RawMailStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    if (!KEY_SHAPE.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new Error('invalid raw-mail key');
    }
    return join(this.dir, ...key.split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    try {
      await stat(path);
      return;
    } catch {
      // not there yet
    }
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes, { mode: 0o600 });
    await rename(temp, path);
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.pathOf(key)));
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (folder: string): Promise<void> => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.endsWith('.tmp')) {
          const key = relative(this.dir, full).split(sep).join('/');
          if (key.startsWith(prefix)) keys.push(key);
        }
      }
    };
    await walk(this.dir);
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    for (const key of keys) await rm(this.pathOf(key), { force: true });
    return keys.length;
  }
}
