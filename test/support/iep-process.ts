// The `iep` command as an operator runs it, a separate process on a data folder; and the temporary
// data folders of a test file, removed when the file's tests are done.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export interface IepRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `iep ARGS` on `dataDir`; with `closedOutput`, its output pipe's reader is gone before it writes. */
export function runIep(dataDir: string, args: string[], options: { closedOutput?: boolean } = {}): Promise<IepRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['local/bin/iep.mjs', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, IEP_DATA_DIR: dataDir, VITEST: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (options.closedOutput) child.stdout.destroy();
    else
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A maker of fresh temporary folders named `<prefix>…`, all removed after the calling file's tests. */
export function temporaryFolders(prefix: string): () => string {
  const folders: string[] = [];
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    folders.push(dir);
    return dir;
  };
}
