// Starts the local stack, seeds the demo on an empty data folder, prints where everything is, and
// stops cleanly on SIGINT, SIGTERM or SIGHUP, or when the process that started it is gone.
import { ConfigError, readLocalConfig } from './config';
import { FolderBusyError } from './data-folder';
import { seedDemoFamily } from './demo-family';
import { type LocalStack, startLocalStack } from './stack';

/** Ctrl-C, a service manager or `kill`, a closed terminal: each stops the stack the same way. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * npm passes SIGINT and SIGTERM on to its script, but not SIGHUP, and a SIGKILL passes nothing on:
 * the stack is then orphaned (its parent process changes), and stops rather than hold the ports.
 */
function whenParentGone(stop: () => void): void {
  const parent = process.ppid;
  if (parent <= 1) return;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop();
  }, 500);
  watch.unref();
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`[iep] ${line}\n`);

export async function runLocalStack(env: Record<string, string | undefined>, cwd: string): Promise<number> {
  let stack: LocalStack;
  try {
    const config = readLocalConfig(env, cwd);
    stack = await startLocalStack(config, { log: note });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof FolderBusyError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE') {
      process.stderr.write(
        `A port is already in use (${error instanceof Error ? error.message : ''}).\nSet IEP_SMTP_PORT, IEP_OUTBOX_PORT, IEP_WEB_PORT and IEP_DYNAMO_PORT to free ports, or stop the other program.\n`,
      );
      return 1;
    }
    throw error;
  }

  const stopped = new Promise<void>((resolve) => {
    let stoppingSince: number | null = null;
    const stop = (signal: string) => {
      if (stoppingSince !== null) {
        // A terminal's Ctrl-C reaches this process and npm, which passes it on: ignore the echo.
        if (Date.now() - stoppingSince < 1_000) return;
        say(`${signal} again: quitting without waiting.`);
        process.exit(130);
      }
      stoppingSince = Date.now();
      say(`\n${signal}: stopping...`);
      stack.stop().then(
        () => {
          say('Stopped. Everything is kept in the data folder.');
          resolve();
        },
        (error: unknown) => {
          note(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
          resolve();
        },
      );
    };
    for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
    whenParentGone(() => stop('the process that started the stack ended'));
  });

  const { config, ports } = stack;
  if (config.exposedToNetwork) {
    note(
      `WARNING: listening on ${config.host} (IEP_ALLOW_NETWORK=1): other machines can reach the SMTP listener, the outbox page and the calendars.`,
    );
  }
  say('IEP service tracker: local stack running');
  say(`  Web view      ${stack.webUrl}`);
  say(`  Data folder   ${config.dataDir}`);
  say(`  SMTP inbound  ${config.host}:${ports.smtp} (mail for *@${config.inboundDomain})`);
  say(`  Outbox page   ${stack.outboxUrl}`);
  say(`  Calendars     ${stack.calendarUrl}/calendar/<token>.ics`);
  say(`  DynamoDB      ${stack.dynamoEndpoint}`);
  say();

  try {
    if (stack.firstStart && config.demo) {
      say('Empty data folder: creating the demo family and sending it the sample mail in examples/ ...');
      const demo = await seedDemoFamily(stack);
      say(`  Demo child's inbound address   ${demo.address}`);
      say(`  Guardian                       demo.parent@example.com (America/Los_Angeles, CA)`);
      say(`  Sent over SMTP                 ${demo.sent} of ${demo.sent + demo.failed.length} sample messages`);
      for (const failure of demo.failed) say(`    not accepted: ${failure.file} (${failure.reason})`);
      say(`  See the family's mail and records: ${stack.webUrl}  (or: npx iep outbox)`);
    } else {
      const families = await stack.services.children.list();
      say(`${families.length} ${families.length === 1 ? 'family' : 'families'} in the data folder.`);
      for (const child of families) say(`  ${child.inboundAddress}`);
    }
  } catch (error) {
    note(`the demo could not be completed: ${error instanceof Error ? error.message : String(error)}`);
  }
  say();
  say(`Send mail to an address above through SMTP port ${ports.smtp}, or: npx iep ingest --to ADDRESS FILE.eml`);
  say('Add a family: npx iep family add --child NAME --guardian EMAIL --tz ZONE');
  say('Press Ctrl-C to stop.');

  await stopped;
  return 0;
}
