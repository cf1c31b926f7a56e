// `npm start`: runs the local stack in the foreground until Ctrl-C, SIGTERM or SIGHUP.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The terminal shows where things are; set LOG_LEVEL=INFO to see one JSON line per message ingested.
process.env.LOG_LEVEL ??= 'WARN';

// Lines printed while stopping must not fail the stop when the terminal or pipe is already gone.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const { runLocalStack } = await import('./run-local-stack');
const code = await runLocalStack(process.env, process.cwd());
process.exitCode = code;
// Stopped: a socket an SDK client keeps open must not keep the process, and so its ports, alive.
setTimeout(() => process.exit(code), 2_000).unref();

export {};
