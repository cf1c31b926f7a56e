// Spanish prose read through the normalising vocabulary: the same records as the English wording.
import { describe, expect, it } from 'vitest';
import { readSessions as read } from '../../support/read-sessions';

describe('Spanish prose about sessions', () => {
  it('"no pude darle su sesión" because the therapist was doing evaluations is a miss, provider-unavailable', () => {
    // Prepare
    const text =
      'Hola:\n\n- El miércoles 4 de marzo no pude darle su sesión individual de terapia ocupacional de 20 minutos porque pasé la mañana haciendo las evaluaciones de otros alumnos.\n\nSaludos';
    // Act
    const sessions = read(text, '2026-03-06');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2026-03-04',
        service: 'occupational-therapy',
        status: 'missed',
        reason: 'provider-unavailable',
        minutes: 20,
      }),
    ]);
  });

  it('days named beside a closure range are the sessions missed, not every day of the range', () => {
    const text =
      'Con el cierre de las escuelas por la tormenta (del lunes 9 de marzo al jueves 12 de marzo), Ana perdió su sesión de terapia ocupacional del martes 10 y la del jueves 12 de marzo.';
    const sessions = read(text, '2026-03-16');
    expect(sessions.map((s) => [s.date, s.status, s.reason])).toEqual([
      ['2026-03-10', 'missed', 'school-closure'],
      ['2026-03-12', 'missed', 'school-closure'],
    ]);
  });

  it('a make-up names the day it replaces after "del": only the make-up day is a session', () => {
    const text =
      'El viernes 13 de marzo hicimos la sesión de reposición de la sesión de terapia ocupacional del martes 3 de marzo: 30 minutos, en la sala de terapia.';
    const sessions = read(text, '2026-03-13');
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-03-13', status: 'makeup', minutes: 30, location: 'separate' }),
    ]);
  });

  it("an aide's day log: 1:1 where the line says so, the lunch sentence's room lending neither place nor service", () => {
    // Prepare
    const text = [
      'Buenas tardes, le cuento la semana de Ana:',
      '',
      'Lunes 2: estuve con ella 1:1 de 8:00 a 14:30. En el almuerzo se quedó en el salón de recursos.',
      'Martes 3: estuve con ella todo el día. Comió en la cafetería con sus compañeras.',
      'Miércoles 4: tuve capacitación y no hubo quien me cubriera.',
      '',
      'Rosa, paraprofesional',
      'asistente de Ana',
    ].join('\n');
    // Act
    const sessions = read(text, '2026-03-06', 'La semana de Ana con su asistente');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({
        date: '2026-03-02',
        service: 'aide',
        minutes: 390,
        delivery: 'individual',
        location: null,
      }),
      expect.objectContaining({
        date: '2026-03-03',
        service: 'aide',
        status: 'delivered',
        delivery: null,
        location: null,
      }),
      expect.objectContaining({ date: '2026-03-04', service: 'aide', status: 'missed', reason: 'provider-absent' }),
    ]);
  });
});

describe('what Spanish and English mail say in words', () => {
  it.each([
    ['Spanish', 'El lunes 8 de marzo tuvo terapia ocupacional individual, media hora.', 30],
    ['Spanish', 'El lunes 8 de marzo tuvo terapia ocupacional individual, tres cuartos de hora.', 45],
    ['Spanish', 'El lunes 8 de marzo tuvo terapia ocupacional individual, cuarenta y cinco minutos.', 45],
    ['Spanish', 'El lunes 8 de marzo tuvo terapia ocupacional individual, una hora y media.', 90],
    ['English', 'On Monday 3/8 she had individual OT for an hour and a half.', 90],
    ['English', 'On Monday 3/8 she had individual OT for three quarters of an hour.', 45],
  ])('reads minutes written as words (%s: %s)', (_l, text, minutes) => {
    expect(read(text, '2026-03-10')).toEqual([
      expect.objectContaining({ date: '2026-03-08', service: 'occupational-therapy', minutes, status: 'delivered' }),
    ]);
  });

  it.each([
    ['English', 'Tue 3/9 - NOT HELD, I was at a workshop. Sched 25 min. Will try to make it up.'],
    ['Spanish', 'mar 9 de marzo - NO HUBO terapia ocupacional, yo estaba en un taller. Programada 25 min.'],
  ])(
    'a missed session takes the minutes the next sentence says were scheduled, and no session of its own (%s)',
    (_l, text) => {
      expect(read(`Semana de OT / OT week\n\n${text}`, '2026-03-12', 'OT')).toEqual([
        expect.objectContaining({ date: '2026-03-09', minutes: 25, status: 'missed', reason: 'provider-absent' }),
      ]);
    },
  );

  it.each([
    ['English', 'Mon 3/8: no speech therapy, Mrs. Arce was sick.'],
    ['Spanish', 'lun 8 de marzo: no hubo terapia del habla, la Sra Arce estaba enferma.'],
  ])('a titled person who was sick is the provider (%s)', (_l, text) => {
    expect(read(text, '2026-03-10')).toEqual([
      expect.objectContaining({
        date: '2026-03-08',
        service: 'speech-language',
        status: 'missed',
        reason: 'provider-absent',
      }),
    ]);
  });

  it.each([
    [
      'English',
      'Last week we could not meet: on Thursday March 4, at his counseling time (30 min), he was taking the state exam.',
    ],
    [
      'Spanish',
      'La semana pasada no nos pudimos ver: el jueves 4 de marzo, a la hora de su consejería (30 min), estaba presentando el examen estatal.',
    ],
  ])('"we could not meet" because the student was taking a test is a miss, student-unavailable (%s)', (_l, text) => {
    expect(read(text, '2026-03-10')).toEqual([
      expect.objectContaining({
        date: '2026-03-04',
        service: 'counseling',
        minutes: 30,
        status: 'missed',
        reason: 'student-unavailable',
      }),
    ]);
  });

  it.each([
    ['English', 'Fri 3/12: extra job coaching at the bakery because on Tuesday he could not go, 60 min.'],
    ['Spanish', 'vie 12 de marzo: le dieron job coaching extra en la panadería porque el martes no pudo ir, una hora.'],
  ])("a day named in the clause giving the cause is not the session's day (%s)", (_l, text) => {
    expect(read(text, '2026-03-12').map((s) => [s.date, s.minutes])).toEqual([['2026-03-12', 60]]);
  });
});

describe('a session held by video', () => {
  it.each([
    ['English', 'Wed 3/10 - OT 1:1, 30 min, held via telehealth from the resource room laptop.'],
    [
      'Spanish',
      'miércoles 10 de marzo - terapia ocupacional individual, 30 min, por videollamada desde la computadora del salón de recursos.',
    ],
  ])('has no place, whatever room the screen was in (%s)', (_l, text) => {
    expect(read(text, '2026-03-12')).toEqual([
      expect.objectContaining({ date: '2026-03-10', service: 'occupational-therapy', minutes: 30, location: null }),
    ]);
  });

  it('a session in the room the same week keeps its place', () => {
    expect(read('Wed 3/10 - OT 1:1, 30 min, in the OT room.', '2026-03-12')).toEqual([
      expect.objectContaining({ date: '2026-03-10', location: 'separate' }),
    ]);
  });
});
