// The parent's own written asks (iep-extract/1 `meeting-request`, `records-request`): a sentence that
// asks in writing for an IEP meeting or for the child's records, with the words as vocabulary
// (vocabulary/date-kinds.json, `request`). The dates reader dates the asks; the sessions reader
// knows by them that the misses such a sentence names are what the ask is about, not news.
import { z } from 'zod';
import type { DateType } from '../records/types';
import { findPhrases, hasPhrase, phrasePattern } from './sentences';
import dateKindsJson from './vocabulary/date-kinds.json';

const phrases = z.array(z.string());
const requestSchema = z.object({
  verbs: phrases,
  meetingObjects: phrases,
  recordsObjects: phrases,
  recordsAsks: phrases,
  recordsNamed: phrases,
  recordsPassive: phrases,
  recordsLabels: phrases,
});

interface RequestPatterns {
  requestVerb: RegExp;
  meetingObject: RegExp;
  recordsObject: RegExp;
  recordsAsk: RegExp;
  recordsNamed: RegExp;
  recordsPassive: RegExp;
  recordsLabel: RegExp;
}

let cached: RequestPatterns | null = null;
function patterns(): RequestPatterns {
  if (cached) return cached;
  const v = requestSchema.parse(dateKindsJson.request);
  cached = {
    requestVerb: phrasePattern(v.verbs),
    meetingObject: phrasePattern(v.meetingObjects),
    recordsObject: phrasePattern(v.recordsObjects),
    recordsAsk: phrasePattern(v.recordsAsks),
    recordsNamed: phrasePattern(v.recordsNamed),
    recordsPassive: phrasePattern(v.recordsPassive),
    recordsLabel: phrasePattern(v.recordsLabels),
  };
  return cached;
}

const STRONG_REQUEST = /^(i|we|this|please consider|please accept)\b/;
const PARENT_MARKER = /\b(my|our)\s+(daughter|son|child|kid|student|boy|girl|children|kids)\b/i;
const SCHOOL_MARKER = /\byour\s+(daughter|son|child|student|children)\b/i;
const ADVERBS = /\b(also|formally|hereby|respectfully|kindly|again|now|therefore|just)\s+/g;

function isStrongRequest(verb: string): boolean {
  return STRONG_REQUEST.test(verb) && !verb.startsWith('please') && !verb.startsWith('we');
}

/** True where a part is written by the parent: "my son", or a request of its own in the first person. */
export function writtenByParent(partText: string): boolean {
  if (PARENT_MARKER.test(partText)) return true;
  const lower = partText.toLowerCase().replace(ADVERBS, '');
  return findPhrases(lower, patterns().requestVerb).some((v) => isStrongRequest(v.phrase));
}

/** True where a part is written to the parent ("your child") and not by one: its asks are the school's. */
export function writtenToParent(partText: string): boolean {
  return !PARENT_MARKER.test(partText) && SCHOOL_MARKER.test(partText);
}

/** The parent's own written asks in a sentence: a meeting, records. */
export function requestIn(t: string, parent: boolean): DateType[] {
  const p = patterns();
  if (/\byour request\b|\byou requested\b/i.test(t)) return [];
  const lower = t.toLowerCase().replace(ADVERBS, '');
  const opening = OPENING_REQUEST.exec(lower);
  const verbs = findPhrases(lower, p.requestVerb);
  const verb = verbs[0];
  const rest = opening ? lower.slice(opening[0].length) : verb ? lower.slice(verb.index) : '';
  const strong = opening !== null || (verb !== undefined && (isStrongRequest(verb.phrase) || parent));
  const types: DateType[] = [];
  if (strong && hasPhrase(rest, p.meetingObject)) types.push('meeting-request');
  // "We are asking for copies of the service logs": a school keeps its own service logs and does not
  // ask for them, so such an ask in the plural first person is the family's too ("we are requesting
  // records from her previous district" stays the school's).
  const weAsk = verb?.phrase.startsWith('we') === true && SERVICE_LOGS.test(rest);
  if ((strong || weAsk) && (hasPhrase(rest, p.recordsObject) || hasPhrase(rest, p.recordsNamed)))
    types.push('records-request');
  if (types.length > 0 || (verb && strong)) return types;
  return recordsAskedPlainly(lower) ? ['records-request'] : [];
}

const SERVICE_LOGS = /\b(?:service|session|therapy|delivery)\s+(?:logs?|notes)\b|\bdata sheets?\b/;

/**
 * A sentence that opens with the ask itself, its "I am" left out: "Requesting an IEP meeting",
 * "Also requesting copies", "Request copies of the logs", "Req: the complete file", after a list
 * number or a short label ("BLUF: Request ...").
 */
const OPENING_REQUEST =
  /^\s*(?:\d{1,2}[.)]\s*)?(?:[a-z]{2,8}:\s*)?(?:also\s+)?(?:requesting|request|req)\b(?!\s+(?:for|of|form|was|is|has)\b)\s*:?\s*/;

/** True where a sentence holds a verb of asking ("I am requesting", "please send", "could you"). */
export function asksSomething(t: string): boolean {
  return hasPhrase(t.toLowerCase(), patterns().requestVerb);
}

const BY_SOMEONE =
  /^\s+by\s+(?!(?:the\s+)?(?:end|close|start|beginning|next|this|monday|tuesday|wednesday|thursday|friday|\d))/;

/**
 * Records asked for without a formal first-person request: "can you send me the para sheets",
 * "I would like the OT log", "copies of all evaluations are requested", a line labelled "Records
 * requested:". Only where the thing asked for is named as the child's service records, so a
 * plain "please send the form back" stays nothing.
 */
function recordsAskedPlainly(lower: string): boolean {
  const p = patterns();
  const label = findPhrases(lower, p.recordsLabel)[0];
  if (label && /^[\s\-*\u2022]*$/.test(lower.slice(0, label.index)) && /^\s*:/.test(lower.slice(label.end)))
    return true;
  const ask = findPhrases(lower, p.recordsAsk)[0];
  if (ask && hasPhrase(lower.slice(ask.end), p.recordsNamed)) return true;
  // "Copies of the evaluations are requested (by Friday)", never "... are requested by the nurse"
  // (someone else asks) nor "your attendance is requested" (asked of the parent).
  const passive = findPhrases(lower, p.recordsPassive)[0];
  return (
    passive !== undefined &&
    (hasPhrase(lower.slice(0, passive.index), p.recordsNamed) ||
      /\bcop(?:y|ies) of\b/.test(lower.slice(0, passive.index))) &&
    !/\byour\b/.test(lower.slice(0, passive.index)) &&
    !BY_SOMEONE.test(lower.slice(passive.end))
  );
}
