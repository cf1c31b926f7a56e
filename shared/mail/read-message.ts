// Reads one inbound message as the extractor needs it: who wrote the original, when, what they
// wrote (quoted history removed), the forwarding parent's note, and every attachment.
// Forwards are unwrapped however they came: inline (any client, nested) or as a message/rfc822
// attachment. Pure: no I/O beyond decoding the given bytes.

import { importOnce } from '../import-once';
import { readDateWords } from './authored-on';
import { defaultMimeLimits, type MimeLimits, type ParsedMime, parseMime } from './parse-mime';
import { stripReply } from './strip-reply';
import type { Attachment, MailAddress, OuterMessage, ReadMessage } from './types';
import { type UnwrappedForward, unwrapForward } from './unwrap-forward';

/** Forwards inside forwards are followed this deep, no further. */
const maxNestedForwards = 10;

/**
 * The HTML readers (html-to-text and node-html-parser), imported for a message that has an HTML
 * part, so a function that starts does not load them (docs/decisions/0106).
 */
type HtmlReader = typeof import('./html-as-text');
const htmlReader = importOnce((): Promise<HtmlReader> => import('./html-as-text'));

/** The HTML part with its reader, when the message has one. */
interface HtmlPart {
  html: string;
  reader: HtmlReader;
}

async function htmlPartOf(parsed: ParsedMime): Promise<HtmlPart | null> {
  return parsed.html ? { html: parsed.html, reader: await htmlReader() } : null;
}

function outerOf(parsed: ParsedMime): OuterMessage {
  return {
    messageId: parsed.messageId,
    from: parsed.from,
    fromMailboxes: parsed.fromMailboxes,
    to: parsed.to,
    cc: parsed.cc,
    replyTo: parsed.replyTo,
    subject: parsed.subject,
    date: parsed.date,
    headers: parsed.headers,
  };
}

function noteOf(text: string | null | undefined, date: Date | null): ReadMessage['note'] {
  if (!text) return null;
  const own = stripReply(text).trim();
  return own === '' ? null : { text: own, date };
}

/**
 * The text/plain body, else the HTML as text. A plain part that is only a stub next to a real
 * HTML part ("This message is best viewed in HTML") gives way to the HTML.
 */
function bodyText(parsed: ParsedMime, part: HtmlPart | null): string {
  const plain = parsed.text?.trim() ?? '';
  if (plain !== '' && (plain.length >= 300 || !part)) return parsed.text ?? '';
  const html = part ? part.reader.htmlAsText(part.html) : '';
  if (plain === '') return html;
  return html.trim().length > 3 * plain.length && html.trim().length >= 200 ? html : (parsed.text ?? '');
}

interface Level {
  author: MailAddress | null;
  subject: string;
  text: string;
  dateWords: string | null;
}

/** Follows inline forwards down to the innermost message. */
function innermost(first: UnwrappedForward, outerSubject: string): Level {
  let current = first;
  let subject = first.subject ?? outerSubject;
  for (let n = 0; n < maxNestedForwards; n++) {
    const next = unwrapForward(current.message ?? '', subject);
    if (!next.forwarded || next.from === null) break;
    current = next;
    subject = next.subject ?? subject;
  }
  return { author: current.from, subject, text: current.message ?? '', dateWords: current.date };
}

/** Finds the first inline forward in the plain text, or in the HTML (Gmail's plain part can lose its separator). */
function findForward(
  parsed: ParsedMime,
  part: HtmlPart | null,
): { unwrapped: UnwrappedForward; fromHtml: boolean } | null {
  const plain = unwrapForward(bodyText(parsed, part), parsed.subject);
  if (plain.forwarded) return { unwrapped: plain, fromHtml: false };
  if (part) {
    const html = unwrapForward(part.reader.htmlAsText(part.html), parsed.subject);
    if (html.forwarded) return { unwrapped: html, fromHtml: true };
  }
  return null;
}

/**
 * Outlook in an organisation often prints only the name ("From: Daniel Nguyen"); the HTML part
 * may still carry the address, as a mailto link on the name or in the header block itself.
 */
function withAddress(author: MailAddress | null, parsed: ParsedMime, part: HtmlPart | null): MailAddress | null {
  if (!author || author.address || !author.name || !part) return author;
  const linked = part.reader.mailtoForName(part.html, author.name);
  if (linked) return { address: linked, name: author.name };
  const fromHtml = unwrapForward(part.reader.htmlAsText(part.html), parsed.subject);
  if (fromHtml.forwarded) {
    const inner = innermost(fromHtml, parsed.subject).author;
    if (inner?.address && inner.name?.toLowerCase() === author.name.toLowerCase()) return inner;
  }
  return author;
}

async function readLevel(bytes: Uint8Array, limits: MimeLimits, depth: number): Promise<ReadMessage> {
  const parsed = await parseMime(bytes, limits);
  const part = await htmlPartOf(parsed);
  const outer = outerOf(parsed);
  const problems = [...parsed.problems];
  const attachments: Attachment[] = [...parsed.attachments];

  // A forward sent as an attachment: the attached message is the original; the body is the parent's note.
  // A delivery report (bounce) carries the returned message: it is not a forward.
  const isReport = parsed.contentType === 'multipart/report';
  const attached = isReport ? undefined : parsed.attachedMessages[0];
  if (attached) {
    if (depth < limits.maxDepth) {
      const inner = await readLevel(attached, limits, depth + 1);
      // Further attached emails: their files are kept; their text is not the one read.
      for (const other of parsed.attachedMessages.slice(1)) {
        const more = await readLevel(other, limits, depth + 1);
        attachments.push(...more.attachments);
      }
      if (parsed.attachedMessages.length > 1) {
        problems.push({ key: 'attachedEmails' });
      }
      return {
        outer,
        forwarded: true,
        author: inner.author,
        authoredAt: inner.authoredAt,
        subject: inner.subject,
        text: inner.text,
        html: inner.html,
        note: noteOf(bodyText(parsed, part), parsed.date),
        attachments: [...attachments, ...inner.attachments],
        problems: [...problems, ...inner.problems],
      };
    }
    problems.push({ key: 'attachedTooDeep' });
  }

  const found = findForward(parsed, part);
  if (!found) {
    return {
      outer,
      forwarded: false,
      author: parsed.from,
      authoredAt: { instant: parsed.date ?? parsed.receivedAt, dateText: null },
      subject: parsed.subject,
      text: stripReply(bodyText(parsed, part)).trim(),
      html: part ? part.reader.ownHtml(part.html) : null,
      note: null,
      attachments,
      problems,
    };
  }

  const level = innermost(found.unwrapped, parsed.subject);
  const author = withAddress(level.author, parsed, part);
  const zoned = level.dateWords ? readDateWords(level.dateWords, 'UTC', parsed.date) : null;
  if (!author?.address) problems.push({ key: 'forwardNoSender' });
  return {
    outer,
    forwarded: true,
    author,
    authoredAt: { instant: zoned?.instant ?? null, dateText: level.dateWords },
    subject: level.subject,
    text: stripReply(level.text).trim(),
    html: part ? part.reader.forwardedHtml(part.html, level.author, level.text) : null,
    note: noteOf(found.unwrapped.note, parsed.date),
    attachments,
    problems,
  };
}

/**
 * Reads one raw message. Never throws for bad input: what could be read comes back with
 * `problems` as keys.
 */
export async function readMessage(bytes: Uint8Array, limits: MimeLimits = defaultMimeLimits): Promise<ReadMessage> {
  const read = await readLevel(bytes, limits, 0);
  if (read.attachments.length <= limits.maxAttachments) return read;
  const dropped = read.attachments.length - limits.maxAttachments;
  return {
    ...read,
    attachments: read.attachments.slice(0, limits.maxAttachments),
    problems: [...read.problems, { key: 'attachmentsDropped', limit: limits.maxAttachments, dropped }],
  };
}
