// Bundled in place of `he` (esbuild alias, see infra/constructs/tracker-function.ts). mailparser is
// its only user here and calls only `he.encode`, with its default options, for the HTML it writes
// around an attached message's headers and addresses (its text-to-HTML rendering, the one caller
// with other options, is switched off by `skipTextToHtml`). he's default encoding is a few lines:
// `"&'<>` and the backtick, and everything but printable ASCII, as uppercase hexadecimal character
// references. Without he's 75 KB of named-reference tables. test/unit/bench-smoke.test.ts checks
// this gives he's own output character for character, and that mailparser still calls nothing else.

/** Characters he escapes even when they are printable ASCII. */
const UNSAFE = /["&'<>`]/g;
/** A surrogate pair: one astral character, escaped by its code point. */
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/**
 * The rest he escapes (its own table): controls and everything past ASCII, but not NUL, line
 * breaks, or the C1 codes an HTML parser reads as Windows-1252 characters.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it matches
const NOT_PRINTABLE_ASCII = /[\x01-\t\x0B\f\x0E-\x1F\x7F\x81\x8D\x8F\x90\x9D\xA0-\uFFFF]/g;

const reference = (codePoint: number) => `&#x${codePoint.toString(16).toUpperCase()};`;

/**
 * he.encode(text) with he's default options. Other options are not read: asked for named references,
 * it still writes hexadecimal ones, which an HTML parser reads as the same characters.
 */
export function encode(text: string, _options?: unknown): string {
  return text
    .replace(UNSAFE, (c) => reference(c.charCodeAt(0)))
    .replace(ASTRAL, (pair) => reference(pair.codePointAt(0) ?? 0))
    .replace(NOT_PRINTABLE_ASCII, (c) => reference(c.charCodeAt(0)));
}

export default { encode };
