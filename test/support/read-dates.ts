import { findDates } from '../../shared/extract/dates';
import { normaliseText } from '../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../shared/extract/reading-context';

/** Dates read from one author's text as the reader sees it (shorthand and Spanish normalised), sent on `sentOn`, without provenance. */
export function readDates(written: string, sentOn: string) {
  const text = normaliseText(written);
  const ctx: ReadingContext = {
    tz: 'America/Chicago',
    sentOn,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: sentOn }],
    tables: [],
  };
  return findDates(ctx).map(({ type, date, end }) => ({ type, date, end }));
}
