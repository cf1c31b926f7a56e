// `iep extract [--tz ZONE] FILE.eml...`: shows, without storing anything, exactly what the system
// would record from each message: one iep-extract/1 JSON line per file, in input order.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { emptyExtraction, extractFromBytes } from '../../../shared/extract/extract-from-bytes';
import { type Extraction, type ExtractionWithProvenance, isExtractDate } from '../../../shared/records/types';
import { problemInEnglish } from '../../../shared/render/problem-words';
import { type CliCommand, UsageError } from '../command';
import { parseOptions } from '../parse-options';

const usage = [
  'Usage: iep extract [--tz ZONE] FILE.eml...',
  '',
  'Prints what the system would record from each message, one JSON line per file',
  '(schema iep-extract/1), in the order given. Nothing is stored.',
  '',
  'Options:',
  "  --tz ZONE   the child's IANA time zone for dates (default IEP_TZ, else America/Los_Angeles)",
].join('\n');

/** The contract's shape: the same lists without where each record was read from. */
export function withoutProvenance(e: ExtractionWithProvenance): Extraction {
  const strip = <T extends { source: unknown }>(items: T[]): Array<Omit<T, 'source'>> =>
    items.map(({ source: _source, ...rest }) => rest);
  return {
    schema: 'iep-extract/1',
    file: e.file,
    sender: e.sender,
    sentOn: e.sentOn,
    sessions: strip(e.sessions),
    requirements: strip(e.requirements),
    settingPercent: e.settingPercent,
    settingEvents: strip(e.settingEvents),
    // Only the contract's kinds: a date only the parent records (a referral) is not the reader's.
    dates: strip(e.dates.filter(isExtractDate)),
  };
}

function checkZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    throw new UsageError(`Unknown time zone "${tz}".`);
  }
}

export const command: CliCommand = {
  name: 'extract',
  summary: 'Show what would be recorded from .eml files, as JSON lines (stores nothing)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { tz: { type: 'string' } }, true);
    if (positionals.length === 0) throw new UsageError('Give at least one .eml file.');
    const tz = checkZone(values.tz ?? io.env.IEP_TZ ?? 'America/Los_Angeles');
    for (const path of positionals) {
      const file = basename(path);
      let bytes: Buffer;
      try {
        bytes = await readFile(resolve(io.cwd, path));
      } catch {
        io.err(`iep extract: cannot read ${file}`);
        io.out(JSON.stringify(emptyExtraction(file)));
        continue;
      }
      const { extraction, problems } = await extractFromBytes(bytes, { tz, file });
      for (const problem of problems) io.err(`iep extract: ${file}: ${problemInEnglish(problem)}`);
      io.out(JSON.stringify(withoutProvenance(extraction)));
    }
    // A file that could not be read still has its line (and a problem on stderr): the run succeeded.
    return 0;
  },
};
