// The `iep` command as an operator runs it: a separate process on a data folder, with or without
// `npm start` running on it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { EXAMPLES_DIR } from '../../local/demo-family';
import { startLocalStack } from '../../local/stack';
import { runIep, temporaryFolders } from '../support/iep-process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const freshFolder = temporaryFolders('iep-cli-');
const iep = runIep;

const addArgs = [
  'family',
  'add',
  '--child',
  'Maya',
  '--guardian',
  'maya.parent@example.com',
  '--tz',
  'America/Chicago',
];

describe.concurrent('iep family', { timeout: 180_000 }, () => {
  it('adds a family and lists it, with the stack not running', async () => {
    // Prepare
    const dir = freshFolder();

    // Act
    const added = await iep(dir, [...addArgs, '--state', 'tx', '--json']);
    const listed = await iep(dir, ['family', 'list', '--json']);

    // Assess
    expect(added.code).toBe(0);
    const { childId, address } = JSON.parse(added.stdout) as { childId: string; address: string };
    expect(address).toMatch(/^maya-[a-z2-7]{16}@inbound\.localhost$/);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        childId,
        address,
        guardians: ['maya.parent@example.com'],
        timeZone: 'America/Chicago',
        state: 'TX',
      }),
    ]);
  });

  it('talks to the running stack when one owns the folder', async () => {
    // Prepare
    const dir = freshFolder();
    const stack = await startLocalStack(
      readLocalConfig(
        { IEP_DATA_DIR: dir, IEP_SMTP_PORT: '0', IEP_OUTBOX_PORT: '0', IEP_DYNAMO_PORT: '0' },
        process.cwd(),
      ),
    );
    try {
      // Act
      const added = await iep(dir, [...addArgs, '--json']);

      // Assess
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const { address } = JSON.parse(added.stdout) as { address: string };
      const families = await stack.services.children.list();
      expect(families.map((child) => child.inboundAddress)).toEqual([address]);
    } finally {
      await stack.stop();
    }
  });

  it('keeps the language: English by default, Spanish with --language es, switched with family set; letters in English until --letters es', {
    timeout: 400_000,
  }, async () => {
    // Prepare
    const dir = freshFolder();

    // Act
    const english = await iep(dir, addArgs);
    const spanish = await iep(dir, [...addArgs, '--child', 'Sofía', '--language', 'es']);
    const address = /Inbound address: (\S+)/.exec(english.stdout)?.[1] ?? '';
    const set = await iep(dir, ['family', 'set', '--child', address, '--language', 'es']);
    const wrong = await iep(dir, ['family', 'set', '--child', address, '--language', 'fr']);
    const letters = await iep(dir, ['family', 'set', '--child', address, '--letters', 'es']);
    const wrongLetters = await iep(dir, ['family', 'set', '--child', address, '--letters', 'fr']);
    const listed = await iep(dir, ['family', 'list', '--json']);

    // Assess
    expect(english.stdout).toContain('Messages to them are in English.');
    expect(spanish.code).toBe(0);
    expect(spanish.stdout).toContain('Messages to them are in Spanish.');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("Maya's guardians now get every message in Spanish.");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--language: "fr" is not one of en, es');
    expect(letters.code).toBe(0);
    expect(letters.stdout).toContain("Maya's digest now drafts the emails to the school in Spanish.");
    expect(wrongLetters.code).toBe(2);
    expect(wrongLetters.stderr).toContain('--letters: "fr" is not one of en, es');
    const rows = JSON.parse(listed.stdout) as Array<{ name: string; language: string; letters: string }>;
    expect(rows.map((row) => [row.name, row.language, row.letters])).toEqual([
      ['Maya', 'es', 'es'],
      ['Sofía', 'es', 'en'],
    ]);
  });

  it('rejects a missing guardian with the reason and the usage, exit 2, and stores nothing', async () => {
    // Prepare
    const dir = freshFolder();

    // Act
    const wrong = await iep(dir, ['family', 'add', '--child', 'Maya', '--tz', 'America/Chicago']);
    const listed = await iep(dir, ['family', 'list', '--json']);

    // Assess
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Missing --guardian');
    expect(wrong.stderr).toContain('Usage:');
    expect(wrong.stdout).toBe('');
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('rejects an unknown time zone and an unknown option, exit 2', async () => {
    // Prepare
    const dir = freshFolder();

    // Act
    const zone = await iep(dir, [
      'family',
      'add',
      '--child',
      'Maya',
      '--guardian',
      'a@example.com',
      '--tz',
      'Mars/Base',
    ]);
    const option = await iep(dir, ['family', 'list', '--colour']);

    // Assess
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--tz');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--colour');
    expect(option.stderr).toContain('Usage:');
  });
});

describe.concurrent('iep dispatch', { timeout: 180_000 }, () => {
  it('prints every command for --help and exits 0', async () => {
    // Act
    const help = await iep(freshFolder(), ['--help']);

    // Assess
    expect(help.code).toBe(0);
    for (const name of ['family', 'ingest', 'outbox', 'records', 'extract']) expect(help.stdout).toContain(name);
  });

  it("prints a command's usage for <command> --help", async () => {
    // Act
    const help = await iep(freshFolder(), ['ingest', '--help']);

    // Assess
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('iep ingest --to ADDRESS');
  });

  it('rejects an unknown command with the list of commands, exit 2', async () => {
    // Act
    const run = await iep(freshFolder(), ['famly']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "famly"');
    expect(run.stderr).toContain('Usage: iep <command>');
  });
});

describe.concurrent('iep ingest, outbox and records with the stack stopped', { timeout: 180_000 }, () => {
  it('reads a sample through the full pipeline, answers into the outbox, and shows the records', async () => {
    // Prepare
    const dir = freshFolder();
    const added = await iep(dir, [
      'family',
      'add',
      '--child',
      'Lena',
      '--guardian',
      'demo.parent@example.com',
      '--tz',
      'America/Los_Angeles',
      '--json',
    ]);
    const { address } = JSON.parse(added.stdout) as { address: string };

    // Act
    const ingested = await iep(dir, [
      'ingest',
      '--to',
      address,
      join(EXAMPLES_DIR, '02-ot-missed-therapist-out-sick.eml'),
    ]);
    const outbox = await iep(dir, ['outbox', '--json']);
    const records = await iep(dir, ['records', '--child', address, '--json']);

    // Assess
    expect(ingested.code).toBe(0);
    expect(ingested.stdout).toContain('02-ot-missed-therapist-out-sick.eml: ');
    expect(outbox.code).toBe(0);
    const sent = JSON.parse(outbox.stdout) as Array<{ to: string[]; replyTo: string | null; subject: string }>;
    const answers = sent.filter((mail) => mail.subject.includes('No OT today'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.to).toEqual(['demo.parent@example.com']);
    expect(records.code).toBe(0);
    const grouped = JSON.parse(records.stdout) as Record<string, unknown>;
    expect(Object.keys(grouped)).toEqual(['sessions', 'requirements', 'settingPercent', 'settingEvents', 'dates']);
  });

  it('says plainly that an unknown address has no records, exit 2', async () => {
    // Act
    const run = await iep(freshFolder(), ['records', '--child', 'nobody-aaaaaaaaaaaaaaaa@inbound.localhost']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No child has the inbound address');
  });
});
