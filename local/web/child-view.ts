// What the web view shows for one child, gathered through the same use cases the `iep` commands
// call (records, messages, digest, deadlines, calendar) plus the local outbox, and put in one
// timeline of mail in and out. Only the timeline's assembly is logic; it is a pure function.

import { calendarLink } from '../../shared/calendar-feed/calendar-feed';
import { childDeadlines } from '../../shared/deadlines/child-deadlines';
import type { DeadlineRow } from '../../shared/deadlines/track-deadlines';
import { parseMime } from '../../shared/mail/parse-mime';
import { originalMessage } from '../../shared/replies/export-bundle';
import type { Child } from '../../shared/store/families';
import type { StoredMessage } from '../../shared/store/messages';
import type { StoredRecord } from '../../shared/store/records';
import type { LocalServices } from '../local-services';
import type { SentMail } from '../outbox';

export interface ReceivedEntry {
  direction: 'in';
  at: string;
  messageId: string;
  /** From the message's headers: untrusted text, escaped when rendered. */
  subject: string;
  from: string;
  status: StoredMessage['status'];
  quarantineReason: string | null;
  /** What this message added, in the order its answer numbers them (removed ones included). */
  records: StoredRecord[];
  alreadyRecorded: number;
}

export interface SentEntry {
  direction: 'out';
  at: string;
  subject: string;
  to: string[];
  text: string;
  attachments: string[];
  /** The answer's reply address (with its signed reference) when a guardian can reply to it. */
  replyAddress: string | null;
}

export type TimelineEntry = ReceivedEntry | SentEntry;

export interface ChildView {
  child: Child;
  timeline: TimelineEntry[];
  /** Every record, removed ones included, oldest first. */
  records: StoredRecord[];
  /** The subject of each message by id, for the records' provenance. */
  subjects: Map<string, string>;
  asOf: string;
  deadlines: DeadlineRow[];
  calendarUrl: string | null;
}

function localPart(address: string): { box: string; domain: string } {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  return { box: local.split('+')[0] ?? local, domain: address.slice(at + 1).toLowerCase() };
}

/** Mail sent for this child: every outgoing mail carries the child's address (or a plus-address of it) as Reply-To. */
export function sentForChild(mails: readonly SentMail[], inboundAddress: string): SentEntry[] {
  const own = localPart(inboundAddress);
  return mails.flatMap((mail) => {
    const replyTo = mail.replyTo.find((address) => {
      const candidate = localPart(address);
      return candidate.box === own.box && candidate.domain === own.domain;
    });
    if (replyTo === undefined) return [];
    return [
      {
        direction: 'out' as const,
        at: mail.sentAt,
        subject: mail.subject,
        to: mail.to,
        text: mail.text,
        attachments: mail.attachments.map((attachment) => attachment.filename),
        replyAddress: replyTo.includes('+') ? replyTo : null,
      },
    ];
  });
}

export interface ReceivedHeaders {
  subject: string;
  from: string;
}

/** Mail in and out in the order it happened (a message before the answer it caused, at equal times). */
export function buildTimeline(
  messages: readonly StoredMessage[],
  headers: ReadonlyMap<string, ReceivedHeaders>,
  records: readonly StoredRecord[],
  sent: readonly SentEntry[],
): TimelineEntry[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const received: ReceivedEntry[] = messages.map((message) => ({
    direction: 'in',
    at: message.receivedAt,
    messageId: message.messageId,
    subject: headers.get(message.messageId)?.subject ?? '',
    from: headers.get(message.messageId)?.from ?? '',
    status: message.status,
    quarantineReason: message.quarantineReason ?? null,
    records: (message.recordIds ?? []).flatMap((id) => {
      const record = byId.get(id);
      return record ? [record] : [];
    }),
    alreadyRecorded: message.alreadyRecorded ?? 0,
  }));
  return [...received, ...sent].sort(
    (a, b) => a.at.localeCompare(b.at) || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1),
  );
}

async function receivedHeaders(
  services: LocalServices,
  childId: string,
  messages: readonly StoredMessage[],
): Promise<Map<string, ReceivedHeaders>> {
  const entries = await Promise.all(
    messages.map(async (message): Promise<[string, ReceivedHeaders]> => {
      try {
        const bytes = await originalMessage(services, childId, message.messageId);
        if (!bytes) return [message.messageId, { subject: '', from: '' }];
        const parsed = await parseMime(bytes);
        return [message.messageId, { subject: parsed.subject, from: parsed.from?.address ?? '' }];
      } catch {
        // A message that cannot be parsed is still listed, without its subject.
        return [message.messageId, { subject: '', from: '' }];
      }
    }),
  );
  return new Map(entries);
}

export async function loadChildView(deps: {
  services: LocalServices;
  sentMail: () => readonly SentMail[];
  child: Child;
  asOf: string;
  calendarBaseUrl: string | null;
}): Promise<ChildView> {
  const { services, child, asOf } = deps;
  const { deadlineRows } = await import('../../shared/deadlines/track-deadlines');
  const [messages, records, deadlines, calendarUrl] = await Promise.all([
    services.messages.list(child.id),
    services.records.list(child.id, { includeDeleted: true }),
    childDeadlines(services, child.id, asOf),
    deps.calendarBaseUrl ? calendarLink(services, child, deps.calendarBaseUrl) : Promise.resolve(null),
  ]);
  const headers = await receivedHeaders(services, child.id, messages);
  const sent = sentForChild(deps.sentMail(), child.inboundAddress);
  return {
    child,
    timeline: buildTimeline(messages, headers, records, sent),
    records,
    subjects: new Map([...headers].map(([id, h]) => [id, h.subject])),
    asOf,
    deadlines: deadlineRows(deadlines),
    calendarUrl,
  };
}

/** The week's digest email as the guardians would get it (HTML), or null for no such child. */
export async function digestHtml(services: LocalServices, childId: string, asOf: string): Promise<string | null> {
  const { digestEmailOf, summary } = await import('../../shared/digest/weekly-digest');
  const digest = await summary(services, childId, asOf);
  return digest ? digestEmailOf(digest).html : null;
}
