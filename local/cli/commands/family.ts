// `iep family add|list`: the families the system serves, each a child with a private inbound address.

import type { z } from 'zod';
import { isIsoDay } from '../../../shared/calendar/iso-days';
import {
  describeSchoolYear,
  parseSchoolYearRange,
  type SchoolYearSetting,
  schoolCalendarFor,
} from '../../../shared/calendar/school-calendar';
import { LANGUAGES, type Language, languageOf, letterLanguageOf } from '../../../shared/render/language';
import { registerChild } from '../../../shared/replies/welcome';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { parseOptions, requireOption } from '../parse-options';
import { withLocalData } from '../with-local-data';
import { FAMILY_ALLOW_SUBCOMMANDS, familyAllowHelp, familyAllowUsage, runFamilyAllow } from './family-allow';

const usage = `Usage:
  iep family add --child NAME --guardian EMAIL [--guardian EMAIL] --tz ZONE [--state XX] [--language es|en]
                 [--letters en|es] [--json]
  iep family list [--json]
${familyAllowUsage}
  iep family set --child ADDRESS [--digest "fri 16:00"] [--school-year FIRST..LAST]
                 [--tracking-since DAY] [--language es|en] [--letters en|es]

add    Creates a child and prints the child's private inbound address: guardians forward
       school mail there. --tz is the family's IANA time zone (America/Los_Angeles);
       --state the US state whose deadline rules apply (CA); --language the language of
       every message to the guardians: en (English, the default) or es (Spanish); --letters the
       language of the digest's ready-to-send emails to the school and of a reminder's note to
       the case manager: en (English, the school's language, the default) or es (Spanish), with
       the family's language beside them when it differs. --json prints
       {"childId": ..., "address": ...}.
list   Lists every child: inbound address, guardians, time zone, state, school year.
${familyAllowHelp}
set    --digest changes when the weekly digest goes out: a weekday and a whole hour in the
       family's time zone ("fri 16:00", "monday 7:00"). --school-year sets the school year's
       first and last days (2026-08-19..2027-06-11; "none" goes back to the state's usual
       dates, which are marked estimated): digests count from the first day, and deadlines
       in school days stop at the last. --tracking-since sets the day the family began
       tracking the child (2026-11-02; default: the first message received); time before it
       shows as "not tracked yet", not as missing logs; "none" goes back to the default.
       --language es|en switches the language of every message to the guardians (they can
       also send "idioma español" or "language english"). --letters en|es switches the language
       of the emails to the school in the digest and the reminders (they can also send "cartas
       en español" or "letters in english").`;

/** Reads `--language es|en` (or `--letters`); a UsageError says what is wrong. */
function parseLanguageOption(value: string, option = '--language'): Language {
  const language = value.trim().toLowerCase();
  if (!LANGUAGES.some((known) => known === language)) {
    throw new UsageError(`${option}: "${value}" is not one of ${LANGUAGES.join(', ')} (es for Spanish).`);
  }
  return language as Language;
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Reads "fri 16:00" (a weekday, then a whole hour) into an ISO weekday and an hour. */
export function parseDigestTime(value: string): { weekday: number; hour: number } {
  const parts = value.trim().toLowerCase().split(/\s+/);
  const [day, time] = parts;
  if (parts.length !== 2 || day === undefined || time === undefined) {
    throw new UsageError(`--digest wants a weekday and a time, e.g. "fri 16:00", not "${value}".`);
  }
  const weekday = WEEKDAYS.findIndex((name, i) => day === name || day === FULL_WEEKDAYS[i]) + 1;
  const match = /^(\d{1,2})(?::(\d{2}))?$/.exec(time);
  const hour = match ? Number(match[1]) : Number.NaN;
  if (weekday === 0) throw new UsageError(`--digest: "${day}" is not a weekday (mon, tue, ... sun).`);
  if (!match || hour > 23) throw new UsageError(`--digest: "${time}" is not a time of day (16:00).`);
  if (match[2] !== undefined && match[2] !== '00')
    throw new UsageError('--digest: digests go out on the hour (16:00).');
  return { weekday, hour };
}

/** Reads `--school-year FIRST..LAST` (or `none`); a UsageError says what is wrong. */
export function parseSchoolYearOption(value: string): SchoolYearSetting | null {
  if (value.trim().toLowerCase() === 'none') return null;
  try {
    return parseSchoolYearRange(value);
  } catch (error) {
    throw new UsageError(`--school-year: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function schoolYearWords(child: {
  schoolYear?: SchoolYearSetting | null;
  state: string | null;
  timeZone: string;
}): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: child.timeZone }).format(new Date());
  return describeSchoolYear(schoolCalendarFor({ state: child.state, schoolYear: child.schoolYear ?? null }, [], today));
}

/** Reads `--tracking-since YYYY-MM-DD` (a real calendar day) or `none`. */
export function parseTrackingSince(value: string): string | null {
  const day = value.trim().toLowerCase();
  if (day === 'none') return null;
  if (!isIsoDay(day)) {
    throw new UsageError(`--tracking-since wants a day as YYYY-MM-DD (2026-11-02) or "none", not "${value}".`);
  }
  return day;
}

async function set(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, {
    child: { type: 'string' },
    digest: { type: 'string' },
    'school-year': { type: 'string' },
    'tracking-since': { type: 'string' },
    language: { type: 'string' },
    letters: { type: 'string' },
  });
  const address = requireOption(values.child, '--child ADDRESS');
  const since = values['tracking-since'];
  if (
    values.digest === undefined &&
    values['school-year'] === undefined &&
    since === undefined &&
    values.language === undefined &&
    values.letters === undefined
  ) {
    throw new UsageError(
      'Say what to set: --digest "fri 16:00", --school-year 2026-08-19..2027-06-11, --tracking-since 2026-11-02, --language es or --letters es.',
    );
  }
  const trackingSince = since === undefined ? undefined : parseTrackingSince(since);
  const language = values.language === undefined ? null : parseLanguageOption(values.language);
  const letters = values.letters === undefined ? null : parseLanguageOption(values.letters, '--letters');
  const digest = values.digest === undefined ? null : parseDigestTime(values.digest);
  const schoolYearOption = values['school-year'];
  const schoolYear = schoolYearOption === undefined ? undefined : parseSchoolYearOption(schoolYearOption);
  return withLocalData(io, async (data) => {
    const child = await data.services.children.findByAddress(address);
    if (!child) throw new UsageError(`No child has the inbound address ${address}.`);
    if (digest) {
      const updated = await data.services.children.setDigestSchedule(child.id, digest);
      const day = WEEKDAYS[digest.weekday - 1];
      io.out(
        `${updated.name}'s digest now goes out ${day} ${String(digest.hour).padStart(2, '0')}:00 (${updated.timeZone}).${updated.nextDigestAt ? ` Next: ${updated.nextDigestAt}` : ' Paused: none until resumed.'}`,
      );
    }
    if (schoolYear !== undefined) {
      const updated = await data.services.children.setSchoolYear(child.id, schoolYear);
      io.out(`${updated.name}'s school year: ${schoolYearWords(updated)}.`);
    }
    if (trackingSince !== undefined) {
      const updated = await data.services.children.setTrackingSince(child.id, trackingSince);
      io.out(
        trackingSince === null
          ? `${updated.name}'s tracking counts from the first message received.`
          : `${updated.name}'s tracking counts from ${trackingSince}.`,
      );
    }
    if (language) {
      const updated = await data.services.children.setLanguage(child.id, language);
      io.out(`${updated.name}'s guardians now get every message in ${LANGUAGE_NAMES[language]}.`);
    }
    if (letters) {
      const updated = await data.services.children.setLetterLanguage(child.id, letters);
      io.out(`${updated.name}'s digest now drafts the emails to the school in ${LANGUAGE_NAMES[letters]}.`);
    }
    return 0;
  });
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, {
    child: { type: 'string' },
    guardian: { type: 'string', multiple: true },
    tz: { type: 'string' },
    state: { type: 'string' },
    language: { type: 'string' },
    letters: { type: 'string' },
    json: { type: 'boolean' },
  });
  const name = requireOption(values.child, '--child NAME');
  const language = values.language === undefined ? 'en' : parseLanguageOption(values.language);
  const letterLanguage = values.letters === undefined ? undefined : parseLanguageOption(values.letters, '--letters');
  const guardians = values.guardian ?? [];
  if (guardians.length === 0) throw new UsageError('Missing --guardian EMAIL (at least one).');
  const timeZone = requireOption(values.tz, '--tz ZONE');
  const { createChildInputSchema } = await import('../../../shared/store/families');
  const input = createChildInputSchema.safeParse({
    name,
    guardians,
    timeZone,
    ...(values.state !== undefined ? { state: values.state } : {}),
    language,
    ...(letterLanguage ? { letterLanguage } : {}),
  });
  if (!input.success) throw new UsageError(describeIssues(input.error));
  const child = await withLocalData(io, (data) => registerChild(data.services, input.data));
  if (values.json) {
    io.out(JSON.stringify({ childId: child.id, address: child.inboundAddress }));
  } else {
    io.out(`Added ${child.name}. Inbound address: ${child.inboundAddress}`);
    io.out(`Guardians (${child.guardians.join(', ')}) forward school mail there.`);
    io.out(`Messages to them are in ${LANGUAGE_NAMES[languageOf(child)]}.`);
    io.out(`Emails to the school in the digest are drafted in ${LANGUAGE_NAMES[letterLanguageOf(child)]}.`);
  }
  return 0;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, { json: { type: 'boolean' } });
  const children = await withLocalData(io, (data) => data.services.children.list());
  if (values.json) {
    const rows = children.map((child) => ({
      childId: child.id,
      name: child.name,
      address: child.inboundAddress,
      guardians: child.guardians,
      allowedSenders: child.allowedSenders,
      timeZone: child.timeZone,
      state: child.state,
      language: languageOf(child),
      letters: letterLanguageOf(child),
      schoolYear: child.schoolYear ?? null,
      paused: child.paused,
      createdAt: child.createdAt,
    }));
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (children.length === 0) {
    io.out('No families yet. Add one: iep family add --child NAME --guardian EMAIL --tz ZONE');
    return 0;
  }
  for (const child of children) {
    io.out(`${child.name}  ${child.inboundAddress}`);
    io.out(`  guardians: ${child.guardians.join(', ')}`);
    io.out(
      `  time zone: ${child.timeZone}${child.state ? `, state: ${child.state}` : ''}, language: ${languageOf(child)}, letters: ${letterLanguageOf(child)}${child.paused ? ', paused' : ''}`,
    );
    io.out(`  school year: ${schoolYearWords(child)}`);
  }
  return 0;
}

function describeIssues(error: z.ZodError): string {
  const fields: Record<string, string> = {
    name: '--child',
    guardians: '--guardian',
    timeZone: '--tz',
    state: '--state',
  };
  return error.issues
    .map((issue) => {
      const flag = fields[String(issue.path[0])] ?? String(issue.path[0]);
      const message = issue.path[0] === 'state' ? 'two letters, e.g. CA' : issue.message;
      return `${flag}: ${message}`;
    })
    .join('; ');
}

export const command: CliCommand = {
  name: 'family',
  summary:
    'Add a family (a child, guardians, time zone, language), list them, or set the digest time, school year, language and the language of letters to the school',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'add') return add(rest, io);
    if (sub === 'list') return list(rest, io);
    if (FAMILY_ALLOW_SUBCOMMANDS.some((name) => name === sub)) return runFamilyAllow(sub as string, rest, io);
    if (sub === 'set') return set(rest, io);
    throw new UsageError(
      sub === undefined ? 'Missing a sub-command: add, list or set.' : `Unknown sub-command "${sub}".`,
    );
  },
};
