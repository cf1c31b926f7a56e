// Days as each language writes them, from Intl (no month names of our own): "Tue Nov 3" /
// "mar, 3 de nov" on a record line, "Tuesday, November 3, 2026" / "martes, 3 de noviembre de 2026"
// in a reminder. Dates are calendar days: formatted in UTC so no zone moves them.
import type { Language } from './language';

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
