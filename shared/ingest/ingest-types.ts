// What the ingest use case takes and gives back.
import type { StoredAnswer } from '../store/messages';
import type { HoldKind, SenderAuthentication } from './sender-authentication';

/** Mail-authentication and content verdicts from the platform (SES receipt), where it has them. */
export interface MailVerdicts {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  spam?: string;
  virus?: string;
}

export interface IngestInput {
  /** The raw message, exactly as received. */
  bytes: Uint8Array;
  /** Envelope recipients (SES receipt recipients, SMTP RCPT TO). */
  recipients: string[];
  /** Where the platform already stored it (SES: prefix + messageId). Derived from SHA-256 otherwise. */
  rawKey?: string;
  /** What the platform proved about the sender; mail proven nothing about is held, never read. */
  authentication: SenderAuthentication;
}

export type ChildOutcomeStatus =
  /** Read and recorded (possibly nothing new). */
  | 'recorded'
  /** This exact message was already processed: nothing done, no second answer. */
  | 'duplicate'
  /** Not from the child's people, or failed authentication: kept, not read, not answered. */
  | 'quarantined'
  /** The message could not be read; kept, and the guardian was told. */
  | 'unreadable'
  /** A Gmail forwarding confirmation, passed on to the guardians. */
  | 'forwarding-verification'
  /** A reply to one of our answers; kept for the reply step. */
  | 'reply'
  /** An email command from a guardian (help, export, pause ...), answered by the reply step. */
  | 'command';

export interface ChildOutcome {
  childId: string;
  status: ChildOutcomeStatus;
  /** Records this message added. */
  recorded: number;
  /** Records it contained that were already kept (same original seen before). */
  alreadyRecorded: number;
  /** Whether a mail went out for this message in this call. */
  answered: boolean;
  /** For `reply`: the verified reference, when it was valid. */
  replyTo?: { answerId: string } | null;
}

export interface IngestResult {
  messageId: string;
  rawKey: string;
  /** True when no recipient was a child's address: the message was kept under `unrouted/`. */
  unrouted: boolean;
  children: ChildOutcome[];
}

/** A guardian's own mail (not a forward), offered to the reply step before it is read as records. */
export interface GuardianMailInput {
  child: import('../store/families').Child;
  messageId: string;
  rawKey: string;
  /** The plus part of the recipient address (an unverified reply reference), or null. */
  plus: string | null;
  read: import('../mail/types').ReadMessage;
  /** The guardian's address, lower-case. */
  sender: string;
}

/** What the reply step did with a guardian's mail; null from the hook means "read it as usual". */
export interface GuardianMailOutcome {
  status: 'reply' | 'command';
  answered: boolean;
  answerId?: string;
  /** `delete all data` was confirmed and queued: the message's own item is left to the deletion. */
  deletionQueued?: boolean;
}

/** Told when a message is quarantined; the notice to guardians is sent from here (later step). */
export interface QuarantineNotice {
  childId: string;
  messageId: string;
  rawKey: string;
  reason: string;
  /** Why it is held: only `unknown-sender` offers the guardians `allow`. */
  hold: HoldKind;
  /** The message's top-level From address, lower-cased ('' when it has none), as ingest read it. */
  sender: string;
  /** The message's subject, as ingest read it. */
  subject: string;
}

/**
 * Writes a held message's quarantine entry and message item as they stand (with the notice's
 * answer in the same request): first before a notice goes out, then marked done once it went.
 */
export type KeepHeld = (state: { guardiansTold: boolean; done: boolean }, answer?: StoredAnswer) => Promise<void>;
