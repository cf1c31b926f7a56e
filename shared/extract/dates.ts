// Deadlines and school-calendar facts a message states (iep-extract/1 `dates`): IEP meetings set,
// annual reviews and reevaluations due, consent to evaluate signed, progress reports, days with
// no school, and the parent's own written requests for a meeting or for records.
//
// Sentence by sentence: the vocabulary (vocabulary/date-kinds.json) finds the words that say what
// kind of date a sentence is about; the date resolver finds the days it names; each day goes to
// the kind of words nearest to it. Rows of a service log for a day with no school also give a
// school-closure date.
import { z } from 'zod';
import { addDays, isoWeekday, isWeekend } from '../calendar/iso-days';
import type { DateItem, DateType, IsoDate } from '../records/types';
import { allMatches } from './all-matches';
import { cellWords, type Table } from './attachments/types';
import { normaliseCell } from './normalise/normalise-text';
import { type Finding, legendTextOf, type ReadingContext, type TextPart } from './reading-context';
import {
  type DateMention,
  dateFromCell,
  findDateMentions,
  namedWeek,
  type Tense,
  tenseOf,
  tenseOrClosureAhead,
} from './resolve-dates';
import {
  escapeRegExp,
  findPhrases,
  hasPhrase,
  type PhraseHit,
  phrasePattern,
  plainText,
  splitLines,
  splitSentences,
} from './sentences';
import { findServiceMentions } from './service-words';
import { codeLegend } from './sessions-from-tables';
import dateKindsJson from './vocabulary/date-kinds.json';
import { asksSomething, requestIn, writtenByParent, writtenToParent } from './written-requests';

const phrases = z.array(z.string());
const vocabularySchema = z.object({
  closure: z.object({
    phrases,
    closedVerbs: phrases,
    schoolNouns: phrases,
    schoolNameEnds: phrases,
    logRowPhrases: phrases,
    logLinePhrases: phrases,
    notClosure: phrases,
    reopening: phrases,
    schoolDayAgain: phrases,
    maxGap: z.number().int().positive(),
  }),
  meeting: z.object({
    meetingWords: phrases,
    contextWords: phrases,
    standalone: phrases,
    notMeeting: phrases,
    superseded: phrases,
    movedTo: phrases,
    newDateLabels: phrases,
    tentative: phrases,
    documentWords: phrases,
    noticeWords: phrases,
    noticeDelivery: phrases,
  }),
  annualReview: z.object({ phrases, dueWords: phrases }),
  reevaluation: z.object({ phrases, dueWords: phrases }),
  past: phrases,
  evaluationConsent: z.object({ consentWords: phrases, evaluationWords: phrases, signWords: phrases }),
  progressReport: z.object({ phrases }),
});

interface Patterns {
  closure: RegExp;
  closedVerb: RegExp;
  /** A school word ending the words before a closing verb ("all district schools will be closed"). */
  schoolNounAtEnd: RegExp;
  /** What ends a school's name ("Lakeview Middle School"): the words before it are the name. */
  schoolNameEnd: RegExp;
  logRow: RegExp;
  logLine: RegExp;
  notClosure: RegExp;
  reopening: RegExp;
  schoolDayAgain: RegExp;
  meetingWord: RegExp;
  meetingContext: RegExp;
  meetingStandalone: RegExp;
  notMeeting: RegExp;
  superseded: RegExp;
  movedTo: RegExp;
  movedFrom: RegExp;
  newDateLabel: RegExp;
  tentative: RegExp;
  documentWord: RegExp;
  notice: RegExp;
  noticeDelivery: RegExp;
  due: RegExp;
  reevaluationDue: RegExp;
  closureGap: number;
  annualReview: RegExp;
  reevaluation: RegExp;
  past: RegExp;
  consent: RegExp;
  evaluation: RegExp;
  sign: RegExp;
  progressReport: RegExp;
}

function titleCase(words: string): string {
  return words.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

let cached: Patterns | null = null;
function patterns(): Patterns {
  if (cached) return cached;
  const v = vocabularySchema.parse(dateKindsJson);
  cached = {
    closure: phrasePattern(v.closure.phrases),
    closedVerb: phrasePattern(v.closure.closedVerbs),
    schoolNounAtEnd: new RegExp(`\\b(?:${v.closure.schoolNouns.map(escapeRegExp).join('|')})\\s*$`, 'i'),
    schoolNameEnd: new RegExp(
      `((?:\\b\\p{Lu}[\\p{L}'\u2019.-]*\\s+){1,4}?)(?:${v.closure.schoolNameEnds.map((e) => escapeRegExp(titleCase(e))).join('|')})\\b`,
      'gu',
    ),
    logRow: phrasePattern(v.closure.logRowPhrases),
    logLine: phrasePattern(v.closure.logLinePhrases),
    notClosure: phrasePattern(v.closure.notClosure),
    reopening: phrasePattern(v.closure.reopening),
    schoolDayAgain: phrasePattern(v.closure.schoolDayAgain),
    meetingWord: phrasePattern(v.meeting.meetingWords),
    meetingContext: phrasePattern(v.meeting.contextWords),
    meetingStandalone: phrasePattern(v.meeting.standalone),
    notMeeting: phrasePattern(v.meeting.notMeeting),
    superseded: phrasePattern(v.meeting.superseded),
    movedTo: phrasePattern(v.meeting.movedTo),
    newDateLabel: phrasePattern(v.meeting.newDateLabels),
    movedFrom: phrasePattern(['moving from', 'moved from', 'changed from', 'rescheduled from', 'postponed from']),
    tentative: phrasePattern(v.meeting.tentative),
    documentWord: phrasePattern(v.meeting.documentWords),
    notice: phrasePattern(v.meeting.noticeWords),
    noticeDelivery: phrasePattern(v.meeting.noticeDelivery),
    due: phrasePattern(v.annualReview.dueWords),
    reevaluationDue: phrasePattern(v.reevaluation.dueWords),
    closureGap: v.closure.maxGap,
    annualReview: phrasePattern(v.annualReview.phrases),
    reevaluation: phrasePattern(v.reevaluation.phrases),
    past: phrasePattern(v.past),
    consent: phrasePattern(v.evaluationConsent.consentWords),
    evaluation: phrasePattern(v.evaluationConsent.evaluationWords),
    sign: phrasePattern(v.evaluationConsent.signWords),
    progressReport: phrasePattern(v.progressReport.phrases),
  };
  return cached;
}

type HitKind =
  | 'closure'
  | 'not-closure'
  | 'reopening'
  | 'meeting'
  | 'annual-review'
  | 'reevaluation'
  | 'progress-report'
  | 'consent';

interface KindHit extends PhraseHit {
  kind: HitKind;
}

type Source = Finding<DateItem>['source'];

function overlaps(a: PhraseHit, b: PhraseHit): boolean {
  return a.index < b.end && b.index < a.end;
}

/** `more` added where they overlap no hit already found, in the order of the text. */
function withHits(hits: KindHit[], more: KindHit[]): KindHit[] {
  const added = more.filter((m) => !hits.some((h) => overlaps(h, m)));
  return added.length === 0 ? hits : [...hits, ...added].sort((a, b) => a.index - b.index);
}

/** Hits of every kind in a sentence, a longer hit hiding a shorter one it overlaps. */
function kindHits(text: string, aboutMeeting: boolean): KindHit[] {
  const p = patterns();
  const all: KindHit[] = [];
  const add = (kind: HitKind, re: RegExp) => {
    for (const h of findPhrases(text, re)) all.push({ ...h, kind });
  };
  add('closure', p.closure);
  add('not-closure', p.notClosure);
  add('reopening', p.reopening);
  add('annual-review', p.annualReview);
  add('reevaluation', p.reevaluation);
  add('progress-report', p.progressReport);
  add('consent', p.consent);
  if (meetingSentence(text)) {
    for (const h of findPhrases(text, p.meetingWord)) all.push({ ...h, kind: 'meeting' });
    for (const h of findPhrases(text, p.meetingStandalone)) {
      // "ARD Report", "ARD supplement": a document named after the meeting, not the meeting.
      const next = /^\s*([\p{L}]+(?:\s+[\p{L}]+)?)/u.exec(text.slice(h.end))?.[1] ?? '';
      if (next && hasPhrase(next.split(/\s+/)[0] ?? '', p.documentWord)) continue;
      all.push({ ...h, kind: 'meeting' });
    }
  } else if (aboutMeeting) {
    // "The meeting has been moved to ..." in a message about the IEP meeting.
    for (const h of findPhrases(text, p.meetingWord)) {
      if (/\b(the|our|this|that|your|her|his)\s+$/i.test(text.slice(Math.max(0, h.index - 8), h.index))) {
        all.push({ ...h, kind: 'meeting' });
      }
    }
    // "The new date is December 2": the moved meeting's day, where no service is named.
    if (findServiceMentions(text).length === 0) {
      for (const h of findPhrases(text, p.newDateLabel)) all.push({ ...h, kind: 'meeting' });
    }
  }
  // "consent for the reevaluation": the evaluation consented to, not a reevaluation due date.
  const consents = all.filter((h) => h.kind === 'consent');
  for (let k = all.length - 1; k >= 0; k--) {
    const h = all[k];
    if (h?.kind === 'reevaluation' && consents.some((c) => c.end <= h.index && h.index - c.end <= 30)) all.splice(k, 1);
  }
  all.sort((a, b) => b.end - b.index - (a.end - a.index));
  const kept: KindHit[] = [];
  for (const h of all) if (!kept.some((k) => overlaps(k, h))) kept.push(h);
  return kept.sort((a, b) => a.index - b.index);
}

/** A sentence about an IEP or ARD meeting: a meeting word with IEP/ARD words, or the ARD itself. */
function meetingSentence(text: string): boolean {
  const p = patterns();
  if (hasPhrase(text, p.meetingStandalone)) return true;
  return hasPhrase(text, p.meetingWord) && hasPhrase(text, p.meetingContext);
}

function gap(a: { index: number; end: number }, b: { index: number; end: number }): number {
  if (a.end <= b.index) return b.index - a.end;
  if (b.end <= a.index) return a.index - b.end;
  return 0;
}

function mentionSpan(m: DateMention): { index: number; end: number } {
  return { index: m.index, end: m.index + m.text.length };
}

/** The hit each date mention is nearest to. */
function nearestHit(m: DateMention, hits: KindHit[]): KindHit | null {
  let best: KindHit | null = null;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const h of hits) {
    const g = gap(mentionSpan(m), h);
    if (g < bestGap) {
      best = h;
      bestGap = g;
    }
  }
  return best;
}

/** For a hit: the first date after it (no other hit between), else the nearest before it. */
function dateForHit(hit: KindHit, mentions: DateMention[], hits: KindHit[]): DateMention | null {
  const after = mentions.filter((m) => m.index >= hit.end);
  const firstAfter = after[0];
  if (
    firstAfter &&
    !hits.some((h) => h !== hit && h.kind !== hit.kind && h.index >= hit.end && h.end <= firstAfter.index)
  ) {
    return firstAfter;
  }
  const before = mentions.filter((m) => m.index + m.text.length <= hit.index);
  const lastBefore = before[before.length - 1];
  if (
    lastBefore &&
    !hits.some(
      (h) =>
        h !== hit && h.kind !== hit.kind && h.index >= lastBefore.index + lastBefore.text.length && h.end <= hit.index,
    )
  ) {
    return lastBefore;
  }
  return null;
}

/** Offsets where the clauses of a sentence end: at `;` and at ", and" / ", but". */
function clauseEnds(t: string): number[] {
  const ends: number[] = [];
  for (const m of allMatches(t, /;|,\s+(?:and|but)\s+/gi)) ends.push(m.index ?? 0);
  return ends;
}

/**
 * Closure words in brackets that name a day of their own ("A days are Wed + Fri (no school Mon)")
 * close that day only: a day outside the brackets is not closed by them.
 */
function asideOfItsOwn(t: string, hitAt: number, mentionAt: number, mentions: DateMention[]): boolean {
  const open = t.lastIndexOf('(', hitAt);
  if (open < 0 || t.lastIndexOf(')', hitAt) > open) return false;
  const close = t.indexOf(')', hitAt);
  const end = close < 0 ? t.length : close;
  if (mentionAt > open && mentionAt < end) return false;
  return mentions.some((x) => x.index > open && x.index < end);
}

function clauseOf(ends: number[], index: number): number {
  let k = 0;
  while (k < ends.length && (ends[k] ?? 0) < index) k++;
  return k;
}

function precededByPast(text: string, hit: PhraseHit): boolean {
  const before = text.slice(Math.max(0, hit.index - 24), hit.index);
  return hasPhrase(before, patterns().past);
}

interface Collected {
  items: Array<Finding<DateItem>>;
}

function push(out: Collected, type: DateType, date: IsoDate, end: IsoDate | null, source: Source): void {
  out.items.push({ type, date, end, source });
}

interface PartFacts {
  part: TextPart;
  anchor: IsoDate;
  sentOn: IsoDate;
  /** The part (or the subject) speaks of an IEP or ARD meeting somewhere. */
  aboutMeeting: boolean;
  /** Whether the part as a whole tells of the past or the future, where its sentences say. */
  tense: Tense | null;
  /**
   * The part reads as the parent's own: it speaks of "my son", or makes a request in the first person
   * ("I am requesting ..."), so its plainer asks ("Please send me ...") are the parent's too.
   */
  parentWrites: boolean;
  /** The names the part gives schools ("Lakeview" from "Lakeview Middle School"). */
  schoolNames: readonly string[];
  /** The part is written to a parent ("your child"), not by one: its asks are the school's. */
  schoolWrites: boolean;
}

/** Words that open a sentence or greet, not part of a school's name ("Dear Lakeview families"). */
const NOT_A_NAME = /^(?:the|our|all|your|dear|at|to|from|and|hello|hi|welcome|both)$/i;

/** The names the text gives its schools by ("Lakeview Middle School" gives "Lakeview"), longest first. */
function schoolNamesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of allMatches(text.slice(0, 100_000), patterns().schoolNameEnd)) {
    const words = (m[1] ?? '').trim().split(/\s+/);
    while (words.length > 0 && NOT_A_NAME.test(words[0] ?? '')) words.shift();
    if (words.length > 0) names.add(words.join(' '));
  }
  return [...names].sort((a, b) => b.length - a.length);
}

/**
 * "Lakeview will be closed tomorrow", "all district schools, including the preschool, will be
 * closed": a closing verb whose subject is a school, by a school word or by a name the message
 * gives a school. The subject stands right before the verb, or before an aside set off by commas.
 */
function closedSchoolHits(t: string, schoolNames: readonly string[]): KindHit[] {
  const p = patterns();
  const out: KindHit[] = [];
  for (const verb of findPhrases(t, p.closedVerb)) {
    const subject = t
      .slice(Math.max(0, verb.index - 160), verb.index)
      .replace(/,[^,;:]{1,80},\s*$/, ' ')
      .replace(/\([^()]{0,80}\)\s*$/, ' ')
      .trimEnd();
    const named = schoolNames.some((n) => subject.endsWith(n) && !/[\p{L}\p{N}]$/u.test(subject.slice(0, -n.length)));
    if (named || p.schoolNounAtEnd.test(subject)) out.push({ ...verb, kind: 'closure' });
  }
  return out;
}

/** "at the", "at his": what follows is an event attended, not a deadline. */
const AT_THE_EVENT = /\bat\s+(?:the|his|her|their|your|our)\s+$/i;

function readSentence(text: string, facts: PartFacts, source: Source, out: Collected): void {
  const p = patterns();
  const { part, anchor, sentOn } = facts;
  const t = plainText(text);
  const hits = withHits(kindHits(t, facts.aboutMeeting), closedSchoolHits(t, facts.schoolNames));
  // The parent's note above a forward is the parent's own writing: its asks are the parent's.
  const requested =
    part.kind === 'note'
      ? requestIn(t, true)
      : part.kind === 'author' && !facts.schoolWrites
        ? requestIn(t, facts.parentWrites)
        : [];
  for (const type of requested) push(out, type, anchor, null, source);
  if (hits.length === 0 && !hasPhrase(t, p.logLine)) return;
  // "the week of January 25" names a week, not a day.
  // A sentence without tense words takes the message's; an announcement or a meeting is about what is coming.
  const tense: Tense = tenseOrClosureAhead(t) ?? facts.tense ?? 'future';
  // A weekday in a sentence that names its week ("Week of 9/7 (no school Mon.)") is that week's day.
  const week = namedWeek(t, anchor);
  const mentions = findDateMentions(t, anchor, { tense })
    .filter((m) => !/\bweek\s+of\s*$/i.test(t.slice(Math.max(0, m.index - 10), m.index)))
    .map((m) =>
      week && m.relative && m.end === null && !/\b(?:today|tomorrow|yesterday)\b/i.test(m.text)
        ? { ...m, date: addDays(week, isoWeekday(m.date) - 1) }
        : m,
    );
  if (mentions.length === 0) return;

  // A log line for a closed day: "Wed 11/11 – Holiday", "11/26-27 Thanksgiving Break".
  const lead = mentions[0];
  if (
    lead &&
    !hits.some((h) => h.kind === 'closure') &&
    /^[\s\-•*·]*$/.test(t.slice(0, lead.index)) &&
    (hasPhrase(t, p.logLine) || hasPhrase(t, p.closure)) &&
    !hasPhrase(t, p.notClosure) &&
    !/\bmake-?\s?up\b|\bmade up\b/i.test(t)
  ) {
    push(out, 'school-closure', lead.date, lead.end, source);
  }
  if (hits.length === 0) return;
  // Days with no school: every date nearest to closure words in the same clause; none where the
  // sentence turns a day without school into a school day ("will now be a regular school day").
  const clauses = clauseEnds(t);
  const schoolDayAgain = hasPhrase(t, p.schoolDayAgain);
  const closed: DateMention[] = [];
  for (const m of mentions) {
    if (schoolDayAgain) break;
    const h = nearestHit(m, hits);
    if (h && clauseOf(clauses, m.index) !== clauseOf(clauses, h.index)) continue;
    if (h && asideOfItsOwn(t, h.index, m.index, mentions)) continue;
    // "a good long weekend - no school Monday": a Saturday or Sunday is never a day the school was to meet.
    if (m.end === null && isWeekend(m.date)) continue;
    if (h?.kind !== 'closure' || gap(mentionSpan(m), h) > p.closureGap) continue;
    // "the week of November 16" names a week, not a closed day.
    if (/\bweek\s+of\s*$/i.test(t.slice(Math.max(0, m.index - 10), m.index))) continue;
    const before = closed[closed.length - 1];
    // "Wednesday, November 25 and Thursday, November 26": two days in a row joined by "and" are one closure.
    // "(Wed 11/25) - no school, break through Friday": a later day after "through" ends the closure begun before it.
    if (before && before.end === null && m.date > before.date && RANGE_TO.test(t.slice(before.index, m.index))) {
      closed[closed.length - 1] = { ...before, text: t.slice(before.index, m.index + m.text.length), end: m.date };
      continue;
    }
    if (before && joinedNextDay(t, before, m)) {
      closed[closed.length - 1] = { ...before, text: t.slice(before.index, m.index + m.text.length), end: m.date };
      continue;
    }
    closed.push(m);
  }
  for (const m of closed) push(out, 'school-closure', m.date, m.end, source);

  for (const hit of hits) {
    if (hit.kind === 'annual-review' || hit.kind === 'reevaluation') {
      if (precededByPast(t, hit)) continue;
      // "The reevaluation report will be sent home by Friday": the day a paper travels, not a due date.
      if (hasPhrase(t, p.noticeDelivery)) continue;
      // "Her annual IEP meeting is on 3/3" sets a meeting; the review is due only where the words say so.
      const dueWords = hit.kind === 'annual-review' ? p.due : p.reevaluationDue;
      if (!hasPhrase(t, dueWords) && !/^[^.]{0,16}:/.test(t.slice(hit.end, hit.end + 18))) {
        // "We can take this up at the annual review on 11/17": the review's meeting, on that day.
        const place = t.slice(Math.max(0, hit.index - 16), hit.index);
        if (hit.kind === 'annual-review' && AT_THE_EVENT.test(place) && !hasPhrase(t, p.tentative)) {
          const m = dateForHit(hit, mentions, hits);
          if (m && m.end === null && m.date >= sentOn && !hasPhrase(t, p.notMeeting))
            push(out, 'meeting-scheduled', m.date, null, source);
        }
        continue;
      }
      const m = dateForHit(hit, mentions, hits);
      if (m && m.date >= anchor) push(out, hit.kind, m.date, null, source);
    } else if (hit.kind === 'progress-report') {
      // "could you send us ... his most recent progress report": a document asked for, not a date of its own.
      if (asksSomething(t)) continue;
      const m = dateForHit(hit, mentions, hits);
      if (m) push(out, 'progress-report', m.date, null, source);
    } else if (hit.kind === 'consent') {
      if (!hasPhrase(t, p.evaluation) || !hasPhrase(t, p.sign)) continue;
      // "signed the consent at the meeting yesterday": consent given at a meeting was given that day.
      const m = dateForHit(
        hit,
        mentions,
        hits.filter((h) => h.kind !== 'meeting'),
      );
      if (m && m.date <= anchor) push(out, 'evaluation-consent', m.date, null, source);
    }
  }

  const meetingHits = hits.filter((h) => h.kind === 'meeting');
  if (meetingHits.length > 0) {
    for (const date of meetingDates(t, mentions, meetingHits, hits)) {
      if (date >= anchor && date >= sentOn) push(out, 'meeting-scheduled', date, null, source);
    }
  }
}

/** The day an IEP/ARD meeting is set for, from one sentence about it (none if cancelled, past or tentative). */
function meetingDates(t: string, mentions: DateMention[], meetingHits: KindHit[], hits: KindHit[]): IsoDate[] {
  const p = patterns();
  if (hasPhrase(t, p.notMeeting) || hasPhrase(t, p.tentative) || t.trimEnd().endsWith('?')) return [];
  // "A meeting notice will come home today": the day the notice travels, not the meeting.
  // "The report will be sent home by Friday, before the meeting": the day a paper travels.
  if ((hasPhrase(t, p.notice) || hasPhrase(t, p.documentWord)) && hasPhrase(t, p.noticeDelivery)) return [];
  const movedFrom = findPhrases(t, p.movedFrom)[0];
  const movedTo = findPhrases(t, p.movedTo)[0];
  if (movedFrom || movedTo) {
    const after = (movedTo ?? movedFrom)?.end ?? 0;
    const dates: IsoDate[] = [];
    for (const m of mentions) {
      if (m.end && m.index < after && m.index + m.text.length > after) dates.push(m.end);
      else if (m.end && movedFrom && m.index >= movedFrom.end && / to /i.test(m.text)) dates.push(m.end);
      else if (m.index >= after && !(movedFrom && !movedTo && m.index === movedFrom.end + 1)) dates.push(m.date);
    }
    return dates.slice(0, 1);
  }
  if (hasPhrase(t, p.superseded)) return [];
  // "I have an IEP meeting Thursday, so no speech" or "I had an IEP meeting at another school":
  // someone else's meeting, the reason for a missed session.
  const first = meetingHits[0];
  const before = first ? t.slice(Math.max(0, first.index - 40), first.index) : '';
  if (
    /\b(a|an|another)\s+(?:[\p{L}-]+\s+){0,3}$/iu.test(before) &&
    (findServiceMentions(t).length > 0 ||
      /\b(?:another|a different) (?:student|child|kid|school|campus|building)\b/i.test(t))
  )
    return [];
  const dates: IsoDate[] = [];
  for (const hit of meetingHits) {
    if (FROM_THE_MEETING.test(t.slice(Math.max(0, hit.index - 40), hit.index))) continue;
    const m = dateForHit(hit, mentions, hits);
    if (m && m.end === null && !dates.includes(m.date) && !heldAlready(t, m)) dates.push(m.date);
  }
  return dates.slice(0, 1);
}

/** "the amendment from Tuesday's meeting", "notes from Monday's meeting": a meeting already held. */
function heldAlready(t: string, m: DateMention): boolean {
  return /\bfrom\s+$/i.test(t.slice(0, m.index)) && /^['\u2019]s\b/.test(t.slice(m.index + m.text.length));
}

/** "the paper from his ARC meeting on Tuesday", "notes from the IEP meeting": what came out of a meeting held. */
const FROM_THE_MEETING = /\bfrom\s+(?:the|this|that|our|his|her|their|\p{L}+['\u2019]?s)\s+(?:[\p{L}-]+\s+){0,2}$/iu;

/** True where `next` is the day after `first` ends and only "and" (or "&", "y") stands between them. */
function joinedNextDay(t: string, first: DateMention, next: DateMention): boolean {
  if (next.end !== null || addDays(first.end ?? first.date, 1) !== next.date) return false;
  return /^\s*,?\s*(?:and|&|y|\/)\s*$/i.test(t.slice(first.index + first.text.length, next.index));
}

// ---------- tables ----------

function dateColumn(table: Table, anchor: IsoDate | null): number {
  const holdsDates = (c: number): boolean => table.rows.some((row) => dateFromCell(row[c] ?? null, anchor) !== null);
  // "Dt" and "Day" both head a log's days; where both stand, the one whose cells are dates ("9/7", not "M").
  const byHeader = table.headers.findIndex(
    (h, c) => /\b(?:date|dt)\b|^day$/i.test(normaliseCell(h).trim()) && holdsDates(c),
  );
  if (byHeader >= 0) return byHeader;
  const named = table.headers.findIndex((h) => /\bdate\b|^day$/i.test(normaliseCell(h).trim()));
  if (named >= 0) return named;
  return table.headers.findIndex((_, c) => table.rows.some((row) => dateFromCell(row[c] ?? null, null) !== null));
}

/** A log row for a day with no school gives that day as a school-closure date. */
function closuresFromTable(
  table: Table,
  anchor: IsoDate | null,
  part: string,
  legend: Map<string, string>,
  out: Collected,
): void {
  const p = patterns();
  const column = dateColumn(table, anchor);
  if (column < 0) return;
  table.rows.forEach((row, r) => {
    // A code the document's legend explains ("NS = No School") is read by the legend; other cells
    // through the shorthand and Spanish vocabulary ("No hubo clases" is "no school").
    const words = plainText(
      row
        .filter((_, c) => c !== column)
        .map((cell) => legend.get(cellWords(cell).toUpperCase()) ?? normaliseCell(cellWords(cell)))
        .join(' ; '),
    );
    if (!(hasPhrase(words, p.logRow) || hasPhrase(words, p.closure)) || hasPhrase(words, p.notClosure)) return;
    if (/\bmake-?\s?up\b|\bmade up\b/i.test(words) && !hasPhrase(words, p.closure)) return;
    const date = dateFromCell(row[column] ?? null, anchor);
    if (!date) return;
    out.items.push({
      type: 'school-closure',
      date,
      end: null,
      source: { part, line: table.rowNumbers[r] ?? null, excerpt: words.slice(0, 120) },
    });
  });
}

/** The tense most sentences of a part show, or null where they do not lean either way. */
function partTense(sentences: ReadonlyArray<{ text: string }>): Tense | null {
  let past = 0;
  let future = 0;
  for (const s of sentences) {
    const t = tenseOf(s.text);
    if (t === 'past') past++;
    else if (t === 'future') future++;
  }
  return past > future ? 'past' : future > past ? 'future' : null;
}

// ---------- meeting notices ----------

const DATE_LABEL = /^\s*(?:meeting\s+)?date(?:\s+of\s+(?:the\s+)?meeting)?\s*:\s*(.+)$/i;
const HEADER_LABEL = /^\s*(from|to|sent|subject|cc|de|para|enviado|asunto)\s*:/i;

/** A notice or invitation to an IEP/ARD meeting laid out as fields: its "Date:" line is the meeting day. */
function meetingNoticeDates(text: string, anchor: IsoDate, sentOn: IsoDate, part: string, out: Collected): void {
  const lines = splitLines(text);
  let lastMeeting = -100;
  lines.forEach((l, k) => {
    const t = plainText(l.text);
    if (meetingSentence(t)) lastMeeting = k;
    const label = DATE_LABEL.exec(t);
    if (!label || k - lastMeeting > 6 || k === lastMeeting) return;
    const near = lines.slice(Math.max(0, k - 2), k + 3);
    if (near.some((n) => HEADER_LABEL.test(n.text))) return;
    const m = findDateMentions(label[1] ?? '', anchor).find((d) => !d.relative && d.end === null);
    if (m && m.date >= anchor && m.date >= sentOn) {
      out.items.push({
        type: 'meeting-scheduled',
        date: m.date,
        end: null,
        source: { part, line: l.line, excerpt: l.text.slice(0, 160) },
      });
    }
  });
}

// ---------- all together ----------

function dedupe(items: Array<Finding<DateItem>>): Array<Finding<DateItem>> {
  const out: Array<Finding<DateItem>> = [];
  for (const item of items) {
    const same = out.findIndex((o) => o.type === item.type && o.date === item.date);
    if (same < 0) {
      out.push(item);
      continue;
    }
    const existing = out[same];
    if (existing && existing.end === null && item.end !== null) out[same] = item;
  }
  return out;
}

/** What may stand before an item's day: nothing, or the day's weekday ("Monday, "). */
const ONLY_WEEKDAY = /^[\s,]*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s*)?$/i;
const LIST_ITEM = /^\s*(?:[-*\u2022\u00b7\u25aa\u25e6]|\d{1,2}[.)])?\s*/;

/** Words closing the text before a range's last day: "... break through", "thru", "until". */
const RANGE_TO = /\b(?:through|thru|until)\s*$/i;

/**
 * A list of days under a line that says they have no school ("No school on these days:"): each
 * item that begins with a day is a closed day (or range), whatever the holiday's name, unless the
 * item itself says it is not a closure (a late start) or a make-up day. The list ends at a blank
 * line or at a line that does not begin with a day.
 */
function closureListDates(part: TextPart, anchor: IsoDate, out: Collected): void {
  const p = patterns();
  const lines = part.text.slice(0, 100_000).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const heading = plainText(lines[i] ?? '').trim();
    if (!heading.endsWith(':') || !hasPhrase(heading, p.closure) || hasPhrase(heading, p.notClosure)) continue;
    for (let j = i + 1; j < lines.length; j++) {
      const item = plainText(lines[j] ?? '');
      if (item.trim() === '') break;
      const lead = LIST_ITEM.exec(item)?.[0].length ?? 0;
      const mention = findDateMentions(item, anchor, { tense: 'future' })[0];
      if (!mention || !ONLY_WEEKDAY.test(item.slice(lead, mention.index))) break;
      if (hasPhrase(item, p.notClosure) || /\bmake-?\s?up\b|\bmade up\b/i.test(item)) continue;
      out.items.push({
        type: 'school-closure',
        date: mention.date,
        end: mention.end,
        source: { part: part.part, line: j + 1, excerpt: item.trim().slice(0, 160) },
      });
    }
  }
}

/** The sentences after this one on the same line, up to the next one that names a day of its own. */
function lineRest(sentences: ReadonlyArray<{ text: string; line: number }>, i: number): string {
  const line = sentences[i]?.line;
  const rest: string[] = [];
  for (let j = i + 1; j < sentences.length && sentences[j]?.line === line; j++) {
    rest.push(sentences[j]?.text ?? '');
  }
  return rest.join(' ');
}

/**
 * A calendar line whose day comes first and whose closure words follow in a sentence of their
 * own: "Monday, October 12 – Columbus Day. Schools closed." The day is the closed day when it is
 * the only day on the line and nothing on it says the day is made up or not a closure.
 */
function calendarLineClosure(text: string, rest: string, facts: PartFacts, source: Source, out: Collected): void {
  if (!rest) return;
  const p = patterns();
  const t = plainText(text);
  const r = plainText(rest);
  if (!hasPhrase(r, p.closure) || hasPhrase(t, p.closure)) return;
  if (hasPhrase(`${t} ${r}`, p.notClosure) || /\bmake-?\s?up\b|\bmade up\b/i.test(`${t} ${r}`)) return;
  if (findDateMentions(r, facts.anchor, { tense: 'future' }).length > 0) return;
  const mentions = findDateMentions(t, facts.anchor, { tense: tenseOf(t) ?? facts.tense ?? 'future' });
  const lead = mentions[0];
  if (!lead || mentions.length !== 1 || !/^[\s\-•*·]*$/.test(t.slice(0, lead.index))) return;
  push(out, 'school-closure', lead.date, lead.end, source);
}

const REPORT_DATE_LABEL =
  /^\s*(?:date of (?:the )?report|report date|date issued|issued(?: on)?|posted(?: on)?|date posted)\s*:\s*(.+)$/i;

/**
 * A progress report's own labelled day ("Date of report: 11/13", a portal's "Posted: 11/16") where
 * the lines just above name the progress report (its title, a "Document:" line): the day it was issued.
 */
function reportLabelDates(text: string, anchor: IsoDate, part: string, out: Collected): void {
  const p = patterns();
  const lines = splitLines(text);
  let lastReport = -100;
  lines.forEach((l, k) => {
    const t = plainText(l.text);
    const label = REPORT_DATE_LABEL.exec(t);
    if (!label && hasPhrase(t, p.progressReport)) lastReport = k;
    if (!label || k - lastReport > 4) return;
    const m = findDateMentions(label[1] ?? '', anchor).find((d) => !d.relative && d.end === null);
    if (m && m.date <= anchor) {
      out.items.push({
        type: 'progress-report',
        date: m.date,
        end: null,
        source: { part, line: l.line, excerpt: null },
      });
    }
  });
}

/** "... is rescheduled to:" with the new day on the line below: the sentence read with that line. */
function withNewDay(text: string, next: string | undefined): string {
  if (next === undefined || !/:\s*$/.test(text)) return text;
  const p = patterns();
  const moved = findPhrases(plainText(text), p.movedTo).at(-1);
  return moved && /^\s*:?\s*$/.test(plainText(text).slice(moved.end)) ? `${text.replace(/:\s*$/, '')} ${next}` : text;
}

/** Every deadline and calendar fact the message states. */
export function findDates(ctx: ReadingContext): Array<Finding<DateItem>> {
  const out: Collected = { items: [] };
  for (const part of ctx.texts) {
    const anchor = part.anchor ?? ctx.sentOn;
    if (!anchor) continue;
    const sentences = splitSentences(part.text);
    const aboutMeeting = [ctx.subject, ...sentences.map((s) => s.text)].some((s) => meetingSentence(plainText(s)));
    const facts: PartFacts = {
      part,
      anchor,
      sentOn: ctx.sentOn ?? anchor,
      aboutMeeting,
      tense: partTense(sentences),
      parentWrites: part.kind === 'author' && writtenByParent(part.text),
      schoolNames: schoolNamesIn(part.text),
      // Written to a parent ("your child"), the words are the school's own asks, not the parent's.
      schoolWrites: writtenToParent(part.text),
    };
    sentences.forEach((s, i) => {
      const source = { part: part.part, line: s.line, excerpt: s.text.slice(0, 160) };
      readSentence(withNewDay(s.text, sentences[i + 1]?.text), facts, source, out);
      calendarLineClosure(s.text, lineRest(sentences, i), facts, source, out);
    });
  }
  for (const part of ctx.texts) {
    const anchor = part.anchor ?? ctx.sentOn;
    if (anchor) meetingNoticeDates(part.text, anchor, ctx.sentOn ?? anchor, part.part, out);
    if (anchor) reportLabelDates(part.text, anchor, part.part, out);
    if (anchor) closureListDates(part, anchor, out);
  }
  for (const t of ctx.tables) {
    const legend = codeLegend(legendTextOf(ctx, t.part));
    closuresFromTable(t.table, t.anchor ?? ctx.sentOn, t.part, legend, out);
  }
  return dedupe(out.items);
}
