// A day sheet: one school day's timeline written as a table (a daily point sheet, a home-school
// communication log): no date column, the day named once in the document's title, a clock span on
// each row. A row naming a related service is that day's session, its span the session's (or, when
// it did not happen, the scheduled) minutes; a removal to a place written beside a class says where
// the child was for that class.
import type { IsoDate, Location, Session, SettingEvent } from '../records/types';
import { cellWords, type Table } from './attachments/types';
import { clockSpanCellMinutes, clockSpanMinutes, leadingClockSpan } from './clock-spans';
import { hasPhrase, type WordText, wordText } from './match-phrases';
import { normaliseCell } from './normalise/normalise-text';
import type { Finding, TablePart } from './reading-context';
import { findDateMentions } from './resolve-dates';
import { findServiceMentions } from './service-words';
import { deliveryFromWords, locationFromWords, reasonFromWords, sessionVocabulary } from './session-vocabulary';

const WEEKDAY = /\b(?:mon|tue|tues|wed|thu|thur|thurs|fri)(?:day)?s?\b\.?/i;
/** A column headed as the block's clock time. */
const TIME_HEADER = /^(?:time|times|when|hora|horario)$/i;
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
 * The rows of a table that is one day's timeline: no header names a weekday or a date, nor does any
 * row's block or span (that would be a week's schedule or a log; a date in a row's notes, "make-up
 * for 11/20", is the notes'). Either most rows carry one clock span and at least three do, or a
 * column is headed as the time ("Time | Service | Notes", where rows not held show "--"), or at
 * least two rows are written "Speech: 9:30-10:00 - notes" (a labelled sheet whose other lines are
 * arrival, lunch and mood).
 */
export function daySheetRows(table: Table): SheetRow[] | null {
  if (table.headers.some(datedCell)) return null;
  const rows: SheetRow[] = [];
  let labelled = 0;
  for (const [r, row] of table.rows.entries()) {
    const cells = row.map(cellWords);
    const spanAt = cells.findIndex((c) => clockSpanCellMinutes(c) !== null);
    const leadAt = spanAt < 0 ? cells.findIndex((c, i) => i > 0 && leadingClockSpan(c) !== null) : -1;
    const at = spanAt >= 0 ? spanAt : leadAt;
    // The block's name before its span ("OT  10:00-10:30"), or, where the span leads the row
    // ("10:00-10:30  OT  notes"), the first cell after it.
    const blockCells = at > 0 ? cells.slice(0, at + 1) : at === 0 ? cells.slice(0, 2) : cells;
    if (blockCells.some(datedCell)) return null;
    if (at < 0) continue;
    const label = (at > 0 ? cells.slice(0, at) : cells.slice(1, 2)).join(' ').trim();
    if (!/[A-Za-z]/.test(label)) continue;
    const lead = leadAt >= 0 ? leadingClockSpan(cells[leadAt] ?? '') : null;
    if (lead) labelled += 1;
    rows.push({
      label,
      minutes: lead?.minutes ?? clockSpanCellMinutes(cells[at] ?? '') ?? 0,
      notes: [lead?.rest ?? '', ...cells.slice(at > 0 ? at + 1 : 2)].filter((c) => /[A-Za-z]/.test(c)).join(' '),
      line: table.rowNumbers[r] ?? null,
    });
  }
  const timeline = rows.length >= 3 && rows.length >= table.rows.length * 0.6;
  const timed = rows.length >= 1 && table.headers.some((h) => TIME_HEADER.test(h.trim()));
  return timeline || timed || labelled >= 2 ? rows : null;
}

/** A cell naming a weekday or a date (clock times aside: "8:30-11:30" is no date). */
function datedCell(cell: string): boolean {
  return WEEKDAY.test(cell) || DATE_LIKE.test(cell.replace(/\d{1,2}:\d{2}/g, ''));
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

// "1:1 Aide:  Ms. Rosa (all day)": a sheet's line naming who the aide was that day.
const AIDE_LINE = /^[ \t]*([A-Za-z0-9:/ .-]{2,30}?)[ \t]*(?::[ \t]*|\t[ \t]*)(\S[^\n]*)$/gm;

/**
 * The aide's day as a day sheet states it on its own line ("1:1 Aide: Ms. Rosa (all day)", "Para:
 * Mr. Tom (sub)"): held, for the span written there if any, unless the line says the aide was out
 * and nobody covered. Only the sheet's first 30 lines, where its heading fields are.
 */
export function daySheetAide(part: TablePart, day: IsoDate, documentText: string): Array<Finding<Session>> {
  const head = documentText.split(/\r?\n/).slice(0, 30).join('\n');
  for (const m of head.matchAll(AIDE_LINE)) {
    const label = normaliseCell(m[1] ?? '');
    const services = findServiceMentions(label).filter((x) => !x.conditional);
    if (services.length !== 1 || services[0]?.service !== 'aide') continue;
    const value = m[2] ?? '';
    const words = wordText(normaliseCell(value));
    const v = sessionVocabulary();
    const covered = hasPhrase(v.covered, words) || SUBSTITUTE.test(value);
    const missed = !covered && (hasPhrase(v.missed, words) || OUT.test(value));
    return [
      {
        date: day,
        service: 'aide',
        minutes: missed ? null : clockSpanMinutes(value),
        delivery: deliveryFromWords(wordText(label)) === 'individual' ? 'individual' : null,
        location: null,
        status: missed ? 'missed' : 'delivered',
        reason: missed ? (reasonFromWords(words, true) ?? 'provider-absent') : null,
        source: { part: part.part, line: null, excerpt: m[0].trim().slice(0, 80) },
      },
    ];
  }
  return [];
}

/** A substitute named beside the aide ("Mr. Tom (sub)"): someone was there. */
const SUBSTITUTE = /\b(?:sub|substitute|covering|covered by)\b/i;
/** The aide away ("out today", "absent", "none"). */
const OUT = /\b(?:out|absent|none|no aide|no para)\b/i;

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
  // "the agency will schedule a make-up" promises one: the row itself was not held.
  if (hasPhrase(v.makeup, notes) && !hasPhrase(v.future, notes)) return 'makeup';
  if (hasPhrase(v.partialMiss, notes)) return 'delivered';
  if (hasPhrase(v.missed, notes) || hasPhrase(v.missedLogEntry, notes)) return 'missed';
  return 'delivered';
}
