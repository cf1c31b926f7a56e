// `iep`: the operator's command line for the local stack. Dispatches `iep <command> ...` to the
// command modules; prints usage for --help, and a clear message plus usage (exit 2) for wrong
// arguments.
import { type CliCommand, type CliIo, UsageError } from './command';
import { command as deadlines } from './commands/deadlines';
import { command as digest } from './commands/digest';
import { command as exportCommand } from './commands/export';
import { command as extract } from './commands/extract';
import { command as family } from './commands/family';
import { command as ingest } from './commands/ingest';
import { command as outbox } from './commands/outbox';
import { command as records } from './commands/records';

export const commands: CliCommand[] = [family, ingest, outbox, records, extract, digest, deadlines, exportCommand];

export function generalUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: iep <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `iep <command> --help` for a command's options.",
    'The data folder is IEP_DATA_DIR (default ./.iep); when `npm start` is running on it,',
    'the commands talk to the running stack.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(generalUsage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(generalUsage());
    return 0;
  }
  const chosen = commands.find((c) => c.name === name);
  if (!chosen) {
    io.err(`iep: unknown command "${name}".`);
    io.err('');
    io.err(generalUsage());
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(chosen.usage);
    return 0;
  }
  try {
    return await chosen.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`iep ${chosen.name}: ${error.message}`);
      io.err('');
      io.err(chosen.usage);
      return 2;
    }
    io.err(`iep ${chosen.name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
