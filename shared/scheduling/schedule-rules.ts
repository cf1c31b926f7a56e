// When digests and reminders are due: the rules alone, no storage and no runtime. The hourly
// Lambdas and the local scheduler both go through these, so an hour means the same thing in both.
import { DateTime } from 'luxon';

/** When the daily reminder job runs, in the child's own time zone. */
export const REMINDER_LOCAL_TIME = '07:00';

const HOUR_MS = 60 * 60 * 1000;
/** A schedule may fire a little early or late; within this much of an hour it is that hour. */
const ON_THE_HOUR_MS = 5 * 60 * 1000;

/**
 * The start of the hour a scheduled run is for: the nearest hour when `instant` is within five
 * minutes of one (a timer that fires a few seconds early still runs that hour), else the hour
 * that contains it.
 */
export function dueHour(instant: Date): Date {
  const ms = instant.getTime();
  const nearest = Math.round(ms / HOUR_MS) * HOUR_MS;
  if (Math.abs(ms - nearest) <= ON_THE_HOUR_MS) return new Date(nearest);
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS);
}

export interface DigestSchedule {
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Local hour, 0-23. */
  hour: number;
}

export const DEFAULT_DIGEST: DigestSchedule = { weekday: 5, hour: 17 };

/** The first instant strictly after `after` when the local time is the digest's weekday and hour. */
export function nextDigestDue(after: Date, timeZone: string, digest: DigestSchedule): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  if (!local.isValid) throw new Error('invalid time zone');
  let candidate = local.set({ hour: digest.hour, minute: 0, second: 0, millisecond: 0 });
  const daysAhead = (digest.weekday - candidate.weekday + 7) % 7;
  candidate = candidate.plus({ days: daysAhead });
  if (candidate.toMillis() <= after.getTime()) candidate = candidate.plus({ weeks: 1 });
  return candidate.toUTC().toJSDate();
}

/** The local hour the reminders go out at (07 from `07:00`). */
export const REMINDER_HOUR = Number(REMINDER_LOCAL_TIME.slice(0, 2));

/** The hour of the day (0-23) at `now` in a time zone. */
export function localHour(timeZone: string, now: Date): number {
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now);
  return Number(hour);
}

/** The zones where it is the reminder hour at `hour`; a zone this runtime does not know is none of them. */
export function zonesAtReminderHour(zones: readonly string[], hour: Date): string[] {
  return zones.filter((zone) => {
    try {
      return localHour(zone, hour) === REMINDER_HOUR;
    } catch {
      return false;
    }
  });
}
