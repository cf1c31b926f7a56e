// `text.matchAll(pattern)` without its cost: matchAll copies the pattern on every call (the spec's
// species constructor), and a copied pattern starts cold, so on the reader's short sentences the
// copy costs several times the matching itself. This walks the pattern with `exec` instead and
// gives the same matches in the same order, the pattern's `lastIndex` left as it was found.

/** The index after an empty match at `index`, as matchAll advances: one code point in Unicode mode. */
function advanceIndex(text: string, index: number, fullUnicode: boolean): number {
  if (!fullUnicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return index + 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

/** Every match of a global pattern, exactly as `text.matchAll(pattern)` gives them. */
export function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('allMatches needs a pattern with the g flag, as matchAll does');
  const start = pattern.lastIndex;
  const fullUnicode = pattern.unicode || pattern.flags.includes('v');
  const matches: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      matches.push(m);
      if (m[0] === '') pattern.lastIndex = advanceIndex(text, pattern.lastIndex, fullUnicode);
    }
  } finally {
    pattern.lastIndex = start;
  }
  return matches;
}
