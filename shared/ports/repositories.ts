// What the use cases may ask of the stored data. They never see a table or its items: the
// implementations in shared/store/ own every item shape (shared/store/repositories.ts builds them
// for one DynamoDB table). docs/decisions/0082-repository-layer.md says why.
import type { SchoolYearSetting } from '../calendar/school-calendar';
import type { ParentMark } from '../deadlines/track-deadlines';
import type { Language } from '../render/language';
import type { DigestSchedule } from '../scheduling/schedule-rules';
import type { CalendarFeedState } from '../store/calendar-tokens';
import type { ChildPartition } from '../store/child-partition';
import type { DeletionReceipt } from '../store/deletion-receipts';
import type { DigestLogEntry } from '../store/digest-log';
import type { Child, CreateChildInput, DeletionReport, RoutedRecipient } from '../store/families';
import type { QuarantineEntry, SendEntry, StoredAnswer, StoredMessage } from '../store/messages';
import type { PutRecordResult, RecordChange, StoredRecord } from '../store/records';
import type { SuppressionReason } from '../store/suppressed-addresses';
import type { DueSendsIndex } from './due-sends-index';

export interface ChildRepository {
  /** Validates the input, allocates the child's private inbound address and stores the profile. */
  create(input: CreateChildInput): Promise<Child>;
  get(childId: string): Promise<Child | null>;
  /** The children with these ids, in the order given, missing ones left out. */
  getMany(ids: readonly string[]): Promise<Child[]>;
  /** Every child, oldest first. */
  list(): Promise<Child[]>;
  /** The child a recipient address belongs to, with the address's plus part; lower-case and plus tolerant. */
  route(address: string): Promise<RoutedRecipient | null>;
  findByAddress(address: string): Promise<Child | null>;
  addGuardian(childId: string, address: string): Promise<Child>;
  allowSender(childId: string, address: string): Promise<Child>;
  removeSender(childId: string, address: string): Promise<Child>;
  setState(childId: string, state: string | null): Promise<Child>;
  setSchoolYear(childId: string, schoolYear: SchoolYearSetting | null): Promise<Child>;
  setTrackingSince(childId: string, day: string | null): Promise<Child>;
  setLanguage(childId: string, language: Language): Promise<Child>;
  /** The language of the letters to the school the digest drafts. */
  setLetterLanguage(childId: string, language: Language): Promise<Child>;
  setDigestSchedule(childId: string, digest: DigestSchedule): Promise<Child>;
  pause(childId: string): Promise<Child>;
  resume(childId: string): Promise<Child>;
  /** Moves the child's next digest a week on (in the family's zone) after one was sent. */
  markDigestSent(childId: string, sentAt: Date): Promise<Child>;
  /** The children whose digest falls in the UTC hour containing `hour`, not paused. */
  dueForDigest(hour: Date): Promise<Child[]>;
  /** Everything kept for the child (records, messages, answers, raw messages), then the child. */
  delete(childId: string): Promise<DeletionReport>;
  /** The child's profile, records, messages, digest log and deadline marks in one read; null for no child. */
  partition(childId: string, options?: { digestLogLimit?: number }): Promise<ChildPartition | null>;
}

/** A record's next version from its current one, with the history entry saying what changed; null: no change. */
export type VersionStep = (current: StoredRecord) => { record: StoredRecord; change: ReplyChange } | null;

/** A history entry from a reply: `ref` (`<messageId>#<line>`) makes re-applying the same line a no-op. */
export type ReplyChange = RecordChange & { ref?: string };

export interface RecordRepository {
  get(childId: string, recordId: string): Promise<StoredRecord | null>;
  /** Oldest first; deleted ones only when asked. */
  list(childId: string, options?: { includeDeleted?: boolean }): Promise<StoredRecord[]>;
  /** Stores the record unless one with its id exists (ids are deterministic, so this is idempotent). */
  putIfNew(record: StoredRecord): Promise<PutRecordResult>;
  /**
   * Stores a message's records not stored yet, with the answer that numbers them, in one batch;
   * returns each record with the one already stored under its id (or null).
   */
  putManyIfNew(
    records: StoredRecord[],
    answer?: StoredAnswer,
  ): Promise<Array<{ record: StoredRecord; existing: StoredRecord | null }>>;
  /**
   * The one way a record changes: `step` applied to the current version gives the next, stored
   * only if nobody added a version meanwhile (retried), its history gaining the change. Returns the
   * stored record (unchanged when `step` returned null or the change was applied before).
   */
  saveVersion(childId: string, recordId: string, step: VersionStep): Promise<StoredRecord | null>;
}

export interface MessageRepository {
  /** Creates the message's item with the claim on its answer, or returns the one an earlier delivery created. */
  begin(
    message: Pick<StoredMessage, 'childId' | 'messageId' | 'rawKey' | 'receivedAt'>,
  ): Promise<{ message: StoredMessage; firstDelivery: boolean }>;
  get(childId: string, messageId: string): Promise<StoredMessage | null>;
  /** Sets fields on the message (never `childId`, `messageId`). */
  update(
    childId: string,
    messageId: string,
    fields: Partial<Omit<StoredMessage, 'childId' | 'messageId'>>,
  ): Promise<void>;
  /** Oldest first. */
  list(childId: string): Promise<StoredMessage[]>;
  /** Claims a message's answer when the holder failed or its lease ran out; null when sent or held. */
  claimAnswer(childId: string, messageId: string): Promise<SendEntry | null>;
  /** After a claim was not this caller's: null when the answer was sent; waits briefly, then throws SendInProgress. */
  claimAnswerAfterWaiting(childId: string, messageId: string): Promise<SendEntry | null>;
  releaseAnswer(claim: SendEntry, messageId: string): Promise<void>;
  /** The message's final fields with its answer marked sent, in one write; false when that failed. */
  completeAnswerWithMessage(claim: SendEntry, providerMessageId: string, message: StoredMessage): Promise<boolean>;
  /** Marks the answer sent on its own, trying three times; false when it could not be stored. */
  completeAnswerPatiently(claim: SendEntry, messageId: string, providerMessageId: string): Promise<boolean>;
  /** A held message's entry and message item as they stand, with the notice's answer, in one request. */
  keepHeld(held: { message: StoredMessage; entry: QuarantineEntry }, answer?: StoredAnswer): Promise<void>;
  /** The child's held messages, oldest first. */
  held(childId: string): Promise<QuarantineEntry[]>;
  /** A held message that was read after all is no longer held. */
  unhold(entry: QuarantineEntry): Promise<void>;
  putAnswer(answer: StoredAnswer): Promise<void>;
  /** An answer a reply reference may point to; null when there is none or it expired. */
  getAnswer(childId: string, answerId: string): Promise<StoredAnswer | null>;
}

/** The ledger that makes every outgoing mail go out once: claim, send, then complete (or release on failure). */
export interface SendLedger {
  claim(childId: string, sendKey: string): Promise<boolean>;
  claimEntry(childId: string, sendKey: string): Promise<SendEntry | null>;
  /** After a claim was refused: false when the mail was sent; waits briefly, then throws SendInProgress. */
  claimAfterWaiting(childId: string, sendKey: string): Promise<boolean>;
  claimEntryAfterWaiting(childId: string, sendKey: string): Promise<SendEntry | null>;
  complete(childId: string, sendKey: string, providerMessageId: string): Promise<void>;
  /** Marks the send complete, trying three times; false when it could not be stored. */
  completePatiently(childId: string, sendKey: string, providerMessageId: string): Promise<boolean>;
  release(childId: string, sendKey: string): Promise<void>;
  get(childId: string, sendKey: string): Promise<SendEntry | null>;
  /** One of the day's `cap` slots for `sendKey`; false when the day's slots are used up (idempotent). */
  takeDailySlot(childId: string, day: string, sendKey: string, cap: number): Promise<boolean>;
}

export interface DeadlineMarkRepository {
  put(childId: string, mark: ParentMark): Promise<void>;
  list(childId: string): Promise<ParentMark[]>;
}

export interface CalendarTokenRepository {
  current(childId: string): Promise<string | null>;
  /** The child's token, created on first use (with the child's time zone, which the feed's version needs). */
  ensure(childId: string, timeZone: string): Promise<string>;
  /** A new token; the old one stops working. */
  rotate(childId: string, timeZone: string): Promise<string>;
  /** Whose feed a token is, at which version: one read. Null for an unknown or rotated token. */
  feedState(token: string): Promise<CalendarFeedState | null>;
}

export interface DigestLogRepository {
  put(childId: string, entry: DigestLogEntry): Promise<void>;
}

export interface DeletionReceiptRepository {
  get(childId: string): Promise<DeletionReceipt | null>;
  keep(receipt: DeletionReceipt): Promise<DeletionReceipt>;
  /** The right to send the "Deleted" email, for a lease; false while another attempt holds it. */
  claimDeletedEmail(childId: string): Promise<boolean>;
  releaseDeletedEmail(childId: string): Promise<void>;
  drop(childId: string): Promise<void>;
}

export interface SuppressionList {
  suppress(address: string, reason: SuppressionReason): Promise<void>;
  isSuppressed(address: string): Promise<boolean>;
}

/** Every repository, as the composition roots give them to the use cases. */
export interface Repositories {
  children: ChildRepository;
  records: RecordRepository;
  messages: MessageRepository;
  sends: SendLedger;
  deadlineMarks: DeadlineMarkRepository;
  calendarTokens: CalendarTokenRepository;
  digestLog: DigestLogRepository;
  deletionReceipts: DeletionReceiptRepository;
  suppressions: SuppressionList;
  /** Who is due for the hourly sends (index reads only). */
  dueIndex: DueSendsIndex;
}
