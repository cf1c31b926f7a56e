// Every hour: the deadline reminders of the families whose local time is 07:00, each reminder once.
import middy from '@middy/core';
import { dayIn } from '../shared/deadlines/reminders';
import { logger } from '../shared/observability/logger';
import { scheduledHour } from './commons/scheduled-event';
import { awsContext } from './commons/services';

async function sendDueReminders(event: unknown): Promise<{ children: number; sent: number; failed: number }> {
  const { services } = await awsContext();
  const hour = scheduledHour(event, new Date());
  const children = await services.reminders.dueAt(hour);
  let sent = 0;
  let failed = 0;
  for (const child of children) {
    try {
      const result = await services.reminders.send(child.id, { today: dayIn(child.timeZone, hour) });
      if (result.status === 'sent') sent += 1;
    } catch (error) {
      failed += 1;
      logger.error('reminders failed', { errorName: error instanceof Error ? error.name : 'unknown' });
    }
  }
  logger.info('reminders handled', { hour: hour.toISOString(), children: children.length, sent, failed });
  // The claims of the failed ones were released: a retry of the hour sends only what is missing.
  if (failed > 0) throw new Error(`${failed} families' reminders failed`);
  return { children: children.length, sent, failed };
}

export const handler = middy(sendDueReminders);
