// The SES-compatible endpoint of the local stack (aws-ses-v2-local): the SES adapter sends to it as
// it would to SES, and its page lists what was sent. See docs/decisions/0002-ses-endpoint.md.
import type { AddressInfo } from 'node:net';
import startSesLocal from 'aws-ses-v2-local';
import { clearStore, type Email, saveEmail } from 'aws-ses-v2-local/dist/store';
import { urlHost } from './embedded-dynamo';
import type { SentMail } from './outbox';
import { guardServer } from './request-guard';

export interface SesOutboxServer {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the server and loads what was sent before (the server itself keeps mail in memory only).
 * The package keeps one store per process: two stacks started in one process (tests) share a page.
 */
export async function startSesOutboxServer(options: {
  host: string;
  port: number;
  sentBefore: SentMail[];
}): Promise<SesOutboxServer> {
  const start = (startSesLocal as unknown as { default?: typeof startSesLocal }).default ?? startSesLocal;
  clearStore();
  for (const sent of options.sentBefore) saveEmail(toSesLocalEmail(sent));
  const server = await start({ host: options.host, port: options.port });
  // The package resolves even when listening failed (Express 5 hands the error to its callback).
  if (!server.listening) {
    throw new Error(
      `The outbox could not listen on ${options.host}:${options.port} (is the port in use? set IEP_OUTBOX_PORT).`,
    );
  }
  // The page may call its own server; nothing else may, and nothing clears it over HTTP.
  guardServer(server, { host: options.host, sameOriginPages: true, refusedPaths: ['/clear-store'] });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${urlHost(options.host)}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function toSesLocalEmail(sent: SentMail): Email {
  return {
    messageId: sent.messageId,
    from: sent.from,
    replyTo: sent.replyTo,
    destination: { to: sent.to, cc: [], bcc: [] },
    subject: sent.subject,
    body: { text: sent.text, html: sent.html },
    attachments: sent.attachments.map((attachment) => ({
      content: attachment.base64,
      contentType: attachment.contentType,
      filename: attachment.filename,
      size: Math.floor((attachment.base64.length * 3) / 4),
    })),
    at: Math.floor(Date.parse(sent.sentAt) / 1000),
  };
}
