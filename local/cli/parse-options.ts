// Argument parsing for the `iep` commands (node:util parseArgs, strict), turning every mistake
// into a UsageError so the dispatcher prints it with the command's usage and exits 2.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends OptionSpecs>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

export function requireOption<V>(value: V | undefined, flag: string): V {
  if (value === undefined || value === '') throw new UsageError(`Missing ${flag}.`);
  return value;
}
