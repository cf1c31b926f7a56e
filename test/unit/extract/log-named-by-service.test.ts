// A table's service where the mail names more than one: the service that names the log ("the
// resource reading log", "his OT session notes") is whose log it is; a service named in passing
// elsewhere in the mail (who will bring which records to a meeting) does not make the rows its own.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../shared/extract/attachments/types';
import { documentService, tablesFromPlainText } from '../../../shared/extract/sessions-from-tables';
import { readTable } from '../../support/read-table';

const log = [
  'Day              Group          Skill                     Min',
  'Tue 11/03        small grp      vowel teams               25',
  'Thu 11/05        small grp      vowel teams               25',
].join('\n');

describe('a log named by its service', () => {
  it('reads the rows as the service that names the log, not a service the mail mentions later', () => {
    // Prepare
    const mail = [
      'Good afternoon,',
      'Below is the SDI phonics log for this week.',
      log,
      'Reminder: the review is Monday. Ms. Farrow will bring the speech progress report.',
    ].join('\n\n');
    const [table] = tablesFromPlainText(log);
    // Act
    const sessions = readTable(table as Table, mail, 'This week');
    // Assess
    expect(sessions).toEqual([
      expect.objectContaining({ date: '2026-11-03', service: 'specialized-academic-instruction', minutes: 25 }),
      expect.objectContaining({ date: '2026-11-05', service: 'specialized-academic-instruction', minutes: 25 }),
    ]);
  });

  it('allows two words between the service and the log word, and no punctuation', () => {
    expect(documentService('Attached: OT session notes. The counselor will call.', false)).toBe('occupational-therapy');
    expect(documentService('We discussed OT. Notes from the counselor follow.', false)).toBeNull();
  });

  it('leaves the service unknown where two services each name a log', () => {
    expect(documentService('The speech log and the OT log are both attached.', false)).toBeNull();
  });
});
