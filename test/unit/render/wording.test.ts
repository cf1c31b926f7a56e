import { describe, expect, it } from 'vitest';
import { wordingFor } from '../../../shared/render/wording';
import en from '../../../shared/render/wording/en.json';
import es from '../../../shared/render/wording/es.json';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the wording catalogs', () => {
  it.each(Object.keys(en.text))('"%s" has a Spanish entry with the same placeholders', (key) => {
    const spanish = (es.text as Record<string, string>)[key];
    expect(spanish, `wording/es.json has no "${key}"`).toBeTypeOf('string');
    expect(spanish?.trim()).not.toBe('');
    expect(placeholders(spanish ?? '')).toEqual(placeholders((en.text as Record<string, string>)[key] ?? ''));
  });

  it('has no Spanish key that English lacks', () => {
    expect(Object.keys(es.text).filter((key) => !Object.hasOwn(en.text, key))).toEqual([]);
    expect(Object.keys(es.examples).sort()).toEqual(Object.keys(en.examples).sort());
  });

  it.each(Object.keys(en.examples))('the "%s" examples exist in both, as many in each', (key) => {
    const name = key as keyof typeof en.examples;
    expect(es.examples[name]).toHaveLength(en.examples[name].length);
  });

  it('fills placeholders and counts as each language does', () => {
    const say = wordingFor('es');
    expect(say('answer.headline.recorded.one', { name: 'Sofía', count: 1 })).toBe('Guardado para Sofía: 1 cosa');
    expect(say.plural('answer.headline.recorded', 3, { name: 'Sofía' })).toBe('Guardado para Sofía: 3 cosas');
    expect(wordingFor('en').plural('answer.headline.recorded', 1, { name: 'Maya' })).toBe('Recorded for Maya: 1 item');
    expect(() => say('help.subject')).toThrow('{name}');
  });
});
