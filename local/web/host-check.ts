// Which Host and Origin headers a local server answers to. A page on another site can reach a
// server on 127.0.0.1 through DNS rebinding (its own name resolving to the loopback address):
// refusing any Host but the server's own address closes that door, and refusing a foreign
// Origin on every state-changing request closes cross-site form posts.
import { urlHost } from '../embedded-dynamo';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `host:port` values this server is reached by: its own address, and `localhost` on loopback. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([urlHost(host).toLowerCase()]);
  if (LOOPBACK.has(host) || host === '0.0.0.0' || host === '::') {
    for (const name of ['127.0.0.1', '[::1]', 'localhost']) names.add(name);
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return header !== undefined && allowed.has(header.trim().toLowerCase());
}

/** The origins (`http://host:port`) a state-changing request may come from. */
export function allowedOrigins(allowed: ReadonlySet<string>): Set<string> {
  return new Set([...allowed].map((host) => `http://${host}`));
}
