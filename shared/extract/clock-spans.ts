// Minutes told as two clock times ("10:05-10:25", "9:40 AM to 10:10 AM", "7:50 a 14:20"): one
// reading for prose and table cells alike; and the length of a billing unit, which is not a session's minutes.

const CLOCK = String.raw`(\d{1,2}):(\d{2})\s*(?:([ap])(?:\.?\s*m)?\.?\b)?`;
const JOIN = String.raw`\s*(?:-|\u2013|\u2014|to)\s*`;

/** The first clock-time span anywhere in a text. */
const CLOCK_SPAN = new RegExp(String.raw`\b${CLOCK}${JOIN}${CLOCK}`, 'i');
/** A span that ends its cell ("10:05-10:25", "08/31/2026 10:05 AM – 10:25 AM"). */
const CLOCK_SPAN_ENDING = new RegExp(String.raw`(?:^|\s)${CLOCK}${JOIN}${CLOCK}\s*$`, 'i');
/** A span that opens its cell, the rest after a dash or colon being notes ("9:30-10:00 — 1:1 in the speech room"). */
const CLOCK_SPAN_LEADING = new RegExp(String.raw`^\s*${CLOCK}${JOIN}${CLOCK}\s*(?:[-\u2013\u2014:|]\s*(.*))?$`, 'is');
const ONE_CLOCK = new RegExp(String.raw`^\s*${CLOCK}\s*$`, 'i');

/** The longest a session can be: a school day (an aide's day, 7:50 to 14:20). */
const LONGEST = 480;

/** Minutes of the day: a 24-hour figure as written, else am/pm where written, else the hour mod 12. */
function minuteOfDay(hours: string | undefined, minutes: string | undefined, meridiem: string | undefined): number {
  const h = Number(hours);
  const base = h >= 13 ? h : (h % 12) + (meridiem?.toLowerCase() === 'p' ? 12 : 0);
  return base * 60 + Number(minutes);
}

type Clock = [hours: string | undefined, minutes: string | undefined, meridiem: string | undefined];

function lengthOf(start: Clock, end: Clock): number | null {
  if ([start, end].some(([h, m]) => Number(h) > 23 || Number(m) > 59)) return null;
  // "12:40-13:10": an end on the 24-hour clock puts its start there too.
  let from = Number(end[0]) >= 13 && !start[2] ? Number(start[0]) * 60 + Number(start[1]) : minuteOfDay(...start);
  let to = minuteOfDay(...end);
  // "1:00-1:30 pm": a start without am/pm shares the end's, unless that puts it after the end ("11:30-12:15 pm").
  if (!start[2] && end[2]) {
    const shared = minuteOfDay(start[0], start[1], end[2]);
    if (shared <= to) from = shared;
  }
  // A 12-hour clock written without am/pm crosses noon ("11:30-12:15", "11:00-1:20").
  if (to < from) to += 12 * 60;
  const minutes = to - from;
  return minutes >= 0 && minutes <= LONGEST ? minutes : null;
}

/** A span whose start is a bare hour before a full clock time ("10-10:30", "9 - 9:45"). */
const HOUR_SPAN = new RegExp(String.raw`(?<![\d/:.,-])(\d{1,2})${JOIN}${CLOCK}`, 'i');

/**
 * Times written as four figures without a colon, the way logs and forms keep the 24-hour clock
 * ("1005-1035", "1430 to 1530 hrs"): hours of a school day only, so a span of years ("2025-2026")
 * or numbers is not read.
 */
const MILITARY = String.raw`(0[5-9]|1\d)([0-5]\d)`;
const MILITARY_SPAN = new RegExp(String.raw`(?<![\d/:.,-])${MILITARY}${JOIN}${MILITARY}(?![\d/:-]|[.,]\d)`, 'i');

function militaryLength(m: RegExpExecArray): number | null {
  const minutes = Number(m[3]) * 60 + Number(m[4]) - (Number(m[1]) * 60 + Number(m[2]));
  // A gap of a minute or two is two numbers side by side ("rooms 1005-1006"), not a session.
  return minutes >= 5 && minutes <= LONGEST ? minutes : null;
}

/** Minutes of the first clock span in a text, or null (none, or longer than a school day). */
export function clockSpanMinutes(text: string): number | null {
  const m = CLOCK_SPAN.exec(text);
  if (m) return lengthOf([m[1], m[2], m[3]], [m[4], m[5], m[6]]);
  const military = MILITARY_SPAN.exec(text);
  if (military) return militaryLength(military);
  const h = HOUR_SPAN.exec(text);
  // Only where the bare hour is the same as or just before the end's ("10-10:30", "9-10:15").
  if (!h || !(Number(h[2]) - Number(h[1]) === 0 || Number(h[2]) - Number(h[1]) === 1)) return null;
  return lengthOf([h[1], '00', h[4]], [h[2], h[3], h[4]]);
}

/** Minutes of a span that a cell ends with (after the day, or alone), or null. */
export function clockSpanCellMinutes(cell: string): number | null {
  const m = CLOCK_SPAN_ENDING.exec(cell);
  if (m) return lengthOf([m[1], m[2], m[3]], [m[4], m[5], m[6]]);
  const military = MILITARY_CELL.exec(cell);
  return military ? militaryLength(military) : null;
}

const MILITARY_CELL = new RegExp(String.raw`^\s*${MILITARY}${JOIN}${MILITARY}\s*(?:hrs?\.?|hours)?\s*$`, 'i');

/** A cell that opens with a clock span and goes on with notes: its minutes and the notes, or null. */
export function leadingClockSpan(cell: string): { minutes: number; rest: string } | null {
  const m = CLOCK_SPAN_LEADING.exec(cell);
  const minutes = m ? lengthOf([m[1], m[2], m[3]], [m[4], m[5], m[6]]) : null;
  return m && minutes !== null ? { minutes, rest: (m[7] ?? '').trim() } : null;
}

/** Minutes between two cells that each hold one clock time ("Time In" 9:05, "Time Out" 9:30), or null. */
export function minutesBetweenClocks(from: string, to: string): number | null {
  const a = ONE_CLOCK.exec(from);
  const b = ONE_CLOCK.exec(to);
  if (!a || !b) return null;
  return lengthOf([a[1], a[2], a[3]], [b[1], b[2], b[3]]);
}

/**
 * The minutes of one billing unit, where the document states it ("1 Unit = 15 min", "units billed:
 * 10 (15 min each)", "15-minute units"); null where it does not.
 */
const UNIT_LENGTH =
  /\b(?:1\s+|one\s+)?units?\s*(?:=|equals|is)\s*(\d{1,2})\s*-?\s*min|\bunits?\b[^.\n]{0,30}\(\s*(\d{1,2})\s*-?\s*min(?:ute)?s?\.?\s*each\s*\)|\b(\d{1,2})\s*-?\s*min(?:ute)?\.?\s*units?\b/i;

export function unitLengthIn(documentText: string): number | null {
  const m = UNIT_LENGTH.exec(documentText.slice(0, 50_000));
  const n = Number(m?.[1] ?? m?.[2] ?? m?.[3]);
  return n >= 5 && n <= 60 ? n : null;
}

/** The text without its unit-length statements ("Units: 2 (15 min each)"), whose minutes are no session's. */
export function withoutUnitLength(text: string): string {
  return text.replace(EVERY_UNIT_LENGTH, ' ');
}

const EVERY_UNIT_LENGTH = new RegExp(UNIT_LENGTH.source, 'gi');

/**
 * A clock span right after the event or room that took the child away ("5th gr assembly 10:30-11:30",
 * "in the reset room from 10:05 to 10:45"): the event's own hours, not the session's length.
 */
const EVENT_SPAN = new RegExp(
  String.raw`\b(?:assembly|assemblies|pep rally|rally|fire drill|drill|lockdown|field trip|testing|test|exam|meeting|party|performance|concert|(?:reset|calm|cool-down|break|removal) room)\s+(?:from\s+)?${CLOCK}${JOIN}${CLOCK}`,
  'gi',
);

export function withoutEventTimes(text: string): string {
  return text.replace(EVENT_SPAN, ' ');
}
