// Letters a parent can send as they are: ask for the service logs, raise missed sessions, ask for
// compensatory time, ask for an IEP meeting, ask for the IEP's services page. Each letter's wording
// lives in draft-wording.json, one set per language: letters go to the school in English, and a
// Spanish-reading family gets the Spanish version beside each one to read. The right people are
// found from the role words seen in the child's mail.

import { z } from 'zod';
import { addDays } from '../calendar/iso-days';
import type { DeadlineItem, Draft, DraftPurpose, Flag, StaffContact } from '../compliance/digest-types';
import { DRAFT_PURPOSES } from '../compliance/digest-types';
import { flagRules } from '../compliance/flag-rules';
import { REFERRAL_NOT_RECORDED, rulesFor, TRIGGER_TYPES } from '../deadlines/deadline-rules';
import type { Deadline } from '../deadlines/track-deadlines';
import { type IsoDate, SERVICE_CODES, type ServiceCode } from '../records/types';
import { dayList, longDate, shortDay } from './dates';
import { awaitingWords, schoolRuleWords } from './deadline-words';
import { flagDetail, serviceWords } from './digest-wording';
import wordingJson from './draft-wording.json';
import { type Language, SCHOOL_LANGUAGE } from './language';
import { type Wording, wordingFor } from './wording';

const PLACEHOLDERS = [
  'child',
  'service',
  'Service',
  'period',
  'dates',
  'minutes',
  'summary',
  'weeks',
  'concerns',
  'signature',
  'makeup',
  'rule',
  'percent',
  'timeline',
  'from',
  'to',
  'count',
  'date',
  'law',
  'citation',
  'name',
  'about',
  'missing',
] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

function usesKnownPlaceholders(template: string): boolean {
  for (const name of placeholdersIn(template)) if (!(PLACEHOLDERS as readonly string[]).includes(name)) return false;
  return true;
}

const templateSchema = z.string().refine(usesKnownPlaceholders, 'unknown {placeholder}');
const lettersSchema = z.object({
  summaries: z.object({
    missedOnDates: templateSchema,
    reportedMissed: templateSchema,
    makeupOwed: templateSchema,
    makeupAsk: templateSchema,
  }),
  /** The pieces a letter is put together from. */
  phrases: z.object({
    session: templateSchema,
    sessions: templateSchema,
    period: templateSchema,
    oneWeek: templateSchema,
    weeks: templateSchema,
    notesSay: templateSchema,
    byMyRecords: templateSchema,
    percent: templateSchema,
    lawSays: templateSchema,
    dueBy: templateSchema,
    more: templateSchema,
    timeline: templateSchema,
    signature: templateSchema,
    myChild: templateSchema,
  }),
  drafts: z.record(z.enum(DRAFT_PURPOSES), z.object({ subject: templateSchema, body: z.array(templateSchema).min(1) })),
  /** The note to the case manager a deadline reminder carries when a deadline passed. */
  followUp: z.object({
    greeting: templateSchema,
    greetingUnnamed: templateSchema,
    opening: templateSchema,
    about: z.record(z.enum(TRIGGER_TYPES), templateSchema),
    missing: z.record(z.enum(TRIGGER_TYPES), templateSchema),
    federalLaw: templateSchema,
    rule: templateSchema,
    count: templateSchema,
    countEstimated: templateSchema,
    /** Counted from the consent because the referral the law counts from is not recorded. */
    countFromConsent: templateSchema,
    ask: templateSchema,
    thanksLate: templateSchema,
    thanksLateOn: templateSchema,
    closing: templateSchema,
    regards: templateSchema,
  }),
});
type Letters = z.infer<typeof lettersSchema>;
const wordingSchema = z.object({
  recipients: z.array(
    z.object({ to: z.union([z.literal('case-manager'), z.enum(SERVICE_CODES)]), words: z.array(z.string().min(1)) }),
  ),
  letters: z.object({ en: lettersSchema, es: lettersSchema }),
});
const wording = wordingSchema.parse(wordingJson);

function placeholdersIn(template: string): string[] {
  const names: string[] = [];
  let at = template.indexOf('{');
  while (at !== -1) {
    const close = template.indexOf('}', at);
    if (close === -1) break;
    names.push(template.slice(at + 1, close));
    at = template.indexOf('{', close);
  }
  return names;
}

/** Fills `{name}` placeholders; the values are plain text. */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>): string {
  let out = '';
  let from = 0;
  let at = template.indexOf('{');
  while (at !== -1) {
    const close = template.indexOf('}', at);
    if (close === -1) break;
    const name = template.slice(at + 1, close) as Placeholder;
    out += template.slice(from, at) + (values[name] ?? '');
    from = close + 1;
    at = template.indexOf('{', from);
  }
  return out + template.slice(from);
}

/** One line of plain text: control characters (CR, LF, tabs) and bidi overrides become spaces; trimmed; capped. */
export function plainLine(text: string, max = 80): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out +=
      code < 0x20 ||
      code === 0x7f ||
      (code >= 0x80 && code < 0xa0) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0x2028 ||
      code === 0x2029
        ? ' '
        : ch;
  }
  out = out.split(' ').filter(Boolean).join(' ');
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

const LOCAL_PART = /^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * An address safe to put in a mailto: link: `local@domain.tld` with letters, digits and `._+-`
 * in the local part and a plain host name. Anything else (quotes, spaces, `?`, `&`, `%`, CR/LF) is refused.
 */
export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return false;
  const tld = labels[labels.length - 1] ?? '';
  return tld.length >= 2 && !/^[0-9]+$/.test(tld);
}

function normaliseWords(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : ' ';
  return ` ${out.split(' ').filter(Boolean).join(' ')} `;
}

type Audience = 'case-manager' | ServiceCode;

/** Most concerns listed in a meeting request. */
const MAX_CONCERNS = 4;

/** Who a contact is, from its role words: case manager and/or the services it provides. */
export function audiencesOf(contact: StaffContact): Set<Audience> {
  const found = new Set<Audience>();
  for (const role of contact.roles ?? []) {
    const words = normaliseWords(role.slice(0, 200));
    for (const entry of wording.recipients) {
      if (entry.words.some((w) => words.includes(normaliseWords(w)))) found.add(entry.to);
    }
  }
  return found;
}

/** Valid, lower-cased, de-duplicated addresses of the contacts in the audiences, in the audiences' order. */
export function recipients(contacts: StaffContact[], audiences: Audience[]): string[] {
  const known = contacts
    .map((contact) => ({ address: contact.address.trim().toLowerCase(), of: audiencesOf(contact) }))
    .filter((c) => isValidAddress(c.address));
  const out: string[] = [];
  for (const audience of audiences) {
    for (const c of known) if (c.of.has(audience) && !out.includes(c.address)) out.push(c.address);
  }
  return out;
}

/** Providers of a service and the case manager. */
function serviceRecipients(contacts: StaffContact[], services: ServiceCode[]): string[] {
  return recipients(contacts, [...services, 'case-manager']);
}

/** One language's letters, with the words its dates and lists are written in. */
interface Writer {
  letters: Letters;
  say: Wording;
}

function draft(
  writer: Writer,
  purpose: DraftPurpose,
  to: string[],
  values: Partial<Record<Placeholder, string>>,
  reported: IsoDate[] = [],
): Draft {
  const template = writer.letters.drafts[purpose];
  if (!template) throw new Error(`no wording for ${purpose}`);
  return {
    purpose,
    to,
    subject: plainLine(fillTemplate(template.subject, values), 120),
    // Blank lines left by an empty placeholder are folded into one.
    body: template.body
      .map((line) => fillTemplate(line, values))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
    reported,
    language: writer.say.language,
  };
}

/** "the session on Nov 23", "the sessions on Nov 10 and Nov 12". */
function sessionsOn(writer: Writer, dates: IsoDate[], max = 12): string {
  const unique = [...new Set(dates)];
  const phrase = unique.length === 1 ? writer.letters.phrases.session : writer.letters.phrases.sessions;
  return fillTemplate(phrase, { dates: dayList(unique, writer.say, max) });
}

/** "Nov 3" in the as-of date's July-to-June year, else "Nov 3, 2025". */
function dateFor(writer: Writer, date: IsoDate, asOf: IsoDate | undefined): string {
  const yearOf = (d: IsoDate) => Number(d.slice(0, 4)) - (Number(d.slice(5, 7)) < 7 ? 1 : 0);
  return shortDay(date, writer.say.language, asOf !== undefined && yearOf(date) !== yearOf(asOf));
}

/**
 * The missed sessions in a letter: those the parent confirmed stated as fact, the rest as what the
 * notes say. `reported` are the dates phrased as reported.
 */
function missedSummary(
  writer: Writer,
  dates: IsoDate[],
  unconfirmed: IsoDate[],
): { summary: string; reported: IsoDate[] } {
  const reported = dates.filter((d) => unconfirmed.includes(d));
  const confirmed = dates.filter((d) => !unconfirmed.includes(d));
  const parts: string[] = [];
  if (confirmed.length > 0) {
    const said = fillTemplate(writer.letters.summaries.missedOnDates, { dates: sessionsOn(writer, confirmed) });
    parts.push(capitalise(said));
  }
  if (reported.length > 0) {
    parts.push(fillTemplate(writer.letters.summaries.reportedMissed, { dates: sessionsOn(writer, reported) }));
  }
  return { summary: parts.join(' '), reported };
}

export interface DraftInput {
  child: string;
  asOf?: IsoDate;
  week: { start: IsoDate; end: IsoDate };
  /** Overdue deadlines get a follow-up letter (records requests) citing their rule. */
  deadlines?: DeadlineItem[];
  /** The IEP's share of the day in general education, for a setting letter. */
  generalEducationPercent?: number | null;
  /** The child's state, for the rules a follow-up or meeting letter cites. */
  state?: string | null;
  /** The last four weeks, for logs asked for because time there has no log. */
  lookback?: { start: IsoDate; end: IsoDate };
  flags: Flag[];
  contacts: StaffContact[];
  hasRequirements: boolean;
  signature?: string | null;
}

/**
 * The letters this week's flags call for, one per purpose: per service the logs (the whole
 * unreported range), the missed sessions with the make-up time owed (one letter), the aide's
 * days; then where the child spent the day, overdue records, and a meeting when concerns last.
 */
export function buildDrafts(input: DraftInput, language: Language = SCHOOL_LANGUAGE): Draft[] {
  const writer: Writer = { letters: wording.letters[language], say: wordingFor(language) };
  const { phrases, summaries } = writer.letters;
  const child = plainLine(input.child, 40) || phrases.myChild;
  const signature = input.signature ? plainLine(input.signature, 80) : fillTemplate(phrases.signature, { child });
  const base = { child, signature };
  const drafts: Draft[] = [];

  if (!input.hasRequirements) {
    drafts.push(draft(writer, 'request-services-page', recipients(input.contacts, ['case-manager']), base));
  }

  const services = [...new Set(input.flags.map((f) => f.service))].filter((s): s is ServiceCode => s !== null);
  for (const code of services) {
    const find = (kind: Flag['kind']) => input.flags.find((f) => f.kind === kind && f.service === code);
    const [noLogs, misses, owed, aideGap] = [find('no-logs'), find('repeated-misses'), find('owed'), find('aide-gap')];
    const service = serviceWords(code, writer.say);
    const values = { ...base, service, Service: capitalise(service) };
    const to = serviceRecipients(input.contacts, [code]);
    const presence = flagRules.presenceServices.includes(code);

    if (noLogs) {
      const first = noLogs.dates[0] ?? input.week.start;
      const lastMonday = noLogs.dates[noLogs.dates.length - 1] ?? input.week.start;
      const end = earlier(addDays(lastMonday, 4), input.asOf ?? input.week.end);
      const period = fillTemplate(phrases.period, {
        from: dateFor(writer, first, input.asOf),
        to: dateFor(writer, end, input.asOf),
      });
      const weeks =
        noLogs.dates.length === 1
          ? phrases.oneWeek
          : fillTemplate(phrases.weeks, { count: String(noLogs.dates.length) });
      drafts.push(draft(writer, 'request-logs', to, { ...values, period, weeks }));
    }
    // Missed sessions and the make-up time they leave owed: one letter, to the same people.
    const missedDates = [...new Set([...(misses?.dates ?? []), ...(presence ? [] : (owed?.dates ?? []))])].sort();
    if (missedDates.length > 0) {
      const unconfirmed = [...(misses?.unconfirmedDates ?? []), ...(owed?.unconfirmedDates ?? [])];
      const { summary, reported } = missedSummary(writer, missedDates, unconfirmed);
      const makeup =
        owed && !presence && (owed.minutes ?? 0) > 0
          ? fillTemplate(summaries.makeupOwed, { ...values, minutes: String(owed.minutes) })
          : summaries.makeupAsk;
      drafts.push(draft(writer, 'missed-sessions', to, { ...values, summary, makeup }, reported));
    }
    if (aideGap) {
      const confirmed = aideGap.dates.filter((d) => !aideGap.unconfirmedDates.includes(d));
      if (confirmed.length > 0) {
        drafts.push(draft(writer, 'aide-missing', to, { ...values, dates: dayList(confirmed, writer.say, 12) }));
      }
    }
  }

  const setting = input.flags.find((f) => f.kind === 'setting');
  if (setting) {
    const reported = setting.unconfirmedDates;
    const intro = reported.length > 0 ? phrases.notesSay : phrases.byMyRecords;
    const summary = `${intro}${lowerFirst(flagDetail(setting, writer.say))}`;
    const percent =
      input.generalEducationPercent !== null && input.generalEducationPercent !== undefined
        ? fillTemplate(phrases.percent, { child, percent: String(input.generalEducationPercent) })
        : '';
    drafts.push(
      draft(
        writer,
        'setting-concern',
        recipients(input.contacts, ['case-manager']),
        { ...base, summary, percent },
        reported,
      ),
    );
  }

  for (const d of input.deadlines ?? []) {
    if (d.type !== 'records-request' || d.status !== 'overdue') continue;
    const law = rulesFor('records-request', input.state ?? null)[0];
    const what = law ? fillTemplate(phrases.lawSays, { law: lowerFirst(law.ruleForSchool) }) : d.rule;
    const dueBy = d.due ? fillTemplate(phrases.dueBy, { date: shortDay(d.due, language, true) }) : '';
    const rule = `${what}${d.citation ? ` (${d.citation})` : ''}${dueBy}`;
    drafts.push(
      draft(writer, 'records-follow-up', recipients(input.contacts, ['case-manager']), {
        ...base,
        dates: shortDay(d.from, language, true),
        rule,
      }),
    );
  }

  // Logs first, then concerns, then the meeting: the order a parent would send them.
  drafts.sort((a, b) => DRAFT_PURPOSES.indexOf(a.purpose) - DRAFT_PURPOSES.indexOf(b.purpose));

  const lasting = input.flags.filter((f) => f.weeks >= flagRules.meetingAfterWeeks);
  if (lasting.length > 0) {
    const services = lasting.map((f) => f.service).filter((s): s is ServiceCode => s !== null);
    const weeks = String(Math.min(...lasting.map((f) => f.weeks)));
    // Kept short enough for a mailto: link that every mail app opens (about 2,000 characters).
    const shown = lasting.slice(0, MAX_CONCERNS).map((f) => `- ${flagDetail(f, writer.say)}`);
    const more = lasting.length - shown.length;
    const concerns = [...shown, ...(more > 0 ? [fillTemplate(phrases.more, { count: String(more) })] : [])].join('\n');
    // Only a state's own timeline is worth quoting: federal law sets none for a parent's request.
    const stateRule = rulesFor('meeting-request', input.state ?? null).find((r) => r.jurisdiction !== 'US');
    const timeline = stateRule
      ? fillTemplate(phrases.timeline, { law: stateRule.ruleForSchool, citation: stateRule.citation })
      : '';
    const reported = [...new Set(lasting.flatMap((f) => f.unconfirmedDates))].sort();
    drafts.push(
      draft(
        writer,
        'request-meeting',
        serviceRecipients(input.contacts, services),
        { ...base, weeks, concerns, timeline },
        reported,
      ),
    );
  }
  return drafts;
}

/**
 * The letters in the language the family chose for them (the school's unless it chose another),
 * each with its version in the family's own language beside it when that differs, to read.
 */
export function buildDraftsFor(
  input: DraftInput,
  familyLanguage: Language,
  letterLanguage: Language = SCHOOL_LANGUAGE,
): Draft[] {
  const letters = buildDrafts(input, letterLanguage);
  if (familyLanguage === letterLanguage) return letters;
  const readings = buildDrafts(input, familyLanguage);
  return letters.map((letter, i) => {
    const reading = readings[i];
    // The same input gives the same letters in the same order in every language.
    if (reading?.purpose !== letter.purpose) throw new Error('letters and their readings differ');
    return { ...letter, reading: { subject: reading.subject, body: reading.body } };
  });
}

export interface FollowUpInput {
  deadline: Pick<
    Deadline,
    | 'ruleId'
    | 'type'
    | 'from'
    | 'due'
    | 'estimated'
    | 'jurisdiction'
    | 'citation'
    | 'satisfiedOn'
    | 'ruleForSchool'
    | 'awaiting'
    | 'mayMove'
  >;
  /** Met after its due day (a thank-you that asks to keep to the timelines), or not met yet. */
  late: boolean;
  child: string;
  caseManagerName: string | null;
  parentName: string | null;
}

/** A short, kind note to the case manager about a deadline that passed, citing the rule, in `language`. */
export function followUpLetter(input: FollowUpInput, language: Language): string {
  const words = wording.letters[language].followUp;
  const { deadline, child } = input;
  const date = (day: IsoDate) => longDate(day, language);
  const greeting = input.caseManagerName
    ? fillTemplate(words.greeting, { name: input.caseManagerName })
    : words.greetingUnnamed;
  const about = fillTemplate(words.about[deadline.type], { child, from: date(deadline.from) });
  // A federal rule is cited as federal law, so a state's own timeline is never claimed for it.
  const law =
    deadline.jurisdiction === 'US'
      ? fillTemplate(words.federalLaw, { citation: deadline.citation })
      : deadline.citation;
  const due = deadline.due ? date(deadline.due) : '';
  // Counted from the consent because the referral is not recorded: the law's day is earlier, never later.
  const countWords = deadline.mayMove.includes(REFERRAL_NOT_RECORDED)
    ? words.countFromConsent
    : deadline.estimated
      ? words.countEstimated
      : words.count;
  const count = fillTemplate(countWords, { date: due });
  const rule = fillTemplate(words.rule, { law, rule: schoolRuleWords(deadline, language), count });
  const ask = input.late
    ? deadline.satisfiedOn
      ? fillTemplate(words.thanksLateOn, { date: date(deadline.satisfiedOn) })
      : words.thanksLate
    : fillTemplate(words.ask, { missing: awaitingWords(deadline, language) ?? words.missing[deadline.type] });
  const signature = input.parentName ? `${words.regards}\n${input.parentName}` : words.regards;
  return [
    greeting,
    '',
    fillTemplate(words.opening, { about }),
    rule,
    '',
    ask,
    '',
    fillTemplate(words.closing, { child }),
    '',
    signature,
  ].join('\n');
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A mailto: link with the draft's recipients, subject and body (RFC 6068, CRLF line breaks). */
export function draftMailto(d: Draft): string {
  const to = d.to.filter(isValidAddress).join(',');
  const subject = encodeURIComponent(plainLine(d.subject, 200));
  const body = encodeURIComponent(d.body.split('\r\n').join('\n').split('\n').join('\r\n'));
  return `mailto:${to}?subject=${subject}&body=${body}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
