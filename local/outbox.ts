// Every message the local stack sends, kept under the data folder (`outbox/`, one JSON file per
// message, named so that name order is send order). This is the outbox's record: it survives a
// restart and `iep outbox` reads it whether or not the stack is running. The SES-compatible server
// (aws-ses-v2-local) keeps mail only in memory, so on start the stack loads this record into it and
// its page shows everything ever sent. See docs/decisions/0008-local-outbox.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { headersOf, type MailSender, type OutgoingMail } from '../shared/ports/mail-sender';
import { isErrno, writeFileAtomic } from './data-folder';

const sentMailSchema = z.object({
  messageId: z.string(),
  sentAt: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  replyTo: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), base64: z.string() })),
});
/** One sent message as the outbox keeps it. */
export type SentMail = z.infer<typeof sentMailSchema>;

export interface OutboxFolder {
  record(mail: OutgoingMail, messageId: string, sentAt: Date): SentMail;
  /** Oldest first. Files that cannot be read are skipped and counted. */
  list(): { mails: SentMail[]; unreadable: number };
  /** Deletes every kept message `matches` picks; returns how many went. */
  forget(matches: (mail: SentMail) => boolean): number;
}

export function outboxFolder(dir: string): OutboxFolder {
  /** Every kept message with its file name, oldest first; files that cannot be read are counted. */
  const readAll = (): { kept: Array<{ name: string; mail: SentMail }>; unreadable: number } => {
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { kept: [], unreadable: 0 };
      throw error;
    }
    names.sort();
    const kept: Array<{ name: string; mail: SentMail }> = [];
    let unreadable = 0;
    for (const name of names) {
      try {
        kept.push({ name, mail: sentMailSchema.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))) });
      } catch {
        unreadable += 1;
      }
    }
    return { kept, unreadable };
  };
  return {
    record(mail, messageId, sentAt) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const sent: SentMail = {
        messageId,
        sentAt: sentAt.toISOString(),
        from: mail.from,
        to: [...mail.to],
        replyTo: [...(mail.replyTo ?? [])],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: headersOf(mail),
        attachments: (mail.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          base64: attachment.content.toString('base64'),
        })),
      };
      // Time first, then a random tail: name order is send order, and two writers never collide.
      const name = `${sentAt.toISOString().replace(/[:.]/g, '-')}-${process.hrtime.bigint().toString().padStart(20, '0')}-${randomBytes(3).toString('hex')}.json`;
      writeFileAtomic(join(dir, name), `${JSON.stringify(sent)}\n`);
      return sent;
    },
    list() {
      const { kept, unreadable } = readAll();
      return { mails: kept.map((entry) => entry.mail), unreadable };
    },
    forget(matches) {
      const chosen = readAll().kept.filter((entry) => matches(entry.mail));
      for (const entry of chosen) rmSync(join(dir, entry.name), { force: true });
      return chosen.length;
    },
  };
}

/**
 * A sender that keeps what it sent in the outbox folder. With `inner` (the SES adapter pointed at
 * the local SES-compatible server) the mail also goes there; without it (a CLI run while the stack
 * is down) the folder is the only outbox.
 */
export function recordingMailSender(
  outbox: OutboxFolder,
  inner: MailSender | null,
  now: () => Date = () => new Date(),
): MailSender {
  return {
    async send(mail) {
      const { messageId } = inner ? await inner.send(mail) : { messageId: `local-${randomBytes(12).toString('hex')}` };
      outbox.record(mail, messageId, now());
      return { messageId };
    },
  };
}
