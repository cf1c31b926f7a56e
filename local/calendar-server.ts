// The local stand-in for the calendar function URL: serves a child's private feed at
// GET /calendar/<token>.ics from the same use case the Lambda runs. Anything else is a bare 404.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenFromPath } from '../shared/calendar-feed/calendar-feed';
import { urlHost } from './embedded-dynamo';
import type { LocalServices } from './local-services';
import { guardServer } from './request-guard';

export interface CalendarServer {
  /** `http://host:port`: the base of every feed URL. */
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startCalendarServer(options: {
  host: string;
  port: number;
  services: LocalServices;
}): Promise<CalendarServer> {
  const server: Server = createServer((request, response) => {
    const notFound = () => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found\n');
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const path = request.url ?? '';
    const token = path.startsWith('/calendar/') ? tokenFromPath(path) : null;
    if (!token) return notFound();
    options.services.calendar.feed(token).then(
      (ics) => {
        if (ics === null) return notFound();
        response.writeHead(200, {
          'content-type': 'text/calendar; charset=utf-8',
          'cache-control': 'private, max-age=300',
          'x-content-type-options': 'nosniff',
        });
        response.end(request.method === 'HEAD' ? undefined : ics);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Error\n');
      },
    );
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
