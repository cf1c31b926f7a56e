// Runs the extraction over the labelled corpora beside the repository (../shared/corpus), scores it
// with the contract's own scorer, and holds the scores above floors. Skipped where ../shared is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExtract } from '../support/run-extract';
import { extractLineSchema } from './extract-line-schema';

const shared = resolve(__dirname, '../../../shared');
const scorer = join(shared, 'eval/score.mjs');
const present = existsSync(scorer) && existsSync(join(shared, 'corpus'));
if (!present) console.warn('extract-score: ../shared is missing, corpus scoring skipped');

/** Floors a little under what the extraction reaches on each corpus (overall and sessions). */
const floors: Record<string, { f1: number; precision: number; sessionsF1: number }> = {
  dev: { f1: 0.97, precision: 0.98, sessionsF1: 0.97 },
  'dev-tx': { f1: 0.97, precision: 0.98, sessionsF1: 0.97 },
  // Written after the rules; their first-run and current scores are in docs/accuracy.md.
  'dev-il': { f1: 0.98, precision: 0.98, sessionsF1: 0.97 },
  'dev-es': { f1: 0.97, precision: 0.98, sessionsF1: 0.97 },
};

interface Metrics {
  precision: number;
  recall: number;
  f1: number;
}

const work = present ? mkdtempSync(join(tmpdir(), 'iep-extract-score-')) : '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!present)('extraction scored against the labelled corpora', () => {
  for (const corpus of Object.keys(floors)) {
    it(`reads ${corpus} above its floors, every line valid iep-extract/1`, { timeout: 120_000 }, async () => {
      // Prepare
      const dir = join(shared, 'corpus', corpus);
      const { tz } = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { tz: string };
      // Act
      const lines = await runExtract(dir, tz);
      const predictions = join(work, `${corpus}.jsonl`);
      writeFileSync(predictions, `${lines.join('\n')}\n`);
      const report = JSON.parse(
        execFileSync(process.execPath, [scorer, dir, predictions, '--json'], { encoding: 'utf8' }),
      ) as Record<string, Metrics>;
      // Assess
      for (const line of lines) expect(extractLineSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
      const floor = floors[corpus];
      expect(report.overall?.f1).toBeGreaterThanOrEqual(floor?.f1 ?? 1);
      expect(report.overall?.precision).toBeGreaterThanOrEqual(floor?.precision ?? 1);
      expect(report.sessions?.f1).toBeGreaterThanOrEqual(floor?.sessionsF1 ?? 1);
    });
  }
});
