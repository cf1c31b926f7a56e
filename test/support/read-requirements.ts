// Reads the requirements of one part (its text, and a grid in it if given) as the reader does,
// without their sources: what the requirement tests compare.
import type { Table } from '../../shared/extract/attachments/types';
import { findRequirements } from '../../shared/extract/requirements';
import type { Requirement } from '../../shared/records/types';

export function readRequirements(
  text: string,
  options: { sentOn: string; subject?: string; table?: Table; part?: string },
): Requirement[] {
  const part = options.part ?? 'plan.pdf';
  return findRequirements({
    tz: 'America/Chicago',
    sentOn: options.sentOn,
    subject: options.subject ?? '',
    sender: null,
    texts: [{ part, kind: part === 'body' ? 'author' : 'attachment', text, anchor: options.sentOn }],
    tables: options.table ? [{ part, table: options.table, anchor: options.sentOn }] : [],
  }).map(({ source: _source, ...r }) => r);
}
