// The HTTP answer for a calendar feed, the same from the Lambda and the local calendar server:
// the .ics with a validator, or 304 when the calendar app already has this version. The validator
// is weak and leaves out DTSTAMP (the moment the file was made), so it changes only when an event
// does.
import { createHash } from 'node:crypto';

export interface FeedResponse {
  status: 200 | 304 | 404;
  headers: Record<string, string>;
  body: string;
}

const NOT_FOUND: FeedResponse = {
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Not found\n',
};

/** `W/"<hash>"` of the calendar without its DTSTAMP lines. */
export function feedEtag(ics: string): string {
  const stable = ics
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('DTSTAMP'))
    .join('\n');
  return `W/"${createHash('sha256').update(stable).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, RFC 9110 13.1.2). */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch
    .slice(0, 2_000)
    .split(',')
    .some((tag) => opaque(tag) === opaque(etag));
}

export function feedResponse(
  ics: string | null,
  request: { method: string; ifNoneMatch?: string | null },
): FeedResponse {
  if (ics === null) return NOT_FOUND;
  const etag = feedEtag(ics);
  const headers = {
    etag,
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  };
  if (request.ifNoneMatch && matches(request.ifNoneMatch, etag)) return { status: 304, headers, body: '' };
  return {
    status: 200,
    headers: { 'content-type': 'text/calendar; charset=utf-8', ...headers },
    body: request.method.toUpperCase() === 'HEAD' ? '' : ics,
  };
}
