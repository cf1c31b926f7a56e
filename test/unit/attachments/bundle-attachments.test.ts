// The attachment reader as a Lambda runs it: bundled and minified by esbuild, run by plain Node from
// a folder without node_modules (so no native canvas package), PDF.js loaded only when a PDF comes.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from './build-fixtures';

const run = promisify(execFile);
const reader = fileURLToPath(new URL('../../../shared/extract/attachments/read-attachment.ts', import.meta.url));

const ENTRY = `
import { readFileSync } from 'node:fs';
import { readAttachment } from ${JSON.stringify(reader)};
const content = await readAttachment({
  filename: 'services.pdf',
  contentType: 'application/pdf',
  content: readFileSync(process.argv[2]),
  disposition: 'attachment',
});
process.stdout.write(JSON.stringify({ text: content.text, tables: content.tables, problems: content.problems }));
`;

describe('the attachment reader bundled for a function', () => {
  let folder = '';
  const sizes = new Map<string, number>();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'attachment-bundle-'));
    await writeFile(join(folder, 'entry.ts'), ENTRY);
    await build({
      entryPoints: [join(folder, 'entry.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      splitting: true,
      outdir: join(folder, 'out'),
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
    for (const name of await readdir(join(folder, 'out')))
      sizes.set(name, (await stat(join(folder, 'out', name))).size);
  }, 60_000);

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reads a PDF when bundled and run without node_modules', async () => {
    // Prepare
    const pdf = join(folder, 'services.pdf');
    await writeFile(pdf, buildPdf([[{ x: 40, y: 700, text: 'Speech therapy 30 minutes weekly' }]]));
    // Act
    const { stdout } = await run(process.execPath, [join(folder, 'out', 'entry.mjs'), pdf], { cwd: folder });
    // Assess
    const content = JSON.parse(stdout) as { text: string; problems: string[] };
    expect(content.problems).toEqual([]);
    expect(content.text).toBe('Speech therapy 30 minutes weekly');
  }, 30_000);

  it('keeps PDF.js out of the entry chunk, and everything under 2 MB', () => {
    const entry = sizes.get('entry.mjs') ?? 0;
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    console.info(`attachment reader bundle: entry ${entry} bytes, all chunks ${total} bytes`);
    expect(entry).toBeGreaterThan(0);
    expect(entry).toBeLessThan(700_000);
    expect(total).toBeLessThan(2_000_000);
  });
});
