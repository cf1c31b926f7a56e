// Mail of a transition program: job coaching and community-based instruction are sessions of
// service `other`; an aide's week that names no service is the aide's where the parent's note
// says so; a miss names what was missed after "missed", and the trip it was missed for is the
// student's being unavailable.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { findDates } from '../../../shared/extract/dates';
import { findSessions } from '../../../shared/extract/find-sessions';
import { normaliseText } from '../../../shared/extract/normalise/normalise-text';
import type { ReadingContext, TextPart } from '../../../shared/extract/reading-context';
import { findSettingEvents } from '../../../shared/extract/setting';
import { readSessions } from '../../support/read-sessions';
import { readTable } from '../../support/read-table';

const SENT = '2027-02-12';

function context(written: string, subject = '', note = ''): ReadingContext {
  const texts: TextPart[] = [{ part: 'body', kind: 'author', text: normaliseText(written), anchor: SENT }];
  if (note) texts.push({ part: 'note', kind: 'note', text: normaliseText(note), anchor: SENT });
  return { tz: 'America/Phoenix', sentOn: SENT, subject: normaliseText(subject), sender: null, texts, tables: [] };
}

function sessions(ctx: ReadingContext) {
  return findSessions(ctx).map(({ date, service, minutes, delivery, status, reason }) => ({
    date,
    service,
    minutes,
    delivery,
    status,
    reason,
  }));
}

describe('transition program mail', () => {
  it('job coaching and community-based instruction on dated lines are sessions of service other', () => {
    // Prepare
    const text = [
      'Hi, here is the week:',
      '',
      'Mon 2/8 - Job coaching at the garden center (watering, price tags), 9:00-10:15.',
      'Wed 2/10 - CBI: grocery trip with two classmates to compare unit prices, 10:00-11:00.',
    ].join('\n');
    // Act
    const found = sessions(context(text, 'Transition update'));
    // Assess
    expect(found).toEqual([
      { date: '2027-02-08', service: 'other', minutes: 75, delivery: null, status: 'delivered', reason: null },
      { date: '2027-02-10', service: 'other', minutes: 60, delivery: 'group', status: 'delivered', reason: null },
    ]);
  });

  it('"out on CBI, missed Acad Support": the miss is of the service named after "missed", the trip makes the student unavailable', () => {
    const text = 'Wed 2/10 - Leo was still out on CBI, missed Acad Support.';
    const found = sessions(context(text, 'Resource update'));
    expect(found).toEqual([
      {
        date: '2027-02-10',
        service: 'specialized-academic-instruction',
        minutes: null,
        delivery: null,
        status: 'missed',
        reason: 'student-unavailable',
      },
    ]);
  });
});

describe('a work site closed while the school met', () => {
  it.each([
    ['English', 'Heads up: no job coaching Wed 2/10, the bakery is closed for remodeling.'],
    ['Spanish', 'Aviso: el miércoles 10 de febrero no hubo job coaching, la tienda estaba cerrada por inventario.'],
  ])('a session missed because the site closed has reason other and gives no school closure (%s)', (_l, text) => {
    const ctx = context(text, 'Transition update');
    expect(sessions(ctx)).toEqual([
      { date: '2027-02-10', service: 'other', minutes: null, delivery: null, status: 'missed', reason: 'other' },
    ]);
    expect(findDates(ctx)).toEqual([]);
  });

  it('a log row whose activity column names the site and the grouping ("CBI @ museum w/ 3 classmates")', () => {
    const table: Table = {
      label: 'transition log',
      headers: ['Date', 'Activity @ Site', 'In-Out', 'Mins', 'Notes'],
      rows: [
        ['2/8/2027', 'CBI @ city museum (w/ 3 classmates)', '9:00-10:00', '60', 'read the map'],
        ['2/9/2027', 'Job coaching @ bakery, 1:1', '8:00-9:15', '75', ''],
        ['2/10/2027', 'Job coaching @ bakery', '-', '0', 'Not held: shop closed for inventory'],
      ],
      rowNumbers: [2, 3, 4],
    };
    expect(readTable(table, 'Job coaching and CBI log')).toEqual([
      expect.objectContaining({ date: '2027-02-08', service: 'other', minutes: 60, delivery: 'group' }),
      expect.objectContaining({ date: '2027-02-09', service: 'other', minutes: 75, delivery: 'individual' }),
      expect.objectContaining({ date: '2027-02-10', service: 'other', status: 'missed', reason: 'other' }),
    ]);
  });
});

describe("an aide's week that names no service", () => {
  it("takes the service the parent's note names, and reads the aide's days", () => {
    // Prepare
    const text = [
      'Buenas tardes, resumen de la semana:',
      '',
      'Lun 8 – con él 1:1 de 8:00 a 14:00',
      'Mar 9 – estuve con él todo el día. En el almuerzo se quedó en el salón de recursos.',
      'Mié 10 – estuve ausente, estaba enferma.',
      '',
      'Marta',
    ].join('\n');
    const note = 'el miércoles tampoco tuvo asistente';
    // Act
    const ctx = context(text, 'Resumen de la semana', note);
    const found = sessions(ctx);
    const events = findSettingEvents(ctx).map(({ date, activity, setting }) => ({ date, activity, setting }));
    // Assess
    expect(found.map((s) => [s.date, s.service, s.minutes, s.status])).toEqual([
      ['2027-02-08', 'aide', 360, 'delivered'],
      ['2027-02-09', 'aide', null, 'delivered'],
      ['2027-02-10', 'aide', null, 'missed'],
    ]);
    expect(events).toEqual([{ date: '2027-02-09', activity: 'lunch', setting: 'separate' }]);
  });

  it('without a note naming the service, such a week gives no aide sessions', () => {
    const text = 'Lun 8 – con él 1:1 de 8:00 a 14:00\nMar 9 – estuve con él todo el día.';
    expect(sessions(context(text, 'Resumen de la semana')).filter((s) => s.service === 'aide')).toEqual([]);
  });
});

describe('substitutes', () => {
  it('an aide out but covered by someone who served in her place is a delivered day; "no one covered" stays a miss', () => {
    expect(
      readSessions('Mon 11/9: her 1:1 aide was out sick; Mr. Ruiz subbed for her the whole day.', '2026-11-10'),
    ).toEqual([expect.objectContaining({ date: '2026-11-09', service: 'aide', status: 'delivered' })]);
    expect(readSessions('Tue 11/10: her 1:1 aide was out sick and no one filled in for her.', '2026-11-10')).toEqual([
      expect.objectContaining({ date: '2026-11-10', service: 'aide', status: 'missed' }),
    ]);
  });

  it('a 1:1 assistant pulled to cover another room is an aide not delivered, for the hours given', () => {
    expect(
      readSessions('Wed 11/11: his 1:1 assistant was pulled from 9:00 to 11:00 to cover another room.', '2026-11-12'),
    ).toEqual([
      expect.objectContaining({
        date: '2026-11-11',
        service: 'aide',
        status: 'missed',
        reason: 'provider-unavailable',
      }),
    ]);
  });
});
