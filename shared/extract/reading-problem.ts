// What could not be read in a message, as a key and its values: the answer words it in the
// family's language (wording/*.json, `problem.<key>`), the command line in English. Every problem
// is keyed: a new one without wording in each catalog fails the typecheck (problem-words.ts).
import type { MailProblem } from '../mail/types';

/** The name given to an attachment that came without one; the answer words it per language. */
export const UNNAMED_FILE = '(no name)';

/** The lists a message is read into; a finder that fails loses only its own. */
export type ExtractedPart = 'sessions' | 'requirements' | 'settingPercent' | 'settingEvents' | 'dates';

/** Why an attachment could not be opened. */
export type OpenFailure = 'damaged' | 'password' | 'tooLarge';

export type KeyedProblem =
  | { key: 'pdfTooLarge'; file: string; limitMb: number }
  | { key: 'pdfPages'; file: string; pages: number; limit: number }
  | { key: 'pdfNoText'; file: string }
  | { key: 'pdfSlow'; file: string }
  | { key: 'pdfUnopened'; file: string; why: OpenFailure }
  | { key: 'csvQuoting'; file: string }
  | { key: 'csvRows'; file: string; limit: number }
  | { key: 'xlsxRows'; file: string }
  | { key: 'xlsxSheets'; file: string; limit: number }
  | { key: 'xlsxUnopened'; file: string; why: OpenFailure }
  | { key: 'docxUnopened'; file: string; why: OpenFailure }
  | { key: 'attachmentEmpty'; file: string }
  | { key: 'attachmentTooLarge'; file: string }
  | { key: 'attachmentFake'; file: string; kind: 'pdf' | 'xlsx' | 'docx' }
  | { key: 'attachmentDamaged'; file: string }
  | { key: 'attachmentFailed'; file: string }
  | { key: 'attachmentOldXls'; file: string }
  | { key: 'attachmentOldDoc'; file: string }
  | { key: 'attachmentUnsupported'; file: string }
  | { key: 'messageSlow' }
  | { key: 'messageMemory' }
  | { key: 'messageUnreadable' }
  | { key: 'partUnread'; part: ExtractedPart }
  | { key: 'unreadLinesUnknown' };

/** A problem met while reading: the message's structure, an attachment, or the reading itself. */
export type ReadingProblem = KeyedProblem | MailProblem;

/** One entry per distinct problem, in first-seen order. */
export function distinctProblems(problems: readonly ReadingProblem[]): ReadingProblem[] {
  const seen = new Map<string, ReadingProblem>();
  for (const problem of problems) {
    const id = JSON.stringify(problem);
    if (!seen.has(id)) seen.set(id, problem);
  }
  return [...seen.values()];
}
