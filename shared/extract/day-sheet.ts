// A day sheet: one school day's timeline written as a table (a daily point sheet, a home-school
// communication log): no date column, the day named once in the document's title, a clock span on
// each row. A row naming a related service is that day's session, its span the session's (or, when
// it did not happen, the scheduled) minutes; a removal to a place written beside a class says where
// the child was for that class.
import type { IsoDate, Location, Session, SettingEvent } from '../records/types';
import { cellWords, type Table } from './attachments/types';
import { clockSpanCellMinutes } from './clock-spans';
import { hasPhrase, type WordText, wordText } from './match-phrases';
import { normaliseCell } from './normalise/normalise-text';
import type { Finding, TablePart } from './reading-context';
import { findDateMentions } from './resolve-dates';
import { findServiceMentions } from './service-words';
import { deliveryFromWords, locationFromWords, reasonFromWords, sessionVocabulary } from './session-vocabulary';

const WEEKDAY = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri)(?:day)?s?\b\.?/i;
const DATE_LIKE = /\b\d{1,2}[/.-]\d{1,2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d/i;

/** One row of the sheet: what the block is called, its minutes, and the words after the span. */
export interface SheetRow {
  label: string;
  minutes: number;
  notes: string;
  line: number | null;
}

/**
 * The one day a document's title names ("Daily Point Sheet - Room 7 - Friday, September 4, 2026"):
 * the first three lines with words, a written date (not a weekday alone), a single day, not after
 * the anchor. Otherwise null.
 */
export function sheetDay(documentText: string, anchor: IsoDate | null): IsoDate | null {
  if (!anchor) return null;
  const title = documentText
    .slice(0, 2_000)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, 3)
    .join('\n');
  const days = new Set(
    findDateMentions(title, anchor)
      .filter((m) => !m.relative && m.end === null)
      .map((m) => m.date),
  );
  const [day] = [...days];
  return days.size === 1 && day !== undefined && day <= anchor ? day : null;
}

/**
 * The rows of a table that is one day's timeline: most rows carry one clock span, at least three
 * do, and no row or header names a weekday or a date (that would be a week's schedule or a log).
 */
export function daySheetRows(table: Table): SheetRow[] | null {
  if (table.headers.some((h) => WEEKDAY.test(h) || DATE_LIKE.test(h))) return null;
  const rows: SheetRow[] = [];
  for (const [r, row] of table.rows.entries()) {
    const cells = row.map(cellWords);
    if (cells.some((c) => WEEKDAY.test(c) || DATE_LIKE.test(c.replace(/\d{1,2}:\d{2}/g, '')))) return null;
    const at = cells.findIndex((c) => clockSpanCellMinutes(c) !== null);
    if (at <= 0) continue;
    rows.push({
      label: cells.slice(0, at).join(' ').trim(),
      minutes: clockSpanCellMinutes(cells[at] ?? '') ?? 0,
      notes: cells
        .slice(at + 1)
        .filter((c) => /[A-Za-z]/.test(c))
        .join(' '),
      line: table.rowNumbers[r] ?? null,
    });
  }
  return rows.length >= 3 && rows.length >= table.rows.length * 0.6 ? rows : null;
}

/** The sessions of a day sheet: rows whose label names one related service, firmly. */
export function daySheetSessions(part: TablePart, day: IsoDate, rows: SheetRow[]): Array<Finding<Session>> {
  const out: Array<Finding<Session>> = [];
  for (const row of rows) {
    const label = normaliseCell(row.label);
    const services = new Set(
      findServiceMentions(label)
        .filter((m) => !m.conditional)
        .map((m) => m.service),
    );
    const [service] = [...services];
    if (services.size !== 1 || !service || service === 'specialized-academic-instruction') continue;
    const notes = wordText(normaliseCell(row.notes));
    const status = statusOfNotes(notes);
    out.push({
      date: day,
      service,
      minutes: row.minutes,
      delivery: deliveryFromWords(wordText(label)) ?? deliveryFromWords(notes),
      location: locationFromWords(notes),
      status,
      reason: status === 'missed' ? reasonFromWords(notes) : null,
      source: { part: part.part, line: row.line, excerpt: `${row.label} ${row.notes}`.slice(0, 80) },
    });
  }
  return out;
}

/** Where the child was for a class the sheet's notes say he was taken from ("Calm room 10:31-10:54"). */
export function daySheetSettingEvents(
  part: TablePart,
  day: IsoDate,
  rows: SheetRow[],
  activityOf: (label: string) => SettingEvent['activity'] | null,
  placeOf: (notes: string) => Location | null,
): Array<Finding<SettingEvent>> {
  const out: Array<Finding<SettingEvent>> = [];
  for (const row of rows) {
    if (row.notes === '') continue;
    const activity = activityOf(row.label);
    const setting = placeOf(row.notes);
    if (!activity || !setting || out.some((o) => o.activity === activity)) continue;
    out.push({
      date: day,
      activity,
      setting,
      source: { part: part.part, line: row.line, excerpt: `${row.label} ${row.notes}`.slice(0, 80) },
    });
  }
  return out;
}

/** Held unless the notes say otherwise: a make-up, or not held (a partial miss is still held). */
function statusOfNotes(notes: WordText): Session['status'] {
  const v = sessionVocabulary();
  if (hasPhrase(v.makeup, notes)) return 'makeup';
  if (hasPhrase(v.partialMiss, notes)) return 'delivered';
  if (hasPhrase(v.missed, notes) || hasPhrase(v.missedLogEntry, notes)) return 'missed';
  return 'delivered';
}
