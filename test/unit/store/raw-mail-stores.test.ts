import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderRawMailStore } from '../../../shared/adapters/folder-raw-mail-store';
import { S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('raw mail in a folder', () => {
  let dir: string;
  let store: FolderRawMailStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iep-raw-unit-'));
    store = new FolderRawMailStore(dir);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the bytes exactly and gives them back', async () => {
    const raw = new Uint8Array([0, 13, 10, 255, 0x41]);
    await store.put('inbound/a.eml', raw);
    expect(await store.get('inbound/a.eml')).toEqual(raw);
  });

  it('storing the same key twice keeps the first copy', async () => {
    await store.put('inbound/a.eml', bytes('first'));
    await store.put('inbound/a.eml', bytes('second'));
    expect(new TextDecoder().decode(await store.get('inbound/a.eml'))).toBe('first');
    expect(await readdir(join(dir, 'inbound'))).toEqual(['a.eml']);
  });

  it('lists and deletes by prefix', async () => {
    await store.put('inbound/a.eml', bytes('a'));
    await store.put('inbound/b.eml', bytes('b'));
    await store.put('unrouted/c.eml', bytes('c'));
    expect(await store.list('inbound/')).toEqual(['inbound/a.eml', 'inbound/b.eml']);
    expect(await store.deletePrefix('inbound/a')).toBe(1);
    expect(await store.list('')).toEqual(['inbound/b.eml', 'unrouted/c.eml']);
  });

  it('refuses keys that would leave the folder', async () => {
    for (const key of ['../x', 'inbound/../../x', '/etc/passwd', 'a//b', '']) {
      await expect(store.put(key, bytes('x'))).rejects.toThrow('invalid raw-mail key');
    }
  });
});

describe('raw mail in S3', () => {
  it('writes without overwriting and treats "already there" as kept', async () => {
    // Prepare
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    let calls = 0;
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        if (calls++ > 0)
          throw Object.assign(new Error('exists'), { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
        return {};
      },
    } as unknown as S3Client;
    const store = new S3RawMailStore(client, 'raw-bucket');
    // Act
    await store.put('inbound/a', bytes('x'));
    await store.put('inbound/a', bytes('x'));
    // Assess
    expect(sent[0]).toMatchObject({
      name: 'PutObjectCommand',
      input: { Bucket: 'raw-bucket', Key: 'inbound/a', IfNoneMatch: '*' },
    });
    expect(sent).toHaveLength(2);
  });
});
