// Reads one table as a service log, the way the reader does for an attachment, and returns the
// sessions without their sources: what the table tests compare.
import type { Table } from '../../shared/extract/attachments/types';
import { sessionsFromTable, tablesFromPlainText } from '../../shared/extract/sessions-from-tables';
import { messageFacts } from '../../shared/extract/sessions-from-text';

export function readTable(table: Table, documentText = '', subject = 'Service log'): unknown[] {
  const facts = messageFacts(subject, documentText, documentText);
  return sessionsFromTable({ part: 'log.csv', table, anchor: '2026-10-30' }, { facts, documentText }).map(
    ({ source: _s, ...s }) => s,
  );
}

/** Reads the first table typed with spaces in a plain-text body, as readTable does. */
export function readPlainTextTable(body: string, documentText = body, subject = 'Service log'): unknown[] {
  const [table] = tablesFromPlainText(body);
  if (!table) throw new Error('no table found in the text');
  return readTable(table, documentText, subject);
}
