// The local stand-in for the feeds distribution (CloudFront in front of the calendar and
// unsubscribe function URLs): serves a child's private feed at GET /calendar/<token>.ics (304 when
// If-None-Match names the current version) and one-click unsubscribe at /unsubscribe/<token>
// (POST pauses, GET shows the button), through the same use cases the Lambdas run. Anything else
// is a bare 404.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarFeed, tokenFromPath } from '../shared/calendar-feed/calendar-feed';
import { feedResponse } from '../shared/calendar-feed/feed-response';
import type { UseCases } from '../shared/composition/use-cases';
import { confirmPage, isOneClickBody, tokenFromUnsubscribePath } from '../shared/unsubscribe/one-click';
import { unsubscribeChild } from '../shared/unsubscribe/unsubscribe-child';
import { urlHost } from './embedded-dynamo';
import { guardServer } from './request-guard';

export interface CalendarServer {
  /** `http://host:port`: the base of every feed and unsubscribe URL. */
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** What the server calls; a getter, so that it can start before the services that need its address. */
export type FeedServices = () => UseCases;

const MAX_BODY_BYTES = 2_000;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) request.destroy(new Error('body too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function plain(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}

async function unsubscribe(request: IncomingMessage, response: ServerResponse, services: FeedServices) {
  const path = request.url ?? '';
  const token = tokenFromUnsubscribePath(path);
  if (!token) return plain(response, 404, 'Not found\n');
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    return response.end(confirmPage(path));
  }
  if (request.method !== 'POST') return plain(response, 404, 'Not found\n');
  if (!isOneClickBody(await readBody(request))) return plain(response, 400, 'Expected List-Unsubscribe=One-Click\n');
  const paused = await unsubscribeChild(services(), token);
  return paused ? plain(response, 200, 'Paused: no more digests or reminders.\n') : plain(response, 404, 'Not found\n');
}

async function feed(request: IncomingMessage, response: ServerResponse, services: FeedServices) {
  const path = request.url ?? '';
  const token = path.startsWith('/calendar/') ? tokenFromPath(path) : null;
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !token) return plain(response, 404, 'Not found\n');
  const feed = await calendarFeed(services(), token, request.headers['if-none-match'] ?? null);
  const answer = feedResponse(feed, { method: request.method });
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body === '' ? undefined : answer.body);
}

export async function startCalendarServer(options: {
  host: string;
  port: number;
  services: FeedServices;
}): Promise<CalendarServer> {
  const server: Server = createServer((request, response) => {
    const route = (request.url ?? '').startsWith('/unsubscribe/') ? unsubscribe : feed;
    route(request, response, options.services).catch(() => {
      if (!response.headersSent) plain(response, 500, 'Error\n');
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  guardServer(server, { host: options.host, sameOriginPages: false });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${urlHost(options.host)}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
