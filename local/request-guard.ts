// Every HTTP server of the local stack answers only the stack's own processes and the owner's
// browser on its own address. A web page elsewhere reaches 127.0.0.1 too (a cross-origin request
// carries its Origin; a rebound DNS name carries its own Host), so each request is checked before
// the server sees it: the Host must be one of the server's own names, and an Origin, when present,
// must be the server's own origin (the embedded store accepts none, and only its data folder's key).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowedHosts, allowedOrigins, isAllowedHost } from './web/host-check';

export interface GuardOptions {
  /** The host the server listens on (IEP_HOST). */
  host: string;
  /** Whether a page served by this server may call it (the outbox page does; the store has no page). */
  sameOriginPages: boolean;
  /** Paths refused whatever the request (destructive endpoints of a stand-in). */
  refusedPaths?: string[];
  /** When set, requests must be signed with this access key id (the embedded store). */
  accessKeyId?: string;
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** Why the request is refused, or null when it may go on. */
export function refusal(request: IncomingMessage, hosts: ReadonlySet<string>, options: GuardOptions): string | null {
  if (!isAllowedHost(request.headers.host, hosts)) return 'unknown host';
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!options.sameOriginPages) return 'requests from web pages are refused';
    if (!allowedOrigins(hosts).has(origin.trim().toLowerCase())) return 'cross-origin request';
  }
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (options.refusedPaths?.includes(path)) return 'not available on the local stack';
  if (options.accessKeyId !== undefined) {
    const credential = /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1];
    if (credential !== options.accessKeyId) return 'unknown key';
  }
  return null;
}

/** Puts the checks in front of every request handler of a listening server. */
export function guardServer(server: Server, options: GuardOptions): void {
  const { port } = server.address() as AddressInfo;
  const hosts = allowedHosts(options.host, port);
  const handlers = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refused = refusal(request, hosts, options);
    if (refused) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      response.end(`Forbidden: ${refused}\n`);
      request.resume();
      return;
    }
    for (const handler of handlers) handler.call(server, request, response);
  });
}
