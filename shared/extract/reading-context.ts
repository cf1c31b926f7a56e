// What the extraction rules read: the parts of one message that count, already decoded,
// unwrapped and stripped of quoted history, each with the date its relative words resolve against.
import type { IsoDate, Provenance } from '../records/types';
import type { Table } from './attachments/types';

export interface TextPart {
  /** `body`, `note`, or an attachment's file name: becomes Provenance.part. */
  part: string;
  kind: 'author' | 'note' | 'attachment';
  /** The words with shorthand and other languages rewritten into the plain English the rules read. */
  text: string;
  /** The words as written (a status-code legend is read from these). */
  original?: string;
  /** The day "today", "yesterday" and weekday names resolve against (sentOn; the note's own date for a note). */
  anchor: IsoDate | null;
}

export interface TablePart {
  part: string;
  table: Table;
  anchor: IsoDate | null;
}

export interface ReadingContext {
  /** IANA zone of the child. */
  tz: string;
  sentOn: IsoDate | null;
  /** The original message's subject. */
  subject: string;
  /** The original author's address, lower-cased. */
  sender: string | null;
  texts: TextPart[];
  tables: TablePart[];
}

/** A record as found, with where it was read from. */
export type Finding<T> = T & { source: Omit<Provenance, 'messageKey'> };

/**
 * The words that may explain a table's codes: its own document's, and for an attachment also the
 * mail that carries it ("Att: SX = site closed"), the document's own legend read last so it wins.
 */
export function legendTextOf(ctx: Pick<ReadingContext, 'texts'>, tablePart: string): string {
  const document = ctx.texts.find((t) => t.part === tablePart);
  const own = document?.original ?? document?.text ?? '';
  if (document?.kind !== 'attachment') return own;
  const carrier = ctx.texts
    .filter((t) => t.kind !== 'attachment')
    .map((t) => t.original ?? t.text)
    .join('\n');
  return `${carrier}\n${own}`;
}
