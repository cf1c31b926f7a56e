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
import { type FeedAnswer, feedEtag, namesEtag } from './feed-response';

/** The stored data a feed needs. */
export interface CalendarDeps {
  calendarTokens: CalendarTokenRepository;
  children: Pick<ChildRepository, 'partition'>;
  clock: Clock;
}

/** The child whose feed it is: its id, and its time zone, kept with the token for the feed's validator. */
type FeedChild = { id: string; timeZone: string };

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
  child: FeedChild,
  baseUrl: string,
  known: string | null = null,
): Promise<string> {
  return calendarFeedUrl(baseUrl, known ?? (await ctx.calendarTokens.ensure(child.id, child.timeZone)));
}

/** `new calendar link`: a new URL; the old one answers 404 from now on. */
export async function newCalendarLink(ctx: CalendarDeps, child: FeedChild, baseUrl: string): Promise<string> {
  return calendarFeedUrl(baseUrl, await ctx.calendarTokens.rotate(child.id, child.timeZone));
}

/**
 * The feed for a token, or null for a token that is unknown, rotated away, or of a deleted child.
 * When `ifNoneMatch` names the current version, the token's item is the one read and no .ics is
 * made; otherwise the child's partition is read too (one query) and the .ics rendered.
 */
export async function calendarFeed(
  ctx: CalendarDeps,
  token: string,
  ifNoneMatch: string | null = null,
): Promise<FeedAnswer | null> {
  const state = await ctx.calendarTokens.feedState(token);
  if (!state) return null;
  const now = ctx.clock.now();
  if (ifNoneMatch && state.timeZone) {
    const etag = feedEtag(token, state.version, dayIn(state.timeZone, now));
    if (namesEtag(ifNoneMatch, etag)) return { etag, ics: null };
  }
  const partition = await ctx.children.partition(state.childId, { digestLogLimit: 0 });
  // The partition holds the child's current token: a rotated one that was not yet removed is refused.
  if (!partition || partition.calendarToken !== token) return null;
  const { child, records, marks } = partition;
  const today = dayIn(child.timeZone, now);
  // The version was read before the records: a change between the two is sent again next time, never missed.
  const etag = feedEtag(token, state.version, today);
  if (ifNoneMatch && namesEtag(ifNoneMatch, etag)) return { etag, ics: null };
  const dates = groupForDigest(records).dates;
  const ics = renderCalendar({
    childId: child.id,
    childName: firstName(child.name),
    deadlines: deadlinesOf(dates, child, today, marks),
    meetings: meetingDays(dates),
    stamp: now,
    say: wordingFor(languageOf(child)),
  });
  return { etag, ics };
}
