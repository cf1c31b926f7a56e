// Keeping inbound words harmless on the way out: HTML-escaped in bodies, and in headers a
// single line with no CR, LF or other control characters.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** One line, control characters (CR, LF, NUL, bidi overrides included) replaced by spaces, trimmed and capped. */
export function headerSafe(text: string, maxLength = 200): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
    const bidi =
      (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x2028 || code === 0x2029;
    out += control || bidi ? ' ' : char;
  }
  out = out.replace(/ {2,}/g, ' ').trim();
  return Array.from(out).slice(0, maxLength).join('');
}

/** Removes line breaks and other control characters and caps the length: safe inside a header or a line. */
export function oneLine(value: string, max = 80): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? ' ' : char;
  }
  out = out.replace(/ {2,}/g, ' ').trim();
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}
