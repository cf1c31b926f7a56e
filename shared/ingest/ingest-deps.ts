// What the ingest use case needs from the outside world.
import type { Clock } from '../ports/clock';
import type { DeletionQueue } from '../ports/deletion-queue';
import type { MailSender } from '../ports/mail-sender';
import type { RawMailStore } from '../ports/raw-mail-store';
import type { Repositories } from '../ports/repositories';
import type { SentMailCopies } from '../ports/sent-mail-copies';
import type { GuardianMailInput, GuardianMailOutcome, KeepHeld, QuarantineNotice } from './ingest-types';

export interface IngestDeps extends Repositories {
  /** The domain children's inbound addresses live on. */
  inboundDomain: string;
  rawMail: RawMailStore;
  sender: MailSender;
  clock: Clock;
  replySigningSecret: string;
  fromAddress: string;
  /** Where a confirmed `delete all data` goes (the deletion worker deletes and answers). */
  deletions: DeletionQueue;
  /** Days the records' backups keep deleted data; 0 where none are kept (the "Deleted" email says so). */
  backupDays: number;
  /** Copies of sent mail the system keeps itself (the local outbox); absent where none are kept. */
  sentMailCopies?: SentMailCopies;
  /** Base of the private calendar feed URLs (`new calendar link`); unset where no feed is served. */
  calendarBaseUrl?: string;
  /** Base of the one-click unsubscribe URLs in digests and reminders (RFC 8058); unset: no such headers. */
  unsubscribeBaseUrl?: string;
  /**
   * Hook: called once per quarantined message (and again by a retry that did not finish it); it
   * tells the guardians when it should and writes the hold with `keep`, last with `done`.
   */
  onQuarantined?: (notice: QuarantineNotice, keep: KeepHeld) => Promise<void>;
  /**
   * Hook: a guardian's own mail (reply, email command), before the reply branch and extraction;
   * `null` lets ingest carry on as usual. See shared/replies/guardian-mail.ts.
   */
  onGuardianMail?: (mail: GuardianMailInput) => Promise<GuardianMailOutcome | null>;
}
