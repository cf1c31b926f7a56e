// The operator's equivalents of the email commands: iep export, iep family allow|remove|delete,
// run in-process on a fresh data folder (its own embedded table and outbox).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { main } from '../../local/cli/main';
import { EXAMPLES_DIR } from '../../local/demo-family';
import { temporaryFolders } from '../support/iep-process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const freshFolder = temporaryFolders('iep-cli-cmd-');

async function iep(dataDir: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { ...process.env, IEP_DATA_DIR: dataDir },
    cwd: dataDir,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function family(dir: string): Promise<string> {
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
  expect(added.code).toBe(0);
  return (JSON.parse(added.stdout) as { address: string }).address;
}

describe('iep family allow, remove and delete', () => {
  it('allows and removes a sender for the child with that address', async () => {
    const dir = freshFolder();
    const address = await family(dir);

    const allowed = await iep(dir, ['family', 'allow', '--child', address, 'Jane.Lee@School.org']);
    const listed = await iep(dir, ['family', 'list', '--json']);
    const removed = await iep(dir, ['family', 'remove', '--child', address, 'jane.lee@school.org']);
    const after = await iep(dir, ['family', 'list', '--json']);

    expect(allowed).toMatchObject({ code: 0 });
    expect(allowed.stdout).toContain('jane.lee@school.org may now send');
    expect((JSON.parse(listed.stdout) as Array<{ allowedSenders: string[] }>)[0]?.allowedSenders).toEqual([
      'jane.lee@school.org',
    ]);
    expect(removed.code).toBe(0);
    expect((JSON.parse(after.stdout) as Array<{ allowedSenders: string[] }>)[0]?.allowedSenders).toEqual([]);
  });

  it('refuses a wrong address with exit 2 and changes nothing', async () => {
    const dir = freshFolder();
    const address = await family(dir);

    const run = await iep(dir, ['family', 'allow', '--child', address, 'not-an-address']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not an email address');
  });

  it('delete needs --yes, then removes the child and everything kept', async () => {
    const dir = freshFolder();
    const address = await family(dir);
    await iep(dir, ['ingest', '--to', address, join(EXAMPLES_DIR, '02-ot-missed-therapist-out-sick.eml')]);

    const refused = await iep(dir, ['family', 'delete', '--child', address]);
    const deleted = await iep(dir, ['family', 'delete', '--child', address, '--yes']);
    const records = await iep(dir, ['records', '--child', address]);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('1 stored messages');
    expect(records.code).toBe(2);
    expect(records.stderr).toContain('No child has the inbound address');
  });
});

describe('iep export', () => {
  it('writes the records CSV, the deadlines calendar and the originals zip', async () => {
    const dir = freshFolder();
    const address = await family(dir);
    await iep(dir, ['ingest', '--to', address, join(EXAMPLES_DIR, '02-ot-missed-therapist-out-sick.eml')]);
    const out = join(dir, 'export');

    const run = await iep(dir, ['export', '--child', address, '--out', out]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 original messages');
    const csv = readFileSync(join(out, 'records.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('id,kind,date');
    expect(csv).toContain('occupational-therapy');
    expect(readFileSync(join(out, 'deadlines.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(existsSync(join(out, 'originals.zip'))).toBe(true);
    expect(Object.keys(unzipSync(readFileSync(join(out, 'originals.zip'))))).toHaveLength(1);
  });
});
