// The languages a family can get its mail in: every message to its guardians is written in one.
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language a family reads its mail in (English for families from before it was asked). */
export function languageOf(child: { language?: Language }): Language {
  return child.language ?? 'en';
}
