// Checks that the inbound function's bundle works as the stack ships it: bundled with the stack's
// settings, imported in a fresh Node process that sees only the bundle, the shipped PDF.js and the
// runtime's AWS SDK, and run on a forwarded message whose services page is a PDF attachment.
// `npx tsx bench/verify-inbound-bundle.ts` exits non-zero when it does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerChild } from '../shared/replies/welcome';
import { bundleFunction, PROJECT_ROOT, provideRuntimeModules, shipModules } from './bundle-functions';
import { type FunctionRun, runFunction, sesEvent, startLambdaHarness } from './lambda-harness';
import { servicesPageMessage } from './synthetic-mail';

export interface InboundCheck {
  bundleBytes: number;
  run: FunctionRun;
  /** Records stored from the PDF attachment (their provenance names the PDF). */
  recordsFromPdf: number;
  recordsTotal: number;
  answersSent: number;
}

/** Bundles functions/inbound.ts into a fresh folder and runs it on one message (PDF of `padBytes` extra bytes). */
export async function checkInboundBundle(options: { padBytes?: number } = {}): Promise<InboundCheck> {
  const runtimeDir = mkdtempSync(join(tmpdir(), 'iep-bench-lambda-'));
  const harness = await startLambdaHarness();
  try {
    provideRuntimeModules(runtimeDir);
    const outDir = join(runtimeDir, 'inbound');
    const report = await bundleFunction(join(PROJECT_ROOT, 'functions', 'inbound.ts'), outDir);
    shipModules(outDir);
    const guardian = 'sam.parent@example.com';
    const child = await registerChild(harness.services, {
      name: 'Sam',
      guardians: [guardian],
      timeZone: 'America/Los_Angeles',
      state: 'CA',
    });
    const messageId = `bench-pdf-${Date.now()}`;
    const bytes = servicesPageMessage({
      guardian,
      to: child.inboundAddress,
      messageId: `${messageId}@bench.example.org`,
      padBytes: options.padBytes,
    });
    harness.putRawMail(messageId, bytes);
    const run = await runFunction(runtimeDir, report.file, {
      event: sesEvent(messageId, child.inboundAddress, guardian),
      env: harness.env,
    });
    const records = await harness.services.records.list(child.id);
    const recordsFromPdf = records.filter((record) => record.source.part.toLowerCase().endsWith('.pdf')).length;
    return {
      bundleBytes: report.bytes,
      run,
      recordsFromPdf,
      recordsTotal: records.length,
      answersSent: harness.sentMail(),
    };
  } finally {
    await harness.stop();
    rmSync(runtimeDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = await checkInboundBundle();
  process.stdout.write(`${JSON.stringify({ ...check, run: { ...check.run } }, null, 2)}\n`);
  if (check.recordsFromPdf === 0) {
    process.stderr.write('The inbound bundle stored no record from the PDF attachment.\n');
    process.exit(1);
  }
}
