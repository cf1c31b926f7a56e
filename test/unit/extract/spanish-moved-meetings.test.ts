import { describe, expect, it } from 'vitest';
import { readDates } from '../../support/read-dates';

function meetings(written: string, sentOn: string) {
  return readDates(written, sentOn).map(({ type, date }) => ({ type, date }));
}

describe('a meeting moved, told in Spanish', () => {
  it('gives only the new day for "se cambió al"', () => {
    const text = 'La reunión del IEP programada para el martes 13 de abril se cambió al jueves 22 de abril a las 8:30.';
    expect(meetings(text, '2027-04-05')).toEqual([{ type: 'meeting-scheduled', date: '2027-04-22' }]);
  });

  it('gives only the new day for "se pospuso hasta el"', () => {
    const text = 'La reunión del IEP del 13 de abril se pospuso hasta el 27 de abril.';
    expect(meetings(text, '2027-04-05')).toEqual([{ type: 'meeting-scheduled', date: '2027-04-27' }]);
  });
});
