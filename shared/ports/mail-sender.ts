/** An email the system sends. Built by the renderers; text and HTML are both complete. */
export interface OutgoingMail {
  from: string;
  to: string[];
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** Extra headers (Auto-Submitted, In-Reply-To, References). Values must not contain CR or LF. */
  headers?: Record<string, string>;
}

/** Sends mail: SES in AWS, and the SES-compatible local outbox locally. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}
