import { describe, expect, it } from 'vitest';
import { calendarStates, FEDERAL_CALENDAR, holidaysOfYear } from '../../../shared/calendar/holidays';
import { trackDeadlines } from '../../../shared/deadlines/track-deadlines';
import { asDeadlineItems } from '../../../shared/digest/digest-input';
import { computeDigest } from '../../../shared/digest/digest-model';
import { renderDigestEmail } from '../../../shared/render/digest-email';
import { holidayKey } from '../../../shared/render/digest-wording';
import { wordingFor } from '../../../shared/render/wording';
import en from '../../../shared/render/wording/en.json';
import { input, speechTwiceWeekly } from '../compliance/records';
import { realisticDigestInput } from './digest-fixture';

const SPANISH = wordingFor('es');
const ENGLISH = wordingFor('en');

describe('the digest for a family that reads Spanish', () => {
  const digest = computeDigest(realisticDigestInput());
  const email = renderDigestEmail(digest, { calendarUrl: 'https://cal.example.org/calendar/abc.ics' }, SPANISH);

  it('has a Spanish subject with the headline, and says it is in Spanish', () => {
    expect(email.language).toBe('es');
    expect(email.subject).toBe(
      'Servicios de Maya, semana del 16 nov: 5 cosas que revisar (se le deben 60 min de terapia de habla y lenguaje)',
    );
    expect(email.html).toContain('<html lang="es">');
  });

  it('gives every section, flag, figure and entry in Spanish, in both parts', () => {
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Semana del 16–20 nov · al 20 de noviembre de 2026');
      expect(part).toContain(
        'Se le deben 60 min de terapia de habla y lenguaje: se perdieron 90 min porque quien da el servicio faltó o no estaba disponible (6 oct, 8 oct y 19 nov), y desde entonces se repusieron 30 min.',
      );
      expect(part).toContain('Almuerzo en un entorno separado el 2 nov; recreo en un entorno separado el 12 nov.');
      expect(part).toContain('Sin asistente individual (1:1) 2 días en las últimas cuatro semanas: 4 nov y 18 nov.');
      expect(part).toContain('Esta semana (16–20 nov)');
      expect(part).toContain('. Se le deben 30 min');
      expect(part).toContain('12 nov: recreo en un entorno separado');
      expect(part).toContain('Pedir los registros de servicios');
    }
    expect(email.text).toContain(
      '  Esta semana (16–20 nov): le correspondían 60 min: 30 min dados, 30 min perdidos por parte de la escuela (faltó quien da el servicio). Se le deben 30 min.',
    );
    expect(email.text).toContain('LO QUE NECESITA ATENCIÓN');
    expect(email.html).toContain('Abrir este correo');
  });

  it('leaves no sentence of the English digest in it', () => {
    const english = renderDigestEmail(digest, { calendarUrl: 'https://cal.example.org/calendar/abc.ics' }, ENGLISH);
    const sentences = Object.entries(en.text)
      .filter(([key]) => key.startsWith('digest.'))
      .map(([, text]) => text.split('{')[0]!.trim())
      .filter((start) => start.length >= 12 && english.text.includes(start));
    expect(sentences.length).toBeGreaterThan(20);
    // The letters to the school stay in English, the school's language.
    const ownWords = digest.drafts.reduce((text, d) => text.replace(d.body, '').replace(d.subject, ''), email.text);
    for (const start of sentences) expect(ownWords, start).not.toContain(start);
  });

  it('keeps the letters in English, with each one in Spanish beside it, and says so', () => {
    const model = computeDigest(realisticDigestInput(), 'es');
    const english = computeDigest(realisticDigestInput());

    const { text, html } = renderDigestEmail(model, {}, SPANISH);

    expect(model.drafts.map((d) => [d.purpose, d.subject, d.body])).toEqual(
      english.drafts.map((d) => [d.purpose, d.subject, d.body]),
    );
    expect(english.drafts.every((d) => d.reading === undefined)).toBe(true);
    const missed = model.drafts.find((d) => d.purpose === 'missed-sessions');
    expect(missed?.body).toContain("I'm writing about Maya's speech-language therapy.");
    expect(missed?.reading?.subject).toBe(
      'Sesiones de terapia de habla y lenguaje perdidas de Maya y tiempo compensatorio',
    );
    expect(missed?.reading?.body).toContain(
      'Los días 6 oct, 8 oct y 19 nov no hubo sesión porque quien da el servicio faltó o no estaba disponible.',
    );
    expect(missed?.reading?.body).toContain('a Maya se le deben 60 minutos de terapia de habla y lenguaje');
    for (const part of [text, html.replaceAll('&quot;', '"')]) {
      expect(part).toContain(
        'Los correos están en inglés, el idioma de la escuela. Debajo de cada uno está lo que dice en español, para que usted lo lea. Si prefiere enviarlos en español, envíe "cartas en español".',
      );
      expect(part).toContain('Lo que dice este correo:');
      expect(part).toContain('Padre o madre de Maya');
    }
    // The mailto: link opens the English letter, the one to send.
    expect(html).toContain(encodeURIComponent('did not happen because the provider was out or unavailable'));
    expect(html).not.toContain(encodeURIComponent('no hubo sesión'));
  });

  it('writes the letters in Spanish when the family chose Spanish letters, and says how to go back', () => {
    const model = computeDigest(realisticDigestInput(), 'es', 'es');

    const { text, html } = renderDigestEmail(model, {}, SPANISH);

    const missed = model.drafts.find((d) => d.purpose === 'missed-sessions');
    expect(model.drafts.every((d) => d.language === 'es' && d.reading === undefined)).toBe(true);
    expect(missed?.subject).toBe('Sesiones de terapia de habla y lenguaje perdidas de Maya y tiempo compensatorio');
    for (const part of [text, html.replaceAll('&quot;', '"')]) {
      expect(part).toContain(
        'Los correos están en español, como usted pidió. Si prefiere enviarlos en inglés, envíe "cartas en inglés".',
      );
      expect(part).not.toContain('Lo que dice este correo:');
      expect(part).not.toContain("I'm writing about Maya");
    }
    // The mailto: link opens the Spanish letter, the one to send.
    expect(html).toContain(encodeURIComponent('no hubo sesión porque quien da el servicio faltó'));
  });

  it('gives an English-reading family that chose Spanish letters the English beside each one', () => {
    const model = computeDigest(realisticDigestInput(), 'en', 'es');

    const { text } = renderDigestEmail(model, {}, ENGLISH);

    const missed = model.drafts.find((d) => d.purpose === 'missed-sessions');
    expect(missed?.language).toBe('es');
    expect(missed?.reading?.body).toContain("I'm writing about Maya's speech-language therapy.");
    expect(text).toContain(
      'The emails are in Spanish, as you asked. Under each one is what it says in English, for you to read. To send them in English instead, send "letters in english".',
    );
  });

  it('says nothing about the letters to a family that reads and sends English', () => {
    const { text, html } = renderDigestEmail(computeDigest(realisticDigestInput()), {}, ENGLISH);

    for (const part of [text, html]) expect(part).not.toMatch(/The emails are in|What this email says/);
  });

  it('explains each deadline rule in Spanish, citation unchanged', () => {
    const deadlines = asDeadlineItems(
      trackDeadlines({
        dates: [{ type: 'meeting-request', date: '2026-12-01', end: null }],
        state: 'CA',
        asOf: '2026-12-04',
      }),
    );
    const withRule = computeDigest(input({ asOf: '2026-12-04', requirements: [speechTwiceWeekly()], deadlines }));

    const { text } = renderDigestEmail(withRule, {}, SPANISH);

    expect(text).toContain(
      '16 de enero de 2027 (fecha estimada): Reunión del PEI que usted pidió, contando desde el 1 dic',
    );
    expect(text).toContain('(Cal. Ed. Code 56343.5)');
    expect(text).toContain('Esta fecha puede cambiar');
    expect(text).not.toContain('May move');
  });

  it('asks for the services page in Spanish when none is on file', () => {
    const { subject, text } = renderDigestEmail(computeDigest(input({ requirements: [] })), {}, SPANISH);

    expect(subject).toBe('Servicios de Maya, semana del 16 nov: todavía no tenemos los servicios del PEI');
    expect(text).toContain('Todavía no tenemos los servicios del PEI de Maya');
  });
});

describe('the days a Spanish digest does not count', () => {
  it('names the holidays and the break not recorded in Spanish, in both parts', () => {
    // Prepare: California, the year estimated, nothing recorded about winter break (Dec 21 - Jan 1)
    const digest = computeDigest(
      input({ asOf: '2027-01-08', state: 'CA', schoolYear: null, requirements: [speechTwiceWeekly()] }),
    );

    // Act
    const { text, html } = renderDigestEmail(digest, {}, SPANISH);

    // Assess
    for (const part of [text, html]) {
      expect(part).toContain('No se cuentan como días con servicios');
      expect(part).toContain('25 sept (Día de los Nativos Americanos: depende de cada escuela)');
      expect(part).toContain('12 oct (Día de Colón (Columbus Day): depende de cada escuela)');
      expect(part).toContain('(todavía no tenemos las fechas de las vacaciones de invierno)');
      expect(part).not.toMatch(/schools differ|not recorded|Native American Day/);
    }
  });

  it('has a Spanish name for every holiday the calendars know, and every typical break', () => {
    const years = [2025, 2026, 2027, 2028];
    const names = new Set<string>();
    for (const state of [null, ...calendarStates()]) {
      for (const year of years) for (const holiday of holidaysOfYear(year, state)) names.add(holiday.name);
    }

    const missing = [...names].filter((name) => !SPANISH.has(holidayKey(name)) || !ENGLISH.has(holidayKey(name)));
    const breaks = FEDERAL_CALENDAR.typicalBreaks.filter(
      (b) => !SPANISH.has(`digest.break.${b.name.toLowerCase().replace(/\s+/g, '-')}`),
    );

    expect(names.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
    expect(breaks).toEqual([]);
    // English keeps the name as the calendars spell it.
    for (const name of names) if (name !== "Veterans' Day") expect(ENGLISH(holidayKey(name) as never)).toBe(name);
  });
});
