// Figures of the functions as Lambda runs them: each bundle's size, the time to import it in a
// fresh Node process against a baseline bundle that only builds a DynamoDB client, and the peak
// memory of the inbound function reading a message with a 20 MB PDF.
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
  /** Median import time over the baseline's median. */
  ratio: number;
}

export interface ColdStartFigures {
  baseline: { bytes: number; importMs: Spread };
  functions: ColdStart[];
  bundles: BundleReport[];
}

export async function benchColdStart(runs: number): Promise<ColdStartFigures> {
  const root = mkdtempSync(join(tmpdir(), 'iep-bench-cold-'));
  try {
    const bundles = await bundleAllFunctions(root);
    const baseline = await bundleBaseline(join(root, 'baseline'));
    const times = new Map<string, number[]>();
    const all = [baseline, ...bundles];
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
        return { name: bundle.name, bytes: bundle.bytes, importMs, ratio: importMs.median / base.median };
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
