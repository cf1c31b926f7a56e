// A reading problem in the reader's language, from the catalogs (wording/*.json, `problem.<key>`).
import { type ReadingProblem, UNNAMED_FILE } from '../extract/reading-problem';
import { type Wording, wordingFor } from './wording';

/** A file's name as the answer shows it: one that came without a name is said so in the reader's words. */
export function fileWords(file: string, say: Wording): string {
  return file === UNNAMED_FILE ? say('problem.unnamedFile') : file;
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
