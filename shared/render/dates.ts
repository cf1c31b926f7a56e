// Days as each language writes them, from Intl (no month names of our own): "Tue Nov 3" /
// "mar, 3 de nov" on a record line, "Tuesday, November 3, 2026" / "martes, 3 de noviembre de 2026"
// in a reminder. Dates are calendar days: formatted in UTC so no zone moves them.
import type { Language } from './language';
import type { Wording } from './wording';

/** The locale each language's dates and numbers are written in (US English, US Spanish). */
export const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US' };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDay(isoDate: string): Date | null {
  const match = ISO_DAY.exec(isoDate);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', ...options });
    formats.set(key, format);
  }
  return format;
}

/**
 * `2026-11-03` → `Tue Nov 3` / `mar, 3 de nov` (`Nov 3` / `3 nov` without the weekday; `Tue Nov 3,
 * 2026` / `mar, 3 de nov de 2026` with the year); anything else as given.
 */
export function dayWords(isoDate: string, language: Language = 'en', withWeekday = true, withYear = false): string {
  const date = utcDay(isoDate);
  if (!date) return isoDate;
  const words = formatter(language, {
    ...(withWeekday ? { weekday: 'short' } : {}),
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(date);
  // English lines have always read "Tue Nov 3", without Intl's comma after the weekday.
  return language === 'en' && withWeekday ? words.replace(',', '') : words;
}

/** `Wednesday, December 2, 2026` / `miércoles, 2 de diciembre de 2026`. */
export function longDate(isoDate: string, language: Language = 'en'): string {
  const date = utcDay(isoDate);
  if (!date) return isoDate;
  return formatter(language, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** `Aug 12, 2026` / `12 de agosto de 2026`. */
export function dateWithYear(isoDate: string, language: Language = 'en'): string {
  const date = utcDay(isoDate);
  if (!date) return isoDate;
  return formatter(language, { year: 'numeric', month: language === 'en' ? 'short' : 'long', day: 'numeric' }).format(
    date,
  );
}

/** `Nov 17` / `17 nov`; with the year `Nov 17, 2026` / `17 de noviembre de 2026`. */
export function shortDay(isoDate: string, language: Language = 'en', withYear = false): string {
  return withYear ? dateWithYear(isoDate, language) : dayWords(isoDate, language, false);
}

/** `Nov 16–20` / `16–20 nov` within a month, `Oct 30–Nov 3` / `30 oct–3 nov` across months. */
export function dayRange(start: string, end: string, language: Language = 'en'): string {
  if (start === end) return shortDay(start, language);
  if (start.slice(0, 7) !== end.slice(0, 7)) return `${shortDay(start, language)}–${shortDay(end, language)}`;
  const dayOf = (isoDate: string) => String(Number(isoDate.slice(8, 10)));
  return language === 'en'
    ? `${shortDay(start, language)}–${dayOf(end)}`
    : `${dayOf(start)}–${shortDay(end, language)}`;
}

/** `Nov 3, Nov 10 and Nov 17` / `3 nov, 10 nov y 17 nov`; after `max` days, `and N more`. */
export function dayList(dates: readonly string[], say: Wording, max = 8): string {
  const unique = [...new Set(dates)].sort();
  const shown = unique.slice(0, max).map((d) => shortDay(d, say.language));
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${say('digest.andMore', { count: rest })}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${say('digest.and')} ${shown[shown.length - 1]}`;
}
