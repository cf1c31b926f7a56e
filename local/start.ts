// `npm start`: runs the local stack in the foreground until Ctrl-C.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { runLocalStack } = await import('./run-local-stack');
process.exitCode = await runLocalStack(process.env, process.cwd());

export {};
