// The local stack's inbound mail: a real SMTP listener on localhost that accepts mail only for the
// inbound domain, enforces the size and connection limits, and hands the raw bytes (never decoded)
// to the same ingest code the cloud's Lambda runs.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { SenderAuthentication } from '../shared/ingest/sender-authentication';
import type { SmtpConnectionLimits } from './config';

/**
 * The local stack has no SPF, DKIM or DMARC verdicts: what reaches it was handed in on this machine
 * (the listener is on loopback unless the operator says otherwise). This is the one place that says
 * such mail is trusted to come from its From; `iep ingest` uses the same mark.
 */
export const LOCALLY_TRUSTED: SenderAuthentication = { kind: 'locally-trusted' };

/** What the stack does with one accepted message; throwing makes the sender retry later (451). */
export type DeliverInbound = (message: {
  bytes: Buffer;
  recipients: string[];
  envelopeFrom: string | null;
  authentication: SenderAuthentication;
}) => Promise<void>;

export interface SmtpInbound {
  port: number;
  stop(): Promise<void>;
}

export interface SmtpInboundOptions {
  host: string;
  port: number;
  inboundDomain: string;
  maxBytes: number;
  /** Idle time, connections in all and per client address (config.ts; defaults in shared/limits.ts). */
  connections: SmtpConnectionLimits;
  deliver: DeliverInbound;
  /** Operational notes (never message content or addresses). */
  log?: (line: string) => void;
  /** Recipients accepted per message. */
  maxRecipients?: number;
}

class SmtpReply extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const domain = options.inboundDomain.toLowerCase();
  const maxRecipients = options.maxRecipients ?? 20;
  const limits = options.connections;
  // When each session last moved mail. A client that only sends NOOP (or RSET, HELO) keeps the
  // socket busy, so the library's idle timeout never fires: such a session is closed here.
  const lastProgress = new Map<string, number>();
  // Sessions whose message is being received or delivered: never idle, however long that takes.
  const busy = new Set<string>();
  const moved = (session: SMTPServerSession) => lastProgress.set(session.id, Date.now());
  const server = new SMTPServer({
    name: domain,
    banner: 'IEP service tracker (local)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    closeTimeout: 2_000,
    maxClients: limits.maxClients,
    socketTimeout: limits.idleMs,
    // Nothing here uses the client's host name; a PTR lookup would only delay each greeting.
    disableReverseLookup: true,
    onConnect(session, callback) {
      let fromSameAddress = 0;
      for (const connection of server.connections) {
        if (connection.remoteAddress === session.remoteAddress) fromSameAddress++;
      }
      if (fromSameAddress > limits.maxClientsPerAddress) {
        options.log?.(`smtp: refused a connection over the ${limits.maxClientsPerAddress} per client address`);
        callback(new SmtpReply('4.7.0 Too many connections from your address, try again later', 421));
        return;
      }
      moved(session);
      callback();
    },
    onClose(session) {
      lastProgress.delete(session.id);
      busy.delete(session.id);
    },
    onMailFrom(_address, session, callback) {
      moved(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      moved(session);
      const recipient = address.address.toLowerCase();
      const at = recipient.lastIndexOf('@');
      if (at < 1 || recipient.slice(at + 1) !== domain) {
        callback(new SmtpReply(`5.1.1 This server accepts mail only for @${domain}`, 550));
        return;
      }
      if (session.envelope.rcptTo.length >= maxRecipients) {
        callback(new SmtpReply('4.5.3 Too many recipients', 452));
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      busy.add(session.id);
      const done = (error?: Error) => {
        busy.delete(session.id);
        moved(session);
        callback(error);
      };
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => done(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || total > options.maxBytes) {
          options.log?.(`smtp: refused a message of ${total} bytes (limit ${options.maxBytes})`);
          done(new SmtpReply('5.3.4 Message too big for this system', 552));
          return;
        }
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const mailFrom = session.envelope.mailFrom;
        const envelopeFrom = mailFrom ? mailFrom.address.toLowerCase() : null;
        options
          .deliver({ bytes: Buffer.concat(chunks, total), recipients, envelopeFrom, authentication: LOCALLY_TRUSTED })
          .then(
            () => done(),
            (error: unknown) => {
              options.log?.(`smtp: delivery failed, sender asked to retry (${errorName(error)})`);
              done(new SmtpReply('4.3.0 Could not store the message now, please try again later', 451));
            },
          );
      });
    },
  });
  server.on('error', (error) => options.log?.(`smtp: ${errorName(error)}`));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const idleSweep = setInterval(
    () => {
      const now = Date.now();
      for (const connection of server.connections) {
        const since = lastProgress.get(connection.id);
        if (since === undefined || busy.has(connection.id) || now - since < limits.idleMs) continue;
        lastProgress.delete(connection.id);
        // 421 closes the connection; the client may come back when it has mail.
        connection.send(421, `${domain} Idle too long, closing the connection`);
      }
    },
    Math.min(1_000, limits.idleMs / 2),
  );
  idleSweep.unref();
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    stop: () => {
      clearInterval(idleSweep);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
