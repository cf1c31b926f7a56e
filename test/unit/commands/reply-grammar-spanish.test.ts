import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../shared/commands/email-commands';
import { parseReply, parseReplyLine } from '../../../shared/commands/reply-grammar';

// Spanish is understood whatever the family's language, with or without accents.
describe('Spanish replies', () => {
  it.each(['ok', 'sí', 'Si', 'correcto', 'Correcto.', 'todo bien', 'está bien', 'esta bien'])(
    '"%s" confirms every entry',
    (line) => {
      expect(parseReplyLine(line)).toEqual({ kind: 'confirm-all' });
    },
  );

  it.each([
    ['1 ausente', 1, 'student-absent'],
    ['1 el alumno faltó', 1, 'student-absent'],
    ['1 el alumno falto', 1, 'student-absent'],
    ['1 la alumna faltó', 1, 'student-absent'],
    ['2 terapeuta ausente', 2, 'provider-absent'],
    ['2 la terapeuta faltó', 2, 'provider-absent'],
    ['3 no hubo clases', 3, 'school-closure'],
    ['3 día festivo', 3, 'school-closure'],
  ] as const)('"%s" marks the entry missed with a reason', (line, n, reason) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'correct', n, corrections: [{ field: 'missed', reason }] });
  });

  it.each([
    ['agregar 2 de noviembre remisión', { month: 11, day: 2, year: null }],
    ['añadir 11/2 solicitud de evaluación', { month: 11, day: 2, year: null }],
    ['Agregar remisión el 2 de noviembre de 2026', { month: 11, day: 2, year: 2026 }],
  ] as const)('"%s" records the day a referral for evaluation reached the school', (line, date) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'add-date', type: 'referral', date });
  });

  it('"2 no se dio" marks entry 2 missed without a reason', () => {
    expect(parseReplyLine('2 no se dio')).toEqual({
      kind: 'correct',
      n: 2,
      corrections: [{ field: 'missed', reason: null }],
    });
  });

  it.each(['borrar 3', 'Borrar #3', 'eliminar 3', '3 incorrecto', '3 está mal'])('"%s" removes entry 3', (line) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'remove', n: 3 });
  });

  it.each(['1 20 min', '1 20 minutos', '1 fue de 20 minutos', '1 duró 20 min'])('"%s" corrects the minutes', (line) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'correct', n: 1, corrections: [{ field: 'minutes', minutes: 20 }] });
  });

  it.each([
    ['1 en grupo', { field: 'delivery', delivery: 'group' }],
    ['1 grupo pequeño', { field: 'delivery', delivery: 'group' }],
    ['1 individual', { field: 'delivery', delivery: 'individual' }],
    ['1 fuera del salón', { field: 'location', location: 'separate' }],
    ['1 fuera del salon', { field: 'location', location: 'separate' }],
    ['1 en el salón', { field: 'location', location: 'general-education' }],
  ])('"%s" corrects delivery or location', (line, correction) => {
    expect(parseReplyLine(line)).toEqual({ kind: 'correct', n: 1, corrections: [correction] });
  });

  it.each(['1 5 de noviembre', '1 el 5 de nov', '1 fecha 11/5', '1 noviembre 5'])('"%s" corrects the date', (line) => {
    expect(parseReplyLine(line)).toEqual({
      kind: 'correct',
      n: 1,
      corrections: [{ field: 'date', date: { month: 11, day: 5, year: null } }],
    });
  });

  it('a Spanish date keeps its year', () => {
    expect(parseReplyLine('1 5 de noviembre de 2025')).toEqual({
      kind: 'correct',
      n: 1,
      corrections: [{ field: 'date', date: { month: 11, day: 5, year: 2025 } }],
    });
  });

  it('"2 sí" confirms one entry and "permitir" allows a held sender', () => {
    expect(parseReplyLine('2 sí')).toEqual({ kind: 'confirm', n: 2 });
    expect(parseReplyLine('Permitir')).toEqual({ kind: 'allow' });
  });

  it('skips a Spanish greeting and stops at the sign-off', () => {
    const parsed = parseReply('Hola,\n\n1 ausente\nborrar 3\n\nMuchas gracias\nMaría\n2 sí');
    expect(parsed.lines.map((l) => [l.text, l.action?.kind ?? null])).toEqual([
      ['1 ausente', 'correct'],
      ['borrar 3', 'remove'],
    ]);
  });

  it.each(['2 azul', 'quizás', 'la segunda estaba mal creo'])('"%s" is not in the grammar', (line) => {
    expect(parseReplyLine(line)).toBeNull();
  });
});

describe('Spanish email commands', () => {
  it.each([
    ['ayuda', { kind: 'help' }],
    ['Ayuda', { kind: 'help' }],
    ['resumen', { kind: 'summary' }],
    ['exportar', { kind: 'export' }],
    ['pausa', { kind: 'pause' }],
    ['reanudar', { kind: 'resume' }],
    ['borrar todos los datos', { kind: 'delete-all' }],
    ['RV: ayuda', { kind: 'help' }],
    ['estado TX', { kind: 'state', state: 'TX' }],
    ['nuevo enlace de calendario', { kind: 'new-calendar-link' }],
    ['permitir correo@escuela.org', { kind: 'allow', address: 'correo@escuela.org' }],
    ['quitar <correo@escuela.org>', { kind: 'remove', address: 'correo@escuela.org' }],
  ])('"%s" is a command', (line, command) => {
    expect(parseCommandLine(line)).toEqual(command);
  });

  it.each(['permitir', 'borrar todos', 'por favor ayúdeme con la reunión del PEI'])('"%s" is not a command', (line) => {
    expect(parseCommandLine(line)).toBeNull();
  });
});

describe('the language command', () => {
  it.each([
    ['idioma español', 'es'],
    ['Idioma espanol', 'es'],
    ['language spanish', 'es'],
    ['language english', 'en'],
    ['idioma inglés', 'en'],
  ] as const)('"%s" switches the language', (line, language) => {
    expect(parseCommandLine(line)).toEqual({ kind: 'language', language });
  });

  it.each(['idioma francés', 'language', 'idioma'])('"%s" is not a command', (line) => {
    expect(parseCommandLine(line)).toBeNull();
  });
});

describe('the letters command', () => {
  it.each([
    ['cartas en español', 'es'],
    ['Cartas en espanol', 'es'],
    ['cartas en inglés', 'en'],
    ['correos a la escuela en español', 'es'],
    ['letters in spanish', 'es'],
    ['Re: letters english', 'en'],
  ] as const)('"%s" chooses the language of the letters to the school', (line, language) => {
    expect(parseCommandLine(line)).toEqual({ kind: 'letters', language });
  });

  it.each(['cartas en francés', 'cartas', 'cartas en', 'mis cartas en español'])('"%s" is not a command', (line) => {
    expect(parseCommandLine(line)).toBeNull();
  });
});
