// Reads one .eml as ingest does (decoded once, then the bounded extraction) in a fresh process and
// prints what came out with the process's peak resident memory (worker threads included): how the
// bomb tests measure.
import { readFileSync } from 'node:fs';
import { extractBounded } from '../../shared/extract/bounded-extract';
import { readMessage } from '../../shared/mail/read-message';
import { problemInEnglish } from '../../shared/render/problem-words';

const file = process.argv[2] ?? '';
const started = Date.now();
const outcome = await extractBounded(await readMessage(readFileSync(file)), {
  tz: 'America/Los_Angeles',
  file: 'bomb.eml',
});
process.stdout.write(
  `${JSON.stringify({
    ms: Date.now() - started,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    problems: outcome.problems.map(problemInEnglish),
  })}\n`,
);
