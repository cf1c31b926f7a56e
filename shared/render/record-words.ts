// Records in plain words, one short line each, for phones, in the family's language:
// "Tue Nov 3 · Speech-language · 30 min · group · separate room · delivered" /
// "mar, 3 de nov · Habla y lenguaje · 30 min · en grupo · fuera del salón · se dio".
import { z } from 'zod';
import { schoolYearStarting } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';
import type { StoredRecord } from '../store/records';
import { dayWords } from './dates';
import type { Language } from './language';
import wordsJson from './record-words.json';
import { fill } from './wording';

export { dayWords };

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
  phrases: z.object({
    minutes: z.string(),
    missedBecause: z.string(),
    requires: z.string(),
    sessionsOf: z.string(),
    minutesPer: z.string(),
    range: z.string(),
    openEnd: z.string(),
    generalEducation: z.string(),
  }),
});
export type RecordWords = z.infer<typeof wordsSchema>;

export const RECORD_WORDS: Record<Language, RecordWords> = {
  en: wordsSchema.parse(wordsJson.en),
  es: wordsSchema.parse(wordsJson.es),
};

const word = (list: Record<string, string>, key: string | null | undefined): string | null =>
  key ? (list[key] ?? key) : null;

export interface RecordWordsOptions {
  /** The day the line is read on: dates outside its school year show their year. */
  today?: IsoDate;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a date needs its year to be read right on `today`: it lies in another school year. */
function needsYear(date: string, today: IsoDate | undefined): boolean {
  if (!ISO_DAY.test(date) || today === undefined || !ISO_DAY.test(today)) return false;
  return schoolYearStarting(date) !== schoolYearStarting(today);
}

/**
 * One record as a line of plain words (no numbering), in `language`. Dates outside the school year
 * of `today` show their year, and so do both ends of a range across school years ("Oct 2, 2026
 * to Oct 1, 2027", never the backwards-looking "Oct 2 to Oct 1").
 */
export function describeRecord(
  record: StoredRecord,
  language: Language = 'en',
  options: RecordWordsOptions = {},
): string {
  const words = RECORD_WORDS[language];
  const say = words.phrases;
  const { today } = options;
  const day = (iso: string, withWeekday = true, withYear = needsYear(iso, today)) =>
    dayWords(iso, language, withWeekday, withYear);
  const rangeYears = (from: string | null, to: string | null) =>
    (from !== null &&
      to !== null &&
      ISO_DAY.test(from) &&
      ISO_DAY.test(to) &&
      schoolYearStarting(from) !== schoolYearStarting(to)) ||
    (from !== null && needsYear(from, today)) ||
    (to !== null && needsYear(to, today));
  const parts: Array<string | null> = [];
  switch (record.kind) {
    case 'session':
      parts.push(
        day(record.date),
        word(words.services, record.service),
        record.minutes === null ? null : fill(say.minutes, { minutes: record.minutes }),
        word(words.delivery, record.delivery),
        word(words.location, record.location),
        record.status === 'missed' && record.reason
          ? fill(say.missedBecause, { reason: word(words.reasons, record.reason) ?? '' })
          : word(words.status, record.status),
      );
      break;
    case 'requirement': {
      const per = word(words.per, record.per) ?? '';
      const amount =
        record.sessions !== null && record.minutes !== null
          ? fill(say.sessionsOf, { sessions: record.sessions, minutes: record.minutes, per })
          : record.totalMinutes !== null
            ? fill(say.minutesPer, { minutes: record.totalMinutes, per })
            : word(words.per, record.per);
      parts.push(
        say.requires,
        word(words.services, record.service),
        amount,
        word(words.delivery, record.delivery),
        word(words.location, record.location),
        record.start || record.end
          ? fill(say.range, {
              from: record.start ? day(record.start, false, rangeYears(record.start, record.end)) : say.openEnd,
              to: record.end ? day(record.end, false, rangeYears(record.start, record.end)) : say.openEnd,
            })
          : null,
      );
      break;
    }
    case 'setting-event':
      parts.push(day(record.date), word(words.activities, record.activity), word(words.settings, record.setting));
      break;
    case 'date':
      parts.push(
        record.end
          ? fill(say.range, {
              from: day(record.date, true, rangeYears(record.date, record.end)),
              to: day(record.end, true, rangeYears(record.date, record.end)),
            })
          : day(record.date),
        word(words.dateTypes, record.type),
      );
      break;
    case 'setting-percent':
      parts.push(fill(say.generalEducation, { percent: record.generalEducation }));
      break;
  }
  return parts.filter((part): part is string => part !== null && part !== '').join(' · ');
}
