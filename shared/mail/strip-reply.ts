// Keeps the author's own text of a reply and drops the history it quotes: "On ... wrote:"
// headers (wrapped over up to three lines, in several languages, or any "date ... <address>:"
// line), "-----Original Message-----", Outlook's "From: ... Sent: ..." block, rule lines over a
// header block, ">" lines, and the unmarked history phone clients put under "Sent from my ...".
// Signatures stay: they are the author's. Scans line by line; no regex runs over the whole text.
import { z } from 'zod';
import data from './reply-vocabulary.json';
import { type HeaderLine, isClientHeaderRun, readHeaderLine, unquote } from './unwrap-forward';

const words = z.array(z.string().min(1));
const vocabulary = z
  .object({
    wroteVerbs: words,
    wroteLeads: words,
    historyPhrases: words,
    deviceSignatures: words,
    appPromotions: words,
  })
  .parse(data);

const wroteVerbs = [...new Set(vocabulary.wroteVerbs.map((v) => v.toLowerCase()))].sort((a, b) => b.length - a.length);
const wroteLeads = [...new Set(vocabulary.wroteLeads.map((v) => `${v.trim().toLowerCase()} `))];
const historyPhrases = new Set(vocabulary.historyPhrases.map((v) => v.toLowerCase()));
const deviceSignatures = vocabulary.deviceSignatures.map((v) => v.toLowerCase());
const appPromotions = vocabulary.appPromotions.map((v) => v.toLowerCase());

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

function hasDigit(value: string): boolean {
  for (const ch of value) if (ch >= '0' && ch <= '9') return true;
  return false;
}

/** "On Tue, 1 Mar 2011, Ana <a@b.org> wrote:" and its translations, as one string. */
export function isWroteHeader(text: string): boolean {
  const t = undash(spaces(text).trim());
  if (t.length < 8 || t.length > maxHeaderChars) return false;
  const lower = t.toLowerCase();
  const colon = lower.endsWith(':') || lower.endsWith('：');
  const body = colon ? lower.slice(0, -1).trimEnd() : lower;
  // "30.09.2017, 18.30, "John" <j@x.org>:" and "Am ... schrieb Jo <j@x.org>:": a dated line ending in an address.
  if (colon && (body.endsWith('>') || body.endsWith(']')) && body.includes('@') && hasDigit(body)) return true;
  const verb = wroteVerbs.find((v) => {
    if (!body.endsWith(v)) return false;
    const before = body[body.length - v.length - 1];
    return (
      before === undefined || before === ' ' || before === '>' || before === ')' || before === ']' || before === '"'
    );
  });
  if (!verb) return false;
  const before = body.slice(0, body.length - verb.length).trim();
  if (before.length < 3) return false;
  const hasLead = wroteLeads.some((lead) => lower.startsWith(lead));
  const hasAddress = before.includes('@');
  return (hasLead && (hasDigit(before) || hasAddress || before.includes(','))) || (hasAddress && hasDigit(before));
}

/** Whether a line can open a wrapped quote header: a lead word, a digit or an address. */
function canOpenHeader(t: string): boolean {
  const lower = t.toLowerCase();
  return wroteLeads.some((lead) => lower.startsWith(lead)) || hasDigit(t) || t.includes('@');
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

/** Outlook's history block: header lines, one of the first two a From line, at least two in all. */
function isHeaderBlock(lines: string[], at: number): boolean {
  const first = readHeaderLine(lines[at] ?? '');
  if (!first) return false;
  const run: HeaderLine[] = [];
  let sawFrom = false;
  for (let k = at; k < Math.min(lines.length, at + 4); k++) {
    const header = readHeaderLine(lines[k] ?? '');
    if (!header) {
      // One wrapped line is allowed ("From: Human Resources\n<hr@x.org>").
      const wrapped = (lines[k] ?? '').trim();
      const previous = run[run.length - 1];
      if (k === at + 1 && wrapped.includes('@') && previous) {
        previous.value = `${previous.value} ${wrapped}`;
        continue;
      }
      break;
    }
    if (header.field === 'from' && k <= at + 1) sawFrom = true;
    run.push(header);
  }
  return sawFrom && run.length >= 2 && isClientHeaderRun(run);
}

/** Whether line `i` (or it with the one or two lines under it) opens quoted history. */
function opensHistory(lines: string[], i: number): boolean {
  const raw = lines[i] ?? '';
  if (unquote(raw).depth > 0) return false;
  const t = spaces(raw).trim();
  if (t === '') return false;
  if (isWroteHeader(t)) return true;
  const second = lines[i + 1];
  // Gmail can wrap the closing ">:" of "... <a@b.org>:" onto a line of its own.
  if (second?.trim() === '>:' && isWroteHeader(`${t}>:`)) return true;
  if (canOpenHeader(t) && second !== undefined && second.trim() !== '' && unquote(second).depth === 0) {
    if (isWroteHeader(`${t} ${second.trim()}`)) return true;
    const third = lines[i + 2];
    if (third !== undefined && third.trim() !== '' && unquote(third).depth === 0) {
      if (isWroteHeader(`${t} ${second.trim()} ${third.trim()}`)) return true;
    }
  }
  const phrase = dashedPhrase(t);
  if (phrase !== null && historyPhrases.has(phrase)) return true;
  // "________________________________" or "====" over a header block (Outlook web and mobile, webmail).
  if (t.length >= 4 && ([...t].every((c) => c === '_') || [...t].every((c) => c === '='))) {
    const k = nextNonEmpty(lines, i + 1, 3);
    if (k >= 0 && readHeaderLine(lines[k] ?? '') !== null) return true;
  }
  return isHeaderBlock(lines, i);
}

function startsWithAny(line: string, prefixes: string[]): boolean {
  const lower = spaces(line).trim().toLowerCase();
  return lower.length <= 120 && prefixes.some((p) => lower.startsWith(p));
}

/** Where quoted history starts, or -1. */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (opensHistory(lines, i)) return i;
    // Phone clients put the quoted mail, unmarked, right under "Sent from my ..." (or an app promotion).
    const line = lines[i] ?? '';
    if (startsWithAny(line, deviceSignatures) || startsWithAny(line, appPromotions)) {
      const next = nextNonEmpty(lines, i + 1, lines.length);
      if (next >= 0 && unquote(lines[next] ?? '').depth === 0 && !opensHistory(lines, next)) return i;
    }
  }
  return -1;
}

function withoutQuotedLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (unquote(line).depth > 0) {
      // One blank line stands where a quoted block was.
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(line);
  }
  while (out.length > 0 && (out[out.length - 1] ?? '').trim() === '') out.pop();
  while (out.length > 0 && (out[0] ?? '').trim() === '') out.shift();
  return out;
}

/** Lines of the header that opens history at `at` (one to three). */
function headerSpan(lines: string[], at: number): number {
  for (let n = 1; n <= 3; n++) {
    const joined = lines
      .slice(at, at + n)
      .map((l) => l.trim())
      .join(' ');
    if (isWroteHeader(joined)) return n;
  }
  return 1;
}

/**
 * The author's own text of a message: everything above the first history header, with ">"
 * quoted lines removed (inline replies keep their answers). A reply written under the history
 * (bottom-posting) is what follows it, without the quoted lines. App promotions ("Get Outlook
 * for iOS") directly above the history are dropped.
 */
export function stripReply(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  if (text.length > maxScanChars) return text;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = historyStart(lines);
  if (cut < 0) return withoutQuotedLines(lines).join('\n');
  let above = withoutQuotedLines(lines.slice(0, cut));
  while (above.length > 0 && startsWithAny(above[above.length - 1] ?? '', appPromotions)) {
    above = withoutQuotedLines(above.slice(0, -1));
  }
  if (above.some((l) => l.trim() !== '')) return above.join('\n');
  // Nothing above the header: the author answered below the quoted lines.
  const rest = lines.slice(cut + headerSpan(lines, cut));
  const next = historyStart(rest);
  return withoutQuotedLines(next >= 0 ? rest.slice(0, next) : rest).join('\n');
}
