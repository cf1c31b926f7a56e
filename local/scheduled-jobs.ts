// What the local scheduler runs under each name the cloud schedules, through the same use cases
// as the Lambdas of that name: `dispatch` finds the children whose weekly digest falls in this
// hour, `reminders` those for whom it is now 07:00, both from the indexes; in AWS each send is
// queued for its Lambda, here the in-process queue runs it at once, for the same day.
import { inProcessSendQueue } from './in-process-send-queue';
import type { LocalServices } from './local-services';
import type { Scheduler } from './scheduler';

export function registerScheduledJobs(
  scheduler: Scheduler,
  services: LocalServices,
  log: (line: string) => void = () => {},
): void {
  scheduler.register({
    name: 'dispatch',
    async run(at) {
      const queue = inProcessSendQueue(services);
      const due = await services.scheduled.dispatch('digest', at, queue);
      log(`dispatch: ${due} digest(s) due, ${queue.failed()} failed`);
    },
  });
  scheduler.register({
    name: 'reminders',
    async run(at) {
      const queue = inProcessSendQueue(services);
      const due = await services.scheduled.dispatch('reminders', at, queue);
      log(`reminders: ${due} famil${due === 1 ? 'y' : 'ies'} at 07:00, ${queue.failed()} failed`);
    },
  });
}
