// The repositories of one DynamoDB table (single-table design, docs/decisions/0082): what the
// composition roots give the use cases. Every item shape stays in this folder.
import type { ChildRepository, Repositories } from '../ports/repositories';
import { tableCalendarTokens } from './calendar-feed-repositories';
import { readChildPartition } from './child-partition';
import { listDeadlineMarks, putDeadlineMark } from './deadline-marks';
import {
  claimDeletedEmail,
  dropDeletionReceipt,
  getDeletionReceipt,
  keepDeletionReceipt,
  releaseDeletedEmail,
} from './deletion-receipts';
import { putDigestLog } from './digest-log';
import { tableDueSendsIndex } from './due-sends-index';
import {
  addGuardian,
  allowSender,
  createChild,
  deleteChild,
  type FamiliesContext,
  findChildByAddress,
  getChild,
  getChildren,
  listChildren,
  listDueForDigest,
  markDigestSent,
  pauseChild,
  removeSender,
  resumeChild,
  routeRecipient,
  setChildLanguage,
  setChildLetterLanguage,
  setChildState,
  setDigestSchedule,
  setSchoolYear,
  setTrackingSince,
} from './families';
import {
  beginMessage,
  claimAfterWaiting,
  claimAnswer,
  claimAnswerAfterWaiting,
  claimEntryAfterWaiting,
  claimSend,
  claimSendEntry,
  completeAnswerPatiently,
  completeAnswerWithMessage,
  completeSend,
  completeSendPatiently,
  dropQuarantine,
  getAnswer,
  getMessage,
  getSend,
  keepHeld,
  listMessages,
  listQuarantine,
  putAnswer,
  releaseAnswer,
  releaseSend,
  takeDailySlot,
  updateMessage,
} from './messages';
import { getRecord, listRecords, putRecordIfNew, putRecordsIfNew, saveRecordVersion } from './records';
import { isSuppressed, suppressAddress } from './suppressed-addresses';
import type { TableContext } from './table-context';

/** The children's operations that need the mail configuration besides the table. */
type MailBoundChildOperations = 'create' | 'route' | 'findByAddress' | 'delete';

/** What the table alone gives: everything but making, finding by address and deleting children. */
export type TableOnlyRepositories = Omit<Repositories, 'children'> & {
  children: Omit<ChildRepository, MailBoundChildOperations>;
};

/**
 * The repositories over one table. `inboundDomain` is where new children's addresses are made and
 * `rawMail` is where deleting a child also deletes the raw messages only it kept.
 */
export function tableRepositories(ctx: FamiliesContext): Repositories {
  const table = tableOnlyRepositories(ctx);
  return {
    ...table,
    children: {
      ...table.children,
      create: (input) => createChild(ctx, input),
      route: (address) => routeRecipient(ctx, address),
      findByAddress: (address) => findChildByAddress(ctx, address),
      delete: (childId) => deleteChild(ctx, childId),
    },
  };
}

/** The repositories for code that only reads or writes the table (a calendar feed, the hourly dispatch). */
export function tableOnlyRepositories(ctx: TableContext): TableOnlyRepositories {
  return {
    children: {
      get: (childId) => getChild(ctx, childId),
      getMany: (ids) => getChildren(ctx, ids),
      list: () => listChildren(ctx),
      addGuardian: (childId, address) => addGuardian(ctx, childId, address),
      allowSender: (childId, address) => allowSender(ctx, childId, address),
      removeSender: (childId, address) => removeSender(ctx, childId, address),
      setState: (childId, state) => setChildState(ctx, childId, state),
      setSchoolYear: (childId, schoolYear) => setSchoolYear(ctx, childId, schoolYear),
      setTrackingSince: (childId, day) => setTrackingSince(ctx, childId, day),
      setLanguage: (childId, language) => setChildLanguage(ctx, childId, language),
      setLetterLanguage: (childId, language) => setChildLetterLanguage(ctx, childId, language),
      setDigestSchedule: (childId, digest) => setDigestSchedule(ctx, childId, digest),
      pause: (childId) => pauseChild(ctx, childId),
      resume: (childId) => resumeChild(ctx, childId),
      markDigestSent: (childId, sentAt) => markDigestSent(ctx, childId, sentAt),
      dueForDigest: (hour) => listDueForDigest(ctx, hour),
      partition: (childId, options) => readChildPartition(ctx, childId, options),
    },
    records: {
      get: (childId, recordId) => getRecord(ctx, childId, recordId),
      list: (childId, options) => listRecords(ctx, childId, options),
      putIfNew: (record) => putRecordIfNew(ctx, record),
      putManyIfNew: (records, answer) => putRecordsIfNew(ctx, records, answer),
      saveVersion: (childId, recordId, step) => saveRecordVersion(ctx, childId, recordId, step),
    },
    messages: {
      begin: (message) => beginMessage(ctx, message),
      get: (childId, messageId) => getMessage(ctx, childId, messageId),
      update: (childId, messageId, fields) => updateMessage(ctx, childId, messageId, fields),
      list: (childId) => listMessages(ctx, childId),
      claimAnswer: (childId, messageId) => claimAnswer(ctx, childId, messageId),
      claimAnswerAfterWaiting: (childId, messageId) => claimAnswerAfterWaiting(ctx, childId, messageId),
      releaseAnswer: (claim, messageId) => releaseAnswer(ctx, claim, messageId),
      completeAnswerWithMessage: (claim, providerMessageId, message) =>
        completeAnswerWithMessage(ctx, claim, providerMessageId, message),
      completeAnswerPatiently: (claim, messageId, providerMessageId) =>
        completeAnswerPatiently(ctx, claim, messageId, providerMessageId),
      keepHeld: (held, answer) => keepHeld(ctx, held, answer),
      held: (childId) => listQuarantine(ctx, childId),
      unhold: (entry) => dropQuarantine(ctx, entry),
      putAnswer: (answer) => putAnswer(ctx, answer),
      getAnswer: (childId, answerId) => getAnswer(ctx, childId, answerId),
    },
    sends: {
      claim: (childId, sendKey) => claimSend(ctx, childId, sendKey),
      claimEntry: (childId, sendKey) => claimSendEntry(ctx, childId, sendKey),
      claimAfterWaiting: (childId, sendKey) => claimAfterWaiting(ctx, childId, sendKey),
      claimEntryAfterWaiting: (childId, sendKey) => claimEntryAfterWaiting(ctx, childId, sendKey),
      complete: (childId, sendKey, providerMessageId) => completeSend(ctx, childId, sendKey, providerMessageId),
      completePatiently: (childId, sendKey, providerMessageId) =>
        completeSendPatiently(ctx, childId, sendKey, providerMessageId),
      release: (childId, sendKey) => releaseSend(ctx, childId, sendKey),
      get: (childId, sendKey) => getSend(ctx, childId, sendKey),
      takeDailySlot: (childId, day, sendKey, cap) => takeDailySlot(ctx, childId, day, sendKey, cap),
    },
    deadlineMarks: {
      put: (childId, mark) => putDeadlineMark(ctx, childId, mark),
      list: (childId) => listDeadlineMarks(ctx, childId),
    },
    calendarTokens: tableCalendarTokens(ctx),
    digestLog: {
      put: (childId, entry) => putDigestLog(ctx, childId, entry),
    },
    deletionReceipts: {
      get: (childId) => getDeletionReceipt(ctx, childId),
      keep: (receipt) => keepDeletionReceipt(ctx, receipt),
      claimDeletedEmail: (childId) => claimDeletedEmail(ctx, childId),
      releaseDeletedEmail: (childId) => releaseDeletedEmail(ctx, childId),
      drop: (childId) => dropDeletionReceipt(ctx, childId),
    },
    suppressions: {
      suppress: (address, reason) => suppressAddress(ctx, address, reason),
      isSuppressed: (address) => isSuppressed(ctx, address),
    },
    dueIndex: tableDueSendsIndex(ctx),
  };
}
