// Deleting raw mail from the versioned bucket, at the SDK boundary (the S3 stand-in of the handler
// suites keeps one copy per key): every version and delete marker under the prefix goes, by its
// version id, across pages of the listing.
import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandInput,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3RawMailStore } from '../../../shared/adapters/s3-raw-mail-store';

const s3 = mockClient(S3Client);

afterEach(() => {
  s3.reset();
});

describe('S3RawMailStore.deletePrefix on a versioned bucket', () => {
  it('deletes every version and delete marker by version id, on every page, and counts the keys', async () => {
    // Prepare: page 1 holds two versions of one key and a delete marker; page 2 one more version.
    s3.on(ListObjectVersionsCommand, { KeyMarker: undefined })
      .resolves({
        Versions: [
          { Key: 'inbound/abc', VersionId: 'v2', IsLatest: true },
          { Key: 'inbound/abc', VersionId: 'v1', IsLatest: false },
        ],
        DeleteMarkers: [{ Key: 'inbound/abc-part', VersionId: 'm1', IsLatest: true }],
        IsTruncated: true,
        NextKeyMarker: 'inbound/abc-part',
        NextVersionIdMarker: 'm1',
      })
      .on(ListObjectVersionsCommand, { KeyMarker: 'inbound/abc-part', VersionIdMarker: 'm1' })
      .resolves({ Versions: [{ Key: 'inbound/abc-part', VersionId: 'v0', IsLatest: false }], IsTruncated: false });
    s3.on(DeleteObjectsCommand).resolves({});

    // Act
    const deleted = await new S3RawMailStore(new S3Client({ region: 'us-east-1' }), 'raw').deletePrefix('inbound/abc');

    // Assess
    const listed = s3.commandCalls(ListObjectVersionsCommand).map((call) => call.args[0].input);
    expect(listed.map((input) => [input.Bucket, input.Prefix])).toEqual([
      ['raw', 'inbound/abc'],
      ['raw', 'inbound/abc'],
    ]);
    const removed = s3
      .commandCalls(DeleteObjectsCommand)
      .flatMap((call) => (call.args[0].input as DeleteObjectsCommandInput).Delete?.Objects ?? []);
    expect(removed).toEqual([
      { Key: 'inbound/abc', VersionId: 'v2' },
      { Key: 'inbound/abc', VersionId: 'v1' },
      { Key: 'inbound/abc-part', VersionId: 'm1' },
      { Key: 'inbound/abc-part', VersionId: 'v0' },
    ]);
    expect(deleted).toBe(2);
  });

  it('fails when S3 refuses to delete a version, so the deletion is retried', async () => {
    // Prepare
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [{ Key: 'inbound/x', VersionId: 'v1' }],
      IsTruncated: false,
    });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'inbound/x', VersionId: 'v1', Code: 'AccessDenied' }] });

    // Act and assess
    await expect(
      new S3RawMailStore(new S3Client({ region: 'us-east-1' }), 'raw').deletePrefix('inbound/x'),
    ).rejects.toThrow('could not delete 1 object versions');
  });
});
