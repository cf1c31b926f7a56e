// `delete all data`, confirmed: the reply with the code only queues the request; the worker (the
// deletion queue's function in AWS, in process locally) deletes and then tells the guardians once.
// Every step can run again: a retried request finishes what an interrupted one began.

import type { IngestDeps } from '../ingest/ingest-deps';
import { logger } from '../observability/logger';
import type { DeletionRequest } from '../ports/deletion-queue';
import { renderDeletedEmail } from '../render/command-answers-email';
import { languageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import type { DeletionReceipt } from '../store/deletion-receipts';
import type { DeletionReport } from '../store/families';

/** What a deletion needs: the use cases' dependencies, of which these. */
export type DeletionDeps = Pick<
  IngestDeps,
  | 'children'
  | 'messages'
  | 'deletionReceipts'
  | 'clock'
  | 'inboundDomain'
  | 'rawMail'
  | 'sender'
  | 'fromAddress'
  | 'backupDays'
  | 'sentMailCopies'
>;

export interface DeletionOutcome {
  status: 'deleted' | 'already-deleted';
  report: DeletionReport;
  /** Outbox copies of mail about the child that went with it. */
  sentCopies: number;
  /** True when this run sent the "Deleted" email. */
  told: boolean;
}

const NOTHING: DeletionReport = { items: 0, rawMessages: 0, keptForOthers: 0 };

export async function runDeletion(deps: DeletionDeps, request: DeletionRequest): Promise<DeletionOutcome> {
  let receipt = await deps.deletionReceipts.get(request.childId);
  if (!receipt) {
    const child = await deps.children.get(request.childId);
    // No child and no receipt: an earlier run deleted everything and told the guardians.
    if (!child) return { status: 'already-deleted', report: NOTHING, sentCopies: 0, told: false };
    receipt = await deps.deletionReceipts.keep({
      childId: child.id,
      childName: child.name,
      inboundAddress: child.inboundAddress,
      guardians: child.guardians,
      messages: (await deps.messages.list(child.id)).length,
      language: request.language ?? languageOf(child),
    });
  }
  const report = await deps.children.delete(request.childId);
  const sentCopies = deps.sentMailCopies ? await deps.sentMailCopies.forgetChild(receipt.inboundAddress) : 0;
  const told = await tellDeleted(deps, receipt, report);
  logger.info('child deleted on request', { ...report, sentCopies, told });
  return { status: 'deleted', report, sentCopies, told };
}

/** The "Deleted" email, once: then the receipt goes, and nothing about the child is kept. */
async function tellDeleted(deps: DeletionDeps, receipt: DeletionReceipt, report: DeletionReport): Promise<boolean> {
  if (!(await deps.deletionReceipts.claimDeletedEmail(receipt.childId))) return false;
  try {
    await deps.sender.send({
      from: deps.fromAddress,
      to: receipt.guardians,
      ...renderDeletedEmail({
        childName: receipt.childName,
        address: receipt.inboundAddress,
        messages: receipt.messages,
        keptForOthers: report.keptForOthers,
        backupDays: deps.backupDays,
        say: wordingFor(receipt.language ?? 'en'),
      }),
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
  } catch (error) {
    await deps.deletionReceipts.releaseDeletedEmail(receipt.childId);
    throw error;
  }
  await deps.deletionReceipts.drop(receipt.childId);
  return true;
}

/**
 * The operator's delete, at once: every record, message, answer and raw message of the child,
 * then the child, and the kept copies of its mail (the local outbox). No mail is sent.
 */
export async function deleteChildNow(
  deps: Pick<DeletionDeps, 'children' | 'sentMailCopies'>,
  childId: string,
): Promise<DeletionReport> {
  const child = await deps.children.get(childId);
  const report = await deps.children.delete(childId);
  if (child && deps.sentMailCopies) await deps.sentMailCopies.forgetChild(child.inboundAddress);
  return report;
}
