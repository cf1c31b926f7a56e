import type { Language } from '../render/language';

/** An email the system sends. Built by the renderers; text and HTML are both complete. */
export interface OutgoingMail {
  from: string;
  to: string[];
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** The language the text is written in: sent as `Content-Language`. */
  language?: Language;
  /** Extra headers (Auto-Submitted, In-Reply-To, References). Values must not contain CR or LF. */
  headers?: Record<string, string>;
}

/** Sends mail: SES in AWS, and the SES-compatible local outbox locally. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** The headers a mail goes out with: its own, and `Content-Language` when its language is known. */
export function headersOf(mail: Pick<OutgoingMail, 'headers' | 'language'>): Record<string, string> {
  return { ...(mail.language ? { 'Content-Language': mail.language } : {}), ...(mail.headers ?? {}) };
}
