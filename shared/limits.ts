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
