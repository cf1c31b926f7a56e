// The weekly digest email: subject line with the headline, a phone-first HTML part and a complete
// plain-text part, from a computed DigestModel, in the family's language.

import type { DigestModel } from '../compliance/digest-types';
import { renderDigestHtml } from './digest-html';
import { renderDigestText } from './digest-text';
import { type DigestEmailOptions, digestSubject } from './digest-wording';
import type { Language } from './language';
import { type Wording, wordingFor } from './wording';

export type { DigestEmailOptions } from './digest-wording';

export interface DigestEmail {
  /** One line, no CR/LF: "Maya · week of Nov 16: speech 30 of 60 min, 30 min owed". */
  subject: string;
  text: string;
  html: string;
  /** What it is written in: sent as `Content-Language`. */
  language: Language;
}

/** The digest in the family's language (`say`; English when not given). */
export function renderDigestEmail(
  model: DigestModel,
  opts: DigestEmailOptions = {},
  say: Wording = wordingFor('en'),
): DigestEmail {
  return {
    subject: digestSubject(model, say),
    text: renderDigestText(model, say, opts),
    html: renderDigestHtml(model, say, opts),
    language: say.language,
  };
}
