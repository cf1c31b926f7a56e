// A reading problem in the reader's language: keyed problems from the catalogs, the rest as written.
import type { ReadingProblem } from '../extract/reading-problem';
import { type Wording, wordingFor } from './wording';

export function problemWords(problem: ReadingProblem, say: Wording): string {
  if (typeof problem === 'string') return problem;
  switch (problem.key) {
    case 'pdfUnopened':
    case 'xlsxUnopened':
    case 'docxUnopened':
      return say(`problem.${problem.key}`, { file: problem.file, why: say(`problem.why.${problem.why}`) });
    case 'attachmentFake':
      return say(`problem.attachmentFake.${problem.kind}`, { file: problem.file });
    default: {
      const { key, ...values } = problem;
      return say(`problem.${key}`, values);
    }
  }
}

const english = wordingFor('en');

/** The problem as the command line and the logs of what was not read show it. */
export function problemInEnglish(problem: ReadingProblem): string {
  return problemWords(problem, english);
}
