// Keeps the author's own text of a reply and drops the history it quotes: "On ... wrote:"
// headers (wrapped over up to three lines, in several languages), "-----Original Message-----",
// Outlook's "From: ... Sent: ..." block, rule lines over a header block, and ">" lines.
// Signatures stay: they are the author's. Scans line by line; no regex runs over the whole text.
import { z } from 'zod';
import data from './reply-vocabulary.json';
import { readHeaderLine, unquote } from './unwrap-forward';

const vocabulary = z
  .object({
    wroteVerbs: z.array(z.string().min(1)),
    wroteLeads: z.array(z.string().min(1)),
    historyPhrases: z.array(z.string().min(1)),
  })
  .parse(data);

const wroteVerbs = [...new Set(vocabulary.wroteVerbs.map((v) => v.toLowerCase()))].sort((a, b) => b.length - a.length);
const wroteLeads = [...new Set(vocabulary.wroteLeads.map((v) => `${v.trim().toLowerCase()} `))];
const historyPhrases = new Set(vocabulary.historyPhrases.map((v) => v.toLowerCase()));

/** Text beyond this many characters is returned as it is, unscanned. */
const maxScanChars = 2_000_000;
const maxHeaderChars = 400;

function spaces(value: string): string {
  return value.replace(/[\u00a0\u202f\u2007]/g, ' ');
}

/** Drops dashes around a header ("---- On ... wrote ----", Zoho). */
function undash(t: string): string {
  let start = 0;
  let end = t.length;
  while (start < end && (t[start] === '-' || t[start] === ' ')) start++;
  while (end > start && (t[end - 1] === '-' || t[end - 1] === ' ')) end--;
  return t.slice(start, end);
}

/** "On Tue, 1 Mar 2011, Ana <a@b.org> wrote:" and its translations, as one string. */
export function isWroteHeader(text: string): boolean {
  const t = undash(spaces(text).trim());
  if (t.length < 8 || t.length > maxHeaderChars) return false;
  const lower = t.toLowerCase();
  const body = lower.endsWith(':') || lower.endsWith('：') ? lower.slice(0, -1).trimEnd() : lower;
  const verb = wroteVerbs.find(
    (v) => body.endsWith(v) && (body.length === v.length || /[\s>)\]"»”]/.test(body[body.length - v.length - 1] ?? '')),
  );
  if (!verb) return false;
  const before = body.slice(0, body.length - verb.length).trim();
  if (before.length < 3) return false;
  const hasLead = wroteLeads.some((lead) => lower.startsWith(lead));
  const hasAddress = before.includes('@');
  const hasDigit = /\d/.test(before);
  return (hasLead && (hasDigit || hasAddress || before.includes(','))) || (hasAddress && hasDigit);
}

function dashedPhrase(t: string): string | null {
  let i = 0;
  while (i < t.length && (t[i] === '-' || t[i] === '—' || t[i] === ' ')) i++;
  if (i < 2) return null;
  let j = t.length;
  while (j > i && (t[j - 1] === '-' || t[j - 1] === '—' || t[j - 1] === ' ')) j--;
  return t.slice(i, j).trim().toLowerCase();
}

function nextNonEmpty(lines: string[], from: number, span: number): number {
  for (let k = from; k < Math.min(lines.length, from + span); k++) {
    if ((lines[k] ?? '').trim() !== '') return k;
  }
  return -1;
}

/** Outlook's history block: a From line, then (after at most one wrapped line) another header line. */
function isHeaderBlock(lines: string[], at: number): boolean {
  const first = readHeaderLine(lines[at] ?? '');
  if (first?.field !== 'from') return false;
  for (let k = at + 1; k <= at + 2 && k < lines.length; k++) {
    const next = readHeaderLine(lines[k] ?? '');
    if (next) return next.field !== 'from';
  }
  return false;
}

/** Where quoted history starts: the first history header line, or -1. */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (unquote(raw).depth > 0) continue;
    const t = spaces(raw).trim();
    if (t === '') continue;
    // "On ... wrote:" on one line, or wrapped over two or three.
    if (isWroteHeader(t)) return i;
    const second = lines[i + 1];
    if (second !== undefined && second.trim() !== '' && unquote(second).depth === 0) {
      if (isWroteHeader(`${t} ${second.trim()}`)) return i;
      const third = lines[i + 2];
      if (
        third !== undefined &&
        third.trim() !== '' &&
        unquote(third).depth === 0 &&
        isWroteHeader(`${t} ${second.trim()} ${third.trim()}`)
      ) {
        return i;
      }
    }
    const phrase = dashedPhrase(t);
    if (phrase !== null && historyPhrases.has(phrase)) return i;
    // "________________________________" over a header block (Outlook web and mobile).
    if (t.length >= 20 && [...t].every((c) => c === '_')) {
      const k = nextNonEmpty(lines, i + 1, 3);
      if (k >= 0 && readHeaderLine(lines[k] ?? '') !== null) return i;
    }
    if (isHeaderBlock(lines, i)) return i;
  }
  return -1;
}

/**
 * The author's own text of a message: everything above the first history header, and with
 * ">" quoted lines removed when the history has no header (inline or bottom-posted replies).
 */
export function stripReply(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  if (text.length > maxScanChars) return text;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = historyStart(lines);
  const kept = cut >= 0 ? lines.slice(0, cut) : lines;
  const out: string[] = [];
  for (const line of kept) {
    if (unquote(line).depth > 0) {
      // One blank line stands where a quoted block was.
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(line);
  }
  while (out.length > 0 && (out[out.length - 1] ?? '').trim() === '') out.pop();
  return out.join('\n');
}
