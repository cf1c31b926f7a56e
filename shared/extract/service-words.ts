// Which service a piece of text names: the service vocabulary (vocabulary/services.json) read
// once into a word trie, then matched token by token, so the cost stays linear in the text.
import { z } from 'zod';
import { type Location, SERVICE_CODES, type ServiceCode } from '../records/types';
import { allMatches } from './all-matches';
import { rememberingRecent } from './recent-answers';
import servicesJson from './vocabulary/services.json';
import { isSpace, isWordChar } from './word-chars';

const entrySchema = z.object({
  service: z.enum(SERVICE_CODES),
  location: z.enum(['general-education', 'separate']).optional(),
  phrases: z.array(z.string()).default([]),
  abbreviations: z.array(z.string()).default([]),
  titles: z.array(z.string()).default([]),
  logColumns: z.array(z.string()).default([]),
});
const vocabularySchema = z.object({
  services: z.array(entrySchema),
  specialEducationContext: z.object({
    conditional: z.array(z.string()),
    subjects: z.array(z.string()),
    ties: z.array(z.string()),
  }),
  logNames: z.object({ words: z.array(z.string()) }).default({ words: [] }),
  exceptions: z.object({
    followedBy: z.record(z.string(), z.array(z.string())),
    precededBy: z.record(z.string(), z.array(z.string())).default({}),
  }),
});

/** One place where a text names a service. */
export interface ServiceMention {
  service: ServiceCode;
  /** Set where the words name the room (`resource room`, `speech room`, `RR`). */
  location: Location | null;
  /** Character offsets of the words in the text. */
  start: number;
  end: number;
  /** True for words that mean special education only where the message ties them to it (dyslexia instruction). */
  conditional: boolean;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

interface Meaning {
  service: ServiceCode;
  location: Location | null;
  conditional: boolean;
  /** Exact tokens for a case-sensitive abbreviation, else null. */
  exact: string[] | null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  meanings: Meaning[];
}

const MAX_TEXT = 200_000;

/** Splits text into words (letters and digits) and single punctuation marks; apostrophes normalised. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const limit = Math.min(text.length, MAX_TEXT);
  let i = 0;
  while (i < limit) {
    const ch = text[i] ?? '';
    if (isWordChar(ch)) {
      const start = i;
      while (i < limit && isWordChar(text[i] ?? '')) i++;
      const word = text.slice(start, i);
      tokens.push({ text: word, lower: word.toLowerCase(), start, end: i });
    } else if (isSpace(ch)) {
      i++;
    } else {
      const mark = ch === '\u2019' || ch === '\u2018' ? "'" : ch;
      tokens.push({ text: mark, lower: mark, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function newNode(): TrieNode {
  return { next: new Map(), meanings: [] };
}

function addPhrase(root: TrieNode, phrase: string, meaning: Omit<Meaning, 'exact'>, caseSensitive: boolean): void {
  const tokens = tokenize(phrase);
  if (tokens.length === 0) return;
  let node = root;
  for (const t of tokens) {
    let child = node.next.get(t.lower);
    if (!child) {
      child = newNode();
      node.next.set(t.lower, child);
    }
    node = child;
  }
  node.meanings.push({ ...meaning, exact: caseSensitive ? tokens.map((t) => t.text) : null });
}

interface Vocabulary {
  root: TrieNode;
  /** A log column's header that tells the log's service ("Route" in a bus log), lower-cased. */
  logColumns: Map<string, ServiceCode>;
  ties: TrieNode;
  subjects: TrieNode;
  exceptions: Map<string, Set<string>>;
  /** A service word that names a place where these words come before it ("at the nurse"), by its last word. */
  places: Map<string, string[][]>;
  /** Words that name a record of sessions ("log", "notes"). */
  logNames: TrieNode;
}

function build(): Vocabulary {
  const vocabulary = vocabularySchema.parse(servicesJson);
  const root = newNode();
  const logColumns = new Map<string, ServiceCode>();
  for (const entry of vocabulary.services) {
    for (const c of entry.logColumns) logColumns.set(c.toLowerCase(), entry.service);
    const meaning = { service: entry.service, location: entry.location ?? null, conditional: false };
    for (const p of [...entry.phrases, ...entry.titles.filter((t) => t !== t.toUpperCase())])
      addPhrase(root, p, meaning, false);
    for (const a of [...entry.abbreviations, ...entry.titles.filter((t) => t === t.toUpperCase())])
      addPhrase(root, a, meaning, true);
  }
  for (const p of vocabulary.specialEducationContext.conditional) {
    addPhrase(root, p, { service: 'specialized-academic-instruction', location: null, conditional: true }, false);
  }
  const ties = newNode();
  for (const p of vocabulary.specialEducationContext.ties) {
    addPhrase(ties, p, { service: 'specialized-academic-instruction', location: null, conditional: false }, false);
  }
  const subjects = newNode();
  for (const p of vocabulary.specialEducationContext.subjects) {
    addPhrase(subjects, p, { service: 'specialized-academic-instruction', location: null, conditional: true }, false);
  }
  const exceptions = new Map<string, Set<string>>();
  for (const [word, followers] of Object.entries(vocabulary.exceptions.followedBy)) {
    exceptions.set(word.toLowerCase(), new Set(followers.map((f) => f.toLowerCase())));
  }
  const places = new Map<string, string[][]>();
  for (const [word, before] of Object.entries(vocabulary.exceptions.precededBy)) {
    places.set(
      word.toLowerCase(),
      before.map((b) => tokenize(b).map((t) => t.lower)),
    );
  }
  const logNames = newNode();
  for (const p of vocabulary.logNames.words) {
    addPhrase(logNames, p, { service: 'other', location: null, conditional: false }, false);
  }
  return { root, logColumns, ties, subjects, exceptions, places, logNames };
}

let cached: Vocabulary | null = null;
function vocabulary(): Vocabulary {
  cached ??= build();
  return cached;
}

function matchesExact(tokens: Token[], at: number, exact: string[] | null): boolean {
  if (!exact) return true;
  return exact.every((t, k) => tokens[at + k]?.text === t);
}

/** The longest vocabulary match starting at token `at`: its meanings and length in tokens. */
function longestAt(root: TrieNode, tokens: Token[], at: number): { meaning: Meaning; length: number } | null {
  let node: TrieNode | undefined = root;
  let best: { meaning: Meaning; length: number } | null = null;
  for (let k = at; k < tokens.length && node; k++) {
    node = node.next.get(tokens[k]?.lower ?? '');
    if (!node) break;
    const length = k - at + 1;
    const meaning = node.meanings.find((m) => matchesExact(tokens, at, m.exact));
    if (meaning) best = { meaning, length };
  }
  return best;
}

/** True where the words just before token `at` are one of `before` ("at the" nurse: where the child was). */
function namesPlace(tokens: Token[], at: number, before: string[][] | undefined): boolean {
  if (!before) return false;
  return before.some(
    (words) => words.length <= at && words.every((w, k) => tokens[at - words.length + k]?.lower === w),
  );
}

/** Every service the text names, in text order (the longest phrase wins at each place). */
export function findServiceMentions(text: string): ServiceMention[] {
  return serviceMentionsOf(text).map((mention) => ({ ...mention }));
}

const serviceMentionsOf = rememberingRecent((text: string): readonly ServiceMention[] => {
  const { root, exceptions, places } = vocabulary();
  const tokens = tokenize(text);
  const mentions: ServiceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const found = longestAt(root, tokens, i);
    if (!found) {
      i++;
      continue;
    }
    const first = tokens[i];
    const last = tokens[i + found.length - 1];
    const after = tokens[i + found.length];
    const excluded =
      (found.length === 1 && first && after && exceptions.get(first.lower)?.has(after.lower)) ||
      (last && namesPlace(tokens, i, places.get(last.lower)));
    if (first && last && !excluded) {
      mentions.push({
        service: found.meaning.service,
        location: found.meaning.location,
        start: first.start,
        end: last.end,
        conditional: found.meaning.conditional,
      });
    }
    i += found.length;
  }
  return mentions;
});

/**
 * The service a log's own columns tell, where one of its headers names what only that service logs
 * ("Route", "Bus #": a bus log is transportation); null where none does or two disagree.
 */
export function serviceFromLogHeaders(headers: string[]): ServiceCode | null {
  const { logColumns } = vocabulary();
  const found = new Set<ServiceCode>();
  for (const h of headers) {
    const service = logColumns.get(h.toLowerCase().replace(/[.#:]/g, ' ').replace(/\s+/g, ' ').trim());
    if (service) found.add(service);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

const HONORIFIC = String.raw`\b(?:Mr|Ms|Mrs|Miss|Mx|Dr)\.?\s+`;
const SURNAME = String.raw`(\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?)`;
/** "assistant, Mr. Dabney", "TDHH (Ms. Albright)", "OT w/ Mr. Baptiste": the person right after the service's words. */
const PERSON_AFTER = new RegExp(String.raw`^\s*(?:,|\(|w\/|with)?\s*${HONORIFIC}${SURNAME}`, 'u');
/** "Ms. Moyer, Wren's educational interpreter", "Mr. Hale, our float aide": the person right before them. */
const PERSON_BEFORE = new RegExp(
  String.raw`${HONORIFIC}${SURNAME}\s*,\s*(?:(?:his|her|their|our|the|a|an|\p{Lu}\p{L}+['’]s)\s+)?(?:\p{Ll}+\s+)?$`,
  'u',
);
/** "with Ms. Greer. She is my job coach": the person the next sentence says the service is. */
const PERSON_THEN_SAID = new RegExp(
  String.raw`${HONORIFIC}${SURNAME}\s*[.!]\s+(?:[Ss]he|[Hh]e|[Tt]hey)\s+(?:is|was|are)\s+(?:my|his|her|their|our|the)\s+(?:\p{Ll}+\s+)?$`,
  'u',
);
const PERSON = new RegExp(`${HONORIFIC}${SURNAME}`, 'gu');

/**
 * The people a message introduces by their service ("her 1:1 assistant, Mr. Dabney", "Ms. Moyer,
 * our educational interpreter"), by surname: a later line that names only the person ("Mr. Dabney
 * was out") is about that service. A surname introduced with two services is left out.
 */
export function providersIntroduced(text: string): Map<string, ServiceCode> {
  const seen = new Map<string, ServiceCode | null>();
  const limited = text.slice(0, MAX_TEXT);
  for (const m of findServiceMentions(limited)) {
    if (m.conditional) continue;
    const after = PERSON_AFTER.exec(limited.slice(m.end, m.end + 40))?.[1];
    const lead = limited.slice(Math.max(0, m.start - 60), m.start);
    const before = PERSON_BEFORE.exec(lead)?.[1];
    const said = PERSON_THEN_SAID.exec(lead)?.[1];
    for (const name of [after, before, said]) {
      if (!name) continue;
      const key = name.toLowerCase();
      const known = seen.get(key);
      seen.set(key, known === undefined || known === m.service ? m.service : null);
    }
  }
  const providers = new Map<string, ServiceCode>();
  for (const [name, service] of seen) if (service) providers.set(name, service);
  return providers;
}

/** The service of the first person the text names whom the message introduced by a service, else null. */
export function serviceOfPersonNamed(text: string, providers: Map<string, ServiceCode>): ServiceCode | null {
  if (providers.size === 0) return null;
  for (const m of allMatches(text, PERSON)) {
    const service = providers.get((m[1] ?? '').toLowerCase());
    if (service) return service;
  }
  return null;
}

/**
 * True where the words right after a service's mention name a record of sessions ("SDI reading
 * log", "speech therapy notes"): up to two words may come between, no punctuation.
 */
export function namesALog(text: string, mention: Pick<ServiceMention, 'end'>): boolean {
  const { logNames } = vocabulary();
  const tokens = tokenize(text.slice(mention.end, mention.end + 60));
  for (let skip = 0; skip <= 2 && skip < tokens.length; skip++) {
    if (longestAt(logNames, tokens, skip)) return true;
    if (!isWordChar((tokens[skip] as Token).text[0] ?? '')) return false;
  }
  return false;
}

/** True where the text ties an instruction to special education (special education, SDI, ARD, IEP ...). */
export function tiesToSpecialEducation(text: string): boolean {
  const { ties } = vocabulary();
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) if (longestAt(ties, tokens, i)) return true;
  return false;
}

/**
 * True where the text opens with a school subject as its own name ("📖 Reading ✅", "9:05 Math –"),
 * after any clock times and marks; a subject later in a sentence ("her reading passages") is not.
 */
export function opensWithSubject(text: string): boolean {
  const { subjects } = vocabulary();
  const tokens = tokenize(text);
  const first = tokens.findIndex((t) => /\p{L}/u.test(t.text));
  if (first < 0 || tokens.slice(0, first).some((t) => /^\p{N}+$/u.test(t.text) && t.text.length > 2)) return false;
  return longestAt(subjects, tokens, first) !== null;
}

/**
 * How many school subjects the text says were not given, named together right after "no" ("no
 * reading or math", "no 📖 reading or ➗ math for him"), marks between them passed over; 0 where none.
 */
export function subjectsDenied(text: string): number {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.lower !== 'no') continue;
    const count = subjectsJoinedFrom(tokens, i + 1);
    if (count > 0) return count;
  }
  return 0;
}

/** How many school subjects a text opens with, named together ("reading + math - he was home sick"); 0 where none. */
export function subjectsOpening(text: string): number {
  return subjectsJoinedFrom(tokenize(text), 0);
}

function subjectsJoinedFrom(tokens: Token[], from: number): number {
  const { subjects } = vocabulary();
  let at = from;
  let count = 0;
  for (;;) {
    while (at < tokens.length && !/[\p{L}\p{N}]/u.test(tokens[at]?.text ?? '') && tokens[at]?.text !== ',') at++;
    const found = longestAt(subjects, tokens, at);
    if (!found) break;
    count++;
    at += found.length;
    const joiner = tokens[at]?.lower;
    if (joiner !== 'or' && joiner !== 'and' && joiner !== 'nor' && joiner !== ',' && joiner !== '&' && joiner !== '+')
      break;
    at++;
  }
  return count;
}

/**
 * The service the words name: the first service mentioned in the text, or null when none is.
 * Words that are special education only when tied to it (dyslexia instruction) give
 * `specialized-academic-instruction` where `context` (default: the text itself) ties them to
 * special education, else `other`.
 */
export function serviceFromWords(text: string, context?: string): ServiceCode | null {
  const first = findServiceMentions(text)[0];
  if (!first) return null;
  if (!first.conditional) return first.service;
  return tiesToSpecialEducation(context ?? text) ? 'specialized-academic-instruction' : 'other';
}

/** The location the words imply by naming the service's room ("resource room", "speech room"), else null. */
export function locationFromServiceWords(text: string): Location | null {
  for (const m of findServiceMentions(text)) if (m.location) return m.location;
  return null;
}
