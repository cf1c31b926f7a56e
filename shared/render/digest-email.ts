// The weekly digest email: subject line with the headline, a phone-first HTML part and a complete
// plain-text part, from a computed DigestModel.

import type { DigestModel } from '../compliance/digest-types';
import { renderDigestHtml } from './digest-html';
import { renderDigestText } from './digest-text';
import { type DigestEmailOptions, digestSubject } from './digest-wording';

export type { DigestEmailOptions } from './digest-wording';

export interface DigestEmail {
  /** One line, no CR/LF: "Maya · week of Nov 16: speech 30 of 60 min, 30 min owed". */
  subject: string;
  text: string;
  html: string;
}

export function renderDigestEmail(model: DigestModel, opts: DigestEmailOptions = {}): DigestEmail {
  return {
    subject: digestSubject(model),
    text: renderDigestText(model, opts),
    html: renderDigestHtml(model, opts),
  };
}
