// Records in plain words, one short line each, for phones:
// "Tue Nov 3 · Speech-language · 30 min · group · separate room · delivered".
import { z } from 'zod';
import type { StoredRecord } from '../store/records';
import wordsJson from './record-words.json';

const table = z.record(z.string(), z.string());
const wordsSchema = z.object({
  services: table,
  reasons: table,
  delivery: table,
  location: table,
  status: table,
  activities: table,
  settings: table,
  dateTypes: table,
  per: table,
});

const words = wordsSchema.parse(wordsJson);

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-03` → `Tue Nov 3`; anything else is shown as given. */
export function dayWords(isoDate: string, withWeekday = true): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDate;
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return withWeekday ? `${WEEKDAYS[date.getUTCDay()]} ${day}` : day;
}

const word = (list: Record<string, string>, key: string | null | undefined): string | null =>
  key ? (list[key] ?? key) : null;

/** One record as a line of plain words (no numbering). */
export function describeRecord(record: StoredRecord): string {
  const parts: Array<string | null> = [];
  switch (record.kind) {
    case 'session':
      parts.push(
        dayWords(record.date),
        word(words.services, record.service),
        record.minutes === null ? null : `${record.minutes} min`,
        word(words.delivery, record.delivery),
        word(words.location, record.location),
        record.status === 'missed' && record.reason
          ? `missed (${word(words.reasons, record.reason)})`
          : word(words.status, record.status),
      );
      break;
    case 'requirement': {
      const amount =
        record.sessions !== null && record.minutes !== null
          ? `${record.sessions} × ${record.minutes} min ${word(words.per, record.per)}`
          : record.totalMinutes !== null
            ? `${record.totalMinutes} min ${word(words.per, record.per)}`
            : word(words.per, record.per);
      parts.push(
        'IEP requires',
        word(words.services, record.service),
        amount,
        word(words.delivery, record.delivery),
        word(words.location, record.location),
        record.start || record.end
          ? `${record.start ? dayWords(record.start, false) : '…'} to ${record.end ? dayWords(record.end, false) : '…'}`
          : null,
      );
      break;
    }
    case 'setting-event':
      parts.push(dayWords(record.date), word(words.activities, record.activity), word(words.settings, record.setting));
      break;
    case 'date':
      parts.push(
        record.end ? `${dayWords(record.date)} to ${dayWords(record.end)}` : dayWords(record.date),
        word(words.dateTypes, record.type),
      );
      break;
    case 'setting-percent':
      parts.push(`Time in general education: ${record.generalEducation}% of the day`);
      break;
  }
  return parts.filter((part): part is string => part !== null && part !== '').join(' · ');
}
