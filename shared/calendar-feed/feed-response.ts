// The HTTP answer for a calendar feed, the same from the Lambda and the local calendar server:
// the .ics with a validator, or 304 when the calendar app already has this version. The validator
// is weak and made from the feed's version (raised after every write that changes what the feed
// shows), the token and the child's day (deadlines turn overdue at midnight), never from the
// rendered file: so a conditional request is answered without reading the child's records.
import { createHash } from 'node:crypto';

export interface FeedResponse {
  status: 200 | 304 | 404;
  headers: Record<string, string>;
  body: string;
}

/** A feed as the use case found it: its validator, and the .ics unless the caller's copy is current. */
export interface FeedAnswer {
  etag: string;
  /** Null when If-None-Match named this version: nothing to send. */
  ics: string | null;
}

/**
 * Raise by hand when a change of the rendering must reach calendars the same day; otherwise every
 * feed's validator changes at the child's next midnight anyway.
 */
const FEED_FORMAT = 2;

const NOT_FOUND: FeedResponse = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Not found\n',
};

/** `W/"<hash>"` of the feed's format, token, version and the child's day. */
export function feedEtag(token: string, version: number, day: string): string {
  const digest = createHash('sha256').update(`${FEED_FORMAT}\u0000${token}\u0000${version}\u0000${day}`);
  return `W/"${digest.digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2). */
export function namesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch
    .slice(0, 2_000)
    .split(',')
    .some((tag) => opaque(tag) === opaque(etag));
}

export function feedResponse(answer: FeedAnswer | null, request: { method: string }): FeedResponse {
  if (answer === null) return NOT_FOUND;
  const headers = {
    etag: answer.etag,
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  };
  if (answer.ics === null) return { status: 304, headers, body: '' };
  return {
    status: 200,
    headers: { 'content-type': 'text/calendar; charset=utf-8', ...headers },
    body: request.method.toUpperCase() === 'HEAD' ? '' : answer.ics,
  };
}
