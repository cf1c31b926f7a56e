// `npm start`: runs the local stack in the foreground until Ctrl-C.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The terminal shows where things are; set LOG_LEVEL=INFO to see one JSON line per message ingested.
process.env.LOG_LEVEL ??= 'WARN';

const { runLocalStack } = await import('./run-local-stack');
process.exitCode = await runLocalStack(process.env, process.cwd());

export {};
