// The event of an hourly schedule: EventBridge Scheduler's input (`scheduledTime`, the schedule's
// own time even on a retry) or an EventBridge rule's "Scheduled Event" (`time`). Only the time
// matters, and a missing or unreadable time means "now"; which hour that is, the scheduling rules
// decide (shared/scheduling/schedule-rules.ts), as they do for the local scheduler.
import { z } from 'zod';

const scheduledEventSchema = z
  .object({
    time: z.string().max(40).optional(),
    scheduledTime: z.string().max(40).optional(),
  })
  .loose();

/** The instant the run was scheduled for, or `now` when the event does not say. */
export function scheduledInstant(event: unknown, now: Date): Date {
  const parsed = scheduledEventSchema.safeParse(event ?? {});
  const text = parsed.success ? (parsed.data.scheduledTime ?? parsed.data.time) : undefined;
  return text !== undefined && !Number.isNaN(Date.parse(text)) ? new Date(text) : now;
}
