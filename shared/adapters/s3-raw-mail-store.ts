// Raw messages kept in S3 (in AWS, SES's receipt rule writes them there first).
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { RawMailStore } from '../ports/raw-mail-store';

export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  /** Never overwrites: a key already there (SES wrote it, or a retry) is left as it is. */
  async put(key: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: 'message/rfc822',
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || (error instanceof Error && error.name === 'PreconditionFailed')) return;
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!result.Body) throw new Error('raw message has no body');
    return result.Body.transformToByteArray();
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    }
    return keys;
  }

  /**
   * The bucket is versioned: deleting a key would only hide it behind a delete marker. Every version
   * and delete marker under the prefix is deleted by its version id, so nothing of it stays
   * recoverable. Returns how many keys had a version. (The SDK has no paginator for
   * ListObjectVersions, which pages by two markers, so it is followed here.)
   */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = new Set<string>();
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((version) => version.Key && version.VersionId)
        .map((version) => ({ Key: version.Key as string, VersionId: version.VersionId as string }));
      for (const version of page.Versions ?? []) if (version.Key) keys.add(version.Key);
      if (objects.length > 0) {
        const result = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
        );
        if (result.Errors && result.Errors.length > 0)
          throw new Error(`could not delete ${result.Errors.length} object versions`);
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return keys.size;
  }
}
