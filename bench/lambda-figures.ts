// Figures of the functions as Lambda runs them: each bundle's size, the time to import it in a
// fresh Node process against baseline bundles that only load AWS SDK clients (the DynamoDB client
// alone, and exactly the clients the function loads), and the peak memory of the inbound function
// reading a message with a 20 MB PDF.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BundleReport, bundleAllFunctions, bundleBaseline } from './bundle-functions';
import { runFunction } from './lambda-harness';
import { type Spread, spread } from './measure';
import { checkInboundBundle } from './verify-inbound-bundle';

export interface ColdStart {
  name: string;
  bytes: number;
  importMs: Spread;
  /** The AWS SDK packages the function loads at start. */
  sdkPackages: string[];
  /** Median import time over the median of a bundle loading the same SDK clients and nothing else. */
  ratio: number;
  sdkBaselineMs: Spread;
  /** Median import time over the DynamoDB-only baseline's median. */
  ratioToDynamoDb: number;
}

export interface ColdStartFigures {
  /** The DynamoDB client alone. */
  baseline: { bytes: number; importMs: Spread };
  functions: ColdStart[];
  bundles: BundleReport[];
}

export async function benchColdStart(runs: number): Promise<ColdStartFigures> {
  const root = mkdtempSync(join(tmpdir(), 'iep-bench-cold-'));
  try {
    const bundles = await bundleAllFunctions(root);
    const baseline = await bundleBaseline(join(root, 'baseline'));
    // one baseline per set of SDK clients the functions load
    const sdkBaselines = new Map<string, BundleReport>();
    for (const bundle of bundles) {
      const key = bundle.sdkPackages.join(' ');
      if (!sdkBaselines.has(key))
        sdkBaselines.set(
          key,
          await bundleBaseline(join(root, `baseline-${sdkBaselines.size + 1}`), bundle.sdkPackages),
        );
    }
    const times = new Map<string, number[]>();
    const all = [baseline, ...[...sdkBaselines.values()].filter((b) => b.name !== baseline.name), ...bundles];
    // interleaved, so a busy moment of the machine weighs on every bundle alike
    for (let run = 0; run < runs; run++) {
      for (const bundle of all) {
        const result = await runFunction(root, bundle.file);
        times.set(bundle.name, [...(times.get(bundle.name) ?? []), result.importMs]);
      }
    }
    const base = spread(times.get(baseline.name) ?? []);
    return {
      baseline: { bytes: baseline.bytes, importMs: base },
      functions: bundles.map((bundle) => {
        const importMs = spread(times.get(bundle.name) ?? []);
        const own = sdkBaselines.get(bundle.sdkPackages.join(' '));
        const sdkBaselineMs = spread(times.get(own?.name ?? baseline.name) ?? []);
        return {
          name: bundle.name,
          bytes: bundle.bytes,
          importMs,
          sdkPackages: bundle.sdkPackages,
          ratio: importMs.median / sdkBaselineMs.median,
          sdkBaselineMs,
          ratioToDynamoDb: importMs.median / base.median,
        };
      }),
      bundles,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export interface MemoryFigure {
  messageBytes: number;
  pdfBytes: number;
  maxRssBytes: Spread;
  invokeMs: Spread;
  recordsFromPdf: number;
}

/** Peak RSS of a fresh process running the inbound bundle on a message with a `pdfBytes` PDF. */
export async function benchMemory(runs: number, pdfBytes = 20_000_000): Promise<MemoryFigure> {
  const rss: number[] = [];
  const invoke: number[] = [];
  let recordsFromPdf = 0;
  for (let run = 0; run < runs; run++) {
    const check = await checkInboundBundle({ padBytes: pdfBytes });
    rss.push(check.run.maxRssBytes);
    invoke.push(check.run.invokeMs ?? Number.NaN);
    recordsFromPdf = check.recordsFromPdf;
  }
  // base64 with CRLF every 76 characters, plus the headers and body (about 1 KB)
  const messageBytes = Math.ceil(pdfBytes / 3) * 4 * (78 / 76) + 1024;
  return { messageBytes, pdfBytes, maxRssBytes: spread(rss), invokeMs: spread(invoke), recordsFromPdf };
}

export { runFunction };
