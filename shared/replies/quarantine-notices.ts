// Mail from someone not allowed is held (by ingest); here the guardians are told, at most once a
// day per sender, and a guardian's `allow` (a reply to that notice, or the `allow ADDRESS`
// command) accepts the sender and reads what they sent. The sender is never written to.

import { dayIn } from '../calendar/iso-days';
import type { IngestDeps } from '../ingest/ingest-deps';
import { ingestMessage } from '../ingest/ingest-message';
import type { KeepHeld, QuarantineNotice } from '../ingest/ingest-types';
import { REPLY_REFERENCE_MAX_AGE_DAYS, replyAddress, signReplyReference } from '../ingest/reply-reference';
import { keptAddress } from '../mail/mail-address';
import { readMessage } from '../mail/read-message';
import { logger } from '../observability/logger';
import { languageOf } from '../render/language';
import { renderQuarantineNoticeEmail } from '../render/quarantine-notice-email';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import type { StoredAnswer } from '../store/messages';
import { hashId } from '../store/unguessable-ids';
import { sendToGuardians } from './send-to-guardians';

/** An answer item that stands for a notice: a reply `allow` to it accepts `sender`. */
export type NoticeAnswer = StoredAnswer & {
  purpose: 'quarantine-notice';
  sender: string;
  allowable: boolean;
  /** The sender was only unknown, but its From is no address that can be kept on the list. */
  unusableAddress?: boolean;
};

export function isNoticeAnswer(answer: StoredAnswer): answer is NoticeAnswer {
  const value = answer as Partial<NoticeAnswer>;
  return value.purpose === 'quarantine-notice' && typeof value.sender === 'string';
}

/** Most notices a child's guardians get in a day, however many strangers write. */
export const MAX_NOTICES_PER_DAY = 10;

/**
 * Tells the child's guardians about a held message: once a day per sender, never the sender, at
 * most MAX_NOTICES_PER_DAY senders a day. Writes the hold with `keep`: at once when no notice goes
 * out; else with the notice's answer item before sending and marked done after.
 */
export async function noticeQuarantined(deps: IngestDeps, notice: QuarantineNotice, keep: KeepHeld): Promise<boolean> {
  const child = await deps.children.get(notice.childId);
  if (!child) {
    await keep({ guardiansTold: false, done: true });
    return false;
  }
  const { sender } = notice;
  const now = deps.clock.now();
  const day = dayIn(child.timeZone, now);
  const noticeKey = `quarantine-notice#${hashId([sender, day], 16)}`;
  // This sender was noticed today already: the hold is all there is to write.
  if ((await deps.sends.get(child.id, noticeKey))?.state === 'sent') {
    await keep({ guardiansTold: true, done: true });
    return false;
  }
  if (!(await deps.sends.takeDailySlot(child.id, day, noticeKey, MAX_NOTICES_PER_DAY))) {
    logger.info('quarantine notices capped for the day', { cap: MAX_NOTICES_PER_DAY });
    await keep({ guardiansTold: false, done: true });
    return false;
  }
  const unknownSender = notice.hold === 'unknown-sender';
  const allowable = unknownSender && keptAddress(sender) !== null;
  const unusableAddress = unknownSender && !allowable;
  const answerId = hashId(['notice/1', child.id, sender, day], 8);
  const answer: NoticeAnswer = {
    childId: child.id,
    answerId,
    messageId: notice.messageId,
    issuedAt: now.toISOString(),
    recordIds: [],
    expiresAt: Math.floor(now.getTime() / 1000) + (REPLY_REFERENCE_MAX_AGE_DAYS + 1) * 86_400,
    purpose: 'quarantine-notice',
    sender,
    allowable,
    unusableAddress,
  };
  await keep({ guardiansTold: false, done: false }, answer);
  const ref = signReplyReference({ childId: child.id, answerId, issuedAt: now }, deps.replySigningSecret);
  const rendered = renderQuarantineNoticeEmail({
    childName: child.name,
    sender,
    failedChecks: !unknownSender,
    unusableAddress,
    subject: notice.subject,
    say: wordingFor(languageOf(child)),
  });
  const sent = await sendToGuardians(deps, child, noticeKey, {
    to: child.guardians,
    replyTo: [replyAddress(child.inboundAddress, ref)],
    ...rendered,
  });
  await keep({ guardiansTold: true, done: true });
  return sent;
}

export interface Released {
  messages: number;
  recordIds: string[];
}

/**
 * Reads every message from `sender` (now allowed) that was held only because the sender was unknown,
 * as it arrived, and unholds it. Mail held for failed authentication, spam or a virus stays held.
 */
export async function releaseHeld(deps: IngestDeps, child: Child, sender: string): Promise<Released> {
  const released: Released = { messages: 0, recordIds: [] };
  for (const entry of await deps.messages.held(child.id)) {
    if (entry.hold !== 'unknown-sender' || !entry.authentication) continue;
    let bytes: Uint8Array;
    try {
      bytes = await deps.rawMail.get(entry.rawKey);
    } catch {
      continue;
    }
    const read = await readMessage(bytes);
    if ((read.outer.from?.address?.trim().toLowerCase() ?? '') !== sender) continue;
    await deps.messages.update(child.id, entry.messageId, { status: 'received', done: false });
    await ingestMessage(deps, {
      bytes,
      recipients: [child.inboundAddress],
      rawKey: entry.rawKey,
      authentication: entry.authentication,
    });
    await deps.messages.unhold(entry);
    const message = await deps.messages.get(child.id, entry.messageId);
    released.messages++;
    for (const id of message?.recordIds ?? []) if (!released.recordIds.includes(id)) released.recordIds.push(id);
  }
  logger.info('held mail released', { messages: released.messages, records: released.recordIds.length });
  return released;
}
