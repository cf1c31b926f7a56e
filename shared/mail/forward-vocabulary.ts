// The words mail clients write around a forwarded message, loaded from the data file and checked once.
import { z } from 'zod';
import data from './forward-vocabulary.json';

const words = z.array(z.string().min(1));

const vocabularySchema = z.object({
  forwardSubjectPrefixes: words,
  replySubjectPrefixes: words,
  separatorLines: words,
  dashedPhrases: words,
  weakDashedPhrases: words,
  sentLabels: words,
  wroteTemplates: z.array(
    z
      .string()
      .refine(
        (t) => t.includes('{date}') && t.includes('{name}') && t.includes('{address}'),
        'a template names date, name and address',
      ),
  ),
  labels: z.object({
    from: words,
    to: words,
    cc: words,
    date: words,
    subject: words,
    replyTo: words,
  }),
});

export type HeaderField = keyof z.infer<typeof vocabularySchema>['labels'];

const vocabulary = vocabularySchema.parse(data);

function lowerSet(list: string[]): Set<string> {
  return new Set(list.map((w) => w.toLowerCase()));
}

/** Label (lower-cased) → the header field it names. */
export const labelField: ReadonlyMap<string, HeaderField> = (() => {
  const map = new Map<string, HeaderField>();
  for (const [field, labels] of Object.entries(vocabulary.labels) as [HeaderField, string[]][]) {
    for (const label of labels) {
      const key = label.toLowerCase();
      if (!map.has(key)) map.set(key, field);
    }
  }
  return map;
})();

/** Labels exactly as clients spell them, longest first: for header lines run together (Yahoo). */
export const labelsCaseSensitive: ReadonlyMap<string, HeaderField> = (() => {
  const map = new Map<string, HeaderField>();
  for (const [field, labels] of Object.entries(vocabulary.labels) as [HeaderField, string[]][]) {
    for (const label of labels) if (!map.has(label)) map.set(label, field);
  }
  return map;
})();

export const longestLabel = Math.max(...[...labelField.keys()].map((k) => k.length));

export const forwardPrefixes = lowerSet(vocabulary.forwardSubjectPrefixes);
export const replyPrefixes = lowerSet(vocabulary.replySubjectPrefixes);
export const separatorLines = lowerSet(vocabulary.separatorLines);
export const dashedPhrases = lowerSet(vocabulary.dashedPhrases);
export const weakDashedPhrases = lowerSet(vocabulary.weakDashedPhrases);
export const wroteTemplates: readonly string[] = vocabulary.wroteTemplates;
/** Date labels only mail clients write ("Sent:", "Enviado:"), never a memo heading ("DATE:"). */
export const sentLabels = lowerSet(vocabulary.sentLabels);
