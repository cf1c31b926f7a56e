// `npm run bench`: measures extraction, ingest end to end, the digest, dispatch, cold starts,
// memory and costs; prints every figure with its goal and writes docs/benchmarks.md.
// `npm run bench -- --quick` runs everything on tiny inputs (a check that it works, not figures);
// `npm run bench -- --messages=N` reads N messages instead of 1,000 in sections 1 and 2.
// `npm run bench -- --only=5` (or `--only=cold`, `--only=1,5`) runs only those sections and prints
// them, leaving docs/benchmarks.md as it is (a partial run would drop the other sections' figures).
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.LOG_LEVEL ??= 'ERROR';

// Loaded after the environment above is set: the logger reads its level when it is created.
const { loadCorpus } = await import('./corpus');
const { PROJECT_ROOT } = await import('./bundle-functions');
const { FUNCTION_BUNDLING } = await import('../infra/constructs/tracker-function');
const measure = await import('./measure');
const work = await import('./workloads');
const lambda = await import('./lambda-figures');
const costs = await import('./costs');
const { selectsSection } = await import('./sections');

type Spread = import('./measure').Spread;

export interface BenchOptions {
  runs: number;
  extractionMessages: number;
  ingestMessages: number;
  schoolDays: number;
  dispatchChildren: number;
  coldStartRuns: number;
  memoryPdfBytes: number;
  memoryRuns: number;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /** Only the sections these select (see `selectsSection`); every section when not given. */
  only?: readonly string[];
}

export const FULL: BenchOptions = {
  runs: 3,
  extractionMessages: 1000,
  ingestMessages: 1000,
  schoolDays: 180,
  dispatchChildren: 10_000,
  coldStartRuns: 5,
  memoryPdfBytes: 20_000_000,
  memoryRuns: 3,
};

export const QUICK: BenchOptions = {
  runs: 1,
  extractionMessages: 20,
  ingestMessages: 12,
  schoolDays: 10,
  dispatchChildren: 60,
  coldStartRuns: 1,
  memoryPdfBytes: 1_000_000,
  memoryRuns: 1,
};

export interface Figure {
  section: string;
  name: string;
  value: string;
  goal: string;
  /** null where there is no goal. */
  met: boolean | null;
  note?: string;
}

export interface BenchResults {
  machine: string[];
  corpus: string;
  figures: Figure[];
  costs: import('./costs').CostEstimate[];
  bundles: Array<{ name: string; bytes: number; parts: Array<{ name: string; bytes: number }> }>;
  durationS: number;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const withSpread = (s: Spread, digits = 1, unit = '') =>
  `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)}, ${s.runs} runs)`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

export function machineLines(): string[] {
  const cpu = cpus();
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB memory`,
    `${platform()} ${release()} ${arch()}, Node.js ${process.versions.node}`,
    `load average at the start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  ];
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const machine = machineLines();
  const corpus = loadCorpus();
  const figures: Figure[] = [];
  log(`mail: ${corpus.source}`);

  const attempt = async (section: string, work: () => Promise<void>) => {
    if (!selectsSection(options.only, section)) return;
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log(`${section} failed: ${reason}`);
      figures.push({ section, name: 'the measurement failed', value: reason.slice(0, 200), goal: '—', met: false });
    }
  };
  const batches: import('./workloads').IngestRun[] = [];
  const digests: import('./workloads').DigestRun[] = [];
  const dispatches: import('./workloads').DispatchRun[] = [];
  let yearRecords = 0;
  let bundles: BenchResults['bundles'] = [];

  await attempt('1. Extraction', async () => {
    // 1. Extraction
    log(`1. extraction: ${options.extractionMessages} messages × ${options.runs} runs`);
    const extraction = [];
    for (let run = 0; run < options.runs; run++)
      extraction.push(await work.benchExtraction(corpus, options.extractionMessages));
    const ratio = measure.spread(extraction.map((r) => r.ratio));
    figures.push(
      {
        section: '1. Extraction',
        name: `messages per second through extract (${options.extractionMessages} messages)`,
        value: withSpread(measure.spread(extraction.map((r) => r.messagesPerSecond))),
        goal: '—',
        met: null,
      },
      {
        section: '1. Extraction',
        name: 'mailparser alone, messages per second',
        value: withSpread(measure.spread(extraction.map((r) => (r.messages * 1000) / r.parseMs))),
        goal: '—',
        met: null,
      },
      {
        section: '1. Extraction',
        name: 'extraction time / mailparser time',
        value: withSpread(ratio, 2),
        goal: '≤ 2',
        met: ratio.median <= 2,
        note:
          ratio.median <= 2
            ? undefined
            : 'extraction parses the MIME once (mailparser) and then reads attachments, HTML tables and runs every finder over every sentence; see docs/benchmarks.md',
      },
    );
  });

  await attempt('2. Ingest end to end', async () => {
    // 2. Ingest end to end, one pass cut into `runs` consecutive batches
    log(`2. ingest: ${options.ingestMessages} messages over SMTP`);
    const perBatch = Math.ceil(options.ingestMessages / options.runs);
    for (let run = 0; run < options.runs; run++) {
      const count = Math.min(perBatch, options.ingestMessages - run * perBatch);
      if (count > 0) batches.push(await work.benchIngest(corpus, count));
    }
    const totalMessages = batches.reduce((n, b) => n + b.messages, 0);
    const totalRecords = batches.reduce((n, b) => n + b.recordsWritten, 0);
    const totalWrites = batches.reduce((n, b) => n + b.requests.writes, 0);
    const totalReads = batches.reduce((n, b) => n + b.requests.reads, 0);
    const writesPerMessage = totalWrites / totalMessages;
    const recordsPerMessage = totalRecords / totalMessages;
    const writeGoal = recordsPerMessage / 25 + 3;
    const byCommand: Record<string, number> = {};
    for (const b of batches)
      for (const [k, v] of Object.entries(b.requests.byCommand)) byCommand[k] = (byCommand[k] ?? 0) + v;
    figures.push(
      {
        section: '2. Ingest end to end',
        name: `messages per second (${totalMessages} messages, SMTP → answer in the outbox)`,
        value: withSpread(measure.spread(batches.map((b) => b.messagesPerSecond))),
        goal: '—',
        met: null,
      },
      {
        section: '2. Ingest end to end',
        name: 'latency p50 (ms)',
        value: withSpread(measure.spread(batches.map((b) => b.latencyMs.p50)), 0),
        goal: '—',
        met: null,
      },
      {
        section: '2. Ingest end to end',
        name: 'latency p95 (ms)',
        value: withSpread(measure.spread(batches.map((b) => b.latencyMs.p95)), 0),
        goal: '—',
        met: null,
      },
      {
        section: '2. Ingest end to end',
        name: 'DynamoDB requests per message',
        value: `${fmt((totalReads + totalWrites) / totalMessages, 2)} (${Object.entries(byCommand)
          .map(([k, v]) => `${k.replace('Command', '')} ${fmt(v / totalMessages, 2)}`)
          .join(', ')})`,
        goal: '—',
        met: null,
      },
      {
        section: '2. Ingest end to end',
        name: `writes per message (records written per message: ${fmt(recordsPerMessage, 2)})`,
        value: fmt(writesPerMessage, 2),
        goal: `≤ records/25 + 3 = ${fmt(writeGoal, 2)}`,
        met: writesPerMessage <= writeGoal,
        note:
          writesPerMessage <= writeGoal
            ? undefined
            : 'an answered message writes its arrival, one batch (records and answer), the send claim, and one batch (sent mark and done); see docs/benchmarks.md',
      },
      {
        section: '2. Ingest end to end',
        name: 'answers in the outbox / messages',
        value: `${batches.reduce((n, b) => n + b.answersInOutbox, 0)} / ${totalMessages} (${batches.reduce((n, b) => n + b.failed, 0)} refused)`,
        goal: '—',
        met: null,
      },
    );
  });

  await attempt('3. Digest, one school year', async () => {
    // 3. A school year's digest
    log(`3. digest: ${options.schoolDays} school days`);
    const year = await work.setUpSchoolYear(options.schoolDays);
    let feed: import('./workloads').CalendarFeedRun | null = null;
    yearRecords = year.records;
    try {
      await work.benchDigest(year); // warm
      for (let run = 0; run < options.runs; run++) digests.push(await work.benchDigest(year));
      feed = await work.benchCalendarFeed(year);
    } finally {
      await year.stack.stop();
    }
    const lastDigest = digests[digests.length - 1] as import('./workloads').DigestRun;
    const queryKinds = Object.keys(lastDigest.requests.queries).length;
    const digestRatio = measure.spread(digests.map((d) => d.computeMs / Math.max(d.loadMs, 0.001)));
    figures.push(
      {
        section: '3. Digest, one school year',
        name: `time to load and compute (${year.records} records, ms)`,
        value: withSpread(measure.spread(digests.map((d) => d.totalMs)), 0),
        goal: '—',
        met: null,
      },
      {
        section: '3. Digest, one school year',
        name: 'load / compute (ms)',
        value: `${fmt(measure.spread(digests.map((d) => d.loadMs)).median, 0)} / ${fmt(measure.spread(digests.map((d) => d.computeMs)).median, 0)}`,
        goal: '—',
        met: null,
      },
      {
        section: '3. Digest, one school year',
        name: 'compute time / load time',
        value: withSpread(digestRatio, 2),
        goal: '—',
        met: null,
      },
      {
        section: '3. Digest, one school year',
        name: 'DynamoDB requests',
        value: `${lastDigest.requests.total}: ${Object.entries(lastDigest.requests.byCommand)
          .map(([k, v]) => `${k.replace('Command', '')} ${v}`)
          .join(', ')}; queries: ${Object.entries(lastDigest.requests.queries)
          .map(([k, v]) => `${k.replace('table ', '')}×${v}`)
          .join(', ')}`,
        goal: 'one query, paginated',
        met: queryKinds === 1 && lastDigest.requests.reads === lastDigest.recordQueryPages,
        note:
          queryKinds === 1
            ? undefined
            : 'the summary reads the child, then its records, messages (for contacts), digest log and deadline marks with a query each',
      },
    );
    if (feed) {
      const tally = (t: import('./measure').RequestTally) =>
        `${t.total}: ${Object.entries(t.byCommand)
          .map(([k, v]) => `${k.replace('Command', '')} ${v}`)
          .join(', ')}`;
      figures.push(
        {
          section: '3. Digest, one school year',
          name: `calendar feed of that year (${feed.eventsInFeed} events): DynamoDB requests per full feed`,
          value: tally(feed.fullFeed),
          goal: '—',
          met: null,
        },
        {
          section: '3. Digest, one school year',
          name: 'calendar feed: DynamoDB requests per 304 (If-None-Match names the current version)',
          value: `${tally(feed.notModified)}${feed.answeredNotModified ? '' : ' (answered with the feed, not 304)'}`,
          goal: '1',
          met: feed.answeredNotModified && feed.notModified.total === 1,
        },
      );
    }
  });

  await attempt('4. Dispatch', async () => {
    // 4. Dispatch
    log(`4. dispatch: ${options.dispatchChildren} children due in one hour`);
    const due = await work.setUpDispatch(options.dispatchChildren);
    try {
      for (let run = 0; run < options.runs; run++) dispatches.push(await work.benchDispatch(due));
    } finally {
      await due.stack.stop();
    }
    const lastDispatch = dispatches[dispatches.length - 1] as import('./workloads').DispatchRun;
    const scans = lastDispatch.requests.byCommand.ScanCommand ?? 0;
    figures.push(
      {
        section: '4. Dispatch',
        name: `time to find ${options.dispatchChildren} children due in one hour (ms)`,
        value: withSpread(measure.spread(dispatches.map((d) => d.totalMs)), 0),
        goal: '—',
        met: null,
      },
      {
        section: '4. Dispatch',
        name: 'children found',
        value: `${lastDispatch.found} of ${options.dispatchChildren}`,
        goal: 'all',
        met: lastDispatch.found === options.dispatchChildren,
      },
      {
        section: '4. Dispatch',
        name: 'DynamoDB requests per child',
        value: `${fmt(lastDispatch.requests.total / Math.max(1, lastDispatch.found), 4)} (${Object.entries(
          lastDispatch.requests.byCommand,
        )
          .map(([k, v]) => `${k.replace('Command', '')} ${v}`)
          .join(', ')})`,
        goal: 'no scan',
        met: scans === 0,
        note:
          (lastDispatch.requests.byCommand.GetItemCommand ?? 0) > 0
            ? 'no scan; the index holds keys only, so each child found costs one GetItem after the shard queries'
            : undefined,
      },
    );
  });

  await attempt('5. Cold start', async () => {
    // 5. Cold start and bundle sizes
    log(`5. cold start: every function, ${options.coldStartRuns} fresh processes each`);
    const cold = await lambda.benchColdStart(options.coldStartRuns);
    bundles = cold.bundles.map((b) => ({ name: b.name, bytes: b.bytes, parts: b.parts.slice(0, 8) }));
    figures.push({
      section: '5. Cold start',
      name: 'baseline bundle (DynamoDB client only): size, import (ms)',
      value: `${mb(cold.baseline.bytes)}, ${withSpread(cold.baseline.importMs, 0)}`,
      goal: '—',
      met: null,
    });
    for (const f of cold.functions) {
      const clients = f.sdkPackages.map((name) => name.replace('@aws-sdk/', '')).join(', ');
      figures.push(
        {
          section: '5. Cold start',
          name: `${f.name}: bundle size`,
          value: mb(f.bytes),
          goal: `≤ ${mb(FUNCTION_BUNDLING.maxBundleBytes)}`,
          met: f.bytes <= FUNCTION_BUNDLING.maxBundleBytes,
        },
        {
          section: '5. Cold start',
          name: `${f.name}: import time / its SDK clients alone (${clients}: ${fmt(f.sdkBaselineMs.median, 0)} ms; import ${fmt(f.importMs.median, 0)} ms)`,
          value: `${fmt(f.ratio, 2)} (${fmt(f.importMs.min / f.sdkBaselineMs.median, 2)}–${fmt(f.importMs.max / f.sdkBaselineMs.median, 2)})`,
          goal: '≤ 2',
          met: f.ratio <= 2,
        },
        {
          section: '5. Cold start',
          name: `${f.name}: import time / the DynamoDB client alone`,
          value: fmt(f.ratioToDynamoDb, 2),
          goal: '—',
          met: null,
        },
      );
    }
  });

  await attempt('6. Memory', async () => {
    // 6. Memory
    log(`6. memory: the inbound bundle on a message with a ${mb(options.memoryPdfBytes)} PDF`);
    const memory = await lambda.benchMemory(options.memoryRuns, options.memoryPdfBytes);
    figures.push(
      {
        section: '6. Memory',
        name: `peak RSS, inbound function, ${mb(memory.messageBytes)} message with a ${mb(memory.pdfBytes)} PDF (MB)`,
        value: withSpread(
          {
            ...memory.maxRssBytes,
            median: memory.maxRssBytes.median / 1e6,
            min: memory.maxRssBytes.min / 1e6,
            max: memory.maxRssBytes.max / 1e6,
          },
          0,
        ),
        goal: '< 512 MB',
        met: memory.maxRssBytes.median < 512e6,
      },
      {
        section: '6. Memory',
        name: 'time to ingest it (ms), records read from the PDF',
        value: `${withSpread(memory.invokeMs, 0)}, ${memory.recordsFromPdf} records`,
        goal: 'records from the PDF > 0',
        met: memory.recordsFromPdf > 0,
      },
    );
  });

  // 7. Costs
  const finished = (estimates: import('./costs').CostEstimate[]): BenchResults => ({
    machine,
    corpus: corpus.source,
    figures,
    costs: estimates,
    bundles,
    durationS: (performance.now() - started) / 1000,
  });
  if (!selectsSection(options.only, '7. Cost')) return finished([]);
  const lastDigest = digests[digests.length - 1];
  const lastDispatch = dispatches[dispatches.length - 1];
  const totalMessages = batches.reduce((n, b) => n + b.messages, 0);
  if (!lastDigest || !lastDispatch || totalMessages === 0) {
    figures.push({
      section: '7. Cost',
      name: 'not computed',
      value: 'a measurement it needs failed',
      goal: '—',
      met: null,
    });
    return finished([]);
  }
  const recordBytes = (lastDigest.requests.readUnits * 8192) / Math.max(1, yearRecords);
  const measured: import('./costs').MeasuredForCosts = {
    ingestMsPerMessage: measure.spread(batches.map((b) => b.latencyMs.mean)).median,
    writeUnitsPerMessage: batches.reduce((n, b) => n + b.requests.writeUnits, 0) / totalMessages,
    readUnitsPerMessage: batches.reduce((n, b) => n + b.requests.readUnits, 0) / totalMessages,
    answersPerMessage: batches.reduce((n, b) => n + b.answersInOutbox, 0) / totalMessages,
    meanMessageBytes: batches.reduce((n, b) => n + b.meanMessageBytes * b.messages, 0) / totalMessages,
    digestMs: measure.spread(digests.map((d) => d.totalMs)).median,
    digestReadUnits: lastDigest.requests.readUnits,
    recordBytes,
    dispatchMsPerChild: measure.spread(dispatches.map((d) => d.totalMs)).median / Math.max(1, lastDispatch.found),
    dispatchReadUnitsPerChild: lastDispatch.requests.readUnits / Math.max(1, lastDispatch.found),
  };
  const estimates = [10, 1000, 100_000].map((n) => costs.monthlyCost(n, measured));
  for (const e of estimates) {
    figures.push({
      section: '7. Cost',
      name: `dollars per child per month, ${e.children.toLocaleString('en-US')} children`,
      value: `$${e.perChildPerMonth.toFixed(4)} (total $${e.totalPerMonth.toFixed(2)} a month)`,
      goal: '—',
      met: null,
    });
  }
  return finished(estimates);
}

const mark = (met: boolean | null) => (met === null ? '' : met ? 'met' : 'MISSED');

export function renderConsole(results: BenchResults): string {
  const lines: string[] = [`Machine: ${results.machine.join('; ')}`, `Mail: ${results.corpus}`, ''];
  let section = '';
  for (const f of results.figures) {
    if (f.section !== section) {
      section = f.section;
      lines.push(section);
    }
    lines.push(`  ${f.name}: ${f.value}    goal ${f.goal} ${mark(f.met)}`);
    if (f.note && f.met === false) lines.push(`      why: ${f.note}`);
  }
  lines.push('', `Took ${results.durationS.toFixed(0)} s.`);
  return lines.join('\n');
}

export function renderMarkdown(results: BenchResults, commentary: string): string {
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); the text after the tables is kept from',
    'bench/benchmarks-commentary.md. Absolute times depend on the machine and how busy it was, so every',
    'goal is a ratio or a count. Figures are medians of several runs, with the smallest and largest in',
    'brackets.',
    '',
    '## Machine',
    '',
    ...results.machine.map((l) => `- ${l}`),
    `- mail: ${results.corpus}`,
    `- run took ${results.durationS.toFixed(0)} s, on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
  ];
  let section = '';
  for (const f of results.figures) {
    if (f.section !== section) {
      section = f.section;
      lines.push(`## ${section}`, '', '| figure | value | goal | |', '|---|---|---|---|');
    }
    lines.push(`| ${f.name} | ${f.value} | ${f.goal} | ${mark(f.met)} |`);
    if (f.section !== (results.figures[results.figures.indexOf(f) + 1]?.section ?? '')) lines.push('');
  }
  lines.push('## Bundles', '', '| function | size | largest parts |', '|---|---|---|');
  for (const b of results.bundles) {
    lines.push(
      `| ${b.name} | ${mb(b.bytes)} | ${b.parts.map((p) => `${p.name} ${(p.bytes / 1000).toFixed(0)} KB`).join(', ')} |`,
    );
  }
  lines.push('', '## Costs in detail (dollars a month)', '');
  const first = results.costs[0];
  if (first) {
    lines.push(
      `| item | ${results.costs.map((c) => `${c.children.toLocaleString('en-US')} children`).join(' | ')} |`,
      `|---|${results.costs.map(() => '---').join('|')}|`,
    );
    first.lines.forEach((line, i) => {
      lines.push(
        `| ${line.item} | ${results.costs.map((c) => `$${(c.lines[i]?.dollars ?? 0).toFixed(2)}`).join(' | ')} |`,
      );
    });
    lines.push(
      `| **total** | ${results.costs.map((c) => `$${c.totalPerMonth.toFixed(2)}`).join(' | ')} |`,
      `| **per child** | ${results.costs.map((c) => `$${c.perChildPerMonth.toFixed(4)}`).join(' | ')} |`,
      '',
      `Prices: ${costs.PRICES.region}, ${costs.PRICES.pricesAsOf}. Assumptions and the model: docs/costs.md.`,
      '',
    );
  }
  lines.push(commentary.trim(), '');
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const quick = process.argv.includes('--quick');
  // `--messages=N`: N messages for extraction and ingest instead of 1,000 (a busy machine, a short run).
  const messages = Number(process.argv.find((arg) => arg.startsWith('--messages='))?.slice('--messages='.length));
  const counts =
    Number.isInteger(messages) && messages > 0 ? { extractionMessages: messages, ingestMessages: messages } : {};
  const only = process.argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
    .filter((word) => word.trim() !== '');
  const options = {
    ...(quick ? QUICK : FULL),
    ...counts,
    ...(only ? { only } : {}),
    log: (line: string) => process.stderr.write(`[bench] ${line}\n`),
  };
  const results = await runBench(options);
  process.stdout.write(`${renderConsole(results)}\n`);
  if (!quick && !only) {
    const { readFileSync, existsSync } = await import('node:fs');
    const commentaryFile = join(PROJECT_ROOT, 'bench', 'benchmarks-commentary.md');
    const commentary = existsSync(commentaryFile) ? readFileSync(commentaryFile, 'utf8') : '';
    writeFileSync(join(PROJECT_ROOT, 'docs', 'benchmarks.md'), renderMarkdown(results, commentary));
    process.stdout.write('Wrote docs/benchmarks.md\n');
  }
  process.exit(0);
}
