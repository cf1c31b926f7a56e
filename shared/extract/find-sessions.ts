// All sessions one message states: prose in the author's text, the parent's note and attachments,
// and service-log tables. A log row and a sentence about the same day and service are one session:
// the row wins, the sentence fills what the row leaves open only when nothing else says.
import type { Session } from '../records/types';
import { formTableOf } from './field-forms';
import { type Finding, legendTextOf, type ReadingContext } from './reading-context';
import { sessionsFromTable, tablesFromPlainText } from './sessions-from-tables';
import { type MessageFacts, messageFacts, sessionsFromText } from './sessions-from-text';

/**
 * Each message's facts, read once: the sessions and the requirements readers both ask for them with
 * the same reading context, and reading them scans the whole message.
 */
const factsByContext = new WeakMap<ReadingContext, MessageFacts>();

export function factsOf(ctx: ReadingContext): MessageFacts {
  const known = factsByContext.get(ctx);
  if (known) return known;
  const author = ctx.texts
    .filter((t) => t.kind === 'author')
    .map((t) => t.text)
    .join('\n');
  const whole = ctx.texts.map((t) => t.text).join('\n');
  const note = ctx.texts
    .filter((t) => t.kind === 'note')
    .map((t) => t.text)
    .join('\n');
  const facts = messageFacts(ctx.subject, author, whole, note);
  factsByContext.set(ctx, facts);
  return facts;
}

export function findSessions(ctx: ReadingContext): Array<Finding<Session>> {
  const facts = factsOf(ctx);
  const fromTables: Array<Finding<Session>> = [];
  /** The body's lines read as rows of a service log. */
  const logRows = new Set<number>();
  let bodyLogFromHtml = false;
  for (const table of ctx.tables) {
    const documentText = ctx.texts.find((t) => t.part === table.part)?.text ?? '';
    // An attachment's codes may be explained in the mail that carries it ("Att Code: PA = provider absent").
    const found = sessionsFromTable(table, { facts, documentText, legendText: legendTextOf(ctx, table.part) });
    fromTables.push(...found);
    if (found.length === 0 || table.part !== 'body') continue;
    if (table.table.label.startsWith(TEXT_TABLE)) {
      for (const f of found) rowRead(logRows, f);
      // Its header line too: the sentence reading dates a table's lines run together by the first of them.
      const first = table.table.rowNumbers[0];
      if (first !== undefined) logRows.add(first - 1);
    } else bodyLogFromHtml = true;
  }
  // A service-entry form's blocks ("Date of Service: ... / Minutes Served: ...") are rows of a log.
  /** Lines of each part read as a form's records, not read again as sentences. */
  const formLines = new Map<string, Set<number>>();
  for (const part of ctx.texts) {
    if (part.kind === 'attachment' && SPREADSHEET.test(part.part)) continue;
    const table = formTableOf(part.text, part.anchor);
    if (!table) continue;
    const legendText = legendTextOf(ctx, part.part);
    const found = sessionsFromTable(
      { part: part.part, table, anchor: part.anchor },
      { facts, documentText: part.text, legendText },
    ).filter((f) => !fromTables.some((o) => o.date === f.date && o.service === f.service));
    fromTables.push(...found);
    formLines.set(part.part, new Set(found.flatMap((f) => (f.source.line === null ? [] : [f.source.line]))));
  }
  const out: Array<Finding<Session>> = [...fromTables];
  if (bodyLogFromHtml) for (const n of alternativeLogRows(ctx, facts)) logRows.add(n);
  const order = [...ctx.texts].sort((a, b) => rank(a.kind) - rank(b.kind));
  for (const part of order) {
    // A spreadsheet's text is its rows: read as a table, not as sentences.
    if (part.kind === 'attachment' && SPREADSHEET.test(part.part)) continue;
    // A part's own sessions are already one per fact; only what other parts said is compared.
    const earlier = out.slice();
    for (const s of sessionsFromText(part, facts)) {
      const same = earlier.find((o) => o.date === s.date && o.service === s.service);
      if (same) continue;
      // A log row read as a table is not read again as a sentence ("Moved from Mon." is no Monday session);
      // a row the table reading left (a code it does not know) still is.
      if (part.part === 'body' && s.source.line !== null && logRows.has(s.source.line)) continue;
      if (s.source.line !== null && formLines.get(part.part)?.has(s.source.line)) continue;
      out.push(s);
    }
  }
  return out;
}

const TEXT_TABLE = 'text table';
const SPREADSHEET = /\.(csv|tsv|xlsx|xls)$/i;

function rowRead(rows: Set<number>, found: Finding<Session>): void {
  if (found.source.line !== null) rows.add(found.source.line);
}

/** The rows of a log read from the HTML as they stand in the plain-text alternative, where they read as a log. */
function alternativeLogRows(ctx: ReadingContext, facts: MessageFacts): Set<number> {
  const rows = new Set<number>();
  const body = ctx.texts.find((t) => t.part === 'body');
  if (!body) return rows;
  for (const table of tablesFromPlainText(body.original ?? body.text)) {
    const part = { part: 'body', table, anchor: body.anchor };
    const legendText = legendTextOf(ctx, 'body');
    for (const f of sessionsFromTable(part, { facts, documentText: body.text, legendText })) rowRead(rows, f);
  }
  return rows;
}

function rank(kind: 'author' | 'note' | 'attachment'): number {
  return kind === 'author' ? 0 : kind === 'attachment' ? 1 : 2;
}
