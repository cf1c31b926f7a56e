// Finds vocabulary phrases in text, word by word: text is normalised (lower case, contractions
// spelled out), split into words and marks, and matched against a trie of phrases where `*`
// stands for any one word. Cost is linear in the text (phrases are a few words long).

import { rememberingRecent } from './recent-answers';
import { isSpace, isWordChar } from './word-chars';

export interface Word {
  /** Lower-cased word or single mark. */
  w: string;
  /** Offset in the normalised text. */
  start: number;
  end: number;
}

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bcannot\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/n't\b/g, ' not'],
  [/\bi'm\b/g, 'i am'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'re\b/g, ' are'],
  [/'d\b/g, ' would'],
];

/** Lower case, typographic apostrophes and dashes made plain, contractions spelled out. */
export function normaliseWords(text: string): string {
  let t = text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2013\u2014]/g, ' - ');
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  return t;
}

/** Words (letters and digits) and single marks of an already normalised text. */
export function splitWords(normalised: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  const n = normalised.length;
  while (i < n) {
    const c = normalised[i] ?? '';
    if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(normalised[i] ?? '')) i++;
      // "1:1" is one word.
      if (normalised[i] === ':' && /^\d+$/.test(normalised.slice(start, i)) && /\d/.test(normalised[i + 1] ?? '')) {
        i++;
        while (i < n && isWordChar(normalised[i] ?? '')) i++;
      }
      words.push({ w: normalised.slice(start, i), start, end: i });
    } else {
      if (!isSpace(c)) words.push({ w: c, start: i, end: i + 1 });
      i++;
    }
  }
  return words;
}

interface Node {
  next: Map<string, Node>;
  /** Phrase ending here (its text), else null. */
  phrase: string | null;
  /** `next.get('*')`, kept apart: it is asked at every word. */
  any: Node | null;
}

/** A set of phrases ready to be found in text. */
export interface PhraseSet {
  root: Node;
}

export function phraseSet(phrases: readonly string[]): PhraseSet {
  const root: Node = { next: new Map(), phrase: null, any: null };
  for (const p of phrases) {
    const words = splitWords(normaliseWords(p));
    if (words.length === 0) continue;
    let node = root;
    for (const { w } of words) {
      let child = node.next.get(w);
      if (!child) {
        child = { next: new Map(), phrase: null, any: null };
        node.next.set(w, child);
        if (w === '*') node.any = child;
      }
      node = child;
    }
    node.phrase = p;
  }
  return { root };
}

/** Text split once, to be searched with several phrase sets. */
export interface WordText {
  text: string;
  words: Word[];
}

/** The text's words; the same object for the same text asked again soon (read it, never change it). */
export const wordText = rememberingRecent((text: string): WordText => {
  const normalised = normaliseWords(text);
  return { text: normalised, words: splitWords(normalised) };
});

export interface PhraseHit {
  phrase: string;
  /** Index of the first and one past the last word. */
  from: number;
  to: number;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
}

function longestFrom(node: Node, words: Word[], at: number, depth: number): number {
  // Returns the index one past the longest phrase matched from `at`, or -1.
  if (depth > 8) return -1;
  let best = node.phrase !== null && depth > 0 ? at : -1;
  const word = words[at];
  if (!word) return best;
  const exact = node.next.get(word.w);
  if (exact) best = Math.max(best, longestFrom(exact, words, at + 1, depth + 1));
  const any = node.any;
  if (any) best = Math.max(best, longestFrom(any, words, at + 1, depth + 1));
  return best;
}

function phraseAt(node: Node, words: Word[], at: number, to: number): string | null {
  let current: Node | undefined = node;
  for (let k = at; k < to && current; k++) {
    current = current.next.get(words[k]?.w ?? '') ?? current.next.get('*');
  }
  return current?.phrase ?? null;
}

/** Every non-overlapping phrase of the set in the text, longest first at each place, in text order. */
export function findPhrases(set: PhraseSet, text: WordText): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const { words } = text;
  let i = 0;
  while (i < words.length) {
    const to = longestFrom(set.root, words, i, 0);
    if (to > i) {
      const first = words[i];
      const last = words[to - 1];
      if (first && last) {
        hits.push({ phrase: phraseAt(set.root, words, i, to) ?? '', from: i, to, start: first.start, end: last.end });
      }
      i = to;
    } else {
      i++;
    }
  }
  return hits;
}

/** True where `findPhrases` finds any: it stops at the first place a phrase starts. */
export function hasPhrase(set: PhraseSet, text: WordText): boolean {
  const { words } = text;
  for (let i = 0; i < words.length; i++) if (longestFrom(set.root, words, i, 0) > i) return true;
  return false;
}

/** True where the text opens with a phrase of the set. */
export function startsWithPhrase(set: PhraseSet, text: WordText): boolean {
  return longestFrom(set.root, text.words, 0, 0) > 0;
}
