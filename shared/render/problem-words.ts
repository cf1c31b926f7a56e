// A reading problem in the reader's language, from the catalogs (wording/*.json, `problem.<key>`).
import { type ReadingProblem, UNNAMED_FILE } from '../extract/reading-problem';
import { unnamedFileOf } from '../mail/unnamed-attachment';
import { type Wording, type WordingKey, wordingFor } from './wording';

/** "2nd", "2.º": the number as the reader's language counts places. */
function ordinal(count: number, say: Wording): string {
  const key = `file.ordinal.${new Intl.PluralRules(say.language, { type: 'ordinal' }).select(count)}`;
  return say(say.has(key) ? (key as WordingKey) : 'file.ordinal.other', { count });
}

/**
 * A file's name as the answer shows it, after the kind of file ("the PDF {file}"): one that came
 * without a name is said so in the reader's words, with its place among the attachments.
 */
export function fileWords(file: string, say: Wording): string {
  if (file === UNNAMED_FILE) return say('problem.unnamedFile');
  const unnamed = unnamedFileOf(file);
  return unnamed ? say('file.unnamed', { ordinal: ordinal(unnamed.position, say) }) : file;
}

/** Where in a message something was, for an attachment: its name, or what it is and its place. */
export function attachmentWhere(file: string, say: Wording): string {
  const unnamed = unnamedFileOf(file);
  if (!unnamed) return say('answer.where.part', { part: fileWords(file, say) });
  return say('answer.where.unnamed', { kind: say(`file.kind.${unnamed.kind}`), file: fileWords(file, say) });
}

export function problemWords(problem: ReadingProblem, say: Wording): string {
  switch (problem.key) {
    case 'pdfUnopened':
    case 'xlsxUnopened':
    case 'docxUnopened':
      return say(`problem.${problem.key}`, {
        file: fileWords(problem.file, say),
        why: say(`problem.why.${problem.why}`),
      });
    case 'attachmentFake':
      return say(`problem.attachmentFake.${problem.kind}`, { file: fileWords(problem.file, say) });
    case 'partUnread':
      return say(`problem.partUnread.${problem.part}`);
    default: {
      const { key, ...values } = problem;
      return say(`problem.${key}`, 'file' in values ? { ...values, file: fileWords(values.file, say) } : values);
    }
  }
}

const english = wordingFor('en');

/** The problem as the command line and the logs of what was not read show it. */
export function problemInEnglish(problem: ReadingProblem): string {
  return problemWords(problem, english);
}
