import { findDates } from '../../shared/extract/dates';
import { normaliseText } from '../../shared/extract/normalise/normalise-text';
import { bodyContext } from './body-context';

/** Dates read from one author's text as the reader sees it (shorthand and Spanish normalised), sent on `sentOn`, without provenance. */
export function readDates(written: string, sentOn: string) {
  const ctx = bodyContext(normaliseText(written), sentOn, { tz: 'America/Chicago' });
  return findDates(ctx).map(({ type, date, end }) => ({ type, date, end }));
}
