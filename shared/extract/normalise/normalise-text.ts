// Rewrites the shorthand and the other languages a message is written in into the plain English
// words the reading rules know, before any rule reads it: "grp" → "group", "SW" → "social work",
// "n/h" → "not held", "terapia del habla" → "speech therapy", "6 de octubre" → "october 6".
// One vocabulary of data (vocabulary/normalise.json), matched word by word through a trie, so the
// cost is linear in the text and does not grow with the vocabulary. Lines are never joined or
// split: a finding's line number still points at the line as written.
import { z } from 'zod';
import normaliseJson from '../vocabulary/normalise.json';

const vocabularySchema = z.object({
  locales: z.record(z.string(), z.record(z.string(), z.string())),
  patterns: z.array(z.object({ match: z.string(), replace: z.string(), locale: z.string() })),
});

interface Node {
  next: Map<string, Node>;
  /** Replacement where a key ends here. */
  to: string | null;
}

interface Compiled {
  /** Keys matched ignoring case and accents. */
  loose: Node;
  /** Keys written in capitals ("SW", "NS"): matched only as written, so "ns" in prose is left alone. */
  exact: Node;
  patterns: Array<{ re: RegExp; replace: string }>;
}

const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const MAX_TEXT = 400_000;

/** Lower case without accents: the form keys are compared in ("sesión" and "sesion" alike). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokensOf(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function insert(root: Node, tokens: string[], to: string): void {
  let node = root;
  for (const t of tokens) {
    let next = node.next.get(t);
    if (!next) {
      next = { next: new Map(), to: null };
      node.next.set(t, next);
    }
    node = next;
  }
  node.to = to;
}

let compiled: Compiled | null = null;

function vocabulary(): Compiled {
  if (compiled) return compiled;
  const v = vocabularySchema.parse(normaliseJson);
  const loose: Node = { next: new Map(), to: null };
  const exact: Node = { next: new Map(), to: null };
  for (const entries of Object.values(v.locales)) {
    for (const [key, to] of Object.entries(entries)) {
      if (key.startsWith('$')) continue;
      const capitals = /\p{Lu}/u.test(key) && key === key.toUpperCase();
      if (capitals) insert(exact, tokensOf(key), to);
      else insert(loose, tokensOf(key).map(foldWord), to);
    }
  }
  compiled = {
    loose,
    exact,
    patterns: v.patterns.map((p) => ({ re: new RegExp(p.match, 'giu'), replace: p.replace })),
  };
  return compiled;
}

interface Found {
  end: number;
  to: string;
}

/** The longest key starting at token `i` of a line; tokens may be apart only by spaces, never a tab. */
function longestAt(root: Node, tokens: RegExpMatchArray[], i: number, line: string, fold: boolean): Found | null {
  let node: Node | undefined = root;
  let best: Found | null = null;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || !node) break;
    if (k > i) {
      const prev = tokens[k - 1];
      const gap = line.slice((prev?.index ?? 0) + (prev?.[0].length ?? 0), t.index ?? 0);
      if (gap.includes('\t') || gap.length > 3) break;
    }
    node = node.next.get(fold ? foldWord(t[0]) : t[0]);
    if (!node) break;
    if (node.to !== null) best = { end: k, to: node.to };
  }
  return best;
}

function normaliseLine(line: string, v: Compiled): string {
  const tokens = [...line.matchAll(TOKEN)];
  if (tokens.length === 0) return line;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t) break;
    // A key starts at a word's start: never inside "ABS" of "TABS" (tokens are whole words already).
    const hit = longestAt(v.exact, tokens, i, line, false) ?? longestAt(v.loose, tokens, i, line, true);
    if (!hit) {
      i++;
      continue;
    }
    const last = tokens[hit.end];
    const start = t.index ?? 0;
    const end = (last?.index ?? 0) + (last?.[0].length ?? 0);
    out += line.slice(copied, start) + hit.to;
    copied = end;
    i = hit.end + 1;
  }
  out += line.slice(copied);
  for (const p of v.patterns) out = out.replace(p.re, p.replace);
  return out;
}

/** The text with every known shorthand and foreign phrase in plain English; line breaks kept as they are. */
export function normaliseText(text: string): string {
  if (!text) return text;
  const v = vocabulary();
  return text
    .slice(0, MAX_TEXT)
    .split('\n')
    .map((line) => normaliseLine(line, v))
    .join('\n');
}

/** One table cell's words normalised (a cell is one line: "Grp", "SW office", "N/H"). */
export function normaliseCell(cell: string): string {
  return normaliseLine(cell, vocabulary());
}
