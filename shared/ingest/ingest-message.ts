// The ingest use case: one inbound message, from raw bytes to records and one answer.
//   (a) keep first: the raw bytes are stored before anything else;
//   (b) whose is it: each recipient address → a child (none: kept under `unrouted/`, nothing else);
//   (c) sender check: a guardian or allow-listed sender of THAT child, passing the verdicts given;
//       anyone else: kept, quarantined, not read, never answered;
//   (d) read and extract; (e) store records idempotently (deterministic ids, one batch);
//   (f) answer the guardian who sent it, exactly once, with a signed reply reference.
// Every step after (a) can be repeated: a retry of a message half done completes it, a retry of
// a finished one does nothing.

import { createHash } from 'node:crypto';
import { dayIn } from '../calendar/iso-days';
import { messageAuthor } from '../digest/staff-contacts';
import { extractBounded } from '../extract/bounded-extract';
import type { ExtractOutcome } from '../extract/extract-from-bytes';
import { distinctProblems } from '../extract/reading-problem';
import { authoredOn, noteOn } from '../mail/authored-on';
import { readMessage } from '../mail/read-message';
import type { ReadMessage } from '../mail/types';
import { logger } from '../observability/logger';
import type { OutgoingMail } from '../ports/mail-sender';
import { renderAnswerEmail, renderForwardingVerification } from '../render/answer-email';
import { languageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import type { Child, RoutedRecipient } from '../store/families';
import type { SendEntry, StoredMessage } from '../store/messages';
import type { StoredRecord } from '../store/records';
import { hashId } from '../store/unguessable-ids';
import { originalContentKey, recordsFromExtraction } from './content-key';
import type { IngestDeps } from './ingest-deps';
import type { ChildOutcome, IngestInput, IngestResult, KeepHeld } from './ingest-types';
import {
  REPLY_REFERENCE_MAX_AGE_DAYS,
  replyAddress,
  signReplyReference,
  verifyReplyReference,
} from './reply-reference';
import { judgeSender, type SenderJudgement, UNKNOWN_SENDER_REASON } from './sender-authentication';

const MAX_RECIPIENTS = 50;
const RAW_KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._/+=-]{0,511}$/;
const GMAIL_FORWARDING = 'forwarding-noreply@google.com';
const NO_REPLY_LOCALS = new Set([
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
  'mailer-daemon',
  'postmaster',
  'bounce',
  'bounces',
]);

/** Where the raw bytes live: the platform's key, else one derived from their SHA-256. */
export function rawKeyFor(input: Pick<IngestInput, 'bytes' | 'rawKey'>): string {
  if (input.rawKey !== undefined) {
    if (!RAW_KEY_SHAPE.test(input.rawKey) || input.rawKey.split('/').includes('..')) throw new Error('invalid raw key');
    return input.rawKey;
  }
  return `inbound/${createHash('sha256').update(input.bytes).digest('hex')}.eml`;
}

/** True when answering could start a mail loop or reach a machine: auto-submitted, bulk, no-reply, ourselves. */
export function answeringWouldLoop(read: ReadMessage, sender: string, ownDomains: string[]): boolean {
  const headers = read.outer.headers;
  const autoSubmitted = headers['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  const precedence = headers.precedence?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list' || precedence === 'auto_reply')
    return true;
  if (
    headers['x-autoreply'] ||
    headers['x-autorespond'] ||
    headers['x-auto-response-suppress']?.toLowerCase() === 'all'
  ) {
    return true;
  }
  const at = sender.lastIndexOf('@');
  const local = sender.slice(0, at);
  const domain = sender.slice(at + 1);
  if (NO_REPLY_LOCALS.has(local) || local.startsWith('noreply') || local.startsWith('no-reply')) return true;
  return ownDomains.includes(domain);
}

async function keepUnrouted(deps: IngestDeps, rawKey: string, bytes: Uint8Array): Promise<void> {
  if (rawKey.startsWith('unrouted/')) return;
  const base = rawKey.slice(rawKey.lastIndexOf('/') + 1);
  await deps.rawMail.put(`unrouted/${base}`, bytes);
  await deps.rawMail.deletePrefix(rawKey);
}

export async function ingestMessage(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const started = Date.now();
  // (a) keep first
  const rawKey = rawKeyFor(input);
  await deps.rawMail.put(rawKey, input.bytes);
  const messageId = hashId(['message/1', rawKey], 26);

  // (b) whose is it
  const routes = new Map<string, RoutedRecipient>();
  for (const recipient of input.recipients.slice(0, MAX_RECIPIENTS)) {
    const route = await deps.children.route(recipient);
    if (route && !routes.has(route.child.id)) routes.set(route.child.id, route);
  }
  if (routes.size === 0) {
    await keepUnrouted(deps, rawKey, input.bytes);
    logger.info('message unrouted', { messageId, bytes: input.bytes.length });
    return { messageId, rawKey, unrouted: true, children: [] };
  }

  // Read once, and only when some child's copy still has work to do (a redelivery has none).
  let reading: Promise<ReadMessage> | null = null;
  const read = () => {
    reading ??= readMessage(input.bytes);
    return reading;
  };
  const children: ChildOutcome[] = [];
  for (const route of routes.values()) {
    children.push(await ingestForChild(deps, input, { rawKey, messageId, read, route }));
  }
  logger.info('message ingested', {
    messageId,
    children: children.map((c) => ({ status: c.status, recorded: c.recorded, already: c.alreadyRecorded })),
    ms: Date.now() - started,
  });
  return { messageId, rawKey, unrouted: false, children };
}

interface ChildStep {
  rawKey: string;
  messageId: string;
  read: () => Promise<ReadMessage>;
  route: RoutedRecipient;
}

async function ingestForChild(deps: IngestDeps, input: IngestInput, step: ChildStep): Promise<ChildOutcome> {
  const { child, plus } = step.route;
  const { rawKey, messageId } = step;
  const base: ChildOutcome = {
    childId: child.id,
    status: 'recorded',
    recorded: 0,
    alreadyRecorded: 0,
    answered: false,
  };
  const { message, firstDelivery } = await deps.messages.begin({
    childId: child.id,
    messageId,
    rawKey,
    receivedAt: deps.clock.now().toISOString(),
  });
  if (message.done) {
    return {
      ...base,
      status: 'duplicate',
      recorded: message.newRecords ?? 0,
      alreadyRecorded: message.alreadyRecorded ?? 0,
    };
  }

  const read = await step.read();
  const sender = read.outer.from?.address?.trim().toLowerCase() ?? '';
  const judgement = judgeSender(read.outer.fromMailboxes, input.authentication);

  // (g) Gmail's forwarding confirmation goes to the guardians, its words unchanged: only when DMARC
  // proved it is Google's, and at most once a day per child (the link in it is a phishing lure otherwise).
  if (sender === GMAIL_FORWARDING && judgement.authenticated && judgement.verifiedDomain === 'google.com') {
    const day = deps.clock.now().toISOString().slice(0, 10);
    const { sent: answered } = await sendOnce(deps, ledgerSend(deps, child.id, `verification#${day}`), () => {
      const rendered = renderForwardingVerification(
        { childName: child.name, subject: read.outer.subject, text: read.text },
        wordingFor(languageOf(child)),
      );
      return {
        from: deps.fromAddress,
        to: child.guardians,
        ...rendered,
        headers: { 'Auto-Submitted': 'auto-replied' },
      };
    });
    await deps.messages.update(child.id, messageId, { status: 'forwarding-verification', done: true });
    return { ...base, status: 'forwarding-verification', answered };
  }

  // (c) only the family's own people, proven to be who they say
  const isGuardian = judgement.authenticated && sender !== '' && child.guardians.includes(sender);
  const isAllowed = isGuardian || (judgement.authenticated && sender !== '' && child.allowedSenders.includes(sender));
  if (!isAllowed) {
    await holdMessage(deps, input, { message, read, sender }, judgement);
    return { ...base, status: 'quarantined' };
  }

  // A guardian's reply or email command goes to the reply step, when one is wired in.
  if (isGuardian && deps.onGuardianMail) {
    const handled = await deps.onGuardianMail({ child, messageId, rawKey, plus, read, sender });
    if (handled) {
      const answerId = handled.answerId ? { answerId: handled.answerId } : {};
      if (!handled.deletionQueued) {
        await deps.messages.update(child.id, messageId, { status: handled.status, ...answerId, done: true });
      }
      const replyTo = handled.answerId ? { replyTo: { answerId: handled.answerId } } : {};
      return { ...base, status: handled.status, answered: handled.answered, ...replyTo };
    }
  }

  // A forward sent to a reply address (the reply step leaves forwards alone): kept, not read as records.
  if (plus !== null && isGuardian) {
    const reference = verifyReplyReference(plus, deps.replySigningSecret, deps.clock.now());
    if (reference && reference.childId === child.id) {
      await deps.messages.update(child.id, messageId, { status: 'reply', answerId: reference.answerId, done: true });
      return { ...base, status: 'reply', replyTo: { answerId: reference.answerId } };
    }
  }

  // (d) read and extract
  let extracted: ExtractOutcome | null = null;
  try {
    extracted = await extractBounded(read, {
      tz: child.timeZone,
      file: rawKey.slice(rawKey.lastIndexOf('/') + 1),
    });
  } catch (error) {
    logger.warn('extraction failed', { messageId, error: error instanceof Error ? error.name : 'unknown' });
  }

  // (e) records, idempotently
  const recordedAt = message.receivedAt;
  const candidates = extracted
    ? recordsFromExtraction(extracted.extraction, {
        childId: child.id,
        messageId,
        rawKey,
        recordedAt,
        originalKey: originalContentKey({
          author: read.author?.address ?? sender,
          authoredOn: extracted.extraction.sentOn ?? authoredOn(read, child.timeZone),
          text: read.text,
          attachments: read.attachments.map((attachment) => attachment.content),
        }),
        noteKey: read.note
          ? originalContentKey({ author: sender, authoredOn: noteOn(read, child.timeZone), text: read.note.text })
          : null,
      })
    : [];
  // Records and the answer's item go in one batch; the message item is written again only when
  // all is done (a retry redoes every step before that, each idempotent).
  const ownDomains = [deps.inboundDomain, deps.fromAddress.slice(deps.fromAddress.lastIndexOf('@') + 1).toLowerCase()];
  const answers = isGuardian && !answeringWouldLoop(read, sender, ownDomains);
  const answerId = hashId(['answer/1', child.id, messageId], 8);
  const answer = answers
    ? {
        childId: child.id,
        answerId,
        messageId,
        issuedAt: message.receivedAt,
        recordIds: candidates.map((candidate) => candidate.id),
        expiresAt:
          Math.floor(new Date(message.receivedAt).getTime() / 1000) + (REPLY_REFERENCE_MAX_AGE_DAYS + 1) * 86_400,
      }
    : undefined;
  const items: Array<{ record: StoredRecord; alreadyRecorded: boolean }> = [];
  for (const { record, existing } of await deps.records.putManyIfNew(candidates, answer)) {
    // A record written by an earlier attempt at THIS message still counts as this message's own.
    if (!existing || existing.messageId === messageId) items.push({ record, alreadyRecorded: false });
    else items.push({ record: existing, alreadyRecorded: true });
  }
  const newRecords = items.filter((item) => !item.alreadyRecorded).length;
  const status = extracted ? 'recorded' : 'unreadable';

  const author = extracted ? messageAuthor(read) : null;
  const finished = {
    status,
    ...(author ? { author } : {}),
    recordIds: items.map((item) => item.record.id),
    newRecords,
    alreadyRecorded: items.length - newRecords,
    ...(answers ? { answerId } : {}),
    done: true,
  } as const;

  // (f) answer the guardian who sent it, once; the message's final item goes with the mark of the send
  let answered = false;
  let messageDone = false;
  if (answers) {
    ({ sent: answered, messageDone } = await answerGuardian(deps, {
      child,
      message,
      sender,
      read,
      items,
      extracted,
      answerId,
      firstDelivery,
      finished: { ...message, ...finished },
    }));
  }
  if (!messageDone) await deps.messages.update(child.id, messageId, finished);
  return {
    ...base,
    status,
    recorded: newRecords,
    alreadyRecorded: items.length - newRecords,
    answered,
  };
}

/**
 * Keeps a message out of the records: listed as held, the guardians told (by the hook), marked
 * done. The entry and the message item go in one request, with the notice's own writes where one
 * goes out; without a hook, that one request is all.
 */
async function holdMessage(
  deps: IngestDeps,
  input: IngestInput,
  held: { message: StoredMessage; read: ReadMessage; sender: string },
  judgement: SenderJudgement,
): Promise<void> {
  const { message } = held;
  const hold = judgement.authenticated ? 'unknown-sender' : judgement.hold;
  const reason = judgement.authenticated ? UNKNOWN_SENDER_REASON : judgement.reason;
  const entry = {
    childId: message.childId,
    messageId: message.messageId,
    rawKey: message.rawKey,
    receivedAt: message.receivedAt,
    reason,
    hold,
    authentication: input.authentication,
  };
  const keep: KeepHeld = ({ guardiansTold, done }, answer) =>
    deps.messages.keepHeld(
      {
        entry: { ...entry, guardiansTold },
        message: { ...message, status: 'quarantined', quarantineReason: reason, done },
      },
      answer,
    );
  if (!deps.onQuarantined) return keep({ guardiansTold: false, done: true });
  // Idempotent, as a retry that did not get past it calls it again (it goes through the send ledger).
  await deps.onQuarantined({ ...entry, sender: held.sender, subject: held.read.outer.subject }, keep);
}

interface AnswerStep {
  child: Child;
  message: StoredMessage;
  sender: string;
  read: ReadMessage;
  items: Array<{ record: StoredRecord; alreadyRecorded: boolean }>;
  extracted: ExtractOutcome | null;
  /** The answer whose item was stored with the records. */
  answerId: string;
  /** True when this delivery created the message item, and so holds the claim on its answer. */
  firstDelivery: boolean;
  /** The message's final item, written with the mark of the send. */
  finished: StoredMessage;
}

async function answerGuardian(deps: IngestDeps, step: AnswerStep): Promise<SendOutcome> {
  const { child, message, read, items, extracted, answerId } = step;
  const issuedAt = new Date(message.receivedAt);
  const ref = signReplyReference({ childId: child.id, answerId, issuedAt }, deps.replySigningSecret);
  const ignored: Array<{ what: string; why: string }> = [];
  const problems = distinctProblems([...read.problems, ...(extracted?.problems ?? [])]);
  const unread = extracted?.unread ?? [];
  const say = wordingFor(languageOf(child));
  if (extracted && items.length === 0 && problems.length === 0 && unread.length === 0) {
    ignored.push({
      what: read.subject.trim() || say('answer.thisMessage'),
      why: say('answer.nothingAbout', { name: child.name }),
    });
  }
  return sendOnce(deps, answerSend(deps, step), () => {
    const rendered = renderAnswerEmail(
      {
        childName: child.name,
        subject: read.outer.subject,
        items,
        ignored,
        problems,
        unread,
        unreadable: extracted === null,
        today: dayIn(child.timeZone, issuedAt),
      },
      say,
    );
    const inReplyTo = safeMessageIdHeader(read.outer.messageId);
    return {
      from: deps.fromAddress,
      to: [step.sender],
      replyTo: [replyAddress(child.inboundAddress, ref)],
      ...rendered,
      headers: {
        'Auto-Submitted': 'auto-replied',
        ...(inReplyTo ? { 'In-Reply-To': inReplyTo, References: inReplyTo } : {}),
      },
    };
  });
}

/** A Message-ID from inbound mail, only when it has the plain `<local@domain>` shape. */
export function safeMessageIdHeader(value: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const bare = trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed;
  if (bare.length > 250 || !/^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/.test(bare)) return null;
  return `<${bare}>`;
}

export { SendInProgress } from '../store/messages';

/** Where a mail's exactly-once claim is kept: claimed before sending, marked sent after, released on failure. */
interface SendClaim {
  /** The claim, or null when the mail was sent; throws SendInProgress while another attempt holds it. */
  claim(): Promise<SendEntry | null>;
  release(claim: SendEntry): Promise<void>;
  /** Marks the mail sent; true when the message's final item was written with the mark. */
  complete(claim: SendEntry, providerMessageId: string): Promise<boolean>;
}

/**
 * Sends one mail once: claimed before sending, marked sent after, released on failure. Another
 * attempt's unfinished claim is waited for briefly, then reported as SendInProgress, so a retry
 * never marks the message done while its answer may still be unsent (a claim whose attempt died
 * is taken over once its lease runs out). Marking sent is retried: the mail is out.
 */
async function sendOnce(deps: IngestDeps, ledger: SendClaim, build: () => OutgoingMail): Promise<SendOutcome> {
  const claim = await ledger.claim();
  if (!claim) return { sent: false, messageDone: false };
  let providerId: string;
  try {
    providerId = (await deps.sender.send(build())).messageId;
  } catch (error) {
    await ledger.release(claim);
    throw error;
  }
  return { sent: true, messageDone: await ledger.complete(claim, providerId) };
}

/** A mail claimed in the send ledger under its own key (the Gmail verification). */
function ledgerSend(deps: IngestDeps, childId: string, sendKey: string): SendClaim {
  return {
    claim: async () =>
      (await deps.sends.claimEntry(childId, sendKey)) ?? (await deps.sends.claimEntryAfterWaiting(childId, sendKey)),
    release: () => deps.sends.release(childId, sendKey),
    complete: async (_claim, providerId) => {
      if (!(await deps.sends.completePatiently(childId, sendKey, providerId))) {
        logger.warn('sent mail not marked sent', { sendKey });
      }
      return false;
    },
  };
}

/**
 * The answer, claimed on the message item: by the arrival write when this delivery created it,
 * else taken over here; marked sent with the message's final item (one write).
 */
function answerSend(deps: IngestDeps, step: AnswerStep): SendClaim {
  const { child, message } = step;
  return {
    claim: async () =>
      step.firstDelivery && message.answerSend?.state === 'claimed'
        ? message.answerSend
        : await deps.messages.claimAnswerAfterWaiting(child.id, message.messageId),
    release: (claim) => deps.messages.releaseAnswer(claim, message.messageId),
    complete: async (claim, providerId) => {
      if (await deps.messages.completeAnswerWithMessage(claim, providerId, step.finished)) return true;
      if (!(await deps.messages.completeAnswerPatiently(claim, message.messageId, providerId))) {
        logger.warn('sent answer not marked sent', { messageId: message.messageId });
      }
      return false;
    },
  };
}

interface SendOutcome {
  sent: boolean;
  /** True when the message's final item (`done`) was written with the mark of the send. */
  messageDone: boolean;
}
