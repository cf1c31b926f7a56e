// The local stack's web view, for whoever runs it (an advocate, a parent group): the children,
// each child's mail in and out with what was recorded, the records with where they came from, the
// digest, deadlines, export and delete, and mail sent as a guardian through the same pipeline as
// SMTP. Loopback only; every request must name this server in its Host header, and every
// state-changing one is a POST from this server's own origin carrying the process's token.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { dayIn } from '../../shared/calendar/iso-days';
import { deleteChildNow } from '../../shared/deletion/child-deletion';
import { type Clock, systemClock } from '../../shared/ports/clock';
import { exportChild } from '../../shared/replies/export-bundle';
import type { Child } from '../../shared/store/families';
import { UsageError } from '../cli/command';
import { checkAsOf } from '../cli/commands/digest';
import { describeIngestResult } from '../cli/commands/ingest';
import { urlHost } from '../embedded-dynamo';
import type { LocalServices } from '../local-services';
import type { SentMail } from '../outbox';
import { LOCALLY_TRUSTED } from '../smtp-inbound';
import { digestHtml, loadChildView } from './child-view';
import { composeGuardianReply } from './guardian-reply';
import { allowedHosts, allowedOrigins, isAllowedHost } from './host-check';
import { childPage, childrenPage, errorPage, type Html, layout, STYLE } from './pages';

export interface WebServer {
  /** `http://host:port/` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface WebOptions {
  host: string;
  port: number;
  services: LocalServices;
  /** The mail sent so far (the outbox folder), for the timeline. */
  sentMail: () => readonly SentMail[];
  /** The base of the calendar feed URLs, or null where no feed server runs. */
  calendarBaseUrl: string | null;
  /** Largest message accepted, as over SMTP. */
  maxMessageBytes: number;
  clock?: Clock;
  /** Operational lines (never mail content or addresses). */
  log?: (line: string) => void;
}

const PAGE_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// The digest email styles itself inline, as mail must; it is shown only framed by this server's page.
const DIGEST_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'";

/** Notices shown once after a redirect, kept by a random id so a link cannot put words on the page. */
function noticeBoard(limit = 50) {
  const notices = new Map<string, string>();
  return {
    put(text: string): string {
      const id = randomBytes(9).toString('base64url');
      notices.set(id, text);
      if (notices.size > limit) notices.delete(notices.keys().next().value as string);
      return id;
    },
    take(id: string | undefined): string | null {
      if (!id) return null;
      const text = notices.get(id) ?? null;
      notices.delete(id);
      return text;
    },
  };
}

/** A request this server cannot act on, with the reason in words for the page. */
class BadRequest extends Error {}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function belongsTo(address: string, child: Child): boolean {
  const [box, domain] = child.inboundAddress.toLowerCase().split('@');
  const lower = address.trim().toLowerCase();
  return lower.startsWith(`${box}+`) && lower.endsWith(`@${domain}`) && !/[\s<>,]/.test(lower);
}

export function createWebApp(options: WebOptions, hosts: ReadonlySet<string>) {
  const clock = options.clock ?? systemClock;
  const csrfToken = randomBytes(32).toString('base64url');
  const origins = allowedOrigins(hosts);
  const notices = noticeBoard();
  const app = new Hono();

  const page = (c: Context, title: string, body: Html, status: 200 | 400 | 403 | 404 | 500 = 200) =>
    c.html(layout(title, body, notices.take(c.req.query('notice'))), status);
  const fail = (c: Context, status: 400 | 403 | 404 | 500, title: string, message: string) =>
    c.html(errorPage(title, message), status);

  const noChild = (c: Context) => fail(c, 404, 'No such child', 'There is no child with this id.');

  app.use('*', async (c, next) => {
    if (!isAllowedHost(c.req.header('host'), hosts)) {
      return c.text('Refused: this server answers only to its own address.\n', 403);
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // `same-origin`, not `no-referrer`: under no-referrer a browser sends `Origin: null` with the page's own forms.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', PAGE_POLICY);
  });

  // State-changing requests: POST only, from this server's own page.
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    if (c.req.method !== 'POST' || origin === undefined || !origins.has(origin.toLowerCase())) {
      return fail(c, 403, 'Refused', 'Changes are accepted only from this page, sent by its own forms.');
    }
    return next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxMessageBytes * 2 + 64 * 1024,
      onError: (c) => fail(c, 400, 'Too large', 'The message is larger than the stack accepts over SMTP.'),
    }),
  );

  /** The form's fields, or null when the token is missing or wrong. */
  async function formOf(c: Context): Promise<Record<string, string | File> | null> {
    const body = await c.req.parseBody().catch(() => null);
    if (!body || !sameToken(body.csrf, csrfToken)) return null;
    return body as Record<string, string | File>;
  }

  /** The day the digest and deadlines are computed for: `?asOf=`, or today in the family's zone. */
  function asOfFor(c: Context, child: Child): string {
    try {
      return checkAsOf(c.req.query('asOf') || undefined) ?? dayIn(child.timeZone, clock.now());
    } catch (error) {
      throw new BadRequest(error instanceof UsageError ? error.message : 'Not a date.');
    }
  }

  async function childOr404(c: Context): Promise<Child | null> {
    return options.services.children.get(c.req.param('id') ?? '');
  }

  app.get('/style.css', (c) => c.body(STYLE, 200, { 'content-type': 'text/css; charset=utf-8' }));

  app.get('/', async (c) => page(c, 'Children', childrenPage(await options.services.children.list())));

  app.get('/child/:id', async (c) => {
    const child = await childOr404(c);
    if (!child) return noChild(c);
    const asOf = asOfFor(c, child);
    const view = await loadChildView({
      services: options.services,
      sentMail: options.sentMail,
      child,
      asOf,
      calendarBaseUrl: options.calendarBaseUrl,
    });
    return page(c, child.name, childPage(view, { csrfToken }));
  });

  app.get('/child/:id/digest.html', async (c) => {
    const child = await childOr404(c);
    if (!child) return noChild(c);
    const asOf = asOfFor(c, child);
    const body = await digestHtml(options.services, child.id, asOf);
    if (body === null) return noChild(c);
    c.header('Content-Security-Policy', DIGEST_POLICY);
    return c.html(body);
  });

  const EXPORTS = {
    'records.csv': 'text/csv; charset=utf-8',
    'deadlines.ics': 'text/calendar; charset=utf-8',
    'originals.zip': 'application/zip',
  } as const;
  app.get('/child/:id/export/:file', async (c) => {
    const file = c.req.param('file') as keyof typeof EXPORTS;
    if (!(file in EXPORTS)) return fail(c, 404, 'Not found', 'There is no such export.');
    const child = await childOr404(c);
    const bundle = child ? await exportChild(options.services, child.id) : null;
    if (!child || !bundle) return noChild(c);
    const body = file === 'records.csv' ? bundle.csv : file === 'deadlines.ics' ? bundle.ics : bundle.zip;
    if (body === null) return fail(c, 404, 'Nothing to export', `No message is stored for ${child.name}.`);
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
      'content-type': EXPORTS[file],
      'content-disposition': `attachment; filename="${child.id}-${file}"`,
    });
  });

  const deliver = async (c: Context, child: Child, bytes: Uint8Array, recipient: string) => {
    let text: string;
    try {
      text = `Delivered: ${describeIngestResult(await options.services.ingest({ bytes, recipients: [recipient], authentication: LOCALLY_TRUSTED }))}.`;
    } catch (error) {
      text = `Not delivered: ${error instanceof Error ? error.message : String(error)}`;
    }
    return c.redirect(`/child/${child.id}?notice=${notices.put(text)}#timeline`, 303);
  };

  app.post('/child/:id/send', async (c) => {
    const form = await formOf(c);
    if (!form) return fail(c, 403, 'Refused', 'The form has expired: reload the page and send again.');
    const child = await childOr404(c);
    if (!child) return noChild(c);
    const file = form.file instanceof File && form.file.size > 0 ? new Uint8Array(await form.file.arrayBuffer()) : null;
    const pasted = typeof form.eml === 'string' && form.eml.trim() !== '' ? Buffer.from(form.eml, 'utf8') : null;
    const bytes = file ?? pasted;
    if (!bytes) return fail(c, 400, 'Nothing to send', 'Paste a message or choose an .eml file.');
    if (bytes.length > options.maxMessageBytes) {
      return fail(c, 400, 'Too large', 'The message is larger than the stack accepts over SMTP.');
    }
    return deliver(c, child, bytes, child.inboundAddress);
  });

  app.post('/child/:id/reply', async (c) => {
    const form = await formOf(c);
    if (!form) return fail(c, 403, 'Refused', 'The form has expired: reload the page and send again.');
    const child = await childOr404(c);
    if (!child) return noChild(c);
    const { to, from, text, subject } = form;
    if (typeof to !== 'string' || !belongsTo(to, child)) {
      return fail(c, 400, 'Not an answer', `That is not the reply address of one of ${child.name}'s answers.`);
    }
    if (typeof from !== 'string' || !child.guardians.includes(from)) {
      return fail(c, 400, 'Not a guardian', `The page writes only as one of ${child.name}'s guardians.`);
    }
    if (typeof text !== 'string' || text.trim() === '') return fail(c, 400, 'Empty reply', 'Write the reply first.');
    const bytes = await composeGuardianReply({
      from,
      to: to.trim(),
      subject: typeof subject === 'string' ? subject : '',
      text,
      date: clock.now(),
    });
    return deliver(c, child, bytes, to.trim().toLowerCase());
  });

  app.post('/child/:id/delete', async (c) => {
    const form = await formOf(c);
    if (!form) return fail(c, 403, 'Refused', 'The form has expired: reload the page and send again.');
    const child = await childOr404(c);
    if (!child) return noChild(c);
    if (form.yes !== 'yes') return fail(c, 400, 'Not deleted', 'Deleting is irreversible: tick the box to confirm.');
    const report = await deleteChildNow(options.services, child.id);
    const text = `Deleted ${child.name}: ${report.items} items and ${report.rawMessages} stored messages. ${child.inboundAddress} no longer accepts mail.`;
    return c.redirect(`/?notice=${notices.put(text)}`, 303);
  });

  app.notFound((c) => fail(c, 404, 'Not found', 'There is no such page.'));
  app.onError((error, c) => {
    if (error instanceof BadRequest) return fail(c, 400, 'Not understood', error.message);
    options.log?.(`web view: ${c.req.method} failed (${error.name})`);
    return fail(c, 500, 'Something went wrong', 'The request failed; nothing was lost.');
  });
  return app;
}

export async function startWebServer(options: WebOptions): Promise<WebServer> {
  // The port is known only once listening (0 picks a free one); the app is made then.
  let listener: ReturnType<typeof getRequestListener> | null = null;
  const server: Server = createServer((request, response) => {
    if (listener) return listener(request, response);
    response.writeHead(503).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  listener = getRequestListener(createWebApp(options, allowedHosts(options.host, port)).fetch);
  return {
    url: `http://${urlHost(options.host)}:${port}/`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
