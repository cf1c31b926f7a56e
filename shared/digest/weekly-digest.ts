// The weekly digest of one child: load its partition (one query), turn them into the digest's input, compute it,
// and send it to the guardians exactly once per child and week with the deadline calendar attached.
// The send is recorded (claimed, conditionally) before it goes out; a failed send releases the claim
// so the next attempt sends, and a second attempt after a successful one sends nothing.

import { dayIn, mondayOf } from '../calendar/iso-days';
import { calendarLink } from '../calendar-feed/calendar-feed';
import { parseDigestInput } from '../compliance/digest-input-schema';
import type { DigestInput, DigestModel } from '../compliance/digest-types';
import { renderCalendar } from '../deadlines/calendar';
import { type Deadline, meetingDays } from '../deadlines/track-deadlines';
import type { Clock } from '../ports/clock';
import type { MailSender } from '../ports/mail-sender';
import type { RawMailStore } from '../ports/raw-mail-store';
import type { Repositories } from '../ports/repositories';
import type { IsoDate } from '../records/types';
import { type DigestEmail, renderDigestEmail } from '../render/digest-email';
import { languageOf, letterLanguageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import type { StoredMessage } from '../store/messages';
import { type MailingListDeps, mailingListHeaders } from '../unsubscribe/one-click';
import { buildDigestInput, deadlinesOf, groupForDigest } from './digest-input';
import { computeDigest } from './digest-model';
import { staffContacts } from './staff-contacts';

export interface DigestDeps extends Repositories, MailingListDeps {
  clock: Clock;
  rawMail: RawMailStore;
  sender: MailSender;
  fromAddress: string;
  inboundDomain: string;
  /** Base of the private calendar feed URLs: every digest gives the child's feed. */
  calendarBaseUrl?: string;
}

export interface ChildSummary {
  child: Child;
  input: DigestInput;
  model: DigestModel;
  /** Every tracked deadline (the model keeps only the awaited ones). */
  deadlines: Deadline[];
  meetings: IsoDate[];
  /** The child's private calendar feed (https), or null where the tracker serves none. */
  calendarUrl: string | null;
}

/**
 * The contacts seen in the child's recorded mail, from what each message's item keeps of its
 * author; `stored` are the child's messages when already read.
 */
export async function contactsOfChild(deps: DigestDeps, child: Child, stored?: readonly StoredMessage[]) {
  const messages = (stored ?? (await deps.messages.list(child.id))).filter((m) => m.status === 'recorded');
  return staffContacts(
    messages.map((m) => m.author),
    {
      exclude: [...child.guardians, deps.fromAddress.toLowerCase()],
      excludeDomains: [deps.inboundDomain.toLowerCase()],
    },
  );
}

/**
 * The digest of one child as of a day, computed from what is stored: what `iep digest --json`
 * prints and what the `summary` email command answers with. Null when there is no such child.
 */
export async function summary(deps: DigestDeps, childId: string, asOf: IsoDate): Promise<ChildSummary | null> {
  // One paginated query of the child's partition: profile, records, messages, digest log, marks, calendar token.
  const partition = await deps.children.partition(childId);
  if (!partition) return null;
  const { child, records, digestLog: log, marks } = partition;
  const contacts = await contactsOfChild(deps, child, partition.messages);
  const first = partition.messages[0];
  const input = parseDigestInput(
    buildDigestInput({
      childName: child.name,
      asOf,
      state: child.state,
      records,
      contacts,
      log,
      marks,
      schoolYear: child.schoolYear ?? null,
      trackingSince: child.trackingSince ?? null,
      firstReceived: first ? dayIn(child.timeZone, new Date(first.receivedAt)) : null,
    }),
  );
  const dates = groupForDigest(records).dates;
  const deadlines = deadlinesOf(dates, child, asOf, marks);
  // The feed's token comes with the partition; only a child's first digest creates it.
  const calendarUrl = deps.calendarBaseUrl
    ? await calendarLink(deps, child, deps.calendarBaseUrl, partition.calendarToken)
    : null;
  return {
    child,
    input,
    model: computeDigest(input, languageOf(child), letterLanguageOf(child)),
    deadlines,
    meetings: meetingDays(dates),
    calendarUrl,
  };
}

/** The digest email of a computed summary: in the family's language, with the calendar's links. */
export function digestEmailOf(computed: ChildSummary): DigestEmail {
  return renderDigestEmail(
    computed.model,
    { calendarUrl: computed.calendarUrl },
    wordingFor(languageOf(computed.child)),
  );
}

export type DigestSendStatus = 'sent' | 'already-sent' | 'paused' | 'no-child';

export interface DigestSendResult {
  status: DigestSendStatus;
  /** The week the digest is for (its Monday), when there was a child. */
  weekStart?: IsoDate;
  messageId?: string;
}

/** The key of the week's digest in the send ledger. */
export const digestSendKey = (weekStart: IsoDate) => `digest#${weekStart}`;

export function calendarAttachment(summary: ChildSummary, stamp: Date) {
  const ics = renderCalendar({
    childId: summary.child.id,
    childName: summary.input.child,
    deadlines: summary.deadlines,
    meetings: summary.meetings,
    stamp,
    say: wordingFor(languageOf(summary.child)),
  });
  return { filename: 'iep-deadlines.ics', contentType: 'text/calendar; charset=utf-8', content: Buffer.from(ics) };
}

/**
 * Sends the child's digest for the week containing `asOf` (default: today in the family's zone),
 * once. With `reschedule` (the scheduled path), the child's next digest moves a week on afterwards.
 */
export async function sendDigest(
  deps: DigestDeps,
  childId: string,
  options: { asOf?: IsoDate; reschedule?: boolean } = {},
): Promise<DigestSendResult> {
  const now = deps.clock.now();
  const child = await deps.children.get(childId);
  if (!child) return { status: 'no-child' };
  if (child.paused) return { status: 'paused' };
  const asOf = options.asOf ?? dayIn(child.timeZone, now);
  const weekStart = mondayOf(asOf);
  const sendKey = digestSendKey(weekStart);
  // A claim held by an unfinished attempt is not a sent digest: wait, or throw for the queue to retry.
  if (!(await deps.sends.claim(child.id, sendKey)) && !(await deps.sends.claimAfterWaiting(child.id, sendKey))) {
    if (options.reschedule) await rescheduleIfDue(deps, child, now);
    return { status: 'already-sent', weekStart };
  }
  let messageId: string;
  try {
    const computed = await summary(deps, child.id, asOf);
    if (!computed) throw new Error('the child was deleted while its digest was being made');
    // The week's flags are kept first: a send that fails after this leaves the same entry for the retry.
    await deps.digestLog.put(child.id, {
      weekStart,
      asOf,
      flags: computed.model.flags.map((flag) => ({ kind: flag.kind, service: flag.service })),
    });
    const email = digestEmailOf(computed);
    ({ messageId } = await deps.sender.send({
      from: deps.fromAddress,
      to: child.guardians,
      // Replies (`done 2`, `summary`, `pause`) go to the child's address, where commands are read.
      replyTo: [child.inboundAddress],
      subject: email.subject,
      text: email.text,
      html: email.html,
      language: email.language,
      attachments: [calendarAttachment(computed, now)],
      headers: { 'Auto-Submitted': 'auto-generated', ...mailingListHeaders(deps, child) },
    }));
  } catch (error) {
    await deps.sends.release(child.id, sendKey).catch(() => {});
    throw error;
  }
  // The digest is out: marking it sent is retried here, never by sending it again.
  await deps.sends.completePatiently(child.id, sendKey, messageId);
  if (options.reschedule) await rescheduleIfDue(deps, child, now);
  return { status: 'sent', weekStart, messageId };
}

/** Moves the next digest a week on, unless another run already did. */
async function rescheduleIfDue(deps: DigestDeps, child: Child, now: Date): Promise<void> {
  if (child.nextDigestAt && Date.parse(child.nextDigestAt) <= now.getTime() + 60 * 60 * 1000) {
    await deps.children.markDigestSent(child.id, now);
  }
}
