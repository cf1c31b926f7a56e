// Finds the forwarded message inside a forward's text: the separator a mail client wrote
// ("---------- Forwarded message ---------", "Begin forwarded message:", Outlook's rule line or
// header block), the original header block under it, and the forwarded body. Only the outermost
// forward is unwrapped; call again on `message` for nested forwards. Scans line by line.
import {
  dashedPhrases,
  forwardPrefixes,
  type HeaderField,
  labelField,
  labelsCaseSensitive,
  longestLabel,
  replyPrefixes,
  sentLabels,
  separatorLines,
  weakDashedPhrases,
  wroteTemplates,
} from './forward-vocabulary';
import { parseAddressList, parseMailbox } from './header-addresses';
import type { MailAddress } from './types';

export interface UnwrappedForward {
  forwarded: boolean;
  /** The original author; `address` null when the block names no address. */
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** The original subject, from the block (or the outer subject without its "Fwd:"). */
  subject: string | null;
  /** The block's date words as written (often without a zone). */
  date: string | null;
  /** The forwarded message's body text. */
  message: string | null;
  /** The forwarder's own text above the forward. */
  note: string | null;
}

export type SubjectKind = 'forward' | 'reply' | 'plain';

const notForwarded: UnwrappedForward = {
  forwarded: false,
  from: null,
  to: [],
  cc: [],
  subject: null,
  date: null,
  message: null,
  note: null,
};

/** Input beyond this many characters is not searched for a forward (bounded work on hostile input). */
const maxScanChars = 2_000_000;
const maxHeaderLines = 40;

function subjectPrefix(subject: string): { prefix: string; rest: string } | null {
  let s = subject.trim();
  // Tags some gateways put first: "[EXTERNAL] FW: ...".
  while (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0 || close > 40) break;
    s = s.slice(close + 1).trim();
  }
  let colon = -1;
  for (let i = 0; i < Math.min(s.length, 14); i++) {
    if (s[i] === ':' || s[i] === '：') {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  let prefix = s.slice(0, colon).trim();
  // "Re[2]" and "RE(3)" count as "Re".
  const bracket = prefix.search(/[[(]/);
  if (bracket > 0) prefix = prefix.slice(0, bracket);
  return { prefix: prefix.toLowerCase(), rest: s.slice(colon + 1).trim() };
}

/** Whether a subject line says forward ("Fwd:", "RV:", "TR:"), reply ("Re:", "AW:") or neither. */
export function classifySubject(subject: string | null | undefined): SubjectKind {
  if (!subject) return 'plain';
  const found = subjectPrefix(subject);
  if (!found) return 'plain';
  if (forwardPrefixes.has(found.prefix)) return 'forward';
  if (replyPrefixes.has(found.prefix)) return 'reply';
  return 'plain';
}

/** The subject without its leading forward prefix ("Fw: Integer" → "Integer"). */
export function subjectWithoutForwardPrefix(subject: string): string {
  const found = subjectPrefix(subject);
  if (found && forwardPrefixes.has(found.prefix)) return found.rest;
  return subject.trim();
}

function normalize(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(/\uFEFF/g, '');
}

/** Leading ">" quote markers: how many, and the line without them. */
export function unquote(line: string): { depth: number; rest: string } {
  let i = 0;
  let depth = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '>') {
      depth++;
      i++;
    } else if ((ch === ' ' || ch === '\t') && depth < 50) {
      // Spaces between markers ("> > text") belong to the quoting; spaces before text do not.
      let j = i;
      while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
      if (line[j] === '>') i = j;
      else break;
    } else break;
  }
  if (depth === 0) return { depth: 0, rest: line };
  let rest = line.slice(i);
  if (rest.startsWith(' ')) rest = rest.slice(1);
  return { depth, rest };
}

/** Removes up to `levels` ">" markers, each with the one space after it. */
function dropQuoteLevels(line: string, levels: number): string {
  let rest = line;
  for (let n = 0; n < levels; n++) {
    const trimmed = rest.trimStart();
    if (!trimmed.startsWith('>')) break;
    rest = trimmed.slice(1);
    if (rest.startsWith(' ')) rest = rest.slice(1);
  }
  return rest;
}

function spaces(value: string): string {
  return value.replace(/[\u00a0\u202f\u2007]/g, ' ');
}

export interface HeaderLine {
  field: HeaderField;
  value: string;
  /** The label as written ("From", "Enviado el"); empty when the line came from an "On ... wrote:" header. */
  label?: string;
}

/** "From: Ana <a@b>", "*Sent:* Monday", "Cc : x" → field and value; null when not a header line. */
export function readHeaderLine(line: string): HeaderLine | null {
  let s = spaces(line).trimStart();
  while (s.startsWith('*')) s = s.slice(1);
  let colon = -1;
  const limit = Math.min(s.length, longestLabel + 4);
  for (let i = 0; i < limit; i++) {
    if (s[i] === ':' || s[i] === '：') {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  let label = s.slice(0, colon).trim();
  while (label.endsWith('*')) label = label.slice(0, -1).trimEnd();
  const field = labelField.get(label.toLowerCase());
  if (!field) return null;
  let value = s.slice(colon + 1);
  while (value.startsWith('*')) value = value.slice(1);
  value = value.trim();
  if (value.endsWith('*') && !value.startsWith('*')) value = value.replace(/\*+$/, '').trimEnd();
  return { field, value, label };
}

/**
 * Header fields run together on one line (Yahoo: "From: A <a@b>To: c@dCc: ...Subject: x").
 * A label counts where it ends right before a colon; the longest label wins.
 */
export function splitRunTogetherHeaders(line: string): HeaderLine[] {
  const s = spaces(line);
  const starts: { at: number; field: HeaderField; valueAt: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== ':' && s[i] !== '：') continue;
    const end = s[i - 1] === ' ' ? i - 1 : i;
    let best: { at: number; field: HeaderField } | null = null;
    for (let len = Math.min(longestLabel, end); len >= 1; len--) {
      const label = s.slice(end - len, end);
      const field = labelsCaseSensitive.get(label);
      if (field) {
        best = { at: end - len, field };
        break;
      }
    }
    if (best) starts.push({ ...best, valueAt: i + 1 });
  }
  const out: HeaderLine[] = [];
  starts.forEach((start, index) => {
    const next = starts[index + 1];
    const value = s.slice(start.valueAt, next ? next.at : s.length).trim();
    out.push({ field: start.field, value, label: s.slice(start.at, start.valueAt - 1).trim() });
  });
  return out;
}

interface Separator {
  /** Line index of the separator. */
  line: number;
  /** Line index where the header block starts (the separator line itself for Outlook's bare block). */
  headersFrom: number;
  /** ">" depth of the separator: the forwarded lines carry as many markers. */
  depth: number;
  /** Headers written on the separator line itself (Yahoo) or in its words (Outlook 2019's "On ... wrote:"). */
  inline: HeaderLine[];
  /** Whether a header block must follow for this to count (rule lines, Outlook's "Original Message"). */
  needsHeaders: boolean;
}

function dashedInner(t: string): { inner: string; remainder: string } | null {
  let i = 0;
  while (i < t.length && (t[i] === '-' || t[i] === '—')) i++;
  if (i < 2) return null;
  const close = t.indexOf('--', i);
  if (close < 0) return null;
  const inner = t.slice(i, close).trim();
  let j = close;
  while (j < t.length && (t[j] === '-' || t[j] === '—')) j++;
  return { inner, remainder: t.slice(j).trim() };
}

function onlyChar(t: string, ch: string, min: number): boolean {
  if (t.length < min) return false;
  for (const c of t) if (c !== ch) return false;
  return true;
}

/** "On 28/10/2021 12:46, "John Doe" <john@x.org> wrote:" (Outlook desktop, per language). */
export function readWroteLine(t: string): { name: string | null; address: string; date: string } | null {
  if (t.length > 400 || !t.endsWith(':')) return null;
  const at = t.lastIndexOf('@');
  if (at < 0) return null;
  const stop = new Set([' ', '<', '>', '(', ')', '[', ']', '"', "'", ',', ';']);
  let start = at;
  while (start > 0 && !stop.has(t[start - 1] ?? ' ')) start--;
  let end = at + 1;
  while (end < t.length && !stop.has(t[end] ?? ' ')) end++;
  const address = t.slice(start, end);
  let wrapped = 0;
  while (start > 0 && '<(['.includes(t[start - 1] ?? ' ') && end < t.length && '>)]'.includes(t[end] ?? ' ')) {
    start--;
    end++;
    wrapped++;
  }
  if (wrapped === 0) return null;
  const marked = `${t.slice(0, start)}\u0001${t.slice(end)}`;
  for (const template of wroteTemplates) {
    const found = matchTemplate(template.replace('{address}', '\u0001'), marked);
    if (!found) continue;
    const name = (found.name ?? '').replace(/^[\s"'«„“]+|[\s"'»”“]+$/g, '');
    return { name: name === '' || name === address ? null : name, address, date: (found.date ?? '').trim() };
  }
  return null;
}

/** Matches "Lit {a} lit {b} lit" right to left with plain string search: no backtracking. */
function matchTemplate(template: string, text: string): Record<string, string> | null {
  const parts = template.split(/(\{date\}|\{name\})/);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return null;
  let windowEnd = text.length - last.length;
  const windowStart = first.length;
  const out: Record<string, string> = {};
  for (let k = parts.length - 2; k >= 1; k -= 2) {
    const key = (parts[k] ?? '').slice(1, -1);
    const literal = k - 1 >= 1 ? (parts[k - 1] ?? '') : null;
    if (literal === null || k - 1 === 0) {
      out[key] = text.slice(windowStart, windowEnd);
      windowEnd = windowStart;
      continue;
    }
    const idx = text.lastIndexOf(literal, windowEnd - literal.length);
    if (idx < windowStart) return null;
    out[key] = text.slice(idx + literal.length, windowEnd);
    windowEnd = idx;
  }
  if (windowEnd !== windowStart) return null;
  for (const value of Object.values(out)) if (value.trim() === '') return null;
  return out;
}

function headerAhead(lines: string[], from: number, depth: number): boolean {
  for (let i = from; i < Math.min(lines.length, from + 4); i++) {
    const rest = dropQuoteLevels(lines[i] ?? '', depth).trim();
    if (rest === '') continue;
    return readHeaderLine(rest) !== null;
  }
  return false;
}

/** The header lines starting at `at`, as long as they run (at most 8). */
function headerRun(lines: string[], at: number, depth: number): HeaderLine[] {
  const run: HeaderLine[] = [];
  for (let k = at; k < Math.min(lines.length, at + 8); k++) {
    const header = readHeaderLine(dropQuoteLevels(lines[k] ?? '', depth));
    if (!header) break;
    run.push(header);
  }
  return run;
}

/**
 * Whether header lines are a mail client's (a forward or quoted mail) rather than a memo heading
 * in the text ("TO: All families / FROM: The principal / DATE: ..."): clients write "From" in
 * ordinary case, and give an address or a "Sent:"-type label.
 */
export function isClientHeaderRun(run: HeaderLine[]): boolean {
  const from = run.find((h) => h.field === 'from');
  if (!from) return false;
  const label = from.label ?? '';
  if (label.length > 2 && label === label.toUpperCase() && label !== label.toLowerCase()) return false;
  return from.value.includes('@') || run.some((h) => sentLabels.has((h.label ?? '').toLowerCase()));
}

/** An Outlook-style block: a From line with another header line right under it. */
function isBareHeaderBlock(lines: string[], at: number, depth: number): boolean {
  const run = headerRun(lines, at, depth);
  const [first, next] = run;
  return first?.field === 'from' && next !== undefined && next.field !== 'from' && isClientHeaderRun(run);
}

/** A complete header block (From, a date and a Subject line together): a forward even when the subject was edited. */
function isFullHeaderBlock(lines: string[], at: number, depth: number): boolean {
  const run = headerRun(lines, at, depth);
  if (run[0]?.field !== 'from') return false;
  const fields = new Set(run.map((h) => h.field));
  return fields.has('date') && fields.has('subject') && isClientHeaderRun(run);
}

function findSeparator(lines: string[], kind: SubjectKind, from: number): Separator | null {
  for (let i = from; i < lines.length; i++) {
    const { depth, rest } = unquote(lines[i] ?? '');
    const t = spaces(rest).trim();
    if (t === '') continue;
    const bare = t
      .replace(/\s*[:：]$/, '')
      .trim()
      .toLowerCase();
    if (separatorLines.has(bare) && (t.endsWith(':') || t.endsWith('：') || headerAhead(lines, i + 1, depth))) {
      return { line: i, headersFrom: i + 1, depth, inline: [], needsHeaders: false };
    }
    const dashed = dashedInner(t);
    if (dashed && dashedPhrases.has(dashed.inner.toLowerCase())) {
      const weak = weakDashedPhrases.has(dashed.inner.toLowerCase());
      if (weak && kind === 'reply') continue;
      const inline = dashed.remainder === '' ? [] : splitRunTogetherHeaders(dashed.remainder);
      return { line: i, headersFrom: i + 1, depth, inline, needsHeaders: weak };
    }
    if (onlyChar(t, '_', 20) && kind !== 'reply' && headerAhead(lines, i + 1, depth)) {
      return { line: i, headersFrom: i + 1, depth, inline: [], needsHeaders: true };
    }
    if (kind === 'forward') {
      const wrote = readWroteLine(t);
      if (wrote) {
        const inline: HeaderLine[] = [
          { field: 'from', value: wrote.name ? `"${wrote.name}" <${wrote.address}>` : wrote.address },
          { field: 'date', value: wrote.date },
        ];
        return { line: i, headersFrom: i + 1, depth, inline, needsHeaders: false };
      }
      if (isBareHeaderBlock(lines, i, depth)) {
        return { line: i, headersFrom: i, depth, inline: [], needsHeaders: true };
      }
    } else if (kind === 'plain' && isFullHeaderBlock(lines, i, depth)) {
      return { line: i, headersFrom: i, depth, inline: [], needsHeaders: true };
    }
  }
  return null;
}

function isRuleLine(line: string): boolean {
  const t = line.trim();
  if (t === '') return true;
  return t.length >= 3 && (onlyChar(t, '-', 3) || onlyChar(t, '_', 3) || onlyChar(t, '=', 3) || onlyChar(t, '—', 3));
}

function blankIfWhite(line: string): string {
  return line.trim() === '' ? '' : line;
}

function trimBlock(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** Outlook desktop indents the forwarded body by four spaces. */
function dropIndent(lines: string[]): string[] {
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length === 0 || !nonEmpty.every((l) => l.startsWith('    '))) return lines;
  return lines.map((l) => (l.startsWith('    ') ? l.slice(4) : l.trimStart()));
}

/**
 * Unwraps the outermost forward in a forward's plain text. `subject` is the outer subject line:
 * Outlook does not repeat the original subject, and its bare header blocks count as a forward
 * only under a forward's subject ("FW:", "RV:"), never under a reply's ("RE:").
 */
export function unwrapForward(body: string, subject?: string | null): UnwrappedForward {
  if (typeof body !== 'string' || body.length === 0 || body.length > maxScanChars) return notForwarded;
  const kind = classifySubject(subject);
  const lines = normalize(body).split('\n');
  let from = 0;
  while (from < lines.length) {
    const separator = findSeparator(lines, kind, from);
    if (!separator) return notForwarded;
    const found = readForward(lines, separator, subject);
    if (found) return found;
    // A rule line or "Original Message" with no From under it: look further down.
    from = separator.line + 1;
  }
  return notForwarded;
}

function readForward(lines: string[], separator: Separator, subject?: string | null): UnwrappedForward | null {
  const headers: HeaderLine[] = [...separator.inline];
  let i = separator.headersFrom;
  // Apple Mail leaves a quoted blank line between the separator and the block.
  while (i < lines.length && unquote(lines[i] ?? '').rest.trim() === '' && i - separator.headersFrom < 3) i++;
  // The block may be quoted deeper than its separator (MailMate, Apple Mail quoting a forward).
  const depth = Math.max(separator.depth, unquote(lines[i] ?? '').depth);
  const below = (index: number): string => dropQuoteLevels(lines[index] ?? '', depth);
  let last: HeaderField | null = null;
  let blockLines = 0;
  // A header block is a handful of lines; more than this is not one (bounded work on hostile input).
  while (i < lines.length && blockLines < maxHeaderLines) {
    const line = below(i);
    if (line.trim() === '') break;
    const run = blockLines === 0 ? splitRunTogetherHeaders(line) : [];
    if (run.length >= 3 && readHeaderLine(line) !== null) {
      headers.push(...run);
      last = run[run.length - 1]?.field ?? null;
    } else {
      const header = readHeaderLine(line);
      if (header) {
        headers.push(header);
        last = header.field;
      } else if (last && (last === 'to' || last === 'cc') && /^[ \t]/.test(line) && line.includes('@')) {
        const previous = headers[headers.length - 1];
        if (previous) previous.value = `${previous.value} ${line.trim()}`;
      } else break;
    }
    blockLines++;
    i++;
  }
  if (separator.needsHeaders && !headers.some((h) => h.field === 'from')) return null;

  let rest: string[] = [];
  for (let k = i; k < lines.length; k++) rest.push(blankIfWhite(below(k)));
  // Some clients (Missive) quote the whole forwarded body under an unquoted block.
  const nonEmpty = rest.filter((l) => l !== '');
  if (nonEmpty.length > 0 && nonEmpty.every((l) => l.startsWith('>'))) {
    rest = rest.map((l) => blankIfWhite(dropQuoteLevels(l, 1)));
  }
  const message = trimBlock(dropIndent(rest).join('\n'));

  const value = (field: HeaderField): string | null => headers.find((h) => h.field === field)?.value ?? null;
  const fromValue = value('from');
  const subjectValue = value('subject');
  const above = lines.slice(0, separator.line);
  // A rule the client drew over the block (an HTML <hr> as text) is not the forwarder's words.
  while (above.length > 0 && isRuleLine(above[above.length - 1] ?? '')) above.pop();
  const note = trimBlock(above.join('\n'));
  return {
    forwarded: true,
    from: fromValue === null ? null : parseMailbox(fromValue),
    to: parseAddressList(value('to') ?? ''),
    cc: parseAddressList(value('cc') ?? ''),
    subject: subjectValue ?? (subject ? subjectWithoutForwardPrefix(subject) : null),
    date: value('date'),
    message,
    note,
  };
}
