// The one entry point of the application: Lambda handlers and the local stack build the
// services from their adapters and call only these.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IngestDeps } from './ingest/ingest-deps';
import { ingestMessage } from './ingest/ingest-message';
import type { IngestInput, IngestResult, QuarantineNotice, ReplyNotice } from './ingest/ingest-types';
import { type ReplyReference, verifyReplyReference } from './ingest/reply-reference';
import type { Clock } from './ports/clock';
import type { MailSender } from './ports/mail-sender';
import type { RawMailStore } from './ports/raw-mail-store';
import {
  addGuardian,
  allowSender,
  type Child,
  type CreateChildInput,
  createChild,
  type DeletionReport,
  deleteChild,
  findChildByAddress,
  getChild,
  listChildren,
  listDueForDigest,
  markDigestSent,
  pauseChild,
  removeSender,
  resumeChild,
} from './store/families';
import {
  claimSend,
  completeSend,
  getAnswer,
  listMessages,
  listQuarantine,
  type QuarantineEntry,
  releaseSend,
  type StoredAnswer,
  type StoredMessage,
} from './store/messages';
import { changeRecord, getRecord, listRecords, type RecordChangeInput, type StoredRecord } from './store/records';

export type { ChildOutcome, IngestInput, IngestResult, QuarantineNotice, ReplyNotice } from './ingest/ingest-types';
export type { Child, CreateChildInput, DeletionReport } from './store/families';
export type { QuarantineEntry, StoredAnswer, StoredMessage } from './store/messages';
export type { RecordChange, RecordChangeInput, StoredRecord } from './store/records';

export interface ServicesDeps {
  db: DynamoDBDocumentClient;
  tableName: string;
  rawMail: RawMailStore;
  sender: MailSender;
  clock: Clock;
  /** At least 16 characters; signs reply references. */
  replySigningSecret: string;
  /** The domain children's inbound addresses live on, e.g. `in.example.org`. */
  inboundDomain: string;
  /** The address answers and digests come from. */
  fromAddress: string;
  /** Called once per quarantined message; the notice to guardians hangs here. */
  onQuarantined?: (notice: QuarantineNotice) => Promise<void>;
  /** Called once per guardian reply with a valid reference; the confirm/correct step hangs here. */
  onReply?: (notice: ReplyNotice) => Promise<void>;
}

export interface Services {
  families: {
    createChild(input: CreateChildInput): Promise<Child>;
    get(childId: string): Promise<Child | null>;
    list(): Promise<Child[]>;
    /** Lower-case and plus-addressing tolerant (`maya-xxxx+anything@` is Maya). */
    findByAddress(address: string): Promise<Child | null>;
    addGuardian(childId: string, address: string): Promise<Child>;
    allowSender(childId: string, address: string): Promise<Child>;
    removeSender(childId: string, address: string): Promise<Child>;
    pause(childId: string): Promise<Child>;
    resume(childId: string): Promise<Child>;
    /** Deletes every record, message, answer and raw message of the child, then the child. */
    deleteChild(childId: string): Promise<DeletionReport>;
    /** Children whose digest falls in the UTC hour containing `hour` (queries the shards, no scan). */
    dueForDigest(hour: Date): Promise<Child[]>;
    /** Moves the child's next digest a week on (in the family's zone) after one was sent. */
    markDigestSent(childId: string, sentAt: Date): Promise<Child>;
  };
  ingest(input: IngestInput): Promise<IngestResult>;
  records: {
    list(childId: string, options?: { includeDeleted?: boolean }): Promise<StoredRecord[]>;
    get(childId: string, recordId: string): Promise<StoredRecord | null>;
    /** Confirm, correct or delete one record; the old values go into its history. */
    change(childId: string, recordId: string, change: RecordChangeInput): Promise<StoredRecord | null>;
  };
  messages: {
    list(childId: string): Promise<StoredMessage[]>;
    quarantined(childId: string): Promise<QuarantineEntry[]>;
  };
  replies: {
    /** Checks a reply's plus-address reference and returns the answer it refers to, or null. */
    resolve(childId: string, ref: string): Promise<{ reference: ReplyReference; answer: StoredAnswer } | null>;
  };
  sends: {
    /** Exactly-once guard for any outgoing mail: claim, send, then complete (or release on failure). */
    claim(childId: string, sendKey: string): Promise<boolean>;
    complete(childId: string, sendKey: string, providerMessageId: string): Promise<void>;
    release(childId: string, sendKey: string): Promise<void>;
  };
}

export function createServices(deps: ServicesDeps): Services {
  if (deps.replySigningSecret.length < 16) throw new Error('replySigningSecret must be at least 16 characters');
  const ctx: IngestDeps = {
    db: deps.db,
    tableName: deps.tableName,
    clock: deps.clock,
    inboundDomain: deps.inboundDomain.toLowerCase(),
    rawMail: deps.rawMail,
    sender: deps.sender,
    replySigningSecret: deps.replySigningSecret,
    fromAddress: deps.fromAddress,
    onQuarantined: deps.onQuarantined,
    onReply: deps.onReply,
  };
  return {
    families: {
      createChild: (input) => createChild(ctx, input),
      get: (childId) => getChild(ctx, childId),
      list: () => listChildren(ctx),
      findByAddress: (address) => findChildByAddress(ctx, address),
      addGuardian: (childId, address) => addGuardian(ctx, childId, address),
      allowSender: (childId, address) => allowSender(ctx, childId, address),
      removeSender: (childId, address) => removeSender(ctx, childId, address),
      pause: (childId) => pauseChild(ctx, childId),
      resume: (childId) => resumeChild(ctx, childId),
      deleteChild: (childId) => deleteChild(ctx, childId),
      dueForDigest: (hour) => listDueForDigest(ctx, hour),
      markDigestSent: (childId, sentAt) => markDigestSent(ctx, childId, sentAt),
    },
    ingest: (input) => ingestMessage(ctx, input),
    records: {
      list: (childId, options) => listRecords(ctx, childId, options),
      get: (childId, recordId) => getRecord(ctx, childId, recordId),
      change: (childId, recordId, change) => changeRecord(ctx, childId, recordId, change),
    },
    messages: {
      list: (childId) => listMessages(ctx, childId),
      quarantined: (childId) => listQuarantine(ctx, childId),
    },
    replies: {
      resolve: async (childId, ref) => {
        const reference = verifyReplyReference(ref, deps.replySigningSecret, deps.clock.now());
        if (!reference || reference.childId !== childId) return null;
        const answer = await getAnswer(ctx, childId, reference.answerId);
        return answer ? { reference, answer } : null;
      },
    },
    sends: {
      claim: (childId, sendKey) => claimSend(ctx, childId, sendKey),
      complete: (childId, sendKey, id) => completeSend(ctx, childId, sendKey, id),
      release: (childId, sendKey) => releaseSend(ctx, childId, sendKey),
    },
  };
}
