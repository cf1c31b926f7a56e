// HTML mail as the reader sees it: text through html-to-text (a real HTML parser, never regexes
// over markup), and the part of the HTML that the author wrote, located through the markers mail
// clients leave (Gmail's gmail_quote/gmail_attr, Outlook's divRplyFwdMsg and border-top rule).
import { compile } from 'html-to-text';
import { type HTMLElement, parse } from 'node-html-parser';
import { readHeaderLine } from './unwrap-forward';

/** HTML beyond this size is not converted (a hostile message can be mostly markup). */
const maxHtmlChars = 5_000_000;

/** Nesting deeper than this is not real markup (Chrome flattens past 512); such HTML is not walked. */
const maxNesting = 512;
// Void elements never open a level; these are often left unclosed, so they are not counted either.
const uncounted = new Set([
  ...['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'],
  ...[
    'p',
    'li',
    'dt',
    'dd',
    'tr',
    'td',
    'th',
    'thead',
    'tbody',
    'tfoot',
    'option',
    'optgroup',
    'colgroup',
    'rb',
    'rt',
    'rp',
  ],
]);

/** Whether elements nest deeper than `limit`: one linear pass over the tags, no parsing. */
export function nestsTooDeep(html: string, limit = maxNesting): boolean {
  let depth = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    const closing = html[at + 1] === '/';
    let start = closing ? at + 2 : at + 1;
    let end = start;
    while (end < html.length && /[A-Za-z0-9]/.test(html[end] ?? '')) end++;
    if (end > start) {
      const name = html.slice(start, end).toLowerCase();
      const close = html.indexOf('>', end);
      // No tag is ever closed again: the rest is text.
      if (close < 0) return false;
      const selfClosing = html[close - 1] === '/';
      if (uncounted.has(name) || selfClosing) {
        // neither opens nor closes a counted level
      } else if (closing) depth = Math.max(0, depth - 1);
      else depth++;
      if (depth > limit) return true;
      start = close;
    }
    at = html.indexOf('<', Math.max(start, at + 1));
  }
  return false;
}

/** html-to-text compiles its options into a converter; done once, on first use. */
let converter: ((html: string) => string) | null = null;
/** The last HTML converted and its text: reading one message asks for the same part's text several times. */
let last: { html: string; text: string } | null = null;

function convertHtml(html: string): string {
  converter ??= compile({
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
    limits: { maxDepth: 200, maxInputLength: maxHtmlChars },
  });
  return converter(html);
}

export function htmlAsText(html: string): string {
  if (html.length > maxHtmlChars || nestsTooDeep(html)) return '';
  if (last?.html === html) return last.text;
  let text: string;
  try {
    text = convertHtml(html);
  } catch {
    text = '';
  }
  last = { html, text };
  return text;
}

function root(html: string): HTMLElement | null {
  if (html.length > maxHtmlChars || nestsTooDeep(html)) return null;
  try {
    return parse(html, { comment: false });
  } catch {
    return null;
  }
}

/** Outlook's block that heads quoted or forwarded mail: #divRplyFwdMsg, or Word's border-top rule div. */
function outlookHeader(doc: HTMLElement): HTMLElement | null {
  const byId = doc.querySelector('#divRplyFwdMsg');
  if (byId) return byId;
  let candidates = 0;
  for (const div of doc.querySelectorAll('div')) {
    const style = (div.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
    if (!style.includes('border-top:solid')) continue;
    // Bounded: a hostile page could nest thousands of such divs.
    if (++candidates > 50) return null;
    if (/from:/i.test(div.text)) return div;
  }
  return null;
}

/** Removes `node` and every sibling after it, and the same after each ancestor up to the body. */
function dropFrom(node: HTMLElement): void {
  let current: HTMLElement | null = node;
  let keep = 0;
  while (current?.parentNode) {
    const parent: HTMLElement = current.parentNode;
    const siblings = parent.childNodes;
    const index = siblings.indexOf(current);
    // The node itself goes; each ancestor stays, without what follows it.
    if (index >= 0) parent.childNodes = siblings.slice(0, index + keep);
    if (!parent.tagName || parent.tagName === 'BODY') break;
    current = parent;
    keep = 1;
  }
}

/** The author's own HTML of a message that is not a forward: quoted history removed where found. */
function ownHtmlUnsafe(html: string, keepCite = false): string | null {
  const doc = root(html);
  if (!doc) return null;
  // Apple Mail sets a forwarded body in cite blocks too: inside a forward they are not history.
  const history = keepCite ? '.gmail_quote, .yahoo_quoted' : '.gmail_quote, blockquote[type="cite"], .yahoo_quoted';
  for (const quote of doc.querySelectorAll(history)) quote.remove();
  const header = outlookHeader(doc);
  if (header) {
    // The rule line Outlook puts before the block is part of it.
    const previous = header.previousElementSibling;
    if (previous?.tagName === 'HR') previous.remove();
    dropFrom(header);
  }
  const out = doc.toString().trim();
  return out === '' ? null : out;
}

/** Pages beyond this many elements are not searched for a forward's header block. */
const maxElements = 5_000;
/** Characters of element text the search may go through, over all elements. */
const maxTextWork = 20_000_000;

function compact(text: string): string {
  return text.replace(/\s+/g, ' ').toLowerCase();
}

const blockTags = new Set([
  'DIV',
  'P',
  'TD',
  'TH',
  'TR',
  'TABLE',
  'BLOCKQUOTE',
  'LI',
  'UL',
  'OL',
  'BODY',
  'SECTION',
  'ARTICLE',
]);

function blockOf(element: HTMLElement): HTMLElement {
  let node: HTMLElement = element;
  while (!blockTags.has(node.tagName ?? '') && node.parentNode?.tagName) node = node.parentNode;
  return node;
}

/** `start` (when given) and everything after `after` in document order, as HTML. */
function following(after: HTMLElement, start: HTMLElement | null, skipHeaderLines: boolean): string {
  const parts: string[] = start ? [start.toString()] : [];
  let inHeader = skipHeaderLines;
  let node: HTMLElement | null = after;
  while (node?.parentNode) {
    const parent: HTMLElement = node.parentNode;
    const index = parent.childNodes.indexOf(node);
    for (const sibling of parent.childNodes.slice(index + 1)) {
      const text = sibling.text.trim();
      // Header lines after the From line (Date:, To:, Cc:, Subject:) and the blank lines between them.
      if (inHeader && (text === '' || readHeaderLine(text) !== null)) continue;
      inHeader = false;
      parts.push(sibling.toString());
    }
    node = parent;
  }
  return parts.join('').trim();
}

/**
 * The forwarded message's HTML in a forward: from the element where the forwarded text begins
 * (its first line, found after the forward's From line) to the end, in document order. Without
 * that line, what follows the From line's block and the header lines under it. Works alike for
 * Gmail's gmail_attr, Outlook's divRplyFwdMsg or Word's rule, Apple Mail's cite blocks, and the
 * innermost block of nested forwards. Quoted history under it is removed.
 */
function forwardedHtmlUnsafe(
  html: string,
  author: { address: string | null; name: string | null } | null,
  forwardedText: string,
): string | null {
  const doc = root(html);
  if (!doc || !author) return null;
  const elements = doc.querySelectorAll('*');
  if (elements.length > maxElements) return null;
  // Each element's text repeats its children's: deep hostile nesting must not cost more than this.
  let budget = maxTextWork;
  const texts: string[] = [];
  for (const element of elements) {
    const text = compact(element.text).trim();
    budget -= text.length;
    if (budget < 0) return null;
    texts.push(text);
  }
  let who = -1;
  for (const needle of [author.address, author.name]) {
    if (who >= 0 || !needle) continue;
    const n = compact(needle);
    // The From line: the first innermost element naming the author.
    who = texts.findIndex(
      (t, i) => t.includes(n) && !elements[i]?.childNodes.some((c) => c.nodeType === 1 && compact(c.text).includes(n)),
    );
  }
  if (who < 0) return null;
  const firstLine = forwardedText.split('\n').find((l) => l.trim() !== '');
  const begin = firstLine ? compact(firstLine).trim().slice(0, 80) : '';
  const startAt = begin === '' ? -1 : texts.findIndex((t, i) => i > who && t.startsWith(begin));
  const start = elements[startAt];
  const whoElement = elements[who];
  let out = '';
  if (start) out = following(start, start, false);
  else if (whoElement) out = following(blockOf(whoElement), null, true);
  return out === '' ? null : ownHtmlUnsafe(out, true);
}

/** The address of a mailto link whose text is `name` (Outlook links a sender's name to their address). */
function mailtoForNameUnsafe(html: string, name: string): string | null {
  const doc = root(html);
  if (!doc) return null;
  const wanted = compact(name).trim();
  for (const link of doc.querySelectorAll('a')) {
    const href = (link.getAttribute('href') ?? '').trim();
    if (!href.toLowerCase().startsWith('mailto:')) continue;
    if (compact(link.text).trim() !== wanted) continue;
    let address = href.slice(7).split('?')[0] ?? '';
    try {
      address = decodeURIComponent(address).trim();
    } catch {
      continue;
    }
    if (address.includes('@') && !address.includes(' ')) return address;
  }
  return null;
}

/** Runs a DOM walk that deep hostile nesting could overflow; a failure means "not located". */
function guarded<A extends unknown[]>(walk: (...args: A) => string | null): (...args: A) => string | null {
  return (...args: A) => {
    try {
      return walk(...args);
    } catch {
      return null;
    }
  };
}

/** The author's own HTML of a message that is not a forward: quoted history removed where found. */
export const ownHtml: (html: string, keepCite?: boolean) => string | null = guarded(ownHtmlUnsafe);
/** The forwarded message's HTML in a forward (see forwardedHtmlUnsafe). */
export const forwardedHtml: (
  html: string,
  author: { address: string | null; name: string | null } | null,
  forwardedText: string,
) => string | null = guarded(forwardedHtmlUnsafe);
/** The address of a mailto link whose text is `name`. */
export const mailtoForName: (html: string, name: string) => string | null = guarded(mailtoForNameUnsafe);
