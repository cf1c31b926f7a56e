// The marks that open a list item in mail as people type it: bullets (•, -, *, en and em dashes,
// arrows, circles) and numbered or lettered items. One definition for every rule that splits text
// into lines that stand alone.

/** The bullet glyphs, as a character class body (no brackets). */
export const BULLET_GLYPHS = '•\\-*·▪◦‣–—○►➢';

/** A line that opens with a bullet or an item number ("1.", "2)", "a)"). */
export const LIST_ITEM = new RegExp(`^\\s*(?:[${BULLET_GLYPHS}]|\\d{1,2}[.)]|[a-z][.)])\\s+`, 'u');

/** A bullet glyph (without item numbers), optionally opening a line. */
export const BULLET_PREFIX = `(?:[${BULLET_GLYPHS}]\\s*)?`;
