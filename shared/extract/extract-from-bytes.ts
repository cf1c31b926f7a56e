// Reads one raw message into what the system would record: decode and unwrap the mail, read each
// attachment, find tables in the author's HTML, build the reading context, run the finders.
// Bounded in time; problems are collected as keys and values, never with message text.
import { importOnce } from '../import-once';
import { authoredOn, noteOn } from '../mail/authored-on';
import { readMessage } from '../mail/read-message';
import type { ReadMessage } from '../mail/types';
import type { ExtractionWithProvenance } from '../records/types';
import { readAttachment } from './attachments/read-attachment';
import type { AttachmentContent, Table } from './attachments/types';
import { extractMessage, type Finders } from './extract-message';
import { normaliseText } from './normalise/normalise-text';
import { repairScannedText } from './normalise/scanned-text';
import { projectFinders } from './project-finders';
import type { ReadingContext, TablePart, TextPart } from './reading-context';
import type { ReadingProblem } from './reading-problem';
import { tablesFromPlainText } from './sessions-from-tables';
import { type UnreadLine, unreadAttachment, unreadLines } from './unread-lines';

export interface ExtractOptions {
  /** The child's IANA time zone; dates without a zone are read in it. */
  tz: string;
  /** The input's base name, echoed in the `file` field. */
  file: string;
  /** Wall-clock bound for the whole message, in milliseconds (default 20 s). */
  timeoutMs?: number;
  /** The finders for requirements, setting and dates (default: the project's own). */
  finders?: Finders;
}

export interface ExtractOutcome {
  extraction: ExtractionWithProvenance;
  /** Problems met while reading (damaged attachment, truncated MIME), worded by whoever shows them. */
  problems: ReadingProblem[];
  /** What looked like a session report but gave no record, and attachments that could not be read. */
  unread: UnreadLine[];
}

/** What a message that says nothing (or could not be read) gives: empty lists, no sender, no date. */
export function emptyExtraction(file: string): ExtractionWithProvenance {
  return {
    schema: 'iep-extract/1',
    file,
    sender: null,
    sentOn: null,
    sessions: [],
    requirements: [],
    settingPercent: null,
    settingEvents: [],
    dates: [],
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A part as the rules read it: shorthand and Spanish in plain English words, the words as written kept beside. */
function textPart(part: string, kind: TextPart['kind'], original: string, anchor: TextPart['anchor']): TextPart {
  return { part, kind, text: normaliseText(original), original, anchor };
}

const htmlTables = importOnce(() => import('./attachments/tables-from-html'));

/** The data tables of the author's HTML; the HTML parser is loaded only for a message that has HTML. */
async function htmlTablesOf(read: ReadMessage): Promise<Table[]> {
  if (!read.html) return [];
  try {
    return (await htmlTables()).tablesFromHtml(read.html);
  } catch {
    return [];
  }
}

/** The reading context of a decoded message, its read attachments and the tables of its HTML. */
export function readingContextOf(
  read: ReadMessage,
  attachments: AttachmentContent[],
  htmlTables: Table[],
  tz: string,
): ReadingContext {
  const sentOn = authoredOn(read, tz);
  // A paper log scanned by a phone is read with the figures a careful reader can still make out.
  const body = repairScannedText(read.text);
  const texts: TextPart[] = [textPart('body', 'author', body, sentOn)];
  if (read.note?.text.trim()) texts.push(textPart('note', 'note', repairScannedText(read.note.text), noteOn(read, tz)));
  const tables: TablePart[] = [];
  const bodyTables = htmlTables.length > 0 ? htmlTables : tablesFromPlainText(body);
  for (const table of bodyTables) tables.push({ part: 'body', table, anchor: sentOn });
  for (const a of attachments) {
    if (a.text.trim()) texts.push(textPart(a.filename, 'attachment', a.text, sentOn));
    for (const table of a.tables) tables.push({ part: a.filename, table, anchor: sentOn });
  }
  return {
    tz,
    sentOn,
    subject: normaliseText(read.subject),
    sender: read.author?.address?.toLowerCase() ?? null,
    texts,
    tables,
  };
}

async function run(read: ReadMessage, options: ExtractOptions, problems: ReadingProblem[]): Promise<ExtractOutcome> {
  problems.push(...read.problems);
  const attachments: AttachmentContent[] = [];
  const unread: UnreadLine[] = [];
  for (const att of read.attachments) {
    if (/^message\/rfc822$/i.test(att.contentType) || /\.eml$/i.test(att.filename)) continue;
    try {
      const content = await readAttachment(att);
      problems.push(...content.problems);
      attachments.push(content);
      const nothingRead = content.text.trim() === '' && content.tables.length === 0;
      for (const problem of nothingRead ? content.problems : [])
        unread.push(unreadAttachment(content.filename, problem));
    } catch {
      const name = att.filename.replace(/[\r\n]/g, ' ').slice(0, 100);
      const problem: ReadingProblem = { key: 'attachmentFailed', file: name };
      problems.push(problem);
      unread.push(unreadAttachment(name, problem));
    }
  }
  const ctx = readingContextOf(read, attachments, await htmlTablesOf(read), options.tz);
  const extraction = extractMessage(ctx, options.file, options.finders ?? projectFinders, problems);
  try {
    unread.push(...unreadLines(ctx, extraction));
  } catch {
    problems.push({ key: 'unreadLinesUnknown' });
  }
  return { extraction, problems, unread };
}

/** The outcome of `work`, or an empty extraction with a plain problem when it failed or ran too long. */
async function bounded(
  work: (problems: ReadingProblem[]) => Promise<ExtractOutcome>,
  options: ExtractOptions,
): Promise<ExtractOutcome> {
  const problems: ReadingProblem[] = [];
  try {
    return await withTimeout(work(problems), options.timeoutMs ?? 20_000);
  } catch (error) {
    problems.push({ key: error instanceof Error && error.message === 'timeout' ? 'messageSlow' : 'messageUnreadable' });
    return { extraction: emptyExtraction(options.file), problems, unread: [] };
  }
}

/** Reads raw bytes: MIME decoded here, then extracted. */
export function extractFromBytes(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractOutcome> {
  return bounded(async (problems) => run(await readMessage(bytes), options, problems), options);
}

/** Extracts from a message already decoded (ingest reads each message once and passes it on). */
export function extractFromRead(read: ReadMessage, options: ExtractOptions): Promise<ExtractOutcome> {
  return bounded((problems) => run(read, options, problems), options);
}
