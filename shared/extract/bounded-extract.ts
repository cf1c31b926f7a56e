// Reading a message into records, where it can be stopped: in a worker thread with a bounded heap,
// terminated when the hard timeout passes (a timer alone would leave the work running, and in a
// reused Lambda it would eat into the next invocations). The reader itself (extractFromBytes) is
// unchanged; this is only the place it runs. It is given the message as ingest decoded it, so the
// MIME is parsed once per delivery.
//
// The worker runs this same module. From the sources (tsx, vitest) it starts through
// extract-worker.mjs, which registers tsx first; in a bundled function this module *is* the bundle,
// so the bundle file is started again as the worker and nothing else has to be shipped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EXTRACTION_LIMITS } from '../limits';
import type { ReadMessage } from '../mail/types';
import { type ExtractOptions, type ExtractOutcome, emptyExtraction, extractFromRead } from './extract-from-bytes';
import type { KeyedProblem } from './reading-problem';

const ROLE = 'iep-extract-worker';

/** What can be sent to the worker (finders are functions and stay at home: the project's own are used). */
export type BoundedExtractOptions = Pick<ExtractOptions, 'tz' | 'file' | 'timeoutMs'>;

interface Job {
  id: number;
  read: ReadMessage;
  options: BoundedExtractOptions;
}

type Reply = { id: number; outcome: ExtractOutcome } | { id: number; failed: true };

/** The file a worker starts from: the bundle itself, or the tsx bootstrap beside this source file. */
function workerEntry(): URL {
  const self = new URL(import.meta.url);
  if (!self.pathname.endsWith('.ts')) return self;
  const bootstrap = new URL('./extract-worker.mjs', self);
  if (!existsSync(fileURLToPath(bootstrap))) throw new Error('extract-worker.mjs is missing beside bounded-extract.ts');
  return bootstrap;
}

const idle: Worker[] = [];
let running = 0;
const waiting: Array<() => void> = [];
let nextId = 1;

function startWorker(): Worker {
  const worker = new Worker(workerEntry(), {
    workerData: { role: ROLE },
    resourceLimits: {
      maxOldGenerationSizeMb: EXTRACTION_LIMITS.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: EXTRACTION_LIMITS.maxYoungGenerationSizeMb,
    },
    stdout: false,
    stderr: false,
  });
  // An idle worker never keeps the process (the local stack, a CLI run) alive.
  worker.unref();
  return worker;
}

async function takeWorker(): Promise<Worker> {
  while (idle.length === 0 && running >= EXTRACTION_LIMITS.maxWorkers) {
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return idle.pop() ?? startWorker();
}

/** A worker that answered goes back to the pool; null for one that was stopped or died. */
function giveBack(worker: Worker | null): void {
  running--;
  if (worker) idle.push(worker);
  waiting.shift()?.();
}

/**
 * Reads a decoded message as extractFromRead does, bounded: at most EXTRACTION_LIMITS.hardTimeoutMs and
 * the worker's heap. A message that runs past either gets an empty extraction and a plain problem.
 */
export async function extractBounded(read: ReadMessage, options: BoundedExtractOptions): Promise<ExtractOutcome> {
  const worker = await takeWorker();
  const id = nextId++;
  // Busy: the process waits for it (an idle one is unref'd again below).
  worker.ref();
  let stoppedEarly = false;
  let timer: NodeJS.Timeout | undefined;
  const stopped = (problem: KeyedProblem): ExtractOutcome => ({
    extraction: emptyExtraction(options.file),
    problems: [problem],
    unread: [],
  });
  try {
    const outcome = await new Promise<ExtractOutcome>((resolve) => {
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        cleanup();
        resolve('outcome' in reply ? reply.outcome : stopped({ key: 'messageUnreadable' }));
      };
      const onError = (error: Error) => {
        cleanup();
        stoppedEarly = true;
        const code = (error as NodeJS.ErrnoException).code;
        resolve(stopped({ key: code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'messageMemory' : 'messageUnreadable' }));
      };
      const onExit = () => onError(new Error('worker exited'));
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      timer = setTimeout(() => {
        cleanup();
        stoppedEarly = true;
        resolve(stopped({ key: 'messageSlow' }));
      }, EXTRACTION_LIMITS.hardTimeoutMs);
      worker.postMessage({ id, read, options } satisfies Job);
    });
    return outcome;
  } finally {
    if (stoppedEarly) {
      await worker.terminate().catch(() => undefined);
      giveBack(null);
    } else {
      worker.unref();
      giveBack(worker);
    }
  }
}

/** The message as the main thread had it: attachments arrive as plain Uint8Arrays and are Buffers again. */
function asSent(read: ReadMessage): ReadMessage {
  const attachments = read.attachments.map((attachment) => {
    const content = attachment.content as Uint8Array;
    return { ...attachment, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) };
  });
  return { ...read, attachments };
}

/** The worker's side: one message at a time, answered by id. */
function serve(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: Job) => {
    extractFromRead(asSent(job.read), job.options).then(
      (outcome) => port.postMessage({ id: job.id, outcome } satisfies Reply),
      () => port.postMessage({ id: job.id, failed: true } satisfies Reply),
    );
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) serve();
