import type { ReadingContext } from '../../shared/extract/reading-context';

/** A message whose body is `text` (already as the reader sees it), sent on `sentOn`, with no tables. */
export function bodyContext(
  text: string,
  sentOn: string,
  { subject = '', tz = 'America/New_York' }: { subject?: string; tz?: string } = {},
): ReadingContext {
  return {
    tz,
    sentOn,
    subject,
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: sentOn }],
    tables: [],
  };
}
