// The marks that open a list item in mail as people type it: bullets (•, -, *, en and em dashes,
// arrows, circles), numbered or lettered items, and an emoji leading a line ("🧠 Counseling ✅",
// "🍎 Lunch: ...") as weekly notes to families set out their items (never a check or cross mark:
// those say whether the item was held). One definition for every rule that splits text into lines
// that stand alone.

/** The bullet glyphs, as a character class body (no brackets). */
export const BULLET_GLYPHS = '•\\-*·▪◦‣–—○►➢';

/** A line that opens with a bullet, an item number ("1.", "2)", "a)") or an emoji (with its variation selector). */
export const LIST_ITEM = new RegExp(
  `^\\s*(?:[${BULLET_GLYPHS}]|\\d{1,2}[.)]|[a-z][.)]|(?![✅❌✔✖☑❎])\\p{Extended_Pictographic}\\uFE0F?)\\s+`,
  'u',
);

/** A bullet glyph (without item numbers), optionally opening a line. */
export const BULLET_PREFIX = `(?:[${BULLET_GLYPHS}]\\s*)?`;
