// The words that tell what happened to a session and why, read once from the vocabulary files
// (vocabulary/session-words.json, vocabulary/reasons.json) and turned into phrase sets.
import { z } from 'zod';
import { type Delivery, type Location, MISSED_REASONS, type MissedReason } from '../records/types';
import { findPhrases, hasPhrase, type PhraseSet, phraseSet, type WordText } from './match-phrases';
import { escapeRegExp } from './sentences';
import reasonsJson from './vocabulary/reasons.json';
import sessionWordsJson from './vocabulary/session-words.json';

const sessionWordsSchema = z.object({
  makeup: z.array(z.string()),
  makeupPast: z.array(z.string()),
  missed: z.array(z.string()),
  missedNeedsProvider: z.array(z.string()),
  delivered: z.array(z.string()),
  tentative: z.array(z.string()),
  future: z.array(z.string()),
  recurring: z.array(z.string()),
  sessionNouns: z.array(z.string()),
  individual: z.array(z.string()),
  group: z.array(z.string()),
  generalEducation: z.array(z.string()),
  separate: z.array(z.string()),
  generalEducationWeak: z.array(z.string()),
  notPlace: z.array(z.string()),
  notGrouping: z.array(z.string()),
  partialMiss: z.array(z.string()),
  missedLogEntry: z.array(z.string()),
  allBefore: z.array(z.string()),
  notSession: z.array(z.string()),
  deliveredNouns: z.array(z.string()),
  schoolDayTimes: z.array(z.string()),
  moved: z.array(z.string()),
  nothingLost: z.array(z.string()),
  consultation: z.array(z.string()),
  consequence: z.array(z.string()),
  covered: z.array(z.string()),
  remote: z.array(z.string()),
  documentDated: z.array(z.string()),
});

const reasonsSchema = z.object({
  rules: z.array(z.object({ reason: z.enum(MISSED_REASONS), phrases: z.array(z.string()) })),
  providerSubjects: z.object({ phrases: z.array(z.string()) }),
  elsewhere: z.object({ phrases: z.array(z.string()) }),
  illness: z.array(z.string()),
});

export interface SessionVocabulary {
  makeup: PhraseSet;
  makeupPast: PhraseSet;
  missed: PhraseSet;
  missedNeedsProvider: Set<string>;
  delivered: PhraseSet;
  tentative: PhraseSet;
  future: PhraseSet;
  recurring: PhraseSet;
  sessionNouns: PhraseSet;
  /** Grouping words (individual, group), read longest first so "just her and one other" is not "just her". */
  groupings: KindedPhrases<Delivery>;
  /** Place words (push-in and in-class, rooms away from class, the classroom itself), read longest first. */
  places: KindedPhrases<PlaceWord>;
  partialMiss: PhraseSet;
  missedLogEntry: PhraseSet;
  allBefore: PhraseSet;
  notSession: PhraseSet;
  deliveredNouns: PhraseSet;
  /** Times of the child's school day (lunch, recess): a sentence about them tells where the child was, not a session. */
  schoolDayTimes: PhraseSet;
  /** Words that move a session to another day. */
  moved: PhraseSet;
  /** Words saying a closed day cost no session ("it moved to Tuesday", "nothing was lost"). */
  nothingLost: PhraseSet;
  /** A meeting about the child without the child ("consult with the teacher"). */
  consultation: PhraseSet;
  /** Words opening a sentence that follows from the one before it ("So", "Por eso"). */
  consequence: PhraseSet;
  /** Someone else delivered in place of an absent provider ("Ms. Lee subbed for her"). */
  covered: PhraseSet;
  /** A session held by video or telehealth, whose place is no room (the contract's location null). */
  remote: PhraseSet;
  /** Words that make the day after them a letter's or notice's own ("the notice of September 4 says ..."). */
  documentDated: RegExp;
  reasonRules: Array<{ reason: MissedReason; phrases: PhraseSet }>;
  providerSubjects: PhraseSet;
  illness: Set<string>;
  /** Words of being sent or drawn elsewhere: the provider's other duty, or the student's. */
  elsewhere: Set<string>;
}

/** What a place word says: a firm place, or a place of the school day (a classroom, the cafeteria). */
type PlaceWord = Location | 'classroom';

/**
 * Phrases of several kinds in one set, so the longest phrase at a place decides: "classroom teacher"
 * (kind null, a person) is not "classroom"; a phrase listed under two kinds keeps the first.
 */
interface KindedPhrases<K> {
  set: PhraseSet;
  kind: Map<string, K | null>;
}

function kindedPhrases<K>(lists: Array<[K | null, string[]]>): KindedPhrases<K> {
  const kind = new Map<string, K | null>();
  for (const [k, phrases] of lists) for (const p of phrases) if (!kind.has(p)) kind.set(p, k);
  return { set: phraseSet([...kind.keys()]), kind };
}

/** The kinds the text's phrases say, longest phrase first at each place. */
function kindsIn<K>(phrases: KindedPhrases<K>, text: WordText): Set<K> {
  const found = new Set<K>();
  for (const hit of findPhrases(phrases.set, text)) {
    const k = phrases.kind.get(hit.phrase);
    if (k !== null && k !== undefined) found.add(k);
  }
  return found;
}

let cached: SessionVocabulary | null = null;

export function sessionVocabulary(): SessionVocabulary {
  if (cached) return cached;
  const w = sessionWordsSchema.parse(sessionWordsJson);
  const r = reasonsSchema.parse(reasonsJson);
  cached = {
    makeup: phraseSet(w.makeup),
    makeupPast: phraseSet(w.makeupPast),
    missed: phraseSet(w.missed),
    missedNeedsProvider: new Set(w.missedNeedsProvider),
    delivered: phraseSet(w.delivered),
    tentative: phraseSet(w.tentative),
    future: phraseSet(w.future),
    recurring: phraseSet(w.recurring),
    sessionNouns: phraseSet(w.sessionNouns),
    groupings: kindedPhrases<Delivery>([
      [null, w.notGrouping],
      ['individual', w.individual],
      ['group', w.group],
    ]),
    places: kindedPhrases<PlaceWord>([
      [null, w.notPlace],
      ['general-education', w.generalEducation],
      ['separate', w.separate],
      ['classroom', w.generalEducationWeak],
    ]),
    partialMiss: phraseSet(w.partialMiss),
    missedLogEntry: phraseSet(w.missedLogEntry),
    allBefore: phraseSet(w.allBefore),
    notSession: phraseSet(w.notSession),
    deliveredNouns: phraseSet(w.deliveredNouns),
    schoolDayTimes: phraseSet(w.schoolDayTimes),
    moved: phraseSet(w.moved),
    nothingLost: phraseSet(w.nothingLost),
    consultation: phraseSet(w.consultation),
    consequence: phraseSet(w.consequence),
    covered: phraseSet(w.covered),
    remote: phraseSet(w.remote),
    documentDated: new RegExp(`\\b(?:${w.documentDated.map(escapeRegExp).join('|')})\\s*$`, 'i'),
    reasonRules: r.rules.map((rule) => ({ reason: rule.reason, phrases: phraseSet(rule.phrases) })),
    providerSubjects: phraseSet(r.providerSubjects.phrases),
    illness: new Set(r.illness),
    elsewhere: new Set(r.elsewhere.phrases),
  };
  return cached;
}

/** The delivery the words state: individual, group, or null where they say neither or both. */
export function deliveryFromWords(text: WordText): Delivery | null {
  const said = kindsIn(sessionVocabulary().groupings, text);
  const individual = said.has('individual');
  const group = said.has('group');
  if (individual && !group) return 'individual';
  if (group && !individual) return 'group';
  return null;
}

/**
 * The place the words state: push-in and in-class words first, then rooms away from class, then the
 * classroom itself, each phrase read longest first ("classroom teacher" is a person). `firmOnly` leaves out the places of the school day (cafeteria, playground,
 * classroom): in words beyond a session's own clause they tell where lunch or recess was.
 */
export function locationFromWords(text: WordText, firmOnly = false): Location | null {
  const said = kindsIn(sessionVocabulary().places, text);
  if (said.has('general-education')) return 'general-education';
  if (said.has('separate')) return 'separate';
  if (!firmOnly && said.has('classroom')) return 'general-education';
  return null;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr']);

/**
 * The words before word `at` back to the start of its clause (a comma, colon, semicolon or full
 * stop, not the stop of a title): who "was absent" or "is out sick". "Leo was absent, so he missed
 * his session with Mrs. Diaz" is about Leo, not Mrs. Diaz.
 */
function subjectBefore(text: WordText, at: number): WordText {
  const startOfChunk = (end: number): number => {
    let from = end;
    while (from > 0) {
      const w = text.words[from - 1]?.w ?? '';
      if (/^[,;:!?]$/.test(w) || (w === '.' && !TITLES.has(text.words[from - 2]?.w ?? ''))) break;
      from--;
    }
    return from;
  };
  let from = startOfChunk(at);
  // "Her interpreter, Mr. Quill, was out": the subject is the words set off by commas just before.
  if (from === at && text.words[at - 1]?.w === ',') from = startOfChunk(at - 1);
  return { text: text.text, words: text.words.slice(from, at) };
}

/**
 * The reason the words give for a missed session, or null. Illness and absence words name the
 * provider where the clause is about the speaker or a provider (or `providerIsSubject`), else the student.
 */
export function reasonFromWords(text: WordText, providerIsSubject = false): MissedReason | null {
  const v = sessionVocabulary();
  let best: { reason: MissedReason; at: number; rank: number } | null = null;
  for (const [rank, rule] of v.reasonRules.entries()) {
    const hit = findPhrases(rule.phrases, text)[0];
    if (!hit) continue;
    if (best && best.rank <= rank) continue;
    let reason = rule.reason;
    const illness = v.illness.has(hit.phrase);
    if (illness || v.elsewhere.has(hit.phrase)) {
      const provider = providerIsSubject || hasPhrase(v.providerSubjects, subjectBefore(text, hit.from));
      if (illness) reason = provider ? 'provider-absent' : 'student-absent';
      else reason = provider ? 'provider-unavailable' : 'student-unavailable';
    }
    best = { reason, at: hit.start, rank };
  }
  return best?.reason ?? null;
}
