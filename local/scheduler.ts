// The local stand-in for EventBridge Scheduler: fires the same named jobs the cloud schedules, in
// process, at the top of every hour. Jobs are registered by name; a job that is still running when
// its next turn comes is skipped rather than run twice at once.
import type { Clock } from '../shared/ports/clock';
import { dueHour } from '../shared/scheduling/schedule-rules';

/** The jobs the cloud schedules at the top of every hour (functions/dispatch.ts, functions/reminders.ts). */
export const SCHEDULED_JOB_NAMES = ['dispatch', 'reminders'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export interface ScheduledJob {
  name: ScheduledJobName;
  /** Runs for the hour that starts at `at` (the job decides which families are due then). */
  run(at: Date): Promise<void>;
}

export interface Scheduler {
  register(job: ScheduledJob): void;
  registered(): ScheduledJobName[];
  /** Runs one job now, as the timer would; resolves when it finished. */
  runNow(name: ScheduledJobName): Promise<void>;
  start(): void;
  /** Stops the timer and waits for running jobs to finish. */
  stop(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

export function createScheduler(options: { clock: Clock; log?: (line: string) => void }): Scheduler {
  const jobs = new Map<ScheduledJobName, ScheduledJob>();
  const running = new Map<ScheduledJobName, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** The last hour fired: a timer that wakes early (or a clock that lags) never fires an hour twice. */
  let lastFired = Number.NEGATIVE_INFINITY;

  const fire = (job: ScheduledJob, at: Date): Promise<void> => {
    const current = running.get(job.name);
    if (current) {
      options.log?.(`scheduler: ${job.name} is still running, skipped this turn`);
      return current;
    }
    const started = Date.now();
    const run = job
      .run(at)
      .then(
        () => options.log?.(`scheduler: ${job.name} done in ${Date.now() - started} ms`),
        (error: unknown) =>
          options.log?.(`scheduler: ${job.name} failed (${error instanceof Error ? error.name : 'unknown error'})`),
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
    return run;
  };

  const armNextHour = () => {
    if (stopped) return;
    const now = options.clock.now().getTime();
    const next = Math.max(Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS, lastFired + HOUR_MS);
    timer = setTimeout(
      () => {
        lastFired = next;
        const at = new Date(next);
        for (const job of jobs.values()) void fire(job, at);
        armNextHour();
      },
      Math.max(0, next - now),
    );
    timer.unref();
  };

  return {
    register(job) {
      if (jobs.has(job.name)) throw new Error(`The scheduled job ${job.name} is registered twice.`);
      jobs.set(job.name, job);
    },
    registered: () => [...jobs.keys()],
    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`No scheduled job is registered as ${name}.`);
      // The hour a Lambda invoked now would run for.
      await fire(job, dueHour(options.clock.now()));
    },
    start() {
      stopped = false;
      if (!timer) armNextHour();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.all(running.values());
    },
  };
}
