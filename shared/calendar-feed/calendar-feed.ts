// A child's private calendar feed: the deadline calendar at a URL whose only secret is a 128-bit
// token, so calendar apps can subscribe without signing in. `new calendar link` rotates the token.

import { dayIn } from '../calendar/iso-days';
import { renderCalendar } from '../deadlines/calendar';
import { meetingDays } from '../deadlines/track-deadlines';
import { deadlinesOf, firstName, groupForDigest } from '../digest/digest-input';
import type { Clock } from '../ports/clock';
import type { CalendarTokenRepository, ChildRepository } from '../ports/repositories';
import { languageOf } from '../render/language';
import { wordingFor } from '../render/wording';

/** The stored data a feed needs. */
export interface CalendarDeps {
  calendarTokens: CalendarTokenRepository;
  children: Pick<ChildRepository, 'partition'>;
  clock: Clock;
}

/** The feed's URL: the base (the function URL, or the local stack's calendar server) and the token. */
export function calendarFeedUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
}

/** Reads the token from a request path `/calendar/<token>.ics` (or `/<token>.ics`); null otherwise. */
export function tokenFromPath(path: string): string | null {
  if (path.length > 200) return null;
  const last = path.split('?')[0]?.split('/').pop() ?? '';
  const token = last.endsWith('.ics') ? last.slice(0, -4) : last;
  return /^[a-z2-7]{26}$/.test(token) ? token : null;
}

/**
 * The child's current feed URL, the token created on first use. `known`: the token as the caller
 * already read it with the child's partition, so no request is made for it.
 */
export async function calendarLink(
  ctx: CalendarDeps,
  childId: string,
  baseUrl: string,
  known: string | null = null,
): Promise<string> {
  return calendarFeedUrl(baseUrl, known ?? (await ctx.calendarTokens.ensure(childId)));
}

/** `new calendar link`: a new URL; the old one answers 404 from now on. */
export async function newCalendarLink(ctx: CalendarDeps, childId: string, baseUrl: string): Promise<string> {
  return calendarFeedUrl(baseUrl, await ctx.calendarTokens.rotate(childId));
}

/**
 * The .ics text for a token, or null for a token that is unknown, rotated away, or of a deleted
 * child: the token's item, then one query of the child's partition.
 */
export async function calendarFeed(ctx: CalendarDeps, token: string): Promise<string | null> {
  const childId = await ctx.calendarTokens.childOf(token);
  if (!childId) return null;
  const partition = await ctx.children.partition(childId, { digestLogLimit: 0 });
  if (!partition) return null;
  const { child, records, marks } = partition;
  const now = ctx.clock.now();
  const today = dayIn(child.timeZone, now);
  const dates = groupForDigest(records).dates;
  return renderCalendar({
    childId: child.id,
    childName: firstName(child.name),
    deadlines: deadlinesOf(dates, child, today, marks),
    meetings: meetingDays(dates),
    stamp: now,
    say: wordingFor(languageOf(child)),
  });
}
