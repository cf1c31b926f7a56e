// Scores the extraction on the project's own held-out corpora (test/fixtures/corpus-*: families,
// districts and voices the rules were not written against, labelled from the contract alone before
// the extraction first ran on them) with the contract's own scorer, and holds each above a floor a
// little under what it reaches today. docs/accuracy.md keeps each corpus's first-run and current
// score. Skipped where ../shared (the scorer) is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExtract } from '../support/run-extract';
import { extractLineSchema } from './extract-line-schema';

const repo = resolve(__dirname, '../..');
const scorer = resolve(repo, '../shared/eval/score.mjs');
const present = existsSync(scorer);
if (!present) console.warn('holdout-score: ../shared is missing (the scorer), held-out corpus scoring skipped');

/**
 * A little under what the extraction reaches today on each corpus (docs/accuracy.md). Raise them as
 * the reading generalises; never lower one to make a change pass.
 */
const floors: Record<string, { f1: number; precision: number }> = {
  'corpus-holdout': { f1: 0.97, precision: 0.98 },
  'corpus-city': { f1: 0.96, precision: 0.97 },
  'corpus-agency': { f1: 0.95, precision: 0.95 },
  'corpus-spanish': { f1: 0.96, precision: 0.97 },
  'corpus-rural': { f1: 0.96, precision: 0.97 },
  'corpus-cyber': { f1: 0.91, precision: 0.93 },
  'corpus-ohio': { f1: 0.93, precision: 0.95 },
  // Held out: no rule has been changed for it; the floor guards against the reader getting worse.
  'corpus-nm': { f1: 0.68, precision: 0.75 },
  // First run 0.751 / 0.918; held out like corpus-nm.
  'corpus-la': { f1: 0.73, precision: 0.89 },
  // First run 0.588 / 0.719 (a teletherapy export whose service the mail never names; bus notices).
  'corpus-va': { f1: 0.8, precision: 0.82 },
  // First run 0.673 / 0.812 (a Massachusetts preschool: week grids, per-cycle services, billing units).
  'corpus-ma': { f1: 0.95, precision: 0.98 },
  // First run 0.607 / 0.881 (para notes placing the child class by class are its new voice).
  'corpus-mn': { f1: 0.84, precision: 0.95 },
  // First run 0.826 / 0.929; held out but for one message read to find why a reader change cost it precision.
  'corpus-or': { f1: 0.84, precision: 0.92 },
  // First run 0.832 / 0.923 (a grandmother's dictated mail: numbers and dates in words).
  'corpus-ky': { f1: 0.95, precision: 0.96 },
  // First run 0.772 / 0.970 (an out-of-district placement: home-school sheets, billing units).
  'corpus-nj': { f1: 0.95, precision: 0.98 },
  // First run 0.720 / 0.830 (SIS CSV exports with planned and delivered minutes, a mother's narrative mail).
  'corpus-ut': { f1: 0.92, precision: 0.95 },
  // First run 0.654 / 0.882 (weekly summaries dated by weekday, served/scheduled columns, day-month dates).
  'corpus-nc': { f1: 0.92, precision: 0.93 },
  // First run 0.648 / 0.784 (a student's own first-person mail, his mother's OCR'd paper logs).
  'corpus-mi': { f1: 0.83, precision: 0.89 },
  // First run 0.692 / 0.895; held out (distance sessions with UTC platform exports, fly-in specialists).
  'corpus-ak': { f1: 0.67, precision: 0.88 },
  // First run 0.628 / 0.736; held out (a grandmother's phone Spanish, a day-per-column attendance grid).
  'corpus-nv': { f1: 0.69, precision: 0.77 },
  // First run 0.708 / 0.795; held out (a father's second-language mail, SIS minutes exports with coded headers, DOCX summaries).
  'corpus-wi': { f1: 0.74, precision: 0.79 },
  // First run 0.599 / 0.918; held out (a preschooler at a daycare: a father's texting style, PDF month calendars, billing units).
  'corpus-tn': { f1: 0.59, precision: 0.91 },
  // First run 0.711 / 0.732; held out (a foster child in Hawaii: SBBH notes, skills-trainer XLSX logs, a caseworker's forwards).
  'corpus-hi': { f1: 0.72, precision: 0.74 },
  // First run 0.529 / 0.691; held out (a deaf 4th grader with Deaf parents: interpreter coverage reports, a county service delivery PDF, audiology XLSX).
  'corpus-md': { f1: 0.52, precision: 0.68 },
  // First run 0.840 / 0.919; held out (a trucker father's run-on phone mail, teletherapy session mails, resource CSV logs, co-op BCBA forms).
  'corpus-ok': { f1: 0.86, precision: 0.91 },
};

interface Metrics {
  precision: number;
  recall: number;
  f1: number;
}

const work = present ? mkdtempSync(join(tmpdir(), 'iep-holdout-score-')) : '';
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!present)('extraction scored against the held-out corpora', () => {
  for (const [name, floor] of Object.entries(floors)) {
    it(`reads ${name} above its floor, every line valid iep-extract/1`, { timeout: 180_000 }, async () => {
      // Prepare
      const corpus = join(repo, 'test/fixtures', name);
      const { tz } = JSON.parse(readFileSync(join(corpus, 'corpus.json'), 'utf8')) as { tz: string };
      // Act
      const lines = await runExtract(corpus, tz);
      const predictions = join(work, `${name}.jsonl`);
      writeFileSync(predictions, `${lines.join('\n')}\n`);
      const report = JSON.parse(
        execFileSync(process.execPath, [scorer, corpus, predictions, '--json'], { encoding: 'utf8' }),
      ) as Record<string, Metrics> & { messages?: { total: number; exact: number } };
      const overall = report.overall;
      console.info(
        `${name}: F1 ${overall?.f1} precision ${overall?.precision} recall ${overall?.recall} ` +
          `exact ${report.messages?.exact}/${report.messages?.total}`,
      );
      // Assess
      for (const line of lines) expect(extractLineSchema.safeParse(JSON.parse(line)).error).toBeUndefined();
      expect(overall?.f1).toBeGreaterThanOrEqual(floor.f1);
      expect(overall?.precision).toBeGreaterThanOrEqual(floor.precision);
    });
  }
});
