// The digest email's words in the family's language, from the wording catalogs (wording/en.json,
// wording/es.json, keys `digest.*`): the pieces both the HTML and the plain-text parts use, and each
// flag's and unconfirmed entry's figures put into sentences.

import { dayNumber } from '../calendar/iso-days';
import type { DayUncertainty } from '../calendar/school-calendar';
import type {
  DigestModel,
  Draft,
  Flag,
  MissedKey,
  ServiceFigures,
  UnconfirmedEntry,
  WindowFigures,
} from '../compliance/digest-types';
import { flagRules } from '../compliance/flag-rules';
import type { Activity, ServiceCode } from '../records/types';
import { dayList, dayRange, shortDay } from './dates';
import { mayMoveWords, ruleWords, SPANISH_RULES } from './deadline-words';
import { plainLine } from './drafts';
import { LANGUAGES, type Language, SCHOOL_LANGUAGE } from './language';
import type { Wording, WordingKey } from './wording';

export interface DigestEmailOptions {
  /** The product name in the footer. */
  appName?: string;
  /** The child's private calendar feed (https), when the tracker serves one: every digest gives it. */
  calendarUrl?: string | null;
  /** Most unconfirmed entries listed one by one (the rest are counted). */
  maxUnconfirmedListed?: number;
}

/** The child's name as one safe line of plain text (still to be HTML-escaped where HTML). */
export function childName(model: DigestModel, say: Wording): string {
  return plainLine(model.child, 40) || say('digest.yourChild');
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "speech-language therapy" / "terapia de habla y lenguaje". */
export function serviceWords(service: ServiceCode, say: Wording): string {
  return say(`digest.service.${service}`);
}

/** "lunch" / "almuerzo". */
export function activityWords(activity: Activity, say: Wording): string {
  return say(`digest.activity.${activity}`);
}

/** A break's name ("spring break" / "las vacaciones de primavera"); a name the catalog lacks as written. */
function breakWords(name: string, say: Wording): string {
  const key = `digest.break.${name.toLowerCase().replace(/\s+/g, '-')}`;
  return say.has(key) ? say(key as WordingKey) : name;
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

/** A label with the reasons behind a kind of missed time: "missed on the school's side (provider absent)". */
function withReasons(label: string, fig: WindowFigures, keys: MissedKey[], say: Wording): string {
  const present = keys.filter((k) => (fig.missedMinutes[k] ?? 0) > 0).map((k) => say(`digest.reason.${k}`));
  return present.length > 0 ? say('digest.withReasons', { label, reasons: present.join(', ') }) : label;
}

const SCHOOL_SIDE: MissedKey[] = flagRules.schoolSideReasons;
const CHILD_SIDE: MissedKey[] = flagRules.childSideReasons;

/**
 * The parts the required minutes split into, in order: delivered, missed on the school's side,
 * missed for the child's reasons, missed with no reason given, not reported, not tracked yet. For a
 * service there all day, time nobody reported missing is "no gap reported" instead of not reported.
 */
export function barSegments(fig: WindowFigures, say: Wording, presence = false): BarSegment[] {
  const out: BarSegment[] = [];
  const push = (key: BarSegment['key'], label: string, minutes: number) => {
    if (minutes > 0) out.push({ key, label, minutes, color: COLORS[key] });
  };
  push(
    'delivered',
    fig.makeupMinutes > 0
      ? say('digest.bar.deliveredWithMakeup', { makeup: fig.makeupMinutes })
      : say('digest.bar.delivered'),
    fig.deliveredMinutes,
  );
  push('school-side', withReasons(say('digest.bar.school-side'), fig, SCHOOL_SIDE, say), fig.missedSchoolSideMinutes);
  push('child-side', withReasons(say('digest.bar.child-side'), fig, CHILD_SIDE, say), fig.missedChildSideMinutes);
  push(
    'reason-not-given',
    withReasons(say('digest.bar.reason-not-given'), fig, ['other'], say),
    fig.missedReasonNotGivenMinutes,
  );
  if (presence) push('presumed', say('digest.bar.presumed'), fig.unaccountedMinutes);
  else {
    push('not-reported', say('digest.bar.not-reported'), fig.notReportedMinutes);
    push('not-tracked', say('digest.bar.not-tracked'), fig.notTrackedMinutes);
  }
  return out;
}

/** "30 delivered" / "30 min dados": a bar segment in words. */
export function segmentWords(segment: BarSegment, say: Wording): string {
  return say('digest.part', { minutes: segment.minutes, label: segment.label });
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
export function deliveredLine(fig: WindowFigures, say: Wording): string {
  return fig.requiredMinutes > 0 ? say('digest.due', { minutes: fig.requiredMinutes }) : say('digest.nothingDue');
}

/**
 * The parts that add up to the minutes due: "30 delivered, 30 missed on the school's side
 * (provider absent); the logs cover 12 min more than the share due. 30 min owed."
 */
export function detailLine(fig: WindowFigures, say: Wording, presence = false): string {
  const parts = barSegments(fig, say, presence).map((s) => segmentWords(s, say));
  const sentences = [parts.length > 0 ? parts.join(', ') : say('digest.nothingLogged')];
  if (fig.beyondRequiredMinutes > 0) {
    sentences[0] += `; ${say('digest.beyond', { minutes: fig.beyondRequiredMinutes })}`;
  }
  const closed = fig.missedMinutes['school-closure'] ?? 0;
  if (closed > 0) sentences.push(say('digest.closedDays', { minutes: closed }));
  if (fig.owedMinutes > 0) sentences.push(say('digest.owedMinutes', { minutes: fig.owedMinutes }));
  // Sentences after the first open with a figure in English, a word in Spanish ("se le deben").
  return sentences.map((sentence, i) => (i === 0 ? sentence : capitalise(sentence))).join('. ');
}

export function unknownMinutesLine(fig: WindowFigures, say: Wording): string | null {
  if (fig.unknownMinutes.length === 0) return null;
  return say('digest.unknownMinutes', { dates: dayList(fig.unknownMinutes, say) });
}

export function weekLabel(model: DigestModel, say: Wording): string {
  return say('digest.thisWeek', { range: dayRange(model.week.start, model.week.end, say.language) });
}

/** "School year (since Sep 1)": from the later of the school year's first day and the IEP's start. */
export function yearLabel(model: DigestModel, say: Wording, service?: ServiceFigures): string {
  const from = service?.countedFrom ?? model.schoolYear.start;
  return say('digest.schoolYear', { date: shortDay(from, say.language, !sameSchoolYear(model, from)) });
}

/** Whether a date is within the digest's school year (else its year is shown). */
export function sameSchoolYear(model: DigestModel, date: string): boolean {
  return date >= model.schoolYearDays.start && date <= model.schoolYearDays.end;
}

/** "Week of Nov 16–18 · as of Nov 18, 2026". */
export function weekOfLine(model: DigestModel, say: Wording): string {
  return say('digest.weekOf', {
    range: dayRange(model.week.start, model.week.end, say.language),
    date: shortDay(model.asOf, say.language, true),
  });
}

/** How much a service needs attention, for choosing the subject's headline: owed time first, then this week's misses, then silence. */
function concern(s: ServiceFigures): number {
  return s.schoolYear.owedMinutes * 1_000_000 + s.week.missedSchoolSideMinutes * 1000 + s.week.notReportedMinutes;
}

/** One service's state in a few plain words, for the subject line; null when nothing stands out. */
function headline(s: ServiceFigures, say: Wording): string | null {
  const service = serviceWords(s.service, say);
  if (s.schoolYear.owedMinutes > 0) return say('digest.headline.owed', { minutes: s.schoolYear.owedMinutes, service });
  if (s.week.missedSchoolSideMinutes > 0)
    return say('digest.headline.missed', { minutes: s.week.missedSchoolSideMinutes, service });
  if (s.week.notReportedMinutes > 0) return say('digest.headline.noLog', { service });
  return null;
}

/** The subject line in plain words: "Maya's services, week of Nov 16: 2 things to look at (30 min of speech-language therapy owed)". */
export function digestSubject(model: DigestModel, say: Wording): string {
  const head = say('digest.subject.head', {
    child: childName(model, say),
    date: shortDay(model.week.start, say.language),
  });
  if (model.services.length === 0) return plainLine(say('digest.subject.noServices', { head }), 160);
  const count = model.flags.length;
  const status =
    count === 0 ? say('digest.subject.nothing', { head }) : say.plural('digest.subject.things', count, { head });
  const logged = model.services.filter((s) => !isPresenceService(s.service));
  const top = [...logged].sort((a, b) => concern(b) - concern(a))[0];
  const first = top && count > 0 ? headline(top, say) : null;
  return plainLine(first ? say('digest.subject.headline', { subject: status, headline: first }) : status, 160);
}

/** Which entries a letter reports rather than states, so the parent knows before sending it. */
export function reportedLine(d: Draft, say: Wording): string | null {
  if (d.reported.length === 0) return null;
  return say('digest.reported', { dates: dayList(d.reported, say) });
}

/**
 * Which language the letters are in and how to have them in the other: said to a family that does
 * not read the school's language or chose another for its letters; null for one that reads and
 * sends the school's.
 */
export function lettersNote(model: DigestModel, say: Wording): string | null {
  return lettersLanguageNote(model.drafts[0]?.language, say, 'digest');
}

/**
 * The same for the letters of a digest or the note of a reminder (`letters`: their language, none
 * when there are no letters).
 */
export function lettersLanguageNote(
  letters: Language | undefined,
  say: Wording,
  where: 'digest' | 'reminder',
): string | null {
  if (letters === undefined || (letters === SCHOOL_LANGUAGE && say.language === SCHOOL_LANGUAGE)) return null;
  const other = LANGUAGES.find((language) => language !== letters) ?? SCHOOL_LANGUAGE;
  const name = (language: Language) => say(`language.${language}`);
  return [
    say(letters === SCHOOL_LANGUAGE ? `${where}.letters.school` : `${where}.letters.chosen`, {
      letters: name(letters),
    }),
    ...(letters === say.language ? [] : [say(`${where}.letters.reading`, { family: name(say.language) })]),
    say(`${where}.letters.switch`, { other: name(other), command: say(`letters.command.${other}`) }),
  ].join(' ');
}

/** "Dec 2, 2026: IEP meeting you asked for, counted from Nov 2" (or overdue, or no set day). */
export function deadlineLine(model: DigestModel, d: DigestModel['deadlines'][number], say: Wording): string {
  const key = `digest.deadline.${d.type}`;
  const what = say.has(key) ? say(key as WordingKey) : plainLine(d.type, 40);
  const from = shortDay(d.from, say.language);
  if (d.due === null) return say('digest.deadlineNoDue', { what, date: from });
  const notes = [
    ...(d.status === 'overdue' || d.due < model.asOf ? [say('digest.overdue')] : []),
    ...(d.estimated ? [say('digest.estimated')] : []),
  ];
  return say('digest.deadlineLine', {
    due: shortDay(d.due, say.language, true),
    notes: notes.map((note) => ` ${note}`).join(''),
    what,
    from,
  });
}

/** The rule behind a deadline in the family's language (the citation as written), and what may move it. */
export function deadlineRule(d: DigestModel['deadlines'][number], say: Wording): string {
  const citation = d.citation ? ` (${d.citation})` : '';
  const known = d.ruleId !== undefined && (say.language === 'en' || SPANISH_RULES.rules[d.ruleId] !== undefined);
  const explained = { ruleId: d.ruleId ?? '', rule: d.rule, type: d.type, what: null, mayMove: d.mayMove ?? [] };
  const rule = known ? ruleWords(explained as Parameters<typeof ruleWords>[0], say) : d.rule;
  const moves =
    say.language === 'en' || !known
      ? (d.mayMove ?? []).map((note) => ` ${capitalise(note)}.`).join('')
      : mayMoveWords(explained as Parameters<typeof mayMoveWords>[0], say)
          .map((note) => ` ${note}`)
          .join('');
  return plainLine(`${rule}${citation}${moves}`, 600);
}

/**
 * How the calendar behind the figures may be off, in plain words: breaks not recorded yet that are
 * counted as school days, and the days not counted because nobody knows whether school was open.
 */
export function calendarNotes(model: DigestModel, say: Wording): string[] {
  const notes = (model.unrecordedBreaks ?? []).map((b) =>
    capitalise(
      say('digest.unrecordedBreak', {
        name: breakWords(b.name, say),
        first: shortDay(b.first, say.language),
        last: shortDay(b.last, say.language),
        weekdays: b.weekdays,
      }),
    ),
  );
  const runs = uncertainRuns(model.uncertainDays ?? []);
  if (runs.length > 0) {
    const dates = runs
      .map((run) => `${dayRange(run.first, run.last, say.language)} (${uncertaintyWords(run, say)})`)
      .join(', ');
    notes.push(say('digest.uncertainDays', { dates }));
  }
  return notes;
}

/** Uncertain days with the same reason and no school day between them, as runs: "Nov 23–25 (Thanksgiving break not recorded)". */
export function uncertainRuns(days: DigestModel['uncertainDays']): UncertainRun[] {
  const runs: UncertainRun[] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    // Days a weekend (and a closed holiday: Dec 24 to Dec 28) apart are still one run.
    if (run && run.why === day.why && dayNumber(day.date) - dayNumber(run.last) <= 4) run.last = day.date;
    else runs.push({ first: day.date, last: day.date, why: day.why, uncertainty: day.uncertainty });
  }
  return runs;
}

type UncertainRun = { first: string; last: string; why: string; uncertainty?: DayUncertainty | undefined };

/** Why the days of a run may not have been school days, in the family's language. */
function uncertaintyWords(run: UncertainRun, say: Wording): string {
  const reason = run.uncertainty;
  // A model computed before reasons were kept as data says it in English.
  if (!reason) return run.why;
  switch (reason.kind) {
    case 'holiday':
      return say('digest.uncertain.holiday', { names: reason.names.map((name) => holidayWords(name, say)).join(', ') });
    case 'break-not-recorded':
      return say('digest.uncertain.break-not-recorded', { name: breakWords(reason.name, say) });
    default:
      return say(`digest.uncertain.${reason.kind}`);
  }
}

/** The catalog key of a holiday's name: `holiday.` and its words in lower case, joined by dashes. */
export function holidayKey(name: string): string {
  return `holiday.${name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-')}`;
}

/** A holiday's name ("Veterans Day" / "Día de los Veteranos"); a name the catalog lacks as written. */
function holidayWords(name: string, say: Wording): string {
  const key = holidayKey(name);
  return say.has(key) ? say(key as WordingKey) : name;
}

/** "about a third", "about half": a share in words, for a parent rather than a spreadsheet. */
export function shareWords(part: number, whole: number, say: Wording): string {
  const share = whole > 0 ? part / whole : 0;
  const steps: Array<[number, WordingKey]> = [
    [0.95, 'digest.share.all'],
    [0.875, 'digest.share.nineTenths'],
    [0.7, 'digest.share.threeQuarters'],
    [0.6, 'digest.share.twoThirds'],
    [0.45, 'digest.share.half'],
    [0.3, 'digest.share.third'],
    [0.22, 'digest.share.quarter'],
    [0.15, 'digest.share.fifth'],
    [0.08, 'digest.share.tenth'],
  ];
  for (const [at, key] of steps) if (share >= at) return say(key);
  return say('digest.share.small');
}

/** A flag's evidence in plain words, with its dates and minutes. */
export function flagDetail(flag: Flag, say: Wording): string {
  const service = flag.service === null ? '' : serviceWords(flag.service, say);
  const list = (dates: string[], max?: number) => dayList(dates, say, max);
  const day = (date: string) => shortDay(date, say.language);
  const e = flag.evidence;
  switch (e.kind) {
    case 'no-logs': {
      const counted = [
        ...(e.unloggedSessions > 0 ? [say.plural('digest.noLogs.sessions', e.unloggedSessions)] : []),
        ...(e.silentWeek
          ? [say('digest.noLogs.thisWeek', { range: dayRange(e.silentWeek.start, e.silentWeek.end, say.language) })]
          : []),
      ];
      const breaks = e.breaks.map((b) =>
        capitalise(
          say.plural('digest.noLogs.break', b.weekdays, {
            name: breakWords(b.name, say),
            first: day(b.first),
            last: day(b.last),
          }),
        ),
      );
      const main = say.plural('digest.noLogs', flag.dates.length, {
        service,
        weeks: list(flag.dates, 10),
        counted: counted.join('; '),
        minutes: e.minutes,
        since: day(e.since),
      });
      return [main, ...breaks].join(' ');
    }
    case 'repeated-misses': {
      const parts = e.runs.map((run) => say('digest.misses.run', { count: run.length, dates: list(run) }));
      if (e.share) {
        parts.push(
          say('digest.misses.share', {
            range: dayRange(e.share.window.start, e.share.window.end, say.language),
            missed: e.share.missed,
            required: e.share.required,
            share: shareWords(e.share.missed, e.share.required, say),
          }),
        );
      }
      return say('digest.misses', { service: capitalise(service), parts: parts.join('; ') });
    }
    case 'owed': {
      const values = { owed: e.owed, service, missed: e.missed, dates: list(flag.dates), madeUp: e.madeUp };
      return e.madeUp > 0 ? say('digest.owed.some', values) : say('digest.owed.none', values);
    }
    case 'setting': {
      const parts = e.activities.map((a) =>
        say('digest.setting.activity', { activity: activityWords(a.activity, say), dates: list(a.dates) }),
      );
      if (e.overPercent) {
        const over = e.overPercent;
        parts.push(
          say('digest.setting.percent', {
            percent: over.percent,
            allowed: over.allowedPerDay,
            dates: list(over.dates),
            worst: over.worst.minutes,
            worstDate: list([over.worst.date]),
          }),
        );
      }
      return `${capitalise(parts.join('; '))}.`;
    }
    case 'aide-gap':
      return say.plural('digest.aideGap', flag.dates.length, { dates: list(flag.dates) });
  }
}

/** An unconfirmed entry in plain words: "speech-language therapy missed (provider absent), 30 min". */
export function entrySummary(entry: UnconfirmedEntry, say: Wording): string {
  switch (entry.kind) {
    case 'session': {
      const status =
        entry.status === 'missed'
          ? say('digest.entry.missed', { reason: say(`digest.reason.${entry.reason ?? 'not-stated'}`) })
          : say(`digest.entry.${entry.status}`);
      const minutes =
        entry.minutes === null
          ? say('digest.entry.noMinutes')
          : say('digest.entry.minutes', { minutes: entry.minutes });
      return say('digest.entry.session', { service: serviceWords(entry.service, say), status, minutes });
    }
    case 'requirement': {
      const amount =
        entry.minutes === null
          ? say('digest.entry.noMinutes')
          : say('digest.entry.amount', { minutes: entry.minutes, per: say(`digest.per.${entry.per}`) });
      return say('digest.entry.requirement', { service: serviceWords(entry.service, say), amount });
    }
    case 'setting-event':
      return say('digest.entry.setting-event', {
        activity: activityWords(entry.activity, say),
        where: say(`digest.in.${entry.setting}`),
      });
    case 'date': {
      const type = say(`digest.dateType.${entry.type}`);
      return entry.end === null
        ? say('digest.entry.date', { type })
        : say('digest.entry.dateUntil', { type, date: shortDay(entry.end, say.language) });
    }
    case 'setting-percent':
      return say('digest.entry.setting-percent', { percent: entry.generalEducation });
  }
}

/** "Nov 17: speech-language therapy delivered, 30 min": an unconfirmed entry's line. */
export function entryLine(entry: UnconfirmedEntry, say: Wording): string {
  return `${entry.date ? `${shortDay(entry.date, say.language)}: ` : ''}${entrySummary(entry, say)}`;
}
