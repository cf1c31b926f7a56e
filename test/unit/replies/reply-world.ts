// What the reply and command use cases run against in these tests: their real collaborators, with
// the table in an in-memory dynalite, raw mail in a temporary folder and outgoing mail kept in a
// list (the mail-sender port), composed by the same useCaseDeps every runtime uses.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';
import { createDynamoClient, ensureTable } from '../../../shared/adapters/dynamodb-table';
import { FolderRawMailStore } from '../../../shared/adapters/folder-raw-mail-store';
import { useCaseDeps } from '../../../shared/composition/use-case-deps';
import type { IngestDeps } from '../../../shared/ingest/ingest-deps';
import { signReplyReference } from '../../../shared/ingest/reply-reference';
import { fixedClock } from '../../../shared/ports/clock';
import { inProcessDeletionQueue } from '../../../shared/ports/deletion-queue';
import type { OutgoingMail } from '../../../shared/ports/mail-sender';
import type { Child } from '../../../shared/store/families';
import type { StoredAnswer } from '../../../shared/store/messages';
import type { StoredRecord } from '../../../shared/store/records';
import { storedRecord } from '../../support/stored-records';

export const NOW = '2026-11-06T17:00:00Z';
export const SECRET = 'reply-unit-tests-signing-secret';
export const GUARDIAN = 'jordan.parent@example.com';

export interface ReplyWorld {
  deps: IngestDeps;
  /** Every mail sent, in order. */
  sent: OutgoingMail[];
  newChild(name?: string): Promise<Child>;
  /** A new child with one unconfirmed 30-minute speech session, the answer numbering it, and its signed reference. */
  answeredChild(): Promise<{ child: Child; session: StoredRecord; answer: StoredAnswer; ref: string }>;
  close(): Promise<void>;
}

/** A world for the suite: started before its tests, closed after them. */
export function useReplyWorld(): () => ReplyWorld {
  let world: ReplyWorld | undefined;
  beforeAll(async () => {
    world = await replyWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (!world) throw new Error('the reply world is not started yet');
    return world;
  };
}

/** A 30-minute individual speech session on Tuesday Nov 3, 2026. */
export function speechSession(childId: string, confirmed = true): StoredRecord {
  return storedRecord(
    childId,
    'session',
    {
      date: '2026-11-03',
      service: 'speech-language',
      minutes: 30,
      delivery: 'individual',
      location: 'separate',
      status: 'delivered',
      reason: null,
    },
    confirmed,
  );
}

export async function replyWorld(): Promise<ReplyWorld> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = createDynamoClient({ endpoint, region: 'us-east-1' });
  const tableName = 'replies-unit';
  await ensureTable(db, tableName);
  const rawDir = mkdtempSync(join(tmpdir(), 'iep-replies-'));
  const sent: OutgoingMail[] = [];
  let count = 0;
  const deps = useCaseDeps({
    db,
    tableName,
    rawMail: new FolderRawMailStore(rawDir),
    sender: {
      send: async (mail) => {
        sent.push(mail);
        count += 1;
        return { messageId: `sent-${count}` };
      },
    },
    clock: fixedClock(NOW),
    replySigningSecret: SECRET,
    inboundDomain: 'in.example.org',
    fromAddress: 'tracker@example.org',
    deletionQueue: inProcessDeletionQueue,
    backupDays: 35,
  });
  const newChild = (name = 'Maya') =>
    deps.children.create({ name, guardians: [GUARDIAN], timeZone: 'America/Los_Angeles', state: 'CA' });
  return {
    deps,
    sent,
    newChild,
    answeredChild: async () => {
      const child = await newChild();
      const session = speechSession(child.id, false);
      await deps.records.putIfNew(session);
      const answer: StoredAnswer = {
        childId: child.id,
        answerId: 'abcdefgh',
        messageId: 'school-mail',
        issuedAt: '2026-11-05T17:00:00.000Z',
        recordIds: [session.id],
        expiresAt: Math.floor(Date.parse('2026-12-05T17:00:00Z') / 1000),
      };
      await deps.messages.putAnswer(answer);
      const ref = signReplyReference(
        { childId: child.id, answerId: answer.answerId, issuedAt: new Date(answer.issuedAt) },
        SECRET,
      );
      return { child, session, answer, ref };
    },
    close: async () => {
      db.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(rawDir, { recursive: true, force: true });
    },
  };
}
