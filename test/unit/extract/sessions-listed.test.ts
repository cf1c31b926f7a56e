// Two sessions of one service on one day told in one sentence, and an absence over several days
// followed by the sentence that says which sessions it cost.
import { describe, expect, it } from 'vitest';
import { findSessions } from '../../../shared/extract/find-sessions';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import { bodyContext } from '../../support/body-context';

function read(written: string, sentOn: string) {
  return findSessions(bodyContext(normaliseText(written), sentOn)).map(({ source: _s, ...s }) => s);
}

describe('sessions listed in one sentence', () => {
  it('"fluidez individual (20 minutos) y lenguaje en grupo (25 minutos)" on one day is two sessions', () => {
    // Prepare
    const text =
      'Hola:\n\nEl miércoles 10 de febrero Ana tuvo sus dos sesiones de terapia del habla en el salón de terapia: fluidez individual (20 minutos) y lenguaje en grupo (25 minutos).\n\nSaludos';
    // Act
    const sessions = read(text, '2027-02-12');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2027-02-10',
        service: 'speech-language',
        minutes: 20,
        delivery: 'individual',
        location: 'separate',
        status: 'delivered',
      }),
      expect.objectContaining({
        date: '2027-02-10',
        service: 'speech-language',
        minutes: 25,
        delivery: 'group',
        location: 'separate',
        status: 'delivered',
      }),
    ]);
  });

  it('minutes told twice without a service or grouping of their own stay one session', () => {
    const text = 'On Monday 2/8 she had OT in the therapy room: 30 minutes were scheduled, 25 minutes were held.';
    const sessions = read(text, '2027-02-12');
    expect(sessions).toHaveLength(1);
  });

  it("a second piece naming its own day is another day's line run on, not a second session", () => {
    const text = 'Mon 2/8 - speech 9:00-9:30 held, reading group 10:00-10:40 held Wed 2/10 no reading group.';
    const sessions = read(text, '2027-02-12');
    expect(sessions.filter((s) => s.date === '2027-02-10')).toHaveLength(1);
  });
});

describe('an absence and the sessions it cost', () => {
  it('"estuvo enferma el lunes 8 y el martes 9 ... Por eso no tuvo su sesión del martes 9": only Tuesday is missed', () => {
    // Prepare
    const text =
      'La terapeuta ocupacional estuvo enferma el lunes 8 y el martes 9 de febrero y no hubo sustituto. Por eso Ana no tuvo su sesión de terapia ocupacional del martes 9 (30 minutos).';
    // Act
    const sessions = read(text, '2027-02-12');
    // Assess
    expect(sessions.map((s) => [s.date, s.service, s.status, s.reason])).toEqual([
      ['2027-02-09', 'occupational-therapy', 'missed', 'provider-absent'],
    ]);
  });

  it('without a sentence telling which sessions it cost, every day of the absence is a miss', () => {
    const text = 'The occupational therapist was sick Monday 2/8 and Tuesday 2/9 and there was no substitute.';
    const sessions = read(text, '2027-02-12');
    expect(sessions.map((s) => s.date)).toEqual(['2027-02-08', '2027-02-09']);
  });
});
