// Runs `iep extract` in-process over every .eml in a corpus folder, in name order, and returns the
// JSON lines it prints. Shared by the corpus scoring tests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { command } from '../../local/cli/commands/extract';

export async function runExtract(dir: string, tz: string): Promise<string[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => join(dir, f));
  const lines: string[] = [];
  const code = await command.run(['--tz', tz, ...files], {
    out: (l) => lines.push(l),
    err: () => {},
    env: {},
    cwd: dir,
  });
  expect(code).toBe(0);
  expect(lines).toHaveLength(files.length);
  return lines;
}
