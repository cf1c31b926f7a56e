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
