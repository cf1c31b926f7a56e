// Findings 8 and 9: the local stack's processes as an operator and a service manager see them.
// `npm start` stopped by a signal sent to its PID leaves no process and no open port behind, and
// `iep` whose output pipe closes early (`iep records ... | head`) exits quietly.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runIep, temporaryFolders } from '../../support/iep-process';

const freshFolder = temporaryFolders('iep-processes-');

/** Every process below `root` (children, grandchildren ...), as `ps` lists them now. */
function descendantsOf(root: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((row): row is [number, number] => row.length === 2 && row.every(Number.isInteger));
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of rows) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes this file started, stopped by id when a test fails half-way. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

interface RunningStack {
  npm: ChildProcess;
  ports: number[];
  processes: number[];
  output: () => string;
}

/** `npm start` as an operator types it, on free ports and a fresh data folder, once it says it runs. */
async function npmStart(dataDir = freshFolder()): Promise<RunningStack> {
  const npm = spawn('npm', ['start'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      IEP_DATA_DIR: dataDir,
      IEP_SMTP_PORT: '0',
      IEP_OUTBOX_PORT: '0',
      IEP_DYNAMO_PORT: '0',
      IEP_DEMO: '0',
      VITEST: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (npm.pid === undefined) throw new Error('npm did not start');
  started.push(npm.pid);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl-C to stop.')) resolve();
    };
    npm.stdout?.on('data', onData);
    npm.stderr?.on('data', onData);
    npm.once('exit', (code) => reject(new Error(`npm start ended (${code}) before the stack ran:\n${output}`)));
  });
  await ready;
  const ports = [...output.matchAll(/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
  const processes = descendantsOf(npm.pid);
  started.push(...processes);
  return { npm, ports: [...new Set(ports)], processes, output: () => output };
}

/** Waits until every port refuses and every process is gone, or the 10 s the stack promises have passed. */
async function leftBehindAfter10s(stack: RunningStack): Promise<{ open: number[]; running: number[] }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open: number[] = [];
    for (const port of stack.ports) if (await acceptsConnections(port)) open.push(port);
    const running = [stack.npm.pid as number, ...stack.processes].filter(isRunning);
    if ((open.length === 0 && running.length === 0) || Date.now() > deadline) return { open, running };
    await sleep(200);
  }
}

describe('finding 8: stopping npm start by its PID', { timeout: 180_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
    it(`${signal} to npm closes every port and leaves no process behind`, async () => {
      // Prepare
      const stack = await npmStart();
      expect(stack.ports.length).toBeGreaterThanOrEqual(5);
      for (const port of stack.ports) expect(await acceptsConnections(port)).toBe(true);
      expect(stack.processes.length).toBeGreaterThan(0);

      // Act
      process.kill(stack.npm.pid as number, signal);
      const left = await leftBehindAfter10s(stack);

      // Assess
      expect({ ...left, output: stack.output() }).toEqual({ open: [], running: [], output: expect.any(String) });
      expect(stack.output()).toContain('Stopped. Everything is kept in the data folder.');
    });
  }

  it('a second start on the same data folder after SIGTERM runs (nothing says "already running")', async () => {
    // Prepare
    const dir = freshFolder();
    const first = await npmStart(dir);
    process.kill(first.npm.pid as number, 'SIGTERM');
    await leftBehindAfter10s(first);

    // Act
    const again = await npmStart(dir);
    process.kill(again.npm.pid as number, 'SIGTERM');
    const left = await leftBehindAfter10s(again);

    // Assess
    expect(again.output()).not.toContain('already running');
    expect(left).toEqual({ open: [], running: [] });
  });
});

describe('finding 9: iep whose output pipe closes', { timeout: 120_000 }, () => {
  it('`iep records ... | head` exits quietly: no EPIPE, no stack trace', async () => {
    // Prepare
    const dir = freshFolder();
    const added = await runIep(dir, [
      'family',
      'add',
      '--child',
      'Maya',
      '--guardian',
      'maya.parent@example.com',
      '--tz',
      'America/Chicago',
      '--json',
    ]);
    const { address } = JSON.parse(added.stdout) as { address: string };
    const whole = await runIep(dir, ['records', '--child', address, '--json']);

    // Act
    const cut = await runIep(dir, ['records', '--child', address, '--json'], { closedOutput: true });

    // Assess
    expect(whole.stdout.length).toBeGreaterThan(0);
    expect(cut.stderr).toBe('');
    expect(cut.code).toBe(0);
  });
});
