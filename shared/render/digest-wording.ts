// The digest email's fixed words (digest-wording.json), checked once at load, and the pieces of
// plain language both the HTML and the plain-text parts use.

import { z } from 'zod';
import { dayNumber } from '../calendar/iso-days';
import type { DigestModel, Draft, MissedKey, ServiceFigures, WindowFigures } from '../compliance/digest-types';
import { DRAFT_PURPOSES, FLAG_KINDS } from '../compliance/digest-types';
import { flagRules } from '../compliance/flag-rules';
import { dateList, dateRange, shortDate } from '../compliance/plain-dates';
import { reasonWords, serviceName } from '../compliance/service-names';
import type { ServiceCode } from '../records/types';
import wordingJson from './digest-wording.json';
import { fillTemplate, plainLine } from './drafts';
import { wordingFor } from './wording';

const wordingSchema = z.object({
  sections: z.object({
    attention: z.string(),
    services: z.string(),
    setting: z.string(),
    deadlines: z.string(),
    unconfirmed: z.string(),
    drafts: z.string(),
  }),
  flagTitles: z.record(z.enum(FLAG_KINDS), z.string()),
  draftTitles: z.record(z.enum(DRAFT_PURPOSES), z.string()),
  deadlineTypes: z.record(z.string(), z.string()),
  noFlags: z.string(),
  noRequirements: z.string(),
  noSettingOrAide: z.string(),
  noDeadlines: z.string(),
  allConfirmed: z.string(),
  unconfirmedIntro: z.string(),
  unknownMinutes: z.string(),
  includesUnconfirmed: z.string(),
  noDrafts: z.string(),
  draftsIntro: z.string(),
  footer: z.string(),
});

export const digestWording = wordingSchema.parse(wordingJson);

export interface DigestEmailOptions {
  /** The product name in the footer. */
  appName?: string;
  /** The child's private calendar feed (https), when the tracker serves one: every digest gives it. */
  calendarUrl?: string | null;
  /** Most unconfirmed entries listed one by one (the rest are counted). */
  maxUnconfirmedListed?: number;
}

/** The child's name as one safe line of plain text (still to be HTML-escaped where HTML). */
export function childName(model: DigestModel): string {
  return plainLine(model.child, 40) || 'Your child';
}

/** `{child}` etc. filled into a fixed sentence. */
export function say(template: string, values: { child?: string; dates?: string; app?: string }): string {
  return fillTemplate(template, values);
}

/** One part of a service's bar: what the minutes were, how many, and its colour. */
export interface BarSegment {
  key: 'delivered' | 'school-side' | 'child-side' | 'reason-not-given' | 'not-reported' | 'not-tracked' | 'presumed';
  label: string;
  minutes: number;
  color: string;
}

const COLORS: Record<BarSegment['key'], string> = {
  delivered: '#2e7d32',
  'school-side': '#c62828',
  'reason-not-given': '#ef6c00',
  'child-side': '#78909c',
  'not-reported': '#f9a825',
  'not-tracked': '#e5e7eb',
  presumed: '#a5d6a7',
};

/** A service that is there all day (an aide): only its gaps are ever reported. */
export function isPresenceService(service: ServiceCode): boolean {
  return flagRules.presenceServices.includes(service);
}

/** The reasons behind a kind of missed time, in words: "provider absent". */
function reasonsOf(fig: WindowFigures, keys: MissedKey[]): string {
  const present = keys.filter((k) => (fig.missedMinutes[k] ?? 0) > 0).map(reasonWords);
  return present.length > 0 ? ` (${present.join(', ')})` : '';
}

const SCHOOL_SIDE: MissedKey[] = flagRules.schoolSideReasons;
const CHILD_SIDE: MissedKey[] = flagRules.childSideReasons;

/**
 * The parts the required minutes split into, in order: delivered, missed on the school's side,
 * missed for the child's reasons, missed with no reason given, not reported, not tracked yet. For a
 * service there all day, time nobody reported missing is "no gap reported" instead of not reported.
 */
export function barSegments(fig: WindowFigures, presence = false): BarSegment[] {
  const out: BarSegment[] = [];
  const push = (key: BarSegment['key'], label: string, minutes: number) => {
    if (minutes > 0) out.push({ key, label, minutes, color: COLORS[key] });
  };
  const makeup = fig.makeupMinutes > 0 ? ` (${fig.makeupMinutes} of them make-up time)` : '';
  push('delivered', `delivered${makeup}`, fig.deliveredMinutes);
  push('school-side', `missed on the school's side${reasonsOf(fig, SCHOOL_SIDE)}`, fig.missedSchoolSideMinutes);
  push('child-side', `missed for the child's reasons${reasonsOf(fig, CHILD_SIDE)}`, fig.missedChildSideMinutes);
  push('reason-not-given', `missed, no reason given${reasonsOf(fig, ['other'])}`, fig.missedReasonNotGivenMinutes);
  if (presence) push('presumed', 'no gap reported', fig.unaccountedMinutes);
  else {
    push('not-reported', 'not reported', fig.notReportedMinutes);
    push('not-tracked', 'not tracked yet', fig.notTrackedMinutes);
  }
  return out;
}

/** Whole percentages of the bar for each segment, summing to 100 (largest remainder), each at least 2. */
export function segmentWidths(segments: BarSegment[]): number[] {
  const total = segments.reduce((acc, s) => acc + s.minutes, 0);
  if (total <= 0) return segments.map(() => 0);
  const raw = segments.map((s) => Math.max(2, (s.minutes / total) * 100));
  const scale = 100 / raw.reduce((a, b) => a + b, 0);
  const scaled = raw.map((r) => r * scale);
  const floors = scaled.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = scaled.map((v, i) => ({ i, rest: v - Math.floor(v) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/** "48 min due" (what the parts below add up to). */
export function deliveredLine(fig: WindowFigures, _presence = false): string {
  return fig.requiredMinutes > 0 ? `${fig.requiredMinutes} min due` : 'nothing due';
}

/**
 * The parts that add up to the minutes due: "30 delivered, 30 missed on the school's side
 * (provider absent); 12 min more were logged than the share due. 30 min owed."
 */
export function detailLine(fig: WindowFigures, presence = false): string {
  const parts = barSegments(fig, presence).map((s) => `${s.minutes} ${s.label}`);
  const sentences = [parts.length > 0 ? parts.join(', ') : 'nothing logged'];
  if (fig.beyondRequiredMinutes > 0) {
    sentences[0] += `; the logs cover ${fig.beyondRequiredMinutes} min more than the share due`;
  }
  const closed = fig.missedMinutes['school-closure'] ?? 0;
  if (closed > 0) sentences.push(`${closed} min fell on days school was closed (nothing due)`);
  if (fig.owedMinutes > 0) sentences.push(`${fig.owedMinutes} min owed`);
  return sentences.join('. ');
}

export function unknownMinutesLine(fig: WindowFigures): string | null {
  if (fig.unknownMinutes.length === 0) return null;
  return say(digestWording.unknownMinutes, { dates: dateList(fig.unknownMinutes) });
}

export function weekLabel(model: DigestModel): string {
  return `This week (${dateRange(model.week.start, model.week.end)})`;
}

/** "School year (since Sep 1)": from the later of the school year's first day and the IEP's start. */
export function yearLabel(model: DigestModel, service?: ServiceFigures): string {
  const from = service?.countedFrom ?? model.schoolYear.start;
  return `School year (since ${shortDate(from, !sameSchoolYear(model, from))})`;
}

/** Whether a date is within the digest's school year (else its year is shown). */
export function sameSchoolYear(model: DigestModel, date: string): boolean {
  return date >= model.schoolYearDays.start && date <= model.schoolYearDays.end;
}

/** How much a service needs attention, for choosing the subject's headline: owed time first, then this week's misses, then silence. */
function concern(s: ServiceFigures): number {
  return s.schoolYear.owedMinutes * 1_000_000 + s.week.missedSchoolSideMinutes * 1000 + s.week.notReportedMinutes;
}

/** One service's state in a few plain words, for the subject line; null when nothing stands out. */
function headline(s: ServiceFigures): string | null {
  const name = serviceName(s.service);
  if (s.schoolYear.owedMinutes > 0) return `${s.schoolYear.owedMinutes} min of ${name} owed`;
  if (s.week.missedSchoolSideMinutes > 0) return `${s.week.missedSchoolSideMinutes} min of ${name} missed this week`;
  if (s.week.notReportedMinutes > 0) return `no ${name} log this week`;
  return null;
}

/** The subject line in plain words: "Maya's services, week of Nov 16: 2 things to look at (30 min of speech-language therapy owed)". */
export function digestSubject(model: DigestModel): string {
  const child = childName(model);
  const head = `${child}'s services, week of ${shortDate(model.week.start)}`;
  if (model.services.length === 0) return plainLine(`${head}: no IEP services on file yet`, 160);
  const count = model.flags.length;
  const status = count === 0 ? 'nothing needs attention' : `${count} ${count === 1 ? 'thing' : 'things'} to look at`;
  const logged = model.services.filter((s) => !isPresenceService(s.service));
  const top = [...logged].sort((a, b) => concern(b) - concern(a))[0];
  const first = top ? headline(top) : null;
  return plainLine(`${head}: ${status}${first && count > 0 ? ` (${first})` : ''}`, 160);
}

/** Which entries a letter reports rather than states, so the parent knows before sending it. */
export function reportedLine(d: Draft): string | null {
  if (d.reported.length === 0) return null;
  return `States as fact only what you confirmed; not yet confirmed, so phrased as "the notes I received say": ${dateList(d.reported)}.`;
}

/** "Dec 2, 2026: IEP meeting you asked for, counted from Nov 2" (or overdue, or no set day). */
export function deadlineLine(model: DigestModel, d: DigestModel['deadlines'][number]): string {
  const what = digestWording.deadlineTypes[d.type] ?? plainLine(d.type, 40);
  if (d.due === null)
    return `${what}, asked ${shortDate(d.from)}: no deadline set by law; follow up if nothing happens`;
  const overdue = d.status === 'overdue' || d.due < model.asOf ? ' (overdue)' : '';
  const estimated = d.estimated ? ' (estimated)' : '';
  return `${shortDate(d.due, true)}${overdue}${estimated}: ${what}, counted from ${shortDate(d.from)}`;
}

/** The rule behind a deadline, with its citation when known. */
export function deadlineRule(d: DigestModel['deadlines'][number]): string {
  const citation = d.citation ? ` (${d.citation})` : '';
  const moves = (d.mayMove ?? []).map((note) => ` ${note.charAt(0).toUpperCase()}${note.slice(1)}.`).join('');
  return plainLine(`${d.rule}${citation}${moves}`, 600);
}

/**
 * How the calendar behind the figures may be off, in plain words: breaks not recorded yet that are
 * counted as school days, and the days not counted because nobody knows whether school was open.
 */
export function calendarNotes(model: DigestModel): string[] {
  const say = wordingFor('en');
  const notes = (model.unrecordedBreaks ?? []).map((b) =>
    say('digest.unrecordedBreak', {
      name: b.name.charAt(0).toUpperCase() + b.name.slice(1),
      first: shortDate(b.first),
      last: shortDate(b.last),
      weekdays: b.weekdays,
    }),
  );
  const runs = uncertainRuns(model.uncertainDays ?? []);
  if (runs.length > 0) {
    const dates = runs.map((run) => `${dateRange(run.first, run.last)} (${run.why})`).join(', ');
    notes.push(say('digest.uncertainDays', { dates }));
  }
  return notes;
}

/** Uncertain days with the same reason and no school day between them, as runs: "Nov 23–25 (Thanksgiving break not recorded)". */
export function uncertainRuns(days: DigestModel['uncertainDays']): Array<{ first: string; last: string; why: string }> {
  const runs: Array<{ first: string; last: string; why: string }> = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    // Days a weekend (and a closed holiday: Dec 24 to Dec 28) apart are still one run.
    if (run && run.why === day.why && dayNumber(day.date) - dayNumber(run.last) <= 4) run.last = day.date;
    else runs.push({ first: day.date, last: day.date, why: day.why });
  }
  return runs;
}
