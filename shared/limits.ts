// The bounds on the work one inbound message can cause, in one place (docs/SECURITY.md lists them
// with the reader's own: message, header, attachment, page and row limits).

/** Reading a message into records runs in a worker thread that is stopped when these are reached. */
export const EXTRACTION_LIMITS = {
  /**
   * Wall clock for one message, after which its worker is terminated (the work stops, not just the
   * wait). Above the reader's own 20 s bound, which answers first when the reader can still answer.
   */
  hardTimeoutMs: 25_000,
  /** The worker's V8 heap (old generation), in MB: a runaway stops with an out-of-memory error. */
  maxOldGenerationSizeMb: 256,
  maxYoungGenerationSizeMb: 32,
  /** Workers kept for extraction at once; more messages wait their turn. */
  maxWorkers: 2,
} as const;

/** Bytes all Flate streams of one PDF may inflate to (every layer of nested filters counted). */
export const MAX_PDF_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * The local SMTP listener's connections (`IEP_SMTP_IDLE_SECONDS`, `IEP_SMTP_MAX_CLIENTS` and
 * `IEP_SMTP_MAX_CLIENTS_PER_ADDRESS` override them). Everyone on this machine shares 127.0.0.1,
 * so the cap per address is what one program, or one other machine with `IEP_ALLOW_NETWORK=1`, may hold.
 */
export const SMTP_LIMITS = {
  /** A connection that moves no mail for this long (silent, or only NOOP/RSET/HELO) is closed with 421. */
  idleSeconds: 30,
  /** Connections open at once, from anyone; the next one gets 421. */
  maxClients: 100,
  /** Connections open at once from one client address; the next one from it gets 421. */
  maxClientsPerAddress: 20,
} as const;

/**
 * Days the records table's point-in-time recovery keeps a deleted item recoverable (AWS's maximum,
 * and its default). The "Deleted" email tells the guardians this window.
 */
export const RECORDS_BACKUP_DAYS = 35;
