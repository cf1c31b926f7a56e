// A message as the extractor reads it: MIME decoded, forwards unwrapped, quoted history removed.

export interface MailAddress {
  address: string | null;
  name: string | null;
}

export interface Attachment {
  /** As the sender named it; one without a name is named by its place and kind (unnamed-attachment.ts). */
  filename: string;
  contentType: string;
  content: Buffer;
  /** `inline` or `attachment`; Apple Mail sends PDFs inline, and both count. */
  disposition: string | null;
}

/** The envelope-level facts of the message as it arrived (the outer message). */
export interface OuterMessage {
  messageId: string | null;
  from: MailAddress | null;
  /** Every mailbox of every From header, lower-cased (exactly one for mail that can be vouched for). */
  fromMailboxes: string[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  /** The Date header as an instant, or null when absent or unreadable. */
  date: Date | null;
  /** Headers that decide trust and loops (Auto-Submitted, Precedence, List-Id, X-Forwarded-For ...), lower-cased names. */
  headers: Record<string, string>;
}

export interface ReadMessage {
  outer: OuterMessage;
  /** True when the author's text came out of a forward (inline, or a message/rfc822 attachment). */
  forwarded: boolean;
  /** The person who wrote the original text: the innermost forwarded author, else the outer From. */
  author: MailAddress | null;
  /**
   * When the original was written. For a forward this comes from the forwarded header block;
   * `dateText` keeps the block's words when they carry no zone (the caller resolves them in the child's zone).
   */
  authoredAt: { instant: Date | null; dateText: string | null };
  /** The original message's subject (for a forward, from its header block). */
  subject: string;
  /** The author's own text: quoted reply history removed, signatures kept. */
  text: string;
  /** The author's HTML, where there was any, with quoted history removed when it can be located; for tables. */
  html: string | null;
  /** The forwarding parent's own note above the forward (last forwarder only), dated by the outer message. */
  note: { text: string; date: Date | null } | null;
  /** Attachments of the outer message and of the forwarded message(s), including inline ones. */
  attachments: Attachment[];
  /** Problems met while reading, as keys the answer words in the family's language; never the message text. */
  problems: MailProblem[];
}

/**
 * What could not be read in a message's structure, as a key and its values: the answer words it in
 * the family's language (wording/*.json, `problem.<key>`), the command line in English.
 */
export type MailProblem =
  | { key: 'mailEmpty' }
  | { key: 'mailTooLarge'; limitMb: number }
  | { key: 'mailHeadersTooLarge' }
  | { key: 'mailTooManyParts' }
  | { key: 'mailCutOff' }
  | { key: 'mailSlow' }
  | { key: 'mailHeadersOnly' }
  | { key: 'mailDamaged' }
  | { key: 'attachmentEmpty'; file: string }
  | { key: 'attachmentsDropped'; limit: number; dropped: number }
  | { key: 'attachedEmails' }
  | { key: 'attachedTooDeep' }
  | { key: 'forwardNoSender' };
