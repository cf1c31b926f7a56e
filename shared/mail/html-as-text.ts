// HTML mail as the reader sees it: text through html-to-text (a real HTML parser, never regexes
// over markup), and the part of the HTML that the author wrote, located through the markers mail
// clients leave (Gmail's gmail_quote/gmail_attr, Outlook's divRplyFwdMsg and border-top rule).
import { convert } from 'html-to-text';
import { type HTMLElement, parse } from 'node-html-parser';

/** HTML beyond this size is not converted (a hostile message can be mostly markup). */
const maxHtmlChars = 5_000_000;

export function htmlAsText(html: string): string {
  if (html.length > maxHtmlChars) return '';
  try {
    return convert(html, {
      wordwrap: false,
      selectors: [
        { selector: 'a', options: { ignoreHref: true } },
        { selector: 'img', format: 'skip' },
        { selector: 'h1', options: { uppercase: false } },
        { selector: 'h2', options: { uppercase: false } },
        { selector: 'h3', options: { uppercase: false } },
        { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
        { selector: 'th', options: { uppercase: false } },
      ],
    });
  } catch {
    return '';
  }
}

function root(html: string): HTMLElement | null {
  if (html.length > maxHtmlChars) return null;
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
  for (const div of doc.querySelectorAll('div')) {
    const style = (div.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
    if (style.includes('border-top:solid') && /from:/i.test(div.text)) return div;
  }
  return null;
}

/** Removes `node` and every sibling after it, and the same after each ancestor up to the body. */
function dropFrom(node: HTMLElement): void {
  let current: HTMLElement | null = node;
  while (current?.parentNode) {
    const parent: HTMLElement = current.parentNode;
    const siblings = parent.childNodes;
    const index = siblings.indexOf(current);
    if (index >= 0) parent.childNodes = siblings.slice(0, index);
    if (!parent.tagName || parent.tagName === 'BODY') break;
    current = parent;
  }
}

/** The author's own HTML of a message that is not a forward: quoted history removed where found. */
export function ownHtml(html: string): string | null {
  const doc = root(html);
  if (!doc) return null;
  for (const quote of doc.querySelectorAll('.gmail_quote, blockquote[type="cite"], .yahoo_quoted')) quote.remove();
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

/** The forwarded message's HTML in a forward: what follows the client's forward header. */
export function forwardedHtml(html: string): string | null {
  const doc = root(html);
  if (!doc) return null;
  const quote = doc.querySelector('.gmail_quote');
  if (quote) {
    for (const attr of quote.querySelectorAll('.gmail_attr')) attr.remove();
    return quote.innerHTML.trim() || null;
  }
  const header = outlookHeader(doc);
  if (header) {
    const parts: string[] = [];
    let node: HTMLElement | null = header.nextElementSibling;
    while (node) {
      parts.push(node.toString());
      node = node.nextElementSibling;
    }
    const out = parts.join('\n').trim();
    return out === '' ? null : out;
  }
  const cite = doc.querySelector('blockquote[type="cite"]');
  return cite ? cite.innerHTML.trim() || null : null;
}
