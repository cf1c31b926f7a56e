// A small, linear scanner over the XML parts of Office files (sheet XML, shared strings, the Word
// body). It reports element starts, ends and text; it never recurses and never uses a regular
// expression over the document, so a hostile part costs time proportional to its size.

export interface XmlStart {
  kind: 'start';
  /** Local name, without the namespace prefix (`c`, `row`, `t`, `tc`). */
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
}

export interface XmlEnd {
  kind: 'end';
  name: string;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlEvent = XmlStart | XmlEnd | XmlText;

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let at = 0;
  while (at < text.length) {
    const amp = text.indexOf('&', at);
    if (amp < 0) break;
    const semi = text.indexOf(';', amp);
    out += text.slice(at, amp);
    if (semi < 0 || semi - amp > 12) {
      out += '&';
      at = amp + 1;
      continue;
    }
    const entity = text.slice(amp + 1, semi);
    let replacement: string | undefined = NAMED_ENTITIES[entity];
    if (replacement === undefined && entity.startsWith('#')) {
      const code =
        entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) replacement = String.fromCodePoint(code);
    }
    if (replacement === undefined) {
      out += '&';
      at = amp + 1;
    } else {
      out += replacement;
      at = semi + 1;
    }
  }
  return out + text.slice(at);
}

function parseTag(body: string): XmlStart {
  let end = body.length;
  const selfClosing = body.endsWith('/');
  if (selfClosing) end--;
  let at = 0;
  while (at < end && !isSpace(body.charCodeAt(at))) at++;
  const name = localName(body.slice(0, at));
  const attributes: Record<string, string> = {};
  while (at < end) {
    while (at < end && isSpace(body.charCodeAt(at))) at++;
    const nameStart = at;
    while (at < end && body[at] !== '=' && !isSpace(body.charCodeAt(at))) at++;
    const attributeName = body.slice(nameStart, at);
    while (at < end && isSpace(body.charCodeAt(at))) at++;
    if (body[at] !== '=') {
      if (at === nameStart) at++;
      continue;
    }
    at++;
    while (at < end && isSpace(body.charCodeAt(at))) at++;
    const quote = body[at];
    if (quote !== '"' && quote !== "'") continue;
    const close = body.indexOf(quote, at + 1);
    const valueEnd = close < 0 ? end : close;
    if (attributeName) attributes[localName(attributeName)] = decodeEntities(body.slice(at + 1, valueEnd));
    at = valueEnd + 1;
  }
  return { kind: 'start', name, attributes, selfClosing };
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Finds the `>` that closes a tag, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const char = xml[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    }
  }
  return -1;
}

/** Calls `onEvent` for each element start, end and text run, in document order. */
export function scanXml(xml: string, onEvent: (event: XmlEvent) => void): void {
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open < 0) {
      emitText(xml.slice(at), onEvent);
      return;
    }
    if (open > at) emitText(xml.slice(at, open), onEvent);
    if (xml.startsWith('<!--', open)) {
      const close = xml.indexOf('-->', open + 4);
      at = close < 0 ? xml.length : close + 3;
    } else if (xml.startsWith('<![CDATA[', open)) {
      const close = xml.indexOf(']]>', open + 9);
      const end = close < 0 ? xml.length : close;
      if (end > open + 9) onEvent({ kind: 'text', text: xml.slice(open + 9, end) });
      at = end + 3;
    } else if (xml[open + 1] === '?' || xml[open + 1] === '!') {
      const close = xml.indexOf('>', open);
      at = close < 0 ? xml.length : close + 1;
    } else if (xml[open + 1] === '/') {
      const close = xml.indexOf('>', open);
      if (close < 0) return;
      onEvent({ kind: 'end', name: localName(xml.slice(open + 2, close).trim()) });
      at = close + 1;
    } else {
      const close = tagEnd(xml, open + 1);
      if (close < 0) return;
      const start = parseTag(xml.slice(open + 1, close).trim());
      onEvent(start);
      if (start.selfClosing) onEvent({ kind: 'end', name: start.name });
      at = close + 1;
    }
  }
}

function emitText(raw: string, onEvent: (event: XmlEvent) => void): void {
  if (raw) onEvent({ kind: 'text', text: decodeEntities(raw) });
}
