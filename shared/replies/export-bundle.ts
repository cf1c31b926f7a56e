// Everything kept about a child, as files a family can keep: a CSV of every record (with where it
// came from, whether a guardian confirmed it, its last change), a calendar of the deadlines, and a
// zip of the original messages as received. Used by the `export` email command and `iep export`.

import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { dayIn } from '../calendar/iso-days';
import { renderCalendar } from '../deadlines/calendar';
import { meetingDays, trackDeadlines } from '../deadlines/track-deadlines';
import type { IngestDeps } from '../ingest/ingest-deps';
import type { DateItem } from '../records/types';
import { languageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import type { StoredRecord } from '../store/records';

/** The most the originals may weigh, zipped, to go out by email. */
export const EMAIL_ZIP_LIMIT_BYTES = 10_000_000;

export const CSV_COLUMNS = [
  'id',
  'kind',
  'date',
  'end',
  'service',
  'minutes',
  'delivery',
  'location',
  'status',
  'reason',
  'sessions',
  'total_minutes',
  'per',
  'start',
  'activity',
  'setting',
  'date_type',
  'general_education_percent',
  'confirmed',
  'removed',
  'recorded_at',
  'versions',
  'last_change',
  'last_change_at',
  'last_change_by',
  'source_message',
  'source_part',
  'source_line',
  'source_excerpt',
] as const;

/** Spreadsheet apps run cells that start with these as formulas: such cells get a leading `'`. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function row(record: StoredRecord): string[] {
  const r = record as unknown as Record<string, unknown>;
  const last = record.history[record.history.length - 1];
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    id: record.id,
    kind: record.kind,
    date: r.date,
    end: record.kind === 'requirement' ? record.end : record.kind === 'date' ? record.end : null,
    service: r.service,
    minutes: r.minutes,
    delivery: r.delivery,
    location: r.location,
    status: r.status,
    reason: r.reason,
    sessions: r.sessions,
    total_minutes: r.totalMinutes,
    per: r.per,
    start: r.start,
    activity: r.activity,
    setting: r.setting,
    date_type: record.kind === 'date' ? record.type : null,
    general_education_percent: r.generalEducation,
    confirmed: record.confirmed ? 'yes' : 'no',
    removed: record.deleted ? 'yes' : 'no',
    recorded_at: record.recordedAt,
    versions: record.history.length,
    last_change: last?.action,
    last_change_at: last?.at,
    last_change_by: last?.by,
    source_message: record.messageId,
    source_part: record.source.part,
    source_line: record.source.line,
    source_excerpt: record.source.excerpt,
  };
  return CSV_COLUMNS.map((column) => cell(values[column]));
}

export function recordsCsv(records: readonly StoredRecord[]): string {
  return stringify([[...CSV_COLUMNS], ...records.map(row)], { record_delimiter: '\r\n' });
}

export interface ExportBundle {
  csv: string;
  ics: string;
  deadlines: number;
  records: number;
  /** Zip of `<receivedAt>-<messageId>.eml` files, or null when none. */
  zip: Uint8Array | null;
  messages: number;
  rawBytes: number;
}

export async function buildExport(deps: IngestDeps, child: Child): Promise<ExportBundle> {
  const now = deps.clock.now();
  const records = await deps.records.list(child.id, { includeDeleted: true });
  const dates: DateItem[] = records
    .filter((r): r is Extract<StoredRecord, { kind: 'date' }> => r.kind === 'date' && !r.deleted)
    .map((r) => ({ type: r.type, date: r.date, end: r.end ?? null }));
  const deadlines = trackDeadlines({
    dates,
    state: child.state,
    schoolYear: child.schoolYear ?? null,
    asOf: dayIn(child.timeZone, now),
  });
  const ics = renderCalendar({
    childId: child.id,
    childName: child.name,
    deadlines,
    meetings: meetingDays(dates),
    stamp: now,
    say: wordingFor(languageOf(child)),
  });
  const files: Record<string, Uint8Array> = {};
  let rawBytes = 0;
  const messages = await deps.messages.list(child.id);
  for (const message of messages) {
    try {
      const bytes = await deps.rawMail.get(message.rawKey);
      rawBytes += bytes.length;
      files[`${message.receivedAt.replace(/[:.]/g, '-')}-${message.messageId}.eml`] = bytes;
    } catch {
      // A message whose raw bytes are gone is left out of the zip.
    }
  }
  const count = Object.keys(files).length;
  return {
    csv: recordsCsv(records),
    ics,
    deadlines: deadlines.filter((d) => d.due !== null && (d.status === 'open' || d.status === 'overdue')).length,
    records: records.length,
    zip: count > 0 ? zipSync(files, { level: 6 }) : null,
    messages: count,
    rawBytes,
  };
}

/** Everything kept for a child as files (the operator's export); null for no such child. */
export async function exportChild(deps: IngestDeps, childId: string): Promise<ExportBundle | null> {
  const child = await deps.children.get(childId);
  return child ? buildExport(deps, child) : null;
}

/** A message of the child exactly as received, or null when the child has no such message. */
export async function originalMessage(
  deps: Pick<IngestDeps, 'messages' | 'rawMail'>,
  childId: string,
  messageId: string,
): Promise<Uint8Array | null> {
  const message = await deps.messages.get(childId, messageId);
  return message ? deps.rawMail.get(message.rawKey) : null;
}
