import { normaliseText } from '../../shared/extract/normalise/normalise-text';
import { messageFacts, sessionsFromText } from '../../shared/extract/sessions-from-text';
import type { Session } from '../../shared/records/types';

/** Sessions read from one author's text as the reader sees it (shorthand and Spanish normalised), sent on `sentOn`, without provenance. */
export function readSessions(written: string, sentOn: string, subject = ''): Session[] {
  const text = normaliseText(written);
  const facts = messageFacts(normaliseText(subject), text, text);
  return sessionsFromText({ part: 'body', kind: 'author', text, anchor: sentOn }, facts).map(
    ({ source: _s, ...s }) => s,
  );
}
