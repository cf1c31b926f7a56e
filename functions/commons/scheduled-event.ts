// The event of an hourly schedule (EventBridge Scheduler, or an EventBridge rule's "Scheduled
// Event"): only the time matters, and a missing or unreadable time means "now".
import { z } from 'zod';

const scheduledEventSchema = z
  .object({
    time: z.string().max(40).optional(),
    scheduledTime: z.string().max(40).optional(),
  })
  .loose();

const HOUR_MS = 60 * 60 * 1000;

/**
 * The start of the hour the run is for. A schedule may fire a few seconds early or late, so the
 * instant is taken to the nearest hour when it is within five minutes of one, else floored.
 */
export function scheduledHour(event: unknown, now: Date): Date {
  const parsed = scheduledEventSchema.safeParse(event ?? {});
  const text = parsed.success ? (parsed.data.scheduledTime ?? parsed.data.time) : undefined;
  const instant = text !== undefined && !Number.isNaN(Date.parse(text)) ? Date.parse(text) : now.getTime();
  const nearest = Math.round(instant / HOUR_MS) * HOUR_MS;
  if (Math.abs(instant - nearest) <= 5 * 60 * 1000) return new Date(nearest);
  return new Date(Math.floor(instant / HOUR_MS) * HOUR_MS);
}
