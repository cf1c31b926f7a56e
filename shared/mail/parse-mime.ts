// Decodes raw message bytes with mailparser, within limits. Bytes go to the parser as they are:
// decoding them as UTF-8 first would garble windows-1252 and ISO-8859-1 mail.
import { type AddressObject, type Attachment as ParsedAttachment, type ParsedMail, simpleParser } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import type { Attachment, MailAddress, MailProblem } from './types';
import { unnamedFileName, unnamedKindOf } from './unnamed-attachment';

export interface MimeLimits {
  /** Largest message accepted, in bytes (SES delivers up to 40 MB). */
  maxBytes: number;
  /** Largest header section accepted, in bytes. */
  maxHeaderBytes: number;
  /** Attachments kept per message; the rest are dropped with a problem. */
  maxAttachments: number;
  /** How many messages deep a forward-as-attachment is opened. */
  maxDepth: number;
  /** Multipart boundaries declared in one message: bounds how deep parts can nest. */
  maxBoundaries: number;
  /** Wall-clock bound on one parse, in milliseconds. */
  timeoutMs: number;
}

export const defaultMimeLimits: MimeLimits = {
  maxBytes: 40 * 1024 * 1024,
  maxHeaderBytes: 256 * 1024,
  maxAttachments: 20,
  maxDepth: 5,
  maxBoundaries: 100,
  timeoutMs: 10_000,
};

/** One MIME message decoded: the facts the reader needs, nothing of mailparser's shape leaks out. */
export interface ParsedMime {
  messageId: string | null;
  from: MailAddress | null;
  /** Every mailbox of every From header, lower-cased: a message is vouched for only when there is exactly one. */
  fromMailboxes: string[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  subject: string;
  date: Date | null;
  headers: Record<string, string>;
  /** When the receiving server took the message (the newest Received header), for mail without a Date. */
  receivedAt: Date | null;
  /** The top-level content type, lower-cased ("multipart/report" for delivery reports). */
  contentType: string | null;
  text: string | null;
  html: string | null;
  attachments: Attachment[];
  /** Forwards attached as message/rfc822 (`.eml`), as raw bytes to parse again. */
  attachedMessages: Uint8Array[];
  problems: MailProblem[];
}

/** Headers that decide trust and loops; kept lower-cased, single-line. */
const keptHeaders = [
  'auto-submitted',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'x-forwarded-for',
  'x-forwarded-to',
  'x-auto-response-suppress',
  'return-path',
  'in-reply-to',
  'references',
  'x-mailer',
  'x-original-from',
  'x-original-to',
  'delivered-to',
  'sender',
  'x-autoreply',
  'x-autorespond',
  'x-ms-exchange-inbox-rules-loop',
  'authentication-results',
  'received-spf',
];

function emptyMime(problems: MailProblem[]): ParsedMime {
  return {
    messageId: null,
    from: null,
    fromMailboxes: [],
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    date: null,
    headers: {},
    receivedAt: null,
    contentType: null,
    text: null,
    html: null,
    attachments: [],
    attachedMessages: [],
    problems,
  };
}

/** Byte offset where the header section ends (the first empty line), or the whole length. */
function headerLength(bytes: Uint8Array, limit: number): number {
  const end = Math.min(bytes.length, limit + 4);
  for (let i = 0; i < end; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i;
  }
  return end;
}

/**
 * The multipart boundaries a message declares, and whether each one is closed. Reads the bytes as
 * latin1 only to find ASCII markers; the parser gets the bytes themselves.
 */
function boundaries(bytes: Uint8Array, limit: number): { declared: number; unclosed: number } {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const lower = raw.toLowerCase();
  let declared = 0;
  let unclosed = 0;
  let at = lower.indexOf('boundary=');
  while (at >= 0 && declared <= limit) {
    let start = at + 'boundary='.length;
    let end: number;
    if (raw[start] === '"') {
      start++;
      end = raw.indexOf('"', start);
    } else {
      end = start;
      while (end < raw.length && !' \t\r\n;'.includes(raw[end] ?? ' ')) end++;
    }
    if (end > start && end - start <= 200) {
      declared++;
      if (!raw.includes(`--${raw.slice(start, end)}--`)) unclosed++;
    }
    at = lower.indexOf('boundary=', start);
  }
  return { declared, unclosed };
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  for (const object of objects) {
    for (const entry of object.value) {
      if (entry.group) {
        for (const member of entry.group) {
          out.push({ address: member.address ? member.address : null, name: member.name ? member.name : null });
        }
        continue;
      }
      out.push({ address: entry.address ? entry.address : null, name: entry.name ? entry.name : null });
    }
  }
  return out;
}

/** The date after the last ";" of the newest Received header. */
function receivedAt(value: unknown): Date | null {
  const newest = Array.isArray(value) ? value[0] : value;
  if (typeof newest !== 'string') return null;
  const semicolon = newest.lastIndexOf(';');
  if (semicolon < 0) return null;
  const date = new Date(oneLine(newest.slice(semicolon + 1)));
  return Number.isNaN(date.getTime()) ? null : date;
}

function isAttachedMessage(attachment: ParsedAttachment): boolean {
  const type = attachment.contentType.toLowerCase();
  return type === 'message/rfc822' || type === 'message/global';
}

/** The attachment's file name, or for one without, its place among the attachments and its kind. */
function nameOf(attachment: ParsedAttachment, index: number): string {
  if (attachment.filename?.trim()) return attachment.filename;
  return unnamedFileName({ position: index + 1, kind: unnamedKindOf(attachment.contentType) });
}

function toAttachment(attachment: ParsedAttachment, index: number): Attachment {
  return {
    filename: nameOf(attachment, index),
    contentType: attachment.contentType.toLowerCase(),
    content: attachment.content,
    disposition: attachment.contentDisposition ?? null,
  };
}

/** The mailboxes of all From headers as written (mailparser keeps only one header of each name). */
function fromMailboxes(mail: ParsedMail): string[] {
  const mailboxes: string[] = [];
  for (const line of mail.headerLines) {
    if (line.key !== 'from') continue;
    const value = line.line.slice(line.line.indexOf(':') + 1);
    for (const mailbox of addressparser(value, { flatten: true })) {
      const address = mailbox.address.trim().toLowerCase();
      if (address !== '') mailboxes.push(address);
    }
  }
  return mailboxes;
}

function fromParsed(mail: ParsedMail, limits: MimeLimits, problems: MailProblem[]): ParsedMime {
  const headers: Record<string, string> = {};
  // The header lines as written (mailparser moves some, such as List-Id, out of `headers`); the first of each.
  for (const line of mail.headerLines) {
    if (!keptHeaders.includes(line.key) || line.key in headers) continue;
    const colon = line.line.indexOf(':');
    if (colon >= 0) headers[line.key] = oneLine(line.line.slice(colon + 1)).slice(0, 2000);
  }
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  const attachments: Attachment[] = [];
  const attachedMessages: Uint8Array[] = [];
  let dropped = 0;
  mail.attachments.forEach((attachment, index) => {
    if (attachments.length + attachedMessages.length >= limits.maxAttachments) {
      dropped++;
      return;
    }
    if (isAttachedMessage(attachment)) attachedMessages.push(new Uint8Array(attachment.content));
    else attachments.push(toAttachment(attachment, index));
    if (attachment.content.length === 0) {
      problems.push({ key: 'attachmentEmpty', file: nameOf(attachment, index) });
    }
  });
  if (dropped > 0) {
    problems.push({ key: 'attachmentsDropped', limit: limits.maxAttachments, dropped });
  }
  const html = typeof mail.html === 'string' && mail.html.length > 0 ? mail.html : null;
  const type = mail.headers.get('content-type');
  const contentType =
    type && typeof type === 'object' && 'value' in type && typeof type.value === 'string'
      ? type.value.toLowerCase()
      : null;
  return {
    receivedAt: receivedAt(mail.headers.get('received')),
    messageId: mail.messageId ? oneLine(mail.messageId) : null,
    from: addresses(mail.from)[0] ?? null,
    fromMailboxes: fromMailboxes(mail),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    subject: mail.subject ? oneLine(mail.subject) : '',
    date,
    headers,
    contentType,
    text: typeof mail.text === 'string' && mail.text.length > 0 ? mail.text : null,
    html,
    attachments,
    attachedMessages,
    problems,
  };
}

/** When the body breaks the parser, the header section alone still says who sent it and when. */
async function headersOnly(bytes: Uint8Array, limits: MimeLimits): Promise<ParsedMime> {
  const problem: MailProblem = { key: 'mailHeadersOnly' };
  try {
    const end = headerLength(bytes, limits.maxHeaderBytes);
    const head = Buffer.concat([Buffer.from(bytes.subarray(0, end)), Buffer.from('\r\n\r\n')]);
    const mail = await simpleParser(head, { skipHtmlToText: true, skipTextToHtml: true });
    const read = fromParsed(mail, limits, [problem]);
    return { ...read, text: null, html: null, attachments: [], attachedMessages: [] };
  } catch {
    return emptyMime([{ key: 'mailDamaged' }]);
  }
}

/**
 * Decodes one message. Never throws for bad input: what could be read comes back, with
 * `problems` saying what could not (as keys the answer words in the family's language).
 */
export async function parseMime(bytes: Uint8Array, limits: MimeLimits = defaultMimeLimits): Promise<ParsedMime> {
  const problems: MailProblem[] = [];
  if (bytes.length === 0) return emptyMime([{ key: 'mailEmpty' }]);
  if (bytes.length > limits.maxBytes) {
    return emptyMime([{ key: 'mailTooLarge', limitMb: Math.round(limits.maxBytes / 1024 / 1024) }]);
  }
  if (headerLength(bytes, limits.maxHeaderBytes) > limits.maxHeaderBytes) {
    return emptyMime([{ key: 'mailHeadersTooLarge' }]);
  }
  const parts = boundaries(bytes, limits.maxBoundaries);
  if (parts.declared > limits.maxBoundaries) {
    return emptyMime([{ key: 'mailTooManyParts' }]);
  }
  if (parts.unclosed > 0) problems.push({ key: 'mailCutOff' });
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.timeoutMs);
  });
  try {
    const parsing = simpleParser(buffer, {
      skipHtmlToText: false,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
    // A rejection after the timeout won on its own must not go unhandled.
    parsing.catch(() => undefined);
    const outcome = await Promise.race([parsing, timeout]);
    if (outcome === 'timeout') return emptyMime([{ key: 'mailSlow' }]);
    return fromParsed(outcome, limits, problems);
  } catch {
    return headersOnly(bytes, limits);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
