// The local stack's inbound mail: a real SMTP listener on localhost that accepts mail only for the
// inbound domain, enforces the size limit, and hands the raw bytes (never decoded) to the same
// ingest code the cloud's Lambda runs.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { SenderAuthentication } from '../shared/ingest/sender-authentication';

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
  const server = new SMTPServer({
    name: domain,
    banner: 'IEP service tracker (local)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    closeTimeout: 2_000,
    maxClients: 20,
    onRcptTo(address, session, callback) {
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
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || total > options.maxBytes) {
          options.log?.(`smtp: refused a message of ${total} bytes (limit ${options.maxBytes})`);
          callback(new SmtpReply('5.3.4 Message too big for this system', 552));
          return;
        }
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        const mailFrom = session.envelope.mailFrom;
        const envelopeFrom = mailFrom ? mailFrom.address.toLowerCase() : null;
        options
          .deliver({ bytes: Buffer.concat(chunks, total), recipients, envelopeFrom, authentication: LOCALLY_TRUSTED })
          .then(
            () => callback(),
            (error: unknown) => {
              options.log?.(`smtp: delivery failed, sender asked to retry (${errorName(error)})`);
              callback(new SmtpReply('4.3.0 Could not store the message now, please try again later', 451));
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
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
