import { describe, expect, it } from 'vitest';
import { parseCommandLine, parseEmailCommand } from '../../../shared/commands/email-commands';

describe('parseCommandLine', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['HELP!', { kind: 'help' }],
    ['Summary', { kind: 'summary' }],
    ['export', { kind: 'export' }],
    ['pause', { kind: 'pause' }],
    ['Resume.', { kind: 'resume' }],
    ['delete all data', { kind: 'delete-all' }],
    ['Re: help', { kind: 'help' }],
    ['state ny', { kind: 'state', state: 'NY' }],
    ['allow Jane.Lee@School.org', { kind: 'allow', address: 'jane.lee@school.org' }],
    ['remove <jane.lee@school.org>', { kind: 'remove', address: 'jane.lee@school.org' }],
    ['allow "x y"@example.org', { kind: 'allow', address: '"x y"@example.org' }],
    ['allow <"Smith, J."@school.org>.', { kind: 'allow', address: '"smith, j."@school.org' }],
    ['allow "jane.lee@school.org"', { kind: 'allow', address: 'jane.lee@school.org' }],
    ["allow O'Brien+IEP@school.org", { kind: 'allow', address: "o'brien+iep@school.org" }],
    ['erase-abcd-efgh', { kind: 'confirm-delete', code: 'abcdefgh' }],
    ['Re: confirm ERASE-ABCD-EFGH', { kind: 'confirm-delete', code: 'abcdefgh' }],
  ])('"%s" is a command', (line, command) => {
    expect(parseCommandLine(line)).toEqual(command);
  });

  it.each([
    'Fwd: Speech today',
    'allow',
    'allow someone',
    'allow x y@example.org',
    'allow someone@schoolserver',
    'state of things today',
    'please help me with the IEP meeting next week',
  ])('"%s" is not a command', (line) => {
    expect(parseCommandLine(line)).toBeNull();
  });
});

describe('parseEmailCommand', () => {
  it('reads the subject first, then the first line of the text', () => {
    expect(parseEmailCommand('export', 'whatever')).toEqual({ kind: 'export' });
    expect(parseEmailCommand('Re: Welcome', '\n\npause\nthanks')).toEqual({ kind: 'pause' });
    expect(parseEmailCommand('Fwd: log', 'FYI\nhelp')).toBeNull();
  });
});
