// Every word we write to guardians, one catalog per language (wording/en.json, wording/es.json):
// renderers ask for a key and fill its `{placeholders}`; they never build sentences themselves.
import type { Language } from './language';
import en from './wording/en.json';
import es from './wording/es.json';

type Catalog = typeof en;
export type WordingKey = keyof Catalog['text'];
export type ExampleRows = ReadonlyArray<readonly [string, string]>;
export type ExamplesKey = keyof Catalog['examples'];

// Typed against the English catalog: a Spanish key missing is a type error as well as a test failure.
const CATALOGS: Record<Language, Catalog> = { en, es };

export interface Wording {
  language: Language;
  /** The sentence for `key` with its `{placeholders}` filled. */
  (key: WordingKey, values?: Record<string, string | number>): string;
  /** `key.one` or `key.other` as the language counts `count` (`{count}` is filled too). */
  plural(key: string, count: number, values?: Record<string, string | number>): string;
  /** Example lines and their meanings (what to reply, what to send). */
  examples(key: ExamplesKey): ExampleRows;
  /** Whether the catalog has `key` (for names from data, such as a break's, that may have no entry). */
  has(key: string): boolean;
}

/** `template` with its `{placeholders}` filled from `values` (a missing value is an error, never a blank). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`wording: no value for {${name}}`);
    return String(value);
  });
}

export function wordingFor(language: Language): Wording {
  const catalog = CATALOGS[language];
  const text = catalog.text as Record<string, string>;
  const say = ((key: WordingKey, values: Record<string, string | number> = {}) =>
    fill(catalog.text[key], values)) as Wording;
  say.language = language;
  say.plural = (key, count, values = {}) => {
    const form = new Intl.PluralRules(language).select(count);
    const template = text[`${key}.${form}`] ?? text[`${key}.other`];
    if (template === undefined) throw new Error(`wording: no ${key}.other`);
    return fill(template, { count, ...values });
  };
  say.examples = (key) => catalog.examples[key] as unknown as ExampleRows;
  say.has = (key) => Object.hasOwn(text, key);
  return say;
}
