// Runs the benchmark's own code on tiny inputs, so that `npm run bench` does not rot between runs,
// and guards the bundling: the zod stand-in must export what zod exports (less the locales), and
// the inbound function's bundle must stay under the limit. The parts that start local servers are
// in test/integration/bench-smoke.test.ts.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import * as zod from 'zod';
import * as zodCore from 'zod/v4/core';
import { bundleBaseline, bundleFunction, PROJECT_ROOT, provideRuntimeModules } from '../../bench/bundle-functions';
import { loadCorpus, withUniqueMessageId } from '../../bench/corpus';
import { monthlyCost } from '../../bench/costs';
import { runFunction } from '../../bench/lambda-harness';
import { quantile, spread } from '../../bench/measure';
import { selectsSection } from '../../bench/sections';
import { servicesPageMessage, textPdf } from '../../bench/synthetic-mail';
import { benchExtraction, schoolDays, schoolYearRecords } from '../../bench/workloads';
import * as heStandIn from '../../infra/bundling/he-encode';
import * as zodEnglish from '../../infra/bundling/zod-english';
import * as zodEnglishCore from '../../infra/bundling/zod-english-core';
import { FUNCTION_BUNDLING } from '../../infra/constructs/tracker-function';
import { extractFromBytes } from '../../shared/extract/extract-from-bytes';

describe('the zod stand-in the functions are bundled with', () => {
  test('exports everything zod exports except the locales', () => {
    // Prepare
    const expected = Object.keys(zod.z)
      .filter((key) => key !== 'locales')
      .sort();
    // Act
    const actual = Object.keys(zodEnglish.z).sort();
    // Assess
    expect(actual).toEqual(expected);
    expect(Object.keys(zodEnglish).sort()).toEqual(
      Object.keys(zod)
        .filter((key) => key !== 'locales')
        .sort(),
    );
  });

  test('its core exports everything zod/v4/core exports except the locales', () => {
    expect(Object.keys(zodEnglishCore).sort()).toEqual(
      Object.keys(zodCore)
        .filter((key) => key !== 'locales')
        .sort(),
    );
  });

  test('still explains a failed parse in English', () => {
    const result = zodEnglish.z.object({ n: zodEnglish.z.number() }).safeParse({ n: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/expected number/i);
  });
});

describe('the he stand-in the functions are bundled with', () => {
  const he = createRequire(import.meta.url)('he') as { encode(text: string): string };

  test("encodes every character as he's own encode does, alone and between others", () => {
    // Prepare
    const texts: string[] = [];
    for (let code = 0; code <= 0xffff; code++) texts.push(String.fromCharCode(code), `a${String.fromCharCode(code)}b`);
    texts.push(
      'Jane Lee <jlee@district.org>',
      'Évaluation d\'élève & "IEP" `x`',
      '😀 speech 🗓️',
      '\ud83d lone \ude00',
      '',
    );
    // Act
    const different = texts.filter((text) => heStandIn.encode(text) !== he.encode(text));
    // Assess
    expect(different).toEqual([]);
  });

  test('is all mailparser asks of he', () => {
    // Prepare
    const dist = join(PROJECT_ROOT, 'node_modules', 'mailparser', 'dist', 'esm');
    const source = readdirSync(dist)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dist, name), 'utf8'))
      .join('\n');
    // Act: every member read from he, comments between the name and the dot allowed
    const members = [...source.matchAll(/\bhe\s*(?:\/\/[^\n]*\s*)*\.\s*(\w+)/g)].map((m) => m[1]);
    // Assess
    expect(source).toMatch(/import he from 'he'/);
    expect(new Set(members)).toEqual(new Set(['encode']));
  });
});

describe('the inbound function bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iep-bundle-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('stays under the bundle limit, with PDF.js and the AWS SDK left out', { timeout: 120_000 }, async () => {
    // Act
    const report = await bundleFunction(join(PROJECT_ROOT, 'functions', 'inbound.ts'), dir);
    // Assess
    expect(report.bytes).toBeLessThanOrEqual(FUNCTION_BUNDLING.maxBundleBytes);
    expect(report.parts.map((part) => part.name)).not.toContain('pdfjs-dist');
    expect(report.parts.map((part) => part.name)).not.toContain('@aws-sdk/client-dynamodb');
    expect(report.sdkPackages).toEqual(expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3']));
  });
});

describe('the calendar function bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iep-calendar-bundle-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('holds the feed and not the reminder mail, letters or family schemas it never uses', {
    timeout: 120_000,
  }, async () => {
    // Act
    const report = await bundleFunction(join(PROJECT_ROOT, 'functions', 'calendar.ts'), dir);
    // Assess
    expect(report.ownModules).toEqual(
      expect.arrayContaining(['shared/calendar-feed/calendar-feed.ts', 'shared/store/child-partition.ts']),
    );
    for (const unused of [
      'shared/deadlines/reminders.ts',
      'shared/render/drafts.ts',
      'shared/compliance/flag-rules.ts',
      'shared/store/families.ts',
      'shared/store/repositories.ts',
    ])
      expect(report.ownModules).not.toContain(unused);
    expect(report.sdkPackages).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
  });
});

describe('the cold-start baseline of a function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iep-baseline-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('loads exactly the SDK clients it is given and builds one of each', { timeout: 120_000 }, async () => {
    // Prepare
    const clients = ['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/lib-dynamodb'];
    provideRuntimeModules(dir);
    // Act
    const report = await bundleBaseline(join(dir, 'baseline'), clients);
    const run = await runFunction(dir, report.file);
    // Assess
    expect(report.sdkPackages).toEqual(clients);
    expect(report.name).toBe('baseline (client-dynamodb, client-s3, lib-dynamodb)');
    expect(run.importMs).toBeGreaterThan(0);
  });
});

describe('the benchmark on tiny inputs', () => {
  test('extraction is measured against mailparser alone on the same messages', { timeout: 120_000 }, async () => {
    // Prepare
    const corpus = loadCorpus();
    // Act
    const run = await benchExtraction({ ...corpus, messages: corpus.messages.slice(0, 3) }, 4);
    // Assess
    expect(run.messages).toBe(4);
    expect(run.parseMs).toBeGreaterThan(0);
    expect(run.ratio).toBeCloseTo(run.extractMs / run.parseMs, 6);
  });

  test('a repeated message gets a Message-ID of its own', () => {
    const corpus = loadCorpus();
    const first = corpus.messages[0];
    if (!first) throw new Error('no mail to benchmark with');
    const copy = Buffer.from(withUniqueMessageId(first.bytes, 'bench7')).toString('latin1');
    expect(copy).toMatch(/^message-id:[ \t]*<[^>]*\.bench7>/im);
  });

  test('the generated services page PDF is read into requirements', { timeout: 60_000 }, async () => {
    // Prepare
    const bytes = servicesPageMessage({ guardian: 'g@example.com', to: 'c@in.example.org', messageId: 'pdf@bench' });
    // Act
    const outcome = await extractFromBytes(bytes, { tz: 'America/Los_Angeles', file: 'pdf.eml' });
    // Assess
    const fromPdf = outcome.extraction.requirements.filter((r) => r.source.part.endsWith('.pdf'));
    expect(fromPdf.length).toBeGreaterThan(0);
  });

  test('a padded PDF has the size asked for, give or take its text', () => {
    const pdf = textPdf(['one line'], 100_000);
    expect(pdf.byteLength).toBeGreaterThan(100_000);
    expect(pdf.byteLength).toBeLessThan(101_500);
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.4');
  });

  test('a school year is 180 school days and about 1,500 records', () => {
    expect(schoolDays('2026-08-31', 180)).toHaveLength(180);
    const records = schoolYearRecords('child-1', 180);
    expect(records.length).toBeGreaterThan(1400);
    expect(records.length).toBeLessThan(1600);
  });

  test('medians and spreads', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, runs: 3 });
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
  });

  test('the fixed costs weigh on a few children and fade for many', () => {
    // Prepare
    const measured = {
      ingestMsPerMessage: 200,
      writeUnitsPerMessage: 10,
      readUnitsPerMessage: 2,
      answersPerMessage: 1,
      meanMessageBytes: 8000,
      digestMs: 300,
      digestReadUnits: 100,
      recordBytes: 600,
      dispatchMsPerChild: 0.5,
      dispatchReadUnitsPerChild: 0.5,
    };
    // Act
    const few = monthlyCost(10, measured);
    const many = monthlyCost(100_000, measured);
    // Assess
    expect(few.perChildPerMonth).toBeGreaterThan(many.perChildPerMonth);
    expect(many.totalPerMonth).toBeGreaterThan(few.totalPerMonth);
    expect(few.lines.every((line) => line.dollars >= 0)).toBe(true);
  });
});

describe('choosing the sections a run measures', () => {
  test('a section is named by its number or the first words of its title', () => {
    expect(selectsSection(['5'], '5. Cold start')).toBe(true);
    expect(selectsSection(['cold-start'], '5. Cold start')).toBe(true);
    expect(selectsSection(['Cold'], '5. Cold start')).toBe(true);
    expect(selectsSection(['1', 'ingest'], '2. Ingest end to end')).toBe(true);
    expect(selectsSection(['5'], '1. Extraction')).toBe(false);
    expect(selectsSection(['start'], '5. Cold start')).toBe(false);
    expect(selectsSection([''], '5. Cold start')).toBe(false);
  });

  test('every section is measured when none is named', () => {
    expect(selectsSection(undefined, '7. Cost')).toBe(true);
    expect(selectsSection([], '7. Cost')).toBe(true);
  });
});
