#!/usr/bin/env node
// The `iep` command. Runs the TypeScript sources directly through tsx, so a clone needs no build.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Standard output carries the command's answer (often JSON): structured logs only when asked for.
process.env.LOG_LEVEL ??= 'SILENT';
register();

// A reader that stops early (`iep records ... | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying on the write with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
// Open sockets of an SDK client must not keep a finished command alive.
setTimeout(() => process.exit(code), 3_000).unref();
