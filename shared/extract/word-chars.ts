// The character classes the word splitters test once per character: ASCII answered by its code,
// anything else by the Unicode classes, so the answer is the same and the common case is cheap.

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** A letter or digit (`[\p{L}\p{N}]`), given one UTF-16 unit or ''. */
export function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(c);
}

/** White space (`\s`), given one UTF-16 unit or ''. */
export function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(c);
}
