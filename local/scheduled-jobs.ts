// What the local scheduler runs under each name the cloud schedules. Each entry calls the same
// use case as the Lambda of that name (functions/dispatch.ts, functions/reminders.ts).
import type { LocalServices } from './local-services';
import type { ScheduledJobName, Scheduler } from './scheduler';

export function registerScheduledJobs(scheduler: Scheduler, services: LocalServices): void {
  const jobs: Partial<Record<ScheduledJobName, (at: Date) => Promise<void>>> = jobsOf(services);
  for (const [name, run] of Object.entries(jobs) as Array<[ScheduledJobName, (at: Date) => Promise<void>]>) {
    scheduler.register({ name, run });
  }
}

/**
 * The registration point: one line per scheduled use case, added as each lands in shared/services
 * (`dispatch`: digests due this hour; `reminders`: deadline reminders due this hour).
 */
function jobsOf(_services: LocalServices): Partial<Record<ScheduledJobName, (at: Date) => Promise<void>>> {
  return {};
}
