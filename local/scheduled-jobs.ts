// What the local scheduler runs under each name the cloud schedules, through the same use cases
// as the Lambdas of that name: `dispatch` finds the children whose weekly digest falls in this
// hour, `reminders` those for whom it is now 07:00, both from the indexes; in AWS each send is
// queued for its Lambda, here the in-process queue runs it at once, for the same hour and day.
import type { UseCases } from '../shared/composition/use-cases';
import type { ScheduledKind } from '../shared/ports/scheduled-send-queue';
import { queueDueSends } from '../shared/scheduling/due-sends';
import { inProcessSendQueue } from './in-process-send-queue';
import type { ScheduledJobName, Scheduler } from './scheduler';

const JOBS: ReadonlyArray<{ name: ScheduledJobName; kind: ScheduledKind; say: (due: number) => string }> = [
  { name: 'dispatch', kind: 'digest', say: (due) => `${due} digest(s) due` },
  { name: 'reminders', kind: 'reminders', say: (due) => `${due} famil${due === 1 ? 'y' : 'ies'} at 07:00` },
];

export function registerScheduledJobs(
  scheduler: Scheduler,
  useCases: UseCases,
  log: (line: string) => void = () => {},
): void {
  for (const job of JOBS) {
    scheduler.register({
      name: job.name,
      async run(at) {
        const queue = inProcessSendQueue(useCases);
        const { queued } = await queueDueSends(useCases.dueIndex, queue, job.kind, at);
        log(`${job.name}: ${job.say(queued)}, ${queue.failed()} failed`);
      },
    });
  }
}
