// Paper logs scanned by a phone: letters for digits and digits for letters are read back where the
// text plainly comes from a scan, a figure whose digit the scan lost stays unread, and typed mail is
// never changed.
import { describe, expect, it } from 'vitest';
import { repairScannedText } from '../../../shared/extract/normalise/scanned-text';
import { documentDelivery, tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readTable } from '../../support/read-table';

describe('a scanned paper log', () => {
  it('reads back dates, clock times and minutes written with O and l', () => {
    // Prepare
    const scan = 'Tutoring Sheet   Schoo1 Year 2O26\nDate  Tirne  MlN\nlO/2O  2:l5-2:45  3O\nll/O2  2:l5-2:45  3O';
    // Act
    const read = repairScannedText(scan);
    // Assess
    expect(read).toBe(
      'Tutoring Sheet   School Year 2026\nDate  Tirne  MIN\n10/20  2:15-2:45  30\n11/02  2:15-2:45  30',
    );
  });

  it('leaves a figure the scan cut short unread, and its columns where they were', () => {
    const scan = 'DAY    IN     OUT    MIN\n1O/2O  8:O5   9:1?   6?     C\n1O/21  8:O5   9:O5   6O     C';
    const lines = repairScannedText(scan).split('\n');
    expect(lines[1]).toBe('10/20  8:05   ?      ?      C');
    expect(lines[2]).toBe('10/21  8:05   9:05   60     C');
  });

  it('changes nothing in mail typed by a person', () => {
    const typed = 'I saw lO on the sign, Page l of 2, room 1O had 30 kids. Is it 30?  Ok.';
    expect(repairScannedText(typed)).toBe(typed);
    expect(repairScannedText('Dai1y notes from Ms. Bell')).toBe('Dai1y notes from Ms. Bell');
  });
});

describe('a sheet labelled with its support ratio', () => {
  it('gives every row the ratio the sheet states, and a remark typed across columns its reason', () => {
    const text = [
      'Support ratio: 1:1            Worker: A. Pike',
      'DATE   SITE          IN     OUT     MIN   CODE',
      '10/26  GROCERY       9:00   9:45    45    C',
      '10/27  NO SCHOOL - PREP WORK DAY     --    X',
      'CODE: C=completed  X=no session',
    ].join('\n');
    expect(documentDelivery(text)).toBe('individual');
    const [table] = tablesFromPlainText(text);
    if (!table) throw new Error('no table');
    expect(readTable(table, text, 'Job coaching sheet')).toEqual([
      expect.objectContaining({ date: '2026-10-26', minutes: 45, delivery: 'individual', status: 'delivered' }),
      expect.objectContaining({ date: '2026-10-27', status: 'missed', reason: 'school-closure' }),
    ]);
  });
});
