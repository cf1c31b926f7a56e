// District notices and letters as bilingual families receive them, read through the normalising
// vocabulary: what a notice says is not an event, a closure told with a range of weekdays or
// extended by a day, a day turned back into a school day, a review due date, the parent's written
// request, a place named as the cause, the share of the day as changed, a grid's effective dates
// in its heading, and a service log whose header repeats the IEP's frequency.
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../shared/extract/dates';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext } from '../../../shared/extract/reading-context';
import { findRequirements } from '../../../shared/extract/requirements';
import { tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { findSettingEvents, findSettingPercent } from '../../../shared/extract/setting';

// 2027-03-05 is a Friday.
const SENT = '2027-03-05';

function context(written: string, sentOn = SENT): ReadingContext {
  const text = normaliseText(written);
  return {
    tz: 'America/New_York',
    sentOn,
    subject: '',
    sender: null,
    texts: [{ part: 'body', kind: 'author', text, anchor: sentOn }],
    tables: tablesFromPlainText(text).map((table) => ({ part: 'body', table, anchor: sentOn })),
  };
}

function dates(written: string, sentOn = SENT) {
  return findDates(context(written, sentOn)).map(({ type, date, end }) => ({ type, date, end }));
}

describe('notices and letters in Spanish and English', () => {
  it('an event the notice itself says is not an IEP meeting is no meeting, in either language', () => {
    // Prepare
    const spanish =
      '• Charla para padres sobre la transición, miércoles 17 de marzo, de 5:30 a 6:30 p. m. No es una reunión del IEP.';
    const english = '• Parent talk on transition, Wednesday, March 17, 5:30-6:30 p.m., not an IEP meeting.';
    // Act
    const found = [...dates(spanish), ...dates(english)];
    // Assess
    expect(found).toEqual([]);
  });

  it('"del lunes 15 al miércoles 17 de marzo" with weekdays on both days is one closure range', () => {
    const found = dates('Receso de primavera: no habrá clases del lunes 15 al miércoles 17 de marzo de 2027.');
    expect(found).toEqual([{ type: 'school-closure', date: '2027-03-15', end: '2027-03-17' }]);
  });

  it('a closure extended by a day ("también estarán cerradas") is a closure; a day turned into a regular school day is not', () => {
    // Prepare
    const text = [
      'Por la inundación, las escuelas del distrito también estarán cerradas el lunes 8 de marzo.',
      '',
      'Para recuperar el tiempo perdido, el viernes 19 de marzo, que era día sin clases para estudiantes, ahora será un día regular de clases.',
    ].join('\n');
    // Act
    const found = dates(text);
    // Assess
    expect(found).toEqual([{ type: 'school-closure', date: '2027-03-08', end: null }]);
  });

  it('"la revisión anual ... vence el 3 de mayo" is the annual review due that day', () => {
    const found = dates('Recuerde: la revisión anual del IEP de Lucas vence el 3 de mayo de 2027.');
    expect(found).toEqual([{ type: 'annual-review', date: '2027-05-03', end: null }]);
  });

  it('"Les escribo para solicitar ... una reunión del equipo del IEP" is the parent\'s written meeting request', () => {
    const found = dates('Buenos días:\n\nLes escribo para solicitar una reunión del equipo del IEP de mi hija Sofía.');
    expect(found).toEqual([{ type: 'meeting-request', date: SENT, end: null }]);
  });

  it('a progress report asked for in a request gives no progress-report date from the range of logs asked for', () => {
    const found = dates(
      'Could you please send us her service logs from February 1 to now, and her latest progress report? Thank you.',
    );
    expect(found.filter((d) => d.type === 'progress-report')).toEqual([]);
  });
});

describe('where the child was, and the share of the day', () => {
  it('a place named before "so" is the cause; the room after it is where the child ate', () => {
    // Prepare
    const text = 'Yesterday was hard. The gym was full of noise, so she ate lunch in the special education room.';
    // Act
    const events = findSettingEvents(context(text)).map(({ date, activity, setting }) => ({ date, activity, setting }));
    // Assess
    expect(events).toEqual([{ date: '2027-03-04', activity: 'lunch', setting: 'separate' }]);
  });

  it('of two days in one Spanish sentence, the activity takes the day told just before it', () => {
    const text = 'El martes no vino la asistente y el miércoles otra vez comió en el salón de educación especial.';
    const events = findSettingEvents(context(text)).map(({ date, activity, setting }) => ({ date, activity, setting }));
    expect(events).toEqual([{ date: '2027-03-03', activity: 'lunch', setting: 'separate' }]);
  });

  it('the share of the day as changed, not the share it was before ("antes: 80 %")', () => {
    const ctx = context(
      'Con este cambio, Lucas pasará el 75 % del día escolar con compañeros sin discapacidades (antes: 80 %).',
    );
    expect(findSettingPercent(ctx)).toEqual({ generalEducation: 75 });
  });
});

describe('requirements in a grid, and a log that is not one', () => {
  it('a grid\'s heading ("vigentes del 1 de marzo al 30 de abril") dates every row that states none', () => {
    // Prepare
    const text = [
      'Servicios enmendados (vigentes del 1 de marzo al 30 de abril de 2027)',
      'Service\tFrequency\tMin/session\tGroup/individual\tLocation',
      'Occupational Therapy\t1x weekly\t30\tindividual\tOT room',
    ].join('\n');
    // Act
    const found = findRequirements(context(text)).map(({ service, start, end }) => ({ service, start, end }));
    // Assess
    expect(found).toEqual([{ service: 'occupational-therapy', start: '2027-03-01', end: '2027-04-30' }]);
  });

  it("a service log's header repeating the IEP's frequency is no requirement", () => {
    const text = [
      'Related Services Documentation',
      'Service: Physical Therapy    IEP frequency: 60 min/month',
      'Date\tMinutes\tNotes',
      '02/03/2027\t30\tstairs practice',
      '02/17/2027\t30\tbalance beam',
    ].join('\n');
    expect(findRequirements(context(text))).toEqual([]);
  });
});
