// The languages a family can get its mail in: every message to its guardians is written in one.
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language letters to the school are written in unless the family chose another. */
export const SCHOOL_LANGUAGE: Language = 'en';

/** The language a family reads its mail in (English for families from before it was asked). */
export function languageOf(child: { language?: Language }): Language {
  return child.language ?? 'en';
}

/** The language of the letters a family sends to the school: the school's unless the family chose. */
export function letterLanguageOf(child: { letterLanguage?: Language }): Language {
  return child.letterLanguage ?? SCHOOL_LANGUAGE;
}
