// Dates in the words a parent reads: "Nov 17", "Nov 3, Nov 10 and Nov 17".

import type { IsoDate } from '../records/types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 17" (with the year when `withYear`). */
export function shortDate(date: IsoDate, withYear = false): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? date.slice(5, 7);
  const day = String(Number(date.slice(8, 10)));
  return withYear ? `${month} ${day}, ${date.slice(0, 4)}` : `${month} ${day}`;
}

/** "Nov 3, Nov 10 and Nov 17"; after `max` dates, "and N more". */
export function dateList(dates: IsoDate[], max = 8): string {
  const unique = [...new Set(dates)].sort();
  const shown = unique.slice(0, max).map((d) => shortDate(d));
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** "Nov 16–20" or "Oct 30–Nov 3". */
export function dateRange(start: IsoDate, end: IsoDate): string {
  if (start === end) return shortDate(start);
  if (start.slice(0, 7) === end.slice(0, 7)) return `${shortDate(start)}–${Number(end.slice(8, 10))}`;
  return `${shortDate(start)}–${shortDate(end)}`;
}
