// Sessions a service-entry form or notice states in labelled fields, one session per block:
// "Date of Service: 09/09/2026 / Minutes Served: 30 / Group Size: 2 / Attendance: Present", or
// "DOS: 11/02/2026 Time: 10:40-11:10 Type: individual Place: Speech room" on one line. Each block
// is turned into a row of a service log whose columns are the fields' kinds, and read as a log is.
// The labels are data (vocabulary/form-fields.json).
import { z } from 'zod';
import type { IsoDate } from '../records/types';
import { allMatches } from './all-matches';
import type { Table } from './attachments/types';
import { clockSpanMinutes } from './clock-spans';
import { findDateMentions } from './resolve-dates';
import { escapeRegExp } from './sentences';
import formFieldsJson from './vocabulary/form-fields.json';

const formFieldsSchema = z.object({
  serviceDate: z.array(z.string()),
  date: z.array(z.string()),
  clock: z.array(z.string()),
  minutes: z.array(z.string()),
  scheduled: z.array(z.string()),
  grouping: z.array(z.string()),
  place: z.array(z.string()),
  status: z.array(z.string()),
  service: z.array(z.string()),
  notes: z.array(z.string()),
});

type FieldKind = keyof z.infer<typeof formFieldsSchema>;

/** The header each kind of field is read under: words the log reader types its columns by. */
const COLUMN_HEADER: Record<Exclude<FieldKind, 'serviceDate'>, string> = {
  date: 'Date',
  clock: 'Clock',
  minutes: 'Minutes',
  scheduled: 'Scheduled minutes',
  grouping: 'Group',
  place: 'Location',
  status: 'Status',
  service: 'Service',
  notes: 'Notes',
};
const KINDS = Object.keys(COLUMN_HEADER) as Array<Exclude<FieldKind, 'serviceDate'>>;

interface Labels {
  kindOf: Map<string, FieldKind>;
  /** A label, at a line's start or after a wide gap, a tab or a bar, then its colon (or a figure after a service-date label). */
  pattern: RegExp;
}

let labels: Labels | null = null;

function formLabels(): Labels {
  if (labels) return labels;
  const fields = formFieldsSchema.parse(formFieldsJson);
  const kindOf = new Map<string, FieldKind>();
  for (const [kind, words] of Object.entries(fields) as Array<[FieldKind, string[]]>)
    for (const w of words) kindOf.set(w.toLowerCase(), kind);
  // Longest first, so "date of service" wins over "date".
  const alternatives = [...kindOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const dated = fields.serviceDate.sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(
    String.raw`(?:^|\t|\s{2,}|\|\s*|(?<=\S)\s)(?:(${alternatives.join('|')})\s*:|(${dated.join('|')})\s+(?=\d))\s*`,
    'gi',
  );
  labels = { kindOf, pattern };
  return labels;
}

interface Field {
  kind: FieldKind;
  value: string;
  line: number;
}

/** The labelled fields of a line, where the line opens with one ("Time: ..." but not "at this time: ..."). */
function fieldsOfLine(line: string, lineNumber: number): Field[] {
  const { kindOf, pattern } = formLabels();
  const text = line.replace(/^\s*(?:[-•*·]\s+)?/, '');
  const found = allMatches(text, pattern);
  if (found.length === 0 || (found[0]?.index ?? -1) !== 0) return [];
  const out: Field[] = [];
  for (const [k, m] of found.entries()) {
    const label = (m[1] ?? m[2] ?? '').toLowerCase();
    const kind = kindOf.get(label);
    if (!kind) continue;
    const start = (m.index ?? 0) + m[0].length;
    const end = found[k + 1]?.index ?? text.length;
    out.push({
      kind,
      value: text
        .slice(start, end)
        .replace(/[\s|]+$/, '')
        .trim(),
      line: lineNumber,
    });
  }
  return out;
}

/** A block's fields: the fields of a run of lines, a service-date field opening a new record. */
interface Record_ {
  fields: Field[];
  line: number;
}

/** What is left of a day's value when only its clock span follows it ("- 10:30 AM", "10:00-10:30"). */
const ONLY_CLOCK = /^[\d:\s.apm\-\u2013]*(?:to[\d:\s.apm]*)?$/i;

const MAKEUP = /\b(?:make[- ]?up|made up)\b/i;

const TIME_ZONE_AFTER = /\s+(?:e|c|m|p|ak|h)[sd]?t\b\.?\s*$/i;

/**
 * Service-entry forms in a text, each block a row: headers are the kinds of field the blocks hold.
 * Null where the text holds no block with a day and a statement of what happened.
 */
export function formTableOf(text: string, anchor: IsoDate | null): Table | null {
  if (anchor === null) return null;
  const lines = text.slice(0, 100_000).split(/\r?\n/);
  const records: Record_[] = [];
  /** Fields of the block before any record's day, and of blocks that name no day: shared by the records. */
  const shared: Field[] = [];
  let current: Record_ | null = null;
  let blockHasDay = false;
  let pending: Field[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') {
      if (!blockHasDay) shared.push(...pending);
      pending = [];
      blockHasDay = false;
      current = null;
      continue;
    }
    for (const field of fieldsOfLine(line, i + 1)) {
      const day = field.kind === 'serviceDate' || field.kind === 'date';
      if (day) {
        // A block's first day takes the fields above it in the block ("Service: ..." over "Date: ...").
        current = { fields: blockHasDay ? [field] : [...pending, field], line: i + 1 };
        records.push(current);
        blockHasDay = true;
        pending = [];
        continue;
      }
      if (current) current.fields.push(field);
      else pending.push(field);
    }
  }
  const read = records.map((record) => ({ record, cells: rowOf(record, shared, anchor) }));
  const kept = read.filter((r) => r.cells !== null);
  if (kept.length === 0) return null;
  // Only the kinds some record gives are columns: an empty status column would hide what a remark says.
  const kinds = KINDS.filter((k) => kept.some((r) => r.cells?.has(k)));
  return {
    label: 'form',
    headers: kinds.map((k) => COLUMN_HEADER[k]),
    rows: kept.map((r) => kinds.map((k) => r.cells?.get(k) ?? null)),
    rowNumbers: kept.map((r) => r.record.line),
  };
}

/**
 * A record's cells by kind, or null where it is no account of a session: its day must open its
 * date field, and it must say what happened (a status or minutes served) or, dated as a day of
 * service, when it ran. A form of what is planned ("Date: ... Time: ...") is not a session.
 */
function rowOf(record: Record_, shared: Field[], anchor: IsoDate): Map<string, string> | null {
  const cells = new Map<string, string>();
  const own = new Set(record.fields.map((f) => f.kind));
  for (const f of shared)
    if (!own.has(f.kind) && (f.kind === 'service' || f.kind === 'grouping')) cells.set(f.kind, f.value);
  let ofService = false;
  for (const f of record.fields) {
    if (f.kind !== 'date' && f.kind !== 'serviceDate') {
      if (!cells.has(f.kind)) cells.set(f.kind, f.value);
      continue;
    }
    if (cells.has('date')) continue;
    const mention = findDateMentions(f.value, anchor)[0];
    if (mention?.index !== 0 || mention.relative || mention.end !== null) return null;
    ofService = f.kind === 'serviceDate';
    cells.set('date', mention.date);
    // What follows the day: its clock span ("Thu 10/15/2026, 10:00 AM - 10:30 AM ET") or a remark.
    const rest = f.value
      .slice(mention.text.length)
      .replace(/^[\s,;.\-\u2013]+/, '')
      .replace(TIME_ZONE_AFTER, '');
    // The day's mention may run on into the clock ("10/15/2026, 10:00 AM"): the span is read from the whole value.
    if (ONLY_CLOCK.test(rest) && clockSpanMinutes(f.value) !== null) {
      if (!cells.has('clock')) cells.set('clock', f.value);
    } else if (rest !== '' && !cells.has('notes')) cells.set('notes', rest);
  }
  // A comment on the one session a block tells is its status's too ("Present" with "Make-up session for 9/28").
  const status = cells.get('status');
  const notes = cells.get('notes');
  if (status !== undefined && notes !== undefined && MAKEUP.test(notes)) cells.set('status', `${status}; ${notes}`);
  const clock = cells.get('clock');
  if (clock !== undefined) cells.set('clock', clock.replace(TIME_ZONE_AFTER, ''));
  const told =
    cells.has('status') ||
    /^\s*\d{1,3}\b/.test(cells.get('minutes') ?? '') ||
    (ofService && (clockSpanMinutes(cells.get('clock') ?? '') !== null || cells.has('notes')));
  return told && cells.has('date') ? cells : null;
}
