// All sessions one message states: prose in the author's text, the parent's note and attachments,
// and service-log tables. A log row and a sentence about the same day and service are one session:
// the row wins, the sentence fills what the row leaves open only when nothing else says.
import type { Session } from '../records/types';
import { type Finding, legendTextOf, type ReadingContext } from './reading-context';
import { sessionsFromTable } from './sessions-from-tables';
import { type MessageFacts, messageFacts, sessionsFromText } from './sessions-from-text';

export function factsOf(ctx: ReadingContext): MessageFacts {
  const author = ctx.texts
    .filter((t) => t.kind === 'author')
    .map((t) => t.text)
    .join('\n');
  const whole = ctx.texts.map((t) => t.text).join('\n');
  const note = ctx.texts
    .filter((t) => t.kind === 'note')
    .map((t) => t.text)
    .join('\n');
  return messageFacts(ctx.subject, author, whole, note);
}

export function findSessions(ctx: ReadingContext): Array<Finding<Session>> {
  const facts = factsOf(ctx);
  const fromTables: Array<Finding<Session>> = [];
  for (const table of ctx.tables) {
    const documentText = ctx.texts.find((t) => t.part === table.part)?.text ?? '';
    // An attachment's codes may be explained in the mail that carries it ("Att Code: PA = provider absent").
    fromTables.push(...sessionsFromTable(table, { facts, documentText, legendText: legendTextOf(ctx, table.part) }));
  }
  const out: Array<Finding<Session>> = [...fromTables];
  const order = [...ctx.texts].sort((a, b) => rank(a.kind) - rank(b.kind));
  for (const part of order) {
    // A spreadsheet's text is its rows: read as a table, not as sentences.
    if (part.kind === 'attachment' && /\.(csv|tsv|xlsx|xls)$/i.test(part.part)) continue;
    // A part's own sessions are already one per fact; only what other parts said is compared.
    const earlier = out.slice();
    for (const s of sessionsFromText(part, facts)) {
      const same = earlier.find((o) => o.date === s.date && o.service === s.service);
      if (same) continue;
      out.push(s);
    }
  }
  return out;
}

function rank(kind: 'author' | 'note' | 'attachment'): number {
  return kind === 'author' ? 0 : kind === 'attachment' ? 1 : 2;
}
