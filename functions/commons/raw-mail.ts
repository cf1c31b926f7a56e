// Raw mail in S3, for the functions that read or delete stored messages (inbound, deletion) and
// the CLI against a deployed stack; the others never load the S3 client.
import { S3Client } from '@aws-sdk/client-s3';
import { S3RawMailStore } from '../../shared/adapters/s3-raw-mail-store';
import type { RawMailStore } from '../../shared/ports/raw-mail-store';
import type { HandlerEnvironment } from './environment';

// An IP endpoint (AWS_ENDPOINT_URL_S3 in tests) gets path-style URLs by the SDK's own rules.
export const s3RawMail = (env: HandlerEnvironment): RawMailStore =>
  new S3RawMailStore(new S3Client({ region: env.AWS_REGION }), env.RAW_MAIL_BUCKET);
