// `iep outbox`: what the system has sent, oldest first, read from the outbox folder, so it works
// whether or not the stack is running.
import { readLocalConfig } from '../../config';
import { dataPaths } from '../../data-folder';
import { outboxFolder } from '../../outbox';
import type { CliCommand } from '../command';
import { parseOptions } from '../parse-options';

const usage = `Usage: iep outbox [--json]

Lists every message the system has sent from the data folder (IEP_DATA_DIR), oldest first.

Options:
  --json   one JSON array: [{"to": [...], "from", "replyTo", "subject", "date", "text"}]
           (replyTo is the reply address or null; date is ISO 8601 UTC)`;

export const command: CliCommand = {
  name: 'outbox',
  summary: 'List the mail the system has sent, oldest first',
  usage,
  async run(args, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } });
    const config = readLocalConfig(io.env, io.cwd);
    const { mails, unreadable } = outboxFolder(dataPaths(config.dataDir).outbox).list();
    if (unreadable > 0) io.err(`iep outbox: ${unreadable} sent message file(s) could not be read and were skipped.`);
    if (values.json) {
      const list = mails.map((mail) => ({
        to: mail.to,
        from: mail.from,
        replyTo: mail.replyTo[0] ?? null,
        subject: mail.subject,
        date: mail.sentAt,
        text: mail.text,
      }));
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    if (mails.length === 0) {
      io.out('The outbox is empty: nothing has been sent yet.');
      return 0;
    }
    mails.forEach((mail, index) => {
      if (index > 0) io.out('');
      io.out(`=== ${index + 1} of ${mails.length} · ${mail.sentAt}`);
      io.out(`From: ${mail.from}`);
      io.out(`To: ${mail.to.join(', ')}`);
      if (mail.replyTo.length > 0) io.out(`Reply-To: ${mail.replyTo.join(', ')}`);
      io.out(`Subject: ${mail.subject}`);
      if (mail.attachments.length > 0) io.out(`Attachments: ${mail.attachments.map((a) => a.filename).join(', ')}`);
      io.out('');
      io.out(mail.text.trimEnd());
    });
    return 0;
  },
};
