// The email-command grammar: what a guardian may write in the subject or the first line of a mail
// to the child's own address. Pure; the words are data (command-words.json).
import { z } from 'zod';
import { keptAddress } from '../mail/mail-address';
import { LANGUAGES, type Language } from '../render/language';
import wordsJson from './command-words.json';
import { wordsOf } from './reply-grammar';

const wordsSchema = z.object({
  help: z.array(z.string()),
  summary: z.array(z.string()),
  export: z.array(z.string()),
  pause: z.array(z.string()),
  resume: z.array(z.string()),
  deleteAll: z.array(z.string()),
  allow: z.array(z.string()),
  remove: z.array(z.string()),
  state: z.array(z.string()),
  newCalendarLink: z.array(z.string()),
  language: z.array(z.string()),
  languageNames: z.record(z.string(), z.enum(LANGUAGES)),
  letters: z.array(z.string()),
  replyPrefixes: z.array(z.string()),
});

export const COMMAND_WORDS = wordsSchema.parse(wordsJson);

export type EmailCommand =
  | { kind: 'help' }
  | { kind: 'summary' }
  | { kind: 'export' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'delete-all' }
  | { kind: 'confirm-delete'; code: string }
  | { kind: 'allow'; address: string }
  | { kind: 'remove'; address: string }
  | { kind: 'state'; state: string }
  | { kind: 'new-calendar-link' }
  | { kind: 'language'; language: Language }
  | { kind: 'letters'; language: Language };

const CODE_CHARS = /^[a-z2-7]{4}$/;

/** A deletion code as written in our mail: `erase-abcd-efgh`. */
export function formatDeletionCode(code: string): string {
  return `erase-${code.slice(0, 4)}-${code.slice(4, 8)}`;
}

/** Drops `Re:`, `Fwd:`, `AW:` ... prefixes from a subject. */
export function withoutReplyPrefixes(subject: string): string {
  let value = subject.trim();
  for (let i = 0; i < 5; i++) {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon > 6) break;
    const prefix = value
      .slice(0, colon)
      .trim()
      .toLowerCase()
      .replace(/\[\d+\]$/, '');
    if (!COMMAND_WORDS.replyPrefixes.includes(prefix)) break;
    value = value.slice(colon + 1).trim();
  }
  return value;
}

/** The one command a line states, or null. `allow`/`remove` need an address after them. */
export function parseCommandLine(line: string): EmailCommand | null {
  const text = Array.from(withoutReplyPrefixes(line)).slice(0, 300).join('');
  const spaced = text.trim().split(/\s+/).filter(Boolean);
  const words = wordsOf(text);
  if (words.length === 0 || words.length > 8) return null;
  const whole = words.join(' ');
  const is = (list: string[]) => list.includes(whole);
  if (is(COMMAND_WORDS.help)) return { kind: 'help' };
  if (is(COMMAND_WORDS.summary)) return { kind: 'summary' };
  if (is(COMMAND_WORDS.export)) return { kind: 'export' };
  if (is(COMMAND_WORDS.pause)) return { kind: 'pause' };
  if (is(COMMAND_WORDS.resume)) return { kind: 'resume' };
  if (is(COMMAND_WORDS.deleteAll)) return { kind: 'delete-all' };
  if (is(COMMAND_WORDS.newCalendarLink)) return { kind: 'new-calendar-link' };

  // `erase-abcd-efgh`, optionally after `confirm` or `delete`.
  const codeStart = words.indexOf('erase');
  if (codeStart !== -1 && codeStart <= 2 && words.length === codeStart + 3) {
    const [a, b] = [words[codeStart + 1] as string, words[codeStart + 2] as string];
    if (CODE_CHARS.test(a) && CODE_CHARS.test(b)) return { kind: 'confirm-delete', code: `${a}${b}` };
  }

  // `state CA`, `state: ny`
  if (words.length === 2 && COMMAND_WORDS.state.includes(words[0] as string)) {
    const state = words[1] as string;
    if (/^[a-z]{2}$/.test(state)) return { kind: 'state', state: state.toUpperCase() };
  }

  // `idioma español`, `language english`
  if (words.length === 2 && COMMAND_WORDS.language.includes(words[0] as string)) {
    const language = COMMAND_WORDS.languageNames[words[1] as string];
    if (language !== undefined && Object.hasOwn(COMMAND_WORDS.languageNames, words[1] as string)) {
      return { kind: 'language', language };
    }
  }

  // `cartas en español`, `letters in english`: the language of the letters to the school. A code
  // (`en`, `es`) is no name here: `cartas en` is half a sentence, not "letters in English".
  const lastWord = words[words.length - 1] as string;
  if (
    words.length >= 2 &&
    Object.hasOwn(COMMAND_WORDS.languageNames, lastWord) &&
    COMMAND_WORDS.languageNames[lastWord] !== lastWord
  ) {
    const language = COMMAND_WORDS.languageNames[lastWord];
    if (language !== undefined && COMMAND_WORDS.letters.includes(words.slice(0, -1).join(' '))) {
      return { kind: 'letters', language };
    }
  }

  // `allow NAME@school.org`, `remove <NAME@school.org>`, `allow "x y"@school.org` (a quoted local
  // part may hold spaces, so the address then runs from its opening quote to the end of the line).
  const quote = text.indexOf('"');
  const [verbText, addressText] =
    quote > 0 && text.slice(quote).includes('@')
      ? [text.slice(0, quote), text.slice(quote).trim()]
      : [spaced.slice(0, -1).join(' '), spaced.length >= 2 ? (spaced[spaced.length - 1] as string) : ''];
  const address = addressText.replace(/^[<([']+|[>)\]'.,;]+$/g, '').replace(/^"([^"@]*@[^"]*)"$/, '$1');
  if (address.includes('@')) {
    const verb = wordsOf(verbText).join(' ');
    const kept = keptAddress(address);
    if (kept !== null) {
      if (COMMAND_WORDS.allow.includes(verb)) return { kind: 'allow', address: kept };
      if (COMMAND_WORDS.remove.includes(verb)) return { kind: 'remove', address: kept };
    }
  }
  return null;
}

/** The command of a mail: its subject, else the first non-blank line of the author's text. */
export function parseEmailCommand(subject: string, text: string): EmailCommand | null {
  const fromSubject = parseCommandLine(subject);
  if (fromSubject) return fromSubject;
  for (const line of text.split(/\r?\n/).slice(0, 20)) {
    if (line.trim() === '') continue;
    return parseCommandLine(line);
  }
  return null;
}
