// One-click unsubscribe (RFC 8058) for digests and reminders: each carries `List-Unsubscribe` with
// an https URL and a mailto, and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The URL holds
// a token signed with the reply-signing secret, so nothing is stored and nobody can pause another
// family's mail; a POST to it pauses the child (what the `pause` command does). A GET only shows
// a button, because mail scanners fetch links.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32 } from '../store/unguessable-ids';

/** The path under the base URL, `/unsubscribe/<token>`. */
export const UNSUBSCRIBE_PATH = '/unsubscribe/';
/** The body a one-click POST carries (RFC 8058, section 3.1). */
export const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

const CHILD_ID = /^[a-z0-9]{1,40}$/;

function macOf(secret: string, childId: string): string {
  return base32(createHmac('sha256', secret).update(`iep-unsubscribe/1|${childId}`).digest()).slice(0, 26);
}

/** `<childId>.<mac>`: 130 bits of HMAC, URL-safe. */
export function unsubscribeToken(secret: string, childId: string): string {
  return `${childId}.${macOf(secret, childId)}`;
}

/** The child a token is for, or null when it is not one we signed. */
export function childOfToken(secret: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 80) return null;
  const childId = token.slice(0, dot);
  if (!CHILD_ID.test(childId)) return null;
  const expected = Buffer.from(macOf(secret, childId));
  const given = Buffer.from(token.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? childId : null;
}

/** The token in a request path `/unsubscribe/<token>` (query string ignored), or null. */
export function tokenFromUnsubscribePath(path: string): string | null {
  const bare = path.split('?')[0] ?? '';
  if (!bare.startsWith(UNSUBSCRIBE_PATH)) return null;
  const token = bare.slice(UNSUBSCRIBE_PATH.length);
  return /^[a-z0-9]{1,40}\.[a-z2-7]{26}$/.test(token) ? token : null;
}

/** Whether a POST body is the one-click body (form-encoded; extra fields tolerated). */
export function isOneClickBody(body: string): boolean {
  return new URLSearchParams(body.slice(0, 2_000)).get('List-Unsubscribe') === 'One-Click';
}

/** The two headers, for a child whose inbound address reads the `pause` command. */
export function unsubscribeHeaders(options: {
  baseUrl: string;
  secret: string;
  childId: string;
  inboundAddress: string;
}): Record<string, string> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}${unsubscribeToken(options.secret, options.childId)}`;
  return {
    'List-Unsubscribe': `<${url}>, <mailto:${options.inboundAddress}?subject=pause>`,
    'List-Unsubscribe-Post': ONE_CLICK_BODY,
  };
}

export interface MailingListDeps {
  /** Base of the unsubscribe URLs; without it (and the secret) mail carries no unsubscribe headers. */
  unsubscribeBaseUrl?: string;
  replySigningSecret?: string;
}

/** The unsubscribe headers of a digest or reminder to this child's guardians, when configured. */
export function mailingListHeaders(
  deps: MailingListDeps,
  child: { id: string; inboundAddress: string },
): Record<string, string> {
  if (!deps.unsubscribeBaseUrl || !deps.replySigningSecret) return {};
  return unsubscribeHeaders({
    baseUrl: deps.unsubscribeBaseUrl,
    secret: deps.replySigningSecret,
    childId: child.id,
    inboundAddress: child.inboundAddress,
  });
}

/** The page a GET shows: what the button does, and the button (a POST of the one-click body). */
export function confirmPage(path: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pause IEP tracker mail</title></head><body>',
    '<p>This stops the weekly digest and the deadline reminders for this child. Forwarded mail is still kept.',
    'Reply <code>resume</code> to any of our emails to start them again.</p>',
    `<form method="post" action="${path.replace(/[^a-z0-9/._-]/gi, '')}">`,
    `<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Pause the mail</button>`,
    '</form></body></html>',
  ].join('\n');
}
