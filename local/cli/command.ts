// The shape of one `iep` sub-command. `local/cli/main.ts` dispatches `iep <name> ...` to it.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface CliCommand {
  /** `family`, `ingest`, `extract`, ... */
  name: string;
  /** One line for `iep --help`. */
  summary: string;
  /** Full usage text for `iep <name> --help` and after a wrong argument. */
  usage: string;
  /** Runs with the arguments after the command name; returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for wrong arguments: the dispatcher prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
