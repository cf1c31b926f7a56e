import { describe, expect, it } from 'vitest';
import {
  joinedPattern,
  normaliseCell,
  normaliseText,
  writtenInSpanish,
} from '../../../shared/extract/normalise/normalise-text';

describe('normaliseText: shorthand and Spanish into the words the rules read', () => {
  it('expands delivery, status, service and unit shorthand as whole words only', () => {
    expect(normaliseText('SW grp in the SW rm, 30 mins')).toBe('social work group in the social work room, 30 minutes');
    expect(normaliseText('Stat: NS; n/h; abs')).toBe('Stat: no show; not held; absent');
    // Capitals-only keys match only as written: "ns" and "sw" in prose are left alone; words containing a key are untouched.
    expect(normaliseText('the tabs and sw corner')).toBe('the tabs and sw corner');
  });

  it('reads Spanish with or without accents, phrases before words', () => {
    expect(normaliseText('Mateo faltó hoy')).toBe('Mateo was absent today');
    expect(normaliseText('Mateo falto hoy')).toBe('Mateo was absent today');
    expect(normaliseText('no hubo terapia del habla')).toBe('there was no speech therapy');
  });

  it('reads Spanish special-education support and log headers', () => {
    expect(normaliseText('apoyo de ESE dentro del salón')).toBe('special education support in the classroom');
    expect(normaliseCell('Min. prog.')).toBe('minutes scheduled');
    expect(normaliseCell('Min. dados')).toBe('minutes delivered');
    expect(normaliseCell('Lugar')).toBe('place');
  });

  it('turns Spanish dates in words into dates the date reader knows', () => {
    expect(normaliseText('el martes 6 de octubre').trim()).toBe('el Tuesday october 6');
    expect(normaliseText('del 23 al 27 de noviembre no hay clases').trim()).toBe('november 23-27  no school');
  });

  it('names a subject written as its emoji alone, once', () => {
    expect(normaliseText('\ud83d\udcd6 9:00-9:40 | \u2797 10:00')).toBe(
      '\ud83d\udcd6 reading 9:00-9:40 | \u2797 math 10:00',
    );
    // The word already beside the emoji is not written twice.
    expect(normaliseText('\ud83d\udcd6 Reading group, \u2797 math facts')).toBe(
      '\ud83d\udcd6 Reading group, \u2797 math facts',
    );
  });

  it('keeps every line break, so line numbers still point at the line as written', () => {
    const text = 'Lun 5 oct: no hubo consejería\n\nMié 7: habla 30 min\n';
    expect(normaliseText(text).split('\n')).toHaveLength(text.split('\n').length);
  });

  it('never joins words across a tab (a table column)', () => {
    expect(normaliseCell('gen\ted')).toBe('gen\ted');
    expect(normaliseCell('Gen Ed (push-in)')).toBe('general education (push-in)');
  });
});

describe('normaliseText: words that change meaning with the language of the text', () => {
  it('reads "mar 6" as Tuesday the 6th in Spanish text, and leaves "Mar 6" (March) in English', () => {
    expect(normaliseText('mar 6: la asistente no vino y no mandaron a nadie')).toContain('Tue 6');
    expect(normaliseText('The meeting moved to Mar 6 at the district office')).toContain('Mar 6');
  });

  it('turns day-first dates month-first only in Spanish text that shows it writes day first', () => {
    expect(normaliseText('lun 16/11 con él todo el día; mar 17/11 no vino la asistente')).toContain('11/16');
    expect(normaliseText('el 5/10 no hubo terapia y la maestra no estaba')).toContain('5/10');
    expect(normaliseText('Speech on 16/11 was held in the room')).toContain('16/11');
  });

  it('tells Spanish text from English by its common words', () => {
    expect(writtenInSpanish('No hubo terapia porque la maestra estaba enferma')).toBe(true);
    expect(writtenInSpanish('There was no therapy because the teacher was out')).toBe(false);
  });
});

describe('joinedPattern: one scan for a line that no rewriting pattern matches', () => {
  it('matches a text where any of the patterns matches, and only there', () => {
    const joined = joinedPattern(['(?<![\\p{L}])grp\\b', '\\d+ ?hrs']);
    expect(joined?.test('met in a GRP today')).toBe(true);
    expect(joined?.test('about 2 hrs long')).toBe(true);
    expect(joined?.test('a group met for two hours')).toBe(false);
  });

  it('gives no pattern where joining would change what a group reference or a group name means', () => {
    expect(joinedPattern(['(a)\\1', 'b'])).toBeNull();
    expect(joinedPattern(['(?<day>mon)', '(?<day>tue)'])).toBeNull();
    expect(joinedPattern(['(?<=on )mon', '(?<!x)tue'])).not.toBeNull();
  });
});
