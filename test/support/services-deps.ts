// The one builder of the use cases' dependencies in tests: the table, raw mail and mail sender a
// suite started (dynalite, a folder or S3 stand-in, the SES-compatible outbox), with the same
// secret, domains and in-process deletion everywhere. A suite passes its own clock.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ServicesDeps } from '../../shared/composition/use-case-deps';
import { fixedClock } from '../../shared/ports/clock';
import { inProcessDeletionQueue } from '../../shared/ports/deletion-queue';
import type { MailSender } from '../../shared/ports/mail-sender';
import type { RawMailStore } from '../../shared/ports/raw-mail-store';

/** Signs every reply reference in the tests (and is the Lambdas' secret in the handler tests). */
export const TEST_SIGNING_SECRET = 'a-signing-secret-for-the-tests-only-0123456789';
export const TEST_INBOUND_DOMAIN = 'in.example.org';
export const TEST_FROM_ADDRESS = 'tracker@example.org';

export interface TestAdapters {
  db: DynamoDBDocumentClient;
  tableName: string;
  rawMail: RawMailStore;
  sender: MailSender;
}

/** `overrides` replace single dependencies: a suite's clock, a failing sender, a queue. */
export function testServicesDeps(adapters: TestAdapters, overrides: Partial<ServicesDeps> = {}): ServicesDeps {
  return {
    db: adapters.db,
    tableName: adapters.tableName,
    rawMail: adapters.rawMail,
    sender: adapters.sender,
    clock: fixedClock('2026-11-04T17:00:00Z'),
    replySigningSecret: TEST_SIGNING_SECRET,
    inboundDomain: TEST_INBOUND_DOMAIN,
    fromAddress: TEST_FROM_ADDRESS,
    deletionQueue: inProcessDeletionQueue,
    backupDays: 0,
    ...overrides,
  };
}
