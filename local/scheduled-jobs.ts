// What the local scheduler runs under each name the cloud schedules, calling the same use cases as
// the Lambdas of that name: `dispatch` finds the children whose weekly digest falls in this hour
// (in AWS it queues them for the digest Lambda; here each is sent in turn), `reminders` sends the
// deadline reminders of the children for whom it is now 07:00. One child's failure does not stop
// the others; the sends are claimed, so a repeated hour sends nothing twice.
import { dayIn } from '../shared/deadlines/reminders';
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
      const due = await services.families.dueForDigest(at);
      const failed = await eachChild(due, (child) => services.digest.send(child.id, { reschedule: true }));
      log(`dispatch: ${due.length} digest(s) due, ${failed} failed`);
    },
  });
  scheduler.register({
    name: 'reminders',
    async run(at) {
      const due = await services.reminders.dueAt(at);
      // The day is the scheduled hour's, in each family's zone: a late run still sends that day's reminders.
      const failed = await eachChild(due, (child) =>
        services.reminders.send(child.id, { today: dayIn(child.timeZone, at) }),
      );
      log(`reminders: ${due.length} famil${due.length === 1 ? 'y' : 'ies'} at 07:00, ${failed} failed`);
    },
  });
}

async function eachChild<T>(children: T[], work: (child: T) => Promise<unknown>): Promise<number> {
  let failed = 0;
  for (const child of children) {
    try {
      await work(child);
    } catch {
      failed += 1;
    }
  }
  return failed;
}
