// The digest email's fixed words (digest-wording.json), checked once at load, and the pieces of
// plain language both the HTML and the plain-text parts use.

import { z } from 'zod';
import type { DigestModel, MissedKey, ServiceFigures, WindowFigures } from '../compliance/digest-types';
import { DRAFT_PURPOSES, FLAG_KINDS } from '../compliance/digest-types';
import { flagRules } from '../compliance/flag-rules';
import { dateList, dateRange, shortDate } from '../compliance/plain-dates';
import { reasonWords, serviceShortName } from '../compliance/service-names';
import type { ServiceCode } from '../records/types';
import wordingJson from './digest-wording.json';
import { fillTemplate, plainLine } from './drafts';

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
  key: 'delivered' | MissedKey | 'unlogged' | 'presumed' | 'remaining';
  label: string;
  minutes: number;
  color: string;
}

const MISSED_ORDER: MissedKey[] = [
  'provider-absent',
  'provider-unavailable',
  'other',
  'not-stated',
  'student-absent',
  'student-unavailable',
  'school-closure',
];

const COLORS: Record<BarSegment['key'], string> = {
  delivered: '#2e7d32',
  'provider-absent': '#c62828',
  'provider-unavailable': '#e57373',
  other: '#ef6c00',
  'not-stated': '#ffb74d',
  'student-absent': '#78909c',
  'student-unavailable': '#b0bec5',
  'school-closure': '#cfd8dc',
  unlogged: '#f9a825',
  presumed: '#a5d6a7',
  remaining: '#e5e7eb',
};

/** A service that is there all day (an aide): only its gaps are ever reported. */
export function isPresenceService(service: ServiceCode): boolean {
  return flagRules.presenceServices.includes(service);
}

/**
 * Delivered, missed by reason, unlogged, and any rest of the required minutes, in that order. For
 * a service that is there all day, time nobody reported missing shows as "no gap reported".
 */
export function barSegments(fig: WindowFigures, presence = false): BarSegment[] {
  const out: BarSegment[] = [];
  const push = (key: BarSegment['key'], label: string, minutes: number) => {
    if (minutes > 0) out.push({ key, label, minutes, color: COLORS[key] });
  };
  push('delivered', 'delivered', fig.deliveredMinutes);
  for (const key of MISSED_ORDER) push(key, `missed, ${reasonWords(key)}`, fig.missedMinutes[key] ?? 0);
  if (presence) push('presumed', 'no gap reported', fig.unaccountedMinutes);
  else push('unlogged', 'no log', fig.unaccountedMinutes);
  const counted = out.reduce((acc, s) => acc + s.minutes, 0);
  push('remaining', 'not yet due', fig.requiredMinutes - counted);
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

/** "30 of 60 min delivered"; for a service there all day, "360 of 1800 min reported missed". */
export function deliveredLine(fig: WindowFigures, presence = false): string {
  if (!presence) return `${fig.deliveredMinutes} of ${fig.requiredMinutes} min delivered`;
  const missed = Object.values(fig.missedMinutes).reduce((acc: number, m) => acc + (m ?? 0), 0);
  return `${missed} of ${fig.requiredMinutes} min reported missed`;
}

/** "missed 30 min (provider absent), 15 min with no log, 30 min owed" */
export function detailLine(fig: WindowFigures, presence = false): string {
  const parts: string[] = [];
  for (const key of MISSED_ORDER) {
    const m = fig.missedMinutes[key] ?? 0;
    if (m > 0) parts.push(`${m} min missed (${reasonWords(key)})`);
  }
  if (fig.unaccountedMinutes > 0 && !presence) parts.push(`${fig.unaccountedMinutes} min with no log`);
  if (fig.owedMinutes > 0) parts.push(`${fig.owedMinutes} min owed`);
  return parts.length > 0 ? parts.join(', ') : 'nothing missed';
}

export function unknownMinutesLine(fig: WindowFigures): string | null {
  if (fig.unknownMinutes.length === 0) return null;
  return say(digestWording.unknownMinutes, { dates: dateList(fig.unknownMinutes) });
}

export function weekLabel(model: DigestModel): string {
  return `This week (${dateRange(model.week.start, model.week.end)})`;
}

export function yearLabel(model: DigestModel): string {
  return `School year (since ${shortDate(model.schoolYear.start)})`;
}

/** How much a service needs attention, for choosing the subject's headline: owed time first, then this week's shortfall. */
function concern(s: ServiceFigures): number {
  return s.schoolYear.owedMinutes * 1000 + (s.week.requiredMinutes - s.week.deliveredMinutes);
}

/** The subject line: "Maya · week of Nov 16: speech 30 of 60 min, 30 min owed". */
export function digestSubject(model: DigestModel): string {
  const child = childName(model);
  const head = `${child} · week of ${shortDate(model.week.start)}`;
  if (model.services.length === 0) return plainLine(`${head}: no IEP services on file yet`, 160);
  const logged = model.services.filter((s) => !isPresenceService(s.service));
  const ordered = [...(logged.length > 0 ? logged : model.services)].sort((a, b) => concern(b) - concern(a));
  const parts = ordered.slice(0, 2).map((s) => {
    const owed = s.schoolYear.owedMinutes > 0 ? `, ${s.schoolYear.owedMinutes} min owed` : '';
    return `${serviceShortName(s.service)} ${s.week.deliveredMinutes} of ${s.week.requiredMinutes} min${owed}`;
  });
  const more = ordered.length > 2 ? `; +${ordered.length - 2} more` : '';
  return plainLine(`${head}: ${parts.join('; ')}${more}`, 160);
}

/** "Dec 2, 2026: IEP meeting you asked for, counted from Nov 2" (or overdue, or no set day). */
export function deadlineLine(model: DigestModel, d: DigestModel['deadlines'][number]): string {
  const what = digestWording.deadlineTypes[d.type] ?? plainLine(d.type, 40);
  if (d.due === null)
    return `${what}, asked ${shortDate(d.from)}: no deadline set by law; follow up if nothing happens`;
  const overdue = d.status === 'overdue' || d.due < model.asOf ? ' (overdue)' : '';
  return `${shortDate(d.due, true)}${overdue}: ${what}, counted from ${shortDate(d.from)}`;
}

/** The rule behind a deadline, with its citation when known. */
export function deadlineRule(d: DigestModel['deadlines'][number]): string {
  const citation = d.citation ? ` (${d.citation})` : '';
  return plainLine(`${d.rule}${citation}`, 300);
}
