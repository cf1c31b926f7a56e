// Every use case behind one object, for the local stack and the CLI (`iep`). The Lambda handlers
// compose only the use cases each one calls (functions/commons/); both build on the same pieces.
import type { SchoolYearSetting } from './calendar/school-calendar';
import { calendarFeed, calendarLink, newCalendarLink } from './calendar-feed/calendar-feed';
import { type ServicesDeps, useCaseDeps } from './composition/use-case-deps';
import type { Deadline, ParentMark } from './deadlines/track-deadlines';
import { deadlinesOf, groupForDigest } from './digest/digest-input';
import { type ChildSummary, type DigestSendResult, sendDigest, summary } from './digest/weekly-digest';
import { type FeedbackNotice, suppressReported } from './feedback/suppressed-recipients';
import { inboundMail } from './ingest/inbound-mail';
import type { IngestInput, IngestResult } from './ingest/ingest-types';
import { type ReplyReference, verifyReplyReference } from './ingest/reply-reference';
import { logger } from './observability/logger';
import type { ScheduledKind, ScheduledSend, ScheduledSendQueue } from './ports/scheduled-send-queue';
import type { IsoDate } from './records/types';
import { type ReminderResult, sendReminders } from './reminders/daily-reminders';
import type { Language } from './render/language';
import { buildExport, type ExportBundle } from './replies/export-bundle';
import { sendWelcome } from './replies/welcome';
import { dueSends, queueDueSends } from './scheduling/due-sends';
import type { DigestSchedule } from './scheduling/schedule-rules';
import { runScheduledSend, type ScheduledSendResult } from './scheduling/scheduled-sends';
import type { Child, CreateChildInput, DeletionReport } from './store/families';
import type { QuarantineEntry, StoredAnswer, StoredMessage } from './store/messages';
import type { StoredRecord } from './store/records';
import { unsubscribeChild } from './unsubscribe/unsubscribe-child';

export type { ServicesDeps } from './composition/use-case-deps';
export type { Deadline, ParentMark } from './deadlines/track-deadlines';
export type { DeletionOutcome } from './deletion/child-deletion';
export type { ChildSummary, DigestSendResult } from './digest/weekly-digest';
export type { FeedbackNotice } from './feedback/suppressed-recipients';
export type { ChildOutcome, IngestInput, IngestResult, QuarantineNotice } from './ingest/ingest-types';
export type { ScheduledKind, ScheduledSend, ScheduledSendQueue } from './ports/scheduled-send-queue';
export type { ReminderResult } from './reminders/daily-reminders';
export type { DigestSchedule } from './scheduling/schedule-rules';
export type { ScheduledSendResult } from './scheduling/scheduled-sends';
export type { Child, CreateChildInput, DeletionReport } from './store/families';
export type { QuarantineEntry, StoredAnswer, StoredMessage } from './store/messages';
export type { RecordChange, StoredRecord } from './store/records';

export interface Services {
  families: {
    createChild(input: CreateChildInput): Promise<Child>;
    /** Sends the welcome mail to the child's guardians (once per child); false when sent before. */
    welcome(childId: string): Promise<boolean>;
    get(childId: string): Promise<Child | null>;
    list(): Promise<Child[]>;
    /** Lower-case and plus-addressing tolerant (`maya-xxxx+anything@` is Maya). */
    findByAddress(address: string): Promise<Child | null>;
    addGuardian(childId: string, address: string): Promise<Child>;
    allowSender(childId: string, address: string): Promise<Child>;
    removeSender(childId: string, address: string): Promise<Child>;
    pause(childId: string): Promise<Child>;
    resume(childId: string): Promise<Child>;
    /** The operator's delete: every record, message, answer and raw message of the child, then the child (and the outbox's copies of its mail). */
    deleteChild(childId: string): Promise<DeletionReport>;
    /** Children whose digest falls in the UTC hour containing `hour` (queries the shards, no scan). */
    dueForDigest(hour: Date): Promise<Child[]>;
    /** Ids of the children due in that hour, from the index alone (what the dispatcher queues). */
    dueForDigestIds(hour: Date): Promise<string[]>;
    /** Moves the child's next digest a week on (in the family's zone) after one was sent. */
    markDigestSent(childId: string, sentAt: Date): Promise<Child>;
    /** Sets the digest's weekday and local hour (`fri 16:00`); the next digest is due then. */
    setDigest(childId: string, digest: DigestSchedule): Promise<Child>;
    /** The school year's first and last days; null goes back to the state's estimate. */
    setSchoolYear(childId: string, schoolYear: SchoolYearSetting | null): Promise<Child>;
    /** Sets the day the family began tracking the child (null: the first message received). */
    setTrackingSince(childId: string, day: IsoDate | null): Promise<Child>;
    /** The language of every message to the guardians. */
    setLanguage(childId: string, language: Language): Promise<Child>;
  };
  digest: {
    /** The child's digest as of a day (what `iep digest --json` prints and the `summary` command answers); null for no child. */
    summary(childId: string, asOf: IsoDate): Promise<ChildSummary | null>;
    /**
     * Sends the week's digest once (claimed before sending; a failed send can be retried). `asOf`
     * defaults to today in the family's zone; `reschedule` moves the next digest a week on.
     */
    send(childId: string, options?: { asOf?: IsoDate; reschedule?: boolean }): Promise<DigestSendResult>;
  };
  deadlines: {
    /** Every deadline of the child on `asOf`, in the order `done N` numbers them; [] for no child. */
    list(childId: string, asOf: IsoDate): Promise<Deadline[]>;
    /** Keeps a parent's `done N` / `dismiss N` (resolve N with resolveParentMark first). */
    mark(childId: string, mark: ParentMark): Promise<void>;
  };
  reminders: {
    /** Sends the child's deadline reminders for today (in the family's zone), each once. */
    send(childId: string, options?: { today?: IsoDate }): Promise<ReminderResult>;
  };
  /** The hourly runs: what is due at an hour goes to a queue; each queued send runs on its own. */
  scheduled: {
    /** The sends of one kind due in the hour a run at `at` is for, from the indexes alone. */
    due(kind: ScheduledKind, at: Date): Promise<ScheduledSend[]>;
    /** Queues the sends due at `at`; returns the hour it ran for and how many were queued. */
    dispatch(kind: ScheduledKind, at: Date, queue: ScheduledSendQueue): Promise<{ hour: Date; queued: number }>;
    /** Runs one queued send for the due hour's day in the family's zone (claimed: never twice). */
    run(send: ScheduledSend): Promise<ScheduledSendResult>;
  };
  calendar: {
    /** The child's private feed URL under `baseUrl`, created on first use. */
    link(childId: string, baseUrl: string): Promise<string>;
    /** `new calendar link`: a new URL; the old one stops working. */
    rotate(childId: string, baseUrl: string): Promise<string>;
    /** The .ics for a feed token, or null for an unknown or rotated token. */
    feed(token: string): Promise<string | null>;
  };
  feedback: {
    /** Marks bounced or complaining addresses: no mail goes to them again. Returns how many were marked. */
    suppress(notice: FeedbackNotice): Promise<number>;
    isSuppressed(address: string): Promise<boolean>;
  };
  ingest(input: IngestInput): Promise<IngestResult>;

  /** One-click unsubscribe: pauses the child a signed token is for; false for a token we did not sign or no child. */
  unsubscribe(token: string): Promise<boolean>;
  records: {
    list(childId: string, options?: { includeDeleted?: boolean }): Promise<StoredRecord[]>;
    get(childId: string, recordId: string): Promise<StoredRecord | null>;
  };
  messages: {
    list(childId: string): Promise<StoredMessage[]>;
    quarantined(childId: string): Promise<QuarantineEntry[]>;
    /** A message of the child exactly as received, or null when the child has no such message. */
    original(childId: string, messageId: string): Promise<Uint8Array | null>;
  };
  replies: {
    /** Checks a reply's plus-address reference and returns the answer it refers to, or null. */
    resolve(childId: string, ref: string): Promise<{ reference: ReplyReference; answer: StoredAnswer } | null>;
  };
  exports: {
    /** Everything kept for a child as files (records CSV, deadlines calendar, originals zip); null for no such child. */
    build(childId: string): Promise<ExportBundle | null>;
  };
  sends: {
    /** Exactly-once guard for any outgoing mail: claim, send, then complete (or release on failure). */
    claim(childId: string, sendKey: string): Promise<boolean>;
    complete(childId: string, sendKey: string, providerMessageId: string): Promise<void>;
    release(childId: string, sendKey: string): Promise<void>;
  };
}

/**
 * Every use case, for the local stack (local/local-services.ts) and the CLI. Built from the same
 * `useCaseDeps` and `inboundMail` as the Lambda handlers' own compositions (functions/commons/):
 * there is no switch that makes one runtime behave differently from the other.
 */
export function createServices(deps: ServicesDeps): Services {
  const { ingest, deps: ctx } = inboundMail(useCaseDeps(deps), deps.onQuarantined);
  return {
    families: {
      createChild: async (input) => {
        const child = await ctx.children.create(input);
        // The child exists either way; a welcome that could not be sent can be sent again with `welcome`.
        await sendWelcome(ctx, child).catch((error: unknown) => {
          logger.warn('welcome not sent', { error: error instanceof Error ? error.name : 'unknown' });
        });
        return child;
      },
      welcome: async (childId) => {
        const child = await ctx.children.get(childId);
        return child ? sendWelcome(ctx, child) : false;
      },
      get: (childId) => ctx.children.get(childId),
      list: () => ctx.children.list(),
      findByAddress: (address) => ctx.children.findByAddress(address),
      addGuardian: (childId, address) => ctx.children.addGuardian(childId, address),
      allowSender: (childId, address) => ctx.children.allowSender(childId, address),
      removeSender: (childId, address) => ctx.children.removeSender(childId, address),
      pause: (childId) => ctx.children.pause(childId),
      resume: (childId) => ctx.children.resume(childId),
      deleteChild: async (childId) => {
        const child = await ctx.children.get(childId);
        const report = await ctx.children.delete(childId);
        if (child && ctx.sentMailCopies) await ctx.sentMailCopies.forgetChild(child.inboundAddress);
        return report;
      },
      dueForDigest: (hour) => ctx.children.dueForDigest(hour),
      dueForDigestIds: (hour) => ctx.dueIndex.digestChildIds(hour),
      markDigestSent: (childId, sentAt) => ctx.children.markDigestSent(childId, sentAt),
      setDigest: (childId, digest) => ctx.children.setDigestSchedule(childId, digest),
      setSchoolYear: (childId, schoolYear) => ctx.children.setSchoolYear(childId, schoolYear),
      setTrackingSince: (childId, day) => ctx.children.setTrackingSince(childId, day),
      setLanguage: (childId, language) => ctx.children.setLanguage(childId, language),
    },
    digest: {
      summary: (childId, asOf) => summary(ctx, childId, asOf),
      send: (childId, options) => sendDigest(ctx, childId, options),
    },
    deadlines: {
      list: async (childId, asOf) => {
        const child = await ctx.children.get(childId);
        if (!child) return [];
        const [records, marks] = await Promise.all([ctx.records.list(childId), ctx.deadlineMarks.list(childId)]);
        return deadlinesOf(groupForDigest(records).dates, child, asOf, marks);
      },
      mark: (childId, mark) => ctx.deadlineMarks.put(childId, mark),
    },
    reminders: {
      send: (childId, options) => sendReminders(ctx, childId, options),
    },
    scheduled: {
      due: (kind, at) => dueSends(ctx.dueIndex, kind, at),
      dispatch: (kind, at, queue) => queueDueSends(ctx.dueIndex, queue, kind, at),
      run: (send) => runScheduledSend(ctx, send),
    },
    calendar: {
      link: (childId, baseUrl) => calendarLink(ctx, childId, baseUrl),
      rotate: (childId, baseUrl) => newCalendarLink(ctx, childId, baseUrl),
      feed: (token) => calendarFeed(ctx, token),
    },
    feedback: {
      suppress: (notice) => suppressReported(ctx, notice),
      isSuppressed: (address) => ctx.suppressions.isSuppressed(address),
    },
    ingest,
    unsubscribe: (token) => unsubscribeChild(ctx, token),
    records: {
      list: (childId, options) => ctx.records.list(childId, options),
      get: (childId, recordId) => ctx.records.get(childId, recordId),
    },
    messages: {
      list: (childId) => ctx.messages.list(childId),
      quarantined: (childId) => ctx.messages.held(childId),
      original: async (childId, messageId) => {
        const message = await ctx.messages.get(childId, messageId);
        return message ? deps.rawMail.get(message.rawKey) : null;
      },
    },
    replies: {
      resolve: async (childId, ref) => {
        const reference = verifyReplyReference(ref, deps.replySigningSecret, deps.clock.now());
        if (!reference || reference.childId !== childId) return null;
        const answer = await ctx.messages.getAnswer(childId, reference.answerId);
        return answer ? { reference, answer } : null;
      },
    },
    exports: {
      build: async (childId) => {
        const child = await ctx.children.get(childId);
        return child ? buildExport(ctx, child) : null;
      },
    },
    sends: {
      claim: (childId, sendKey) => ctx.sends.claim(childId, sendKey),
      complete: (childId, sendKey, id) => ctx.sends.complete(childId, sendKey, id),
      release: (childId, sendKey) => ctx.sends.release(childId, sendKey),
    },
  };
}
