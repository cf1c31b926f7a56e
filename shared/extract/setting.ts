// Where the child spends the school day: the share in general education an IEP states
// (`settingPercent`), and where the child actually was for lunch, recess, a class period, an
// assembly or a removal on a day (`settingEvents`).
//
// Setting events come only from sentences that say, in the past or present of the message, that
// the child was somewhere for an activity, name the place, and give (or carry) the day. A service
// session's own location is never an event; neither is an absence or a plan.
// Words are data: vocabulary/activities.json.
import { z } from 'zod';
import { addDays, daysBetween, daysFrom, isWeekend, mondayOf } from '../calendar/iso-days';
import {
  ACTIVITIES,
  type Activity,
  type IsoDate,
  type Location,
  type SettingEvent,
  type SettingPercent,
} from '../records/types';
import { allMatches } from './all-matches';
import type { Table } from './attachments/types';
import { daySheetRows, daySheetSettingEvents, sheetDay } from './day-sheet';
import type { Finding, ReadingContext } from './reading-context';
import { type DateMention, dateFromCell, findDateMentions, namedWeek, tenseOf } from './resolve-dates';
import { findPhrases, hasPhrase, type PhraseHit, phrasePattern, plainText, splitSentences } from './sentences';
import { findServiceMentions } from './service-words';
import activitiesJson from './vocabulary/activities.json';

const phrases = z.array(z.string());
const vocabularySchema = z.object({
  activities: z.partialRecord(z.enum(ACTIVITIES), phrases),
  academic: z.array(z.enum(ACTIVITIES)),
  places: z.object({ separate: phrases, 'general-education': phrases }),
  notThere: phrases,
  notTheClass: phrases,
  serviceNotHeld: phrases,
  removal: phrases,
  removalPlaces: phrases,
  removalNouns: phrases,
  gatheringRooms: phrases,
  wholeWeek: phrases,
  presence: phrases,
  programs: z.object({ lineWords: phrases, notNames: phrases, ownClass: phrases }),
  settingPercent: z.object({
    generalWords: phrases,
    outsideWords: phrases,
    dayWords: phrases,
    notSetting: phrases,
    previousWords: phrases,
  }),
});

interface Vocabulary {
  activity: RegExp;
  activityOf: Map<string, Activity>;
  academic: Set<Activity>;
  separate: RegExp;
  general: RegExp;
  notThere: RegExp;
  notTheClass: RegExp;
  serviceNotHeld: RegExp;
  wholeWeek: RegExp;
  presence: RegExp;
  removalPlace: RegExp;
  removalNoun: RegExp;
  programLine: RegExp;
  ownClass: RegExp;
  notProgramName: Set<string>;
  gatheringRooms: Set<string>;
  generalWords: RegExp;
  outsideWords: RegExp;
  dayWords: RegExp;
  notSetting: RegExp;
  previousWords: RegExp;
}

let cached: Vocabulary | null = null;
function vocabulary(): Vocabulary {
  if (cached) return cached;
  const v = vocabularySchema.parse(activitiesJson);
  const activityOf = new Map<string, Activity>();
  for (const [activity, words] of Object.entries(v.activities) as Array<[Activity, string[] | undefined]>) {
    for (const w of words ?? []) activityOf.set(w.toLowerCase(), activity);
  }
  cached = {
    activity: phrasePattern([...activityOf.keys()]),
    activityOf,
    academic: new Set(v.academic),
    separate: phrasePattern(v.places.separate),
    general: phrasePattern(v.places['general-education']),
    notThere: phrasePattern(v.notThere),
    serviceNotHeld: phrasePattern(v.serviceNotHeld),
    notTheClass: new RegExp(`^\\s+(?:${v.notTheClass.join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    wholeWeek: phrasePattern(v.wholeWeek),
    presence: phrasePattern(v.presence),
    removalPlace: phrasePattern(v.removalPlaces),
    removalNoun: phrasePattern(v.removalNouns),
    programLine: phrasePattern(v.programs.lineWords),
    ownClass: phrasePattern(v.programs.ownClass),
    notProgramName: new Set(v.programs.notNames),
    gatheringRooms: new Set(v.gatheringRooms.map((w) => w.toLowerCase())),
    generalWords: phrasePattern(v.settingPercent.generalWords),
    outsideWords: phrasePattern(v.settingPercent.outsideWords),
    dayWords: phrasePattern(v.settingPercent.dayWords),
    notSetting: phrasePattern(v.settingPercent.notSetting),
    previousWords: phrasePattern(v.settingPercent.previousWords),
  };
  return cached;
}

// ---------- settingPercent ----------

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|por ciento\b)/gi;

/** The share of the school day in general education the message states, or null. */
export function findSettingPercent(ctx: ReadingContext): SettingPercent | null {
  const v = vocabulary();
  let outside: number | null = null;
  for (const part of ctx.texts) {
    if (part.kind === 'note') continue;
    for (const s of splitSentences(part.text)) {
      const t = plainText(s.text);
      if (!t.includes('%') && !/percent|por ciento/i.test(t)) continue;
      if (hasPhrase(t, v.notSetting) || !hasPhrase(t, v.dayWords)) continue;
      // "82% ... (previously 86%)", "(antes: 86 %)": the share as it was is not the share now.
      const values = allMatches(t, PERCENT)
        .filter((m) => !hasPhrase(t.slice(Math.max(0, (m.index ?? 0) - 16), m.index ?? 0), v.previousWords))
        .map((m) => Number(m[1]))
        .filter((n) => n >= 0 && n <= 100);
      if (values.length !== 1) continue;
      const value = values[0] ?? 0;
      if (hasPhrase(t, v.outsideWords)) {
        outside ??= Math.round(100 - value);
        continue;
      }
      if (hasPhrase(t, v.generalWords)) return { generalEducation: Math.round(value) };
    }
  }
  return outside === null ? null : { generalEducation: outside };
}

// ---------- settingEvents ----------

interface PlaceHit extends PhraseHit {
  setting: Location;
  /** Someone's own room ("Ms. Reyes's room"): away from the general student body at lunch or recess, unknown for a class. */
  personal?: boolean;
  /** A teacher's class ("Mr. Hale's math class"): the subject it names is the activity, not part of a place's name. */
  teachersClass?: boolean;
}

// "Ms. Reyes's room", and as hurried mail writes it, "mr fairbanks room".
const PERSON_ROOM = /\b(?:mr|mrs|ms|miss|dr)\.?\s+\p{Lu}[\p{L}-]*(?:['\u2019]s?)?\s+(?:room|classroom)\b/giu;

// "Special Education Teacher - EBD / Pathways Program": a program the message names, one capitalised word.
const PROGRAM_NAME = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'-]+)\s+Program\b/gu;

/**
 * The special-education programs a message names on a line about special education (a signature,
 * "his EBD program, Pathways Program"): "in Pathways", "the Pathways room" are then a separate setting.
 */
function programPlaces(texts: readonly string[]): RegExp | null {
  const v = vocabulary();
  const names = new Set<string>();
  for (const text of texts) {
    if (!text.includes('Program')) continue;
    for (const line of text.split(/\r?\n/)) {
      if (!line.includes('Program') || !hasPhrase(line, v.programLine)) continue;
      for (const m of allMatches(line, PROGRAM_NAME)) {
        const name = m[1] ?? '';
        if (!v.notProgramName.has(name.toLowerCase())) names.add(name.replace(/[^\p{L}]/gu, ''));
      }
    }
  }
  // "Self-Contained Class, Room 6": the child's own classroom is itself a separate setting.
  const ownClass = texts.some((text) => hasPhrase(text, v.ownClass)) ? OWN_CLASSROOM : null;
  if (names.size === 0) return ownClass ? new RegExp(ownClass, 'giu') : null;
  const name = `(?:${[...names].join('|')})`;
  return new RegExp(
    `(?<=\\b(?:in|into|to|at)\\s+(?:the\\s+)?)${name}(?:\\s+(?:room|classroom|class))?(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])${name}\\s+(?:room|classroom)(?![\\p{L}\\p{N}])${ownClass ? `|${ownClass}` : ''}`,
    'giu',
  );
}

/** The child's own room, where the message says it is a special-education class: "classroom", "Room 6". */
const OWN_CLASSROOM = String.raw`(?<![\p{L}\p{N}])(?:classroom|room\s+\d{1,3}|rm\.?\s*\d{1,3})(?![\p{L}\p{N}])`;

// "Mrs. Lund's class", "Mr. Hale's regular math class": a teacher's class, with its students, is the general class.
const PERSON_CLASS =
  /\b(?:mr|mrs|ms|miss)\.?\s+\p{Lu}[\p{L}-]*['\u2019]s\s+(?:(?:regular|general education|homeroom)\s+)?(?:(?:math|reading|science|writing|english|ela|history|social studies)\s+)?class\b/giu;

function placesIn(t: string, programs: RegExp | null = null): PlaceHit[] {
  const v = vocabulary();
  const hits: PlaceHit[] = [
    ...findPhrases(t, PERSON_CLASS).map((h) => ({ ...h, setting: 'general-education' as const, teachersClass: true })),
    ...(programs ? findPhrases(t, programs).map((h) => ({ ...h, setting: 'separate' as const })) : []),
    ...findPhrases(t, v.separate).map((h) => ({ ...h, setting: 'separate' as const })),
    ...findPhrases(t, v.general).map((h) => ({ ...h, setting: 'general-education' as const })),
    ...findPhrases(t, PERSON_ROOM).map((h) => ({ ...h, setting: 'separate' as const, personal: true })),
  ];
  // "instead of in the cafeteria", "not with her class": a place the child was not in.
  const negations = findPhrases(t, v.notThere);
  const kept: PlaceHit[] = [];
  for (const h of hits.sort((a, b) => b.end - b.index - (a.end - a.index))) {
    if (!kept.some((k) => k.index < h.end && h.index < k.end)) kept.push(h);
  }
  const placed = kept
    .filter((h) => !negations.some((n) => n.end <= h.index && h.index - n.end <= 12))
    .sort((a, b) => a.index - b.index);
  // "lunch in the resource room (the cafeteria was too loud)": an aside in brackets explains, unless
  // it says what a teacher's own room is ("in Mr. Ortiz's room (general education)").
  const asides = bracketed(t);
  const inAside = (h: PlaceHit) => asides.some(([from, to]) => from <= h.index && h.end <= to);
  // "stayed in his regular class in Mrs. Hale's room": a teacher's room told as the general class is that class.
  if (placed.some((h) => h.personal) && placed.some((h) => !inAside(h) && h.setting === 'general-education')) {
    return placed.filter((h) => !h.personal && !inAside(h));
  }
  if (placed.some((h) => !inAside(h) && !h.personal)) return placed.filter((h) => !inAside(h));
  return placed.some((h) => inAside(h) && !h.personal) ? placed.filter((h) => !h.personal) : placed;
}

/** The spans of the text inside round brackets. */
function bracketed(t: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let open = t.indexOf('('); open >= 0; open = t.indexOf('(', open + 1)) {
    const close = t.indexOf(')', open);
    spans.push([open, close < 0 ? t.length : close]);
  }
  return spans;
}

/** The clause says where the child was not: the general education class ("instead of in class"). */
function awayFromClass(t: string): boolean {
  const v = vocabulary();
  const negations = findPhrases(t, v.notThere);
  return findPhrases(t, v.general).some((h) => negations.some((n) => n.end <= h.index && h.index - n.end <= 12));
}

interface ActivityHit extends PhraseHit {
  activity: Activity;
}

function activitiesIn(t: string): ActivityHit[] {
  const v = vocabulary();
  return findPhrases(t, v.activity)
    .map((h) => ({ ...h, activity: v.activityOf.get(h.phrase.replace(/\s+/g, ' ')) ?? 'other' }))
    .filter((h) => !v.notTheClass.test(t.slice(h.end, h.end + 24)))
    .filter(
      (h) =>
        !/^(pe|art|ela|elar)$/i.test(h.phrase) ||
        t.slice(h.index, h.end) === t.slice(h.index, h.end).toUpperCase() ||
        h.phrase.length > 3 ||
        // "7th period art", "went back to art": a short name where a class goes.
        /\b(?:period|to|back to|in|from)\s+$/i.test(t.slice(Math.max(0, h.index - 12), h.index)),
    );
}

function oneSetting(places: PlaceHit[]): Location | null {
  const settings = new Set(places.map((p) => p.setting));
  return settings.size === 1 ? (places[0]?.setting ?? null) : null;
}

/** Each activity of a clause with the setting the clause gives it. */
function settingsOfClause(
  t: string,
  activities: ActivityHit[],
  places: PlaceHit[],
): Array<{ activity: Activity; setting: Location }> {
  const out: Array<{ activity: Activity; setting: Location }> = [];
  const whole = oneSetting(places);
  let previous: Location | null = null;
  activities.forEach((a, i) => {
    const next = activities[i + 1]?.index ?? t.length;
    const own = places.filter((p) => p.index >= a.index && p.index < next);
    let setting = own.length > 0 ? oneSetting(own) : (previous ?? whole);
    if (own.length === 0 && previous === null) setting = whole;
    if (setting && !out.some((o) => o.activity === a.activity)) out.push({ activity: a.activity, setting });
    previous = setting;
  });
  return out;
}

// ", so he ate lunch in ...": what comes before "so" is the cause, not where the child was.
// Mail typed (or dictated) in one breath turns at a comma before the next day ("..., tuesday he ate
// ...", not inside a list of days: "Monday, Tuesday and today"), at "so" before its subject ("he got
// upset so they let him eat ...") and at ", also".
const CLAUSE_BREAK =
  /;\s+|,\s+(?:and|but|so)\s+|\s+but\s+|\s+so\s+(?=(?:they|he|she|we|i)\s)|,\s+(?=also\s)|(?<!days?),\s+(?=(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday)\b(?!\s*(?:,|and\b|&|or\b|through\b|-)))/gi;

function clausesOf(t: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of allMatches(t, CLAUSE_BREAK)) {
    out.push(t.slice(start, m.index ?? 0));
    start = (m.index ?? 0) + m[0].length;
  }
  out.push(t.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

/** The days named up to the anchor; a range of a week at most ("Monday through Thursday") gives each school day in it. */
function pastDays(mentions: DateMention[], anchor: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (const m of mentions) {
    const last = m.end !== null && daysBetween(m.date, m.end) <= 7 ? m.end : m.date;
    for (let day = m.date; day <= last && day <= anchor; day = addDays(day, 1)) {
      if ((day === m.date || !isWeekend(day)) && !days.includes(day)) days.push(day);
    }
  }
  return days;
}

/** Monday to Friday of the anchor's week, up to the anchor. */
function weekSoFar(anchor: IsoDate): IsoDate[] {
  return daysFrom(mondayOf(anchor), addDays(mondayOf(anchor), 4)).filter((day) => day <= anchor);
}

/**
 * A log with a column per activity ("Lunch", "Recess location") and a date column: each cell
 * that names a place says where the child was for that activity that day.
 */
function eventsFromTable(table: Table, anchor: IsoDate | null, part: string, out: Array<Finding<SettingEvent>>): void {
  const v = vocabulary();
  const dateColumn = table.headers.findIndex((h) => /^\s*(date|day|fecha)\s*$/i.test(h));
  if (dateColumn < 0) return;
  const activityColumns: Array<{ column: number; activity: Activity }> = [];
  table.headers.forEach((h, column) => {
    const words = plainText(h);
    if (/\b(min|mins|minutes|time|duration|service|services|goal|notes?|comments?)\b/i.test(words)) return;
    const hits = findPhrases(words, v.activity);
    const hit = hits[0];
    if (hits.length !== 1 || !hit) return;
    const activity = v.activityOf.get(hit.phrase.replace(/\s+/g, ' '));
    if (activity) activityColumns.push({ column, activity });
  });
  if (activityColumns.length === 0) return;
  table.rows.forEach((row, r) => {
    const date = dateFromCell(row[dateColumn] ?? null, anchor);
    if (!date || (anchor !== null && date > anchor)) return;
    for (const { column, activity } of activityColumns) {
      const value = row[column];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const setting = oneSetting(placesIn(plainText(value)));
      if (!setting || out.some((o) => o.date === date && o.activity === activity)) continue;
      out.push({
        date,
        activity,
        setting,
        source: { part, line: table.rowNumbers[r] ?? null, excerpt: value.slice(0, 80) },
      });
    }
  });
}

/** The one activity a day sheet's row is for ("Math", "Science / SS"), not a service's row. */
function sheetActivity(label: string): Activity | null {
  const words = plainText(label);
  const hits = activitiesIn(words);
  return hits.length >= 1 && findServiceMentions(words).length === 0 ? (hits[0]?.activity ?? null) : null;
}

/** The one place a day sheet's notes put the child ("Calm room 10:31-10:54"). */
function sheetPlace(notes: string): Location | null {
  return oneSetting(placesIn(plainText(notes)));
}

/** The one activity a sentence's label names ("Lunch this week:", "Recess -"), or null. */
function labelActivity(t: string): ActivityHit | null {
  const label = /^\s*([A-Za-z][A-Za-z' ]{1,40}?)\s*(?::|\s[-\u2013\u2014])\s/.exec(t);
  if (!label?.[1]) return null;
  const hits = activitiesIn(label[1]);
  return hits.length === 1 && findServiceMentions(label[1]).length === 0 ? (hits[0] ?? null) : null;
}

/** A line that opens with one activity and where it was ("Lunch in the cafeteria with his table"), or null. */
function nominalActivity(t: string, programs: RegExp | null): ActivityHit | null {
  const opening = /^[^\p{L}]*(\p{L}[\p{L}' ]{1,30}?)\s+(?:in|at|on)\s+(?:the\s+)?\S/u.exec(t);
  if (!opening?.[1] || findServiceMentions(opening[1]).length > 0) return null;
  const hits = activitiesIn(opening[1]);
  const hit = hits[0];
  if (hits.length !== 1 || !hit || hit.end !== opening[1].length) return null;
  return placesIn(t, programs).length > 0 ? hit : null;
}

/** "science general education, good lab", "math back in the resource room": an activity and, right after it, its place. */
function activityThenPlace(t: string, programs: RegExp | null): ActivityHit | null {
  const first = activitiesIn(t)[0];
  if (!first || !LINE_OPENING.test(t.slice(0, first.index))) return null;
  if (findServiceMentions(t).some((m) => m.start < first.end && first.index < m.end)) return null;
  const after = t.slice(first.end);
  const place = placesIn(after, programs)[0];
  return place && PLACE_NEXT.test(after.slice(0, place.index)) ? first : null;
}

// A bullet, and a time or span: "- 9:05", "• 8:35-9:25 ", nothing else (a room number is a cell, not a note).
const LINE_OPENING =
  /^[^\p{L}\p{N}]*(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*-\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\s+)?$/iu;
const PLACE_NEXT = /^[\s,]*(?:back\s+)?(?:(?:in|at|to|into)\s+)?(?:the\s+)?$/i;

// "8:35-9:25 ...", "10:05 ...": a line of timed notes, each line where the child was at that time.
const CLOCK_OPENING = /^[^\p{L}\p{N}]*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*-\s*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?\s/iu;

/**
 * The days a clause gives its activity: "Tuesday he had no aide and Wednesday he ate in the calm
 * room" gives lunch only Wednesday, the day told just before it; days joined only by "and" ("Monday
 * and Tuesday he ate ...") go together.
 */
function daysOfActivity(clause: string, mentions: DateMention[], activity: ActivityHit | undefined): DateMention[] {
  if (!activity) return mentions;
  const before = mentions.filter((m) => m.index + m.text.length <= activity.index);
  if (before.length < 2) return mentions;
  const kept = [before[before.length - 1] as DateMention];
  for (let k = before.length - 2; k >= 0; k--) {
    const m = before[k] as DateMention;
    const between = clause.slice(m.index + m.text.length, (kept[0] as DateMention).index);
    if (!/^[\s,]*(?:(?:and|y|&|or|o)\s+)?(?:(?:el|on|the)\s+)?$/i.test(between)) break;
    kept.unshift(m);
  }
  return [...kept, ...mentions.filter((m) => m.index + m.text.length > activity.index)];
}

/** A place the child is removed to ("the reset room", "the office"), not a service's own room. */
function removalPlace(places: PlaceHit[]): PlaceHit | undefined {
  const v = vocabulary();
  return places.find((p) => p.setting === 'separate' && !p.personal && hasPhrase(p.phrase, v.removalPlace));
}

/**
 * Removals counted and listed after a colon ("two removals to the calm room: on the 3rd, and during
 * science on the 9th"): each item's day, with the class it names, else the removal itself (`other`).
 */
function listedRemovals(t: string, anchor: IsoDate): Array<{ date: IsoDate; activity: Activity }> {
  const v = vocabulary();
  const colon = t.indexOf(':');
  const noun = findPhrases(t, v.removalNoun)[0];
  if (colon < 0 || !noun || noun.index > colon) return [];
  const place = removalPlace(placesIn(t.slice(noun.end, colon)));
  if (!place) return [];
  const out: Array<{ date: IsoDate; activity: Activity }> = [];
  for (const item of t.slice(colon + 1).split(/,\s*(?:and\s+)?|;\s*|\s+and\s+/)) {
    const days = pastDays(findDateMentions(item, anchor), anchor);
    if (days.length !== 1) continue;
    const services = findServiceMentions(item);
    const named = activitiesIn(item).filter((a) => !services.some((m) => m.start < a.end && a.index < m.end));
    const activity = named.length === 1 ? (named[0]?.activity ?? 'other') : named.length === 0 ? 'other' : null;
    if (activity) out.push({ date: days[0] as IsoDate, activity });
  }
  return out;
}

/**
 * The clause names a service other than by a place it names ("nurse's office" names a place). An
 * aide goes with the child to class ("went to science with his para"): the class is still where the child was.
 */
function namesService(clause: string, places: PlaceHit[]): boolean {
  return findServiceMentions(clause).some(
    (m) => m.location === null && m.service !== 'aide' && !places.some((p) => p.index < m.end && m.start < p.end),
  );
}

const ROOM_OF_ANOTHER = /\b(?:in|at|to)\s+the\s+(?:gym|library)$/i;
const NAMED_DAY = /\b(?:on\s+)?the\s+(?!same\b|next\b|other\b|last\b|first\b|whole\b|entire\b)(\p{L}+)\s+day\b/iu;

/** The one day the lines of a text date an event on ("10/22 ... canc - assembly"), or null. */
function dayOfEvent(text: string, event: string, anchor: IsoDate): IsoDate | null {
  const word = new RegExp(`\\b${event.replace(/[^\p{L}]/gu, '')}\\b`, 'iu');
  const days = new Set<IsoDate>();
  for (const line of text.split(/\r?\n/)) {
    if (!word.test(line) || NAMED_DAY.test(line)) continue;
    for (const m of findDateMentions(line, anchor)) if (m.end === null && m.date <= anchor) days.add(m.date);
  }
  return days.size === 1 ? ([...days][0] ?? null) : null;
}

const BOTH_DAYS = /\b(?:both|either|each of (?:those|these|the) two)\s+days\b/i;
const EXCEPT = /\bexcept(?:\s+for)?(?:\s+on)?\s+/i;
const EVERY_DAY = /\b(?:every|each)\s+(?:school\s+)?day\b/i;
const THIS_WEEK = /\bthis\s+(?:past\s+)?week\b/i;
const CAUSE_ASIDE = /,\s*(?:as|after|since|because)\b|\(/i;

/**
 * A whole named week with its exceptions: "ate lunch in the cafeteria every day the week of 3/1
 * except Tuesday, when she ate in the resource room" gives the week's other school days the first
 * place and the excepted days the place the rest of the sentence names.
 */
function weekWithExceptions(
  t: string,
  anchor: IsoDate,
  programs: RegExp | null,
): Array<{ date: IsoDate; activity: Activity; setting: Location }> {
  const v = vocabulary();
  const except = EXCEPT.exec(t);
  if (!except) return [];
  const main = t.slice(0, except.index);
  const monday = namedWeek(main, anchor);
  if (!monday || !(EVERY_DAY.test(main) || hasPhrase(main, v.wholeWeek)) || !hasPhrase(main, v.presence)) return [];
  const week = daysFrom(monday, addDays(monday, 4)).filter((day) => day <= anchor);
  const rest = t.slice(except.index);
  const excepted = pastDays(findDateMentions(rest, anchor), anchor).filter((day) => week.includes(day));
  if (excepted.length === 0) return [];
  const settings = settingsOfClause(main, activitiesIn(main), placesIn(main, programs));
  if (settings.length !== 1) return [];
  const { activity, setting } = settings[0] as { activity: Activity; setting: Location };
  const out = week.filter((day) => !excepted.includes(day)).map((date) => ({ date, activity, setting }));
  const restActivities = activitiesIn(rest).filter((a) => a.activity !== activity);
  const elsewhere = restActivities.length === 0 ? oneSetting(placesIn(rest, programs)) : null;
  if (elsewhere && elsewhere !== setting) for (const date of excepted) out.push({ date, activity, setting: elsewhere });
  return out;
}

/** Where the child actually was for an activity on a day, as the message tells it. */
export function findSettingEvents(ctx: ReadingContext): Array<Finding<SettingEvent>> {
  const v = vocabulary();
  const out: Array<Finding<SettingEvent>> = [];
  const programs = programPlaces(ctx.texts.map((p) => p.text));
  for (const t of ctx.tables) {
    eventsFromTable(t.table, t.anchor ?? ctx.sentOn, t.part, out);
    const day = sheetDay(ctx.texts.find((p) => p.part === t.part)?.text ?? '', t.anchor ?? ctx.sentOn);
    const sheet = day ? daySheetRows(t.table) : null;
    if (day && sheet) out.push(...daySheetSettingEvents(t, day, sheet, sheetActivity, sheetPlace));
  }
  for (const part of ctx.texts) {
    const anchor = part.anchor ?? ctx.sentOn;
    if (!anchor) continue;
    /** Days named so far in the part, for a sentence that names none ("She was removed from science ..."). */
    const daysSoFar: IsoDate[] = [];
    // A day sheet's lines are about the day its title names, whatever day a row's notes mention.
    const sheet = ctx.tables.some((t) => t.part === part.part && daySheetRows(t.table) !== null)
      ? sheetDay(part.text, anchor)
      : null;
    /** The day the sentence just before named on its own ("Yesterday was a great day! He ate lunch ..."). */
    let previous: { paragraph: number; days: IsoDate[]; activities: ActivityHit[] } | null = null;
    /** The two days the last sentence naming two told of, for "on both days" in a later one. */
    let lastTwo: IsoDate[] = [];
    for (const s of splitSentences(part.text)) {
      const t = plainText(s.text);
      const mentions = findDateMentions(t, anchor);
      const sentenceDays = pastDays(mentions, anchor);
      const justBefore: IsoDate[] =
        previous?.paragraph === s.paragraph && previous.days.length === 1 ? previous.days : [];
      // "Thursday was the school assembly. She sat with her class in the gym": the gym is where that event was.
      const eventJustBefore =
        previous?.paragraph === s.paragraph && previous.activities.length === 1 ? previous.activities[0] : undefined;
      const both = sentenceDays.length === 0 && lastTwo.length === 2 && BOTH_DAYS.test(t);
      const carried = both
        ? lastTwo.slice()
        : sheet
          ? [sheet]
          : justBefore.length > 0
            ? justBefore.slice()
            : daysSoFar.length === 1
              ? daysSoFar.slice()
              : [];
      if (sentenceDays.length === 2) lastTwo = sentenceDays.slice();
      const sentenceActivities = activitiesIn(t);
      previous = {
        paragraph: s.paragraph,
        days: sentenceDays.length > 0 ? sentenceDays : justBefore,
        activities: sentenceActivities,
      };
      for (const d of pastDays(mentions, anchor)) if (!daysSoFar.includes(d)) daysSoFar.push(d);
      if (mentions.some((m) => m.date > anchor) && sentenceDays.length === 0) continue;
      if (t.trimEnd().endsWith('?') || tenseOf(t) === 'future') continue;
      const listed = listedRemovals(t, anchor);
      for (const { date, activity } of listed) {
        if (out.some((o) => o.date === date && o.activity === activity)) continue;
        out.push({
          date,
          activity,
          setting: 'separate',
          source: { part: part.part, line: s.line, excerpt: s.text.slice(0, 160) },
        });
      }
      if (listed.length > 0) continue;
      const weekly = weekWithExceptions(t, anchor, programs);
      for (const event of weekly) {
        if (out.some((o) => o.date === event.date && o.activity === event.activity)) continue;
        out.push({ ...event, source: { part: part.part, line: s.line, excerpt: s.text.slice(0, 160) } });
      }
      if (weekly.length > 0) continue;
      // "Lunch this week: cafeteria Mon-Thu; calm room Fri": an activity as the line's label says
      // where the child was for it in every clause after the colon.
      // "🍽️ Lunch in the cafeteria ✅" on a list item under its day: the activity and where it was.
      const dated = sentenceDays.length > 0 || justBefore.length > 0;
      const nominal = dated ? (nominalActivity(t, programs) ?? activityThenPlace(t, programs)) : null;
      const labelled = labelActivity(t) ?? nominal;
      // A timed line under its day ("10:05 break in the calm room") says the child was there then.
      const timed = dated && CLOCK_OPENING.test(t);
      if (!labelled && !timed && !hasPhrase(t, v.presence)) continue;
      // "He ate in the cafeteria all week": each school day of the week so far.
      // "This week she ate lunch in the resource room every day, as we agreed after Monday's incident":
      // the day named in the aside is the cause's, not the lunches'.
      const cause = CAUSE_ASIDE.exec(t);
      const weekLong = hasPhrase(t, v.wholeWeek) || (THIS_WEEK.test(t) && EVERY_DAY.test(t));
      const asideDaysOnly = cause !== null && mentions.every((m) => m.index > cause.index);
      const week = weekLong && (sentenceDays.length === 0 || asideDaysOnly) ? weekSoFar(anchor) : [];
      let days = week.length > 0 ? week : sentenceDays.length > 0 ? sentenceDays : carried;
      // "The assembly ran over the pull-out, and he sat with his class on the gym floor": in a
      // sentence that names an assembly, the room it is held in is the assembly, not a class.
      const assemblyNamed = sentenceActivities.some((a) => a.activity === 'assembly');
      const gatheringRoom = (a: ActivityHit) =>
        assemblyNamed && v.gatheringRooms.has(a.phrase.replace(/\s+/g, ' ').toLowerCase());
      for (const clause of clausesOf(t)) {
        // "lunch bunch", "social skills lunch": a service named after the activity is a session.
        const serviceSpans = findServiceMentions(clause);
        // "(the gym was too loud)": an activity named in an aside is a reason, not where the child was.
        const asides = bracketed(clause);
        const clausePlaces = placesIn(clause, programs);
        const named = activitiesIn(clause).filter(
          (a) =>
            !serviceSpans.some((m) => m.start < a.end && a.index < m.end) &&
            !asides.some(([from, to]) => from <= a.index && a.end <= to) &&
            // "sensory gym": an activity's word inside a place's name is the place.
            !clausePlaces.some(
              (p) => !p.teachersClass && p.index <= a.index && a.end <= p.end && p.end - p.index > a.end - a.index,
            ),
        );
        // "sat with her class in the gym for the assembly": the gym is where the assembly was.
        const asPlace = (a: ActivityHit) => ROOM_OF_ANOTHER.test(clause.slice(Math.max(0, a.index - 8), a.end));
        const own =
          named.length > 1
            ? named.filter((a) => !asPlace(a))
            : named.length === 1 && named[0] && asPlace(named[0]) && eventJustBefore?.activity === 'assembly'
              ? [{ ...named[0], activity: eventJustBefore.activity }]
              : named.length === 1 && named[0] && gatheringRoom(named[0])
                ? [{ ...named[0], activity: 'assembly' as const }]
                : named;
        const clauseDays = pastDays(daysOfActivity(clause, findDateMentions(clause, anchor), own[0]), anchor);
        if (clauseDays.length > 0 && week.length === 0) days = clauseDays;
        // "on the assembly day": the one day the message dates that event on, else no day at all.
        const namedDay = clauseDays.length === 0 ? NAMED_DAY.exec(clause) : null;
        if (namedDay?.[1]) {
          const day = dayOfEvent(part.text, namedDay[1], anchor);
          if (!day) continue;
          days = [day];
        }
        if (days.length === 0) continue;
        const activities: ActivityHit[] = own.length > 0 || !labelled ? own : [{ ...labelled, index: 0, end: 0 }];
        // "... because the cafeteria was too loud": a place named as a reason is not where the child was.
        const reason = /\b(because|since|so that|as the|due to|after an?)\b/i.exec(clause);
        const places = reason ? placesIn(clause.slice(0, reason.index), programs) : clausePlaces;
        const aboutService = namesService(clause, clausePlaces);
        // "He stayed in the reset room until 1:05, ate his lunch there": the time in the room is a
        // removal of its own, besides the activities told after it.
        // "went to the reset room during science" is the class's own removal.
        const duringClass = activities.some((a) =>
          /\bduring\s+(?:[\p{L}\p{N}]+\s+){0,2}$/iu.test(clause.slice(Math.max(0, a.index - 30), a.index)),
        );
        // "His session was in my office": a service's own room is that session's place.
        const removedTo = labelled || duringClass || aboutService ? undefined : removalPlace(places);
        if (
          removedTo &&
          removedTo.index < (activities[0]?.index ?? clause.length) &&
          (timed || hasPhrase(clause.slice(0, removedTo.index), v.presence))
        ) {
          for (const date of days) {
            if (out.some((o) => o.date === date && o.activity === 'other')) continue;
            out.push({
              date,
              activity: 'other',
              setting: 'separate',
              source: { part: part.part, line: s.line, excerpt: s.text.slice(0, 160) },
            });
          }
        }
        if (activities.length === 0 || places.length === 0 || (!labelled && !hasPhrase(clause, v.presence))) continue;
        for (const { activity, setting } of settingsOfClause(clause, activities, places)) {
          // An academic period spent in a service's own room is that service's session, not a setting event.
          // A class taken in a service's room "instead of in class" is a removal, not that service's session.
          const inServiceRoom = places.some((p) => findServiceMentions(p.phrase).length > 0) && !awayFromClass(clause);
          // "nobody came for the resource group and she stayed in her regular class": the service not
          // held, the general class is where the child was.
          const stayedInstead = setting === 'general-education' && hasPhrase(t, v.serviceNotHeld);
          if (v.academic.has(activity) && ((aboutService && !stayedInstead) || inServiceRoom)) continue;
          if (v.academic.has(activity) && places.every((p) => p.personal)) continue;
          // "She had speech during lunch in the speech room": the session's own room.
          if (aboutService && inServiceRoom) continue;
          for (const date of days) {
            if (out.some((o) => o.date === date && o.activity === activity)) continue;
            out.push({
              date,
              activity,
              setting,
              source: { part: part.part, line: s.line, excerpt: s.text.slice(0, 160) },
            });
          }
        }
      }
    }
  }
  return out;
}
