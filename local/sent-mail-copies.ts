// The local outbox's copies of mail about one child, forgotten when the child is deleted: the files
// under the data folder, and the same mail on the SES-compatible server's page (held in memory in
// this process). Mail about a child carries its inbound address (Reply-To, or in the words).
import { clearStore, getStoreReadonly, saveEmail } from 'aws-ses-v2-local/dist/store';
import type { SentMailCopies } from '../shared/ports/sent-mail-copies';
import type { OutboxFolder } from './outbox';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True for text naming the address, or a plus-address of it (`maya-x7k2+ref@in.example.org`). */
export function namesAddress(inboundAddress: string): (text: string) => boolean {
  const at = inboundAddress.lastIndexOf('@');
  const pattern = new RegExp(
    `${escapeRegExp(inboundAddress.slice(0, at))}(\\+[^@\\s"<>]*)?@${escapeRegExp(inboundAddress.slice(at + 1))}`,
    'i',
  );
  return (text) => pattern.test(text);
}

export function localSentMailCopies(outbox: OutboxFolder): SentMailCopies {
  return {
    async forgetChild(inboundAddress) {
      const names = namesAddress(inboundAddress);
      const forgotten = outbox.forget((mail) => names([...mail.replyTo, mail.subject, mail.text].join('\n')));
      const page = getStoreReadonly().emails;
      const kept = page.filter((mail) => !names([...mail.replyTo, mail.subject, mail.body.text ?? ''].join('\n')));
      if (kept.length !== page.length) {
        clearStore();
        for (const mail of kept) saveEmail(mail);
      }
      return forgotten;
    },
  };
}
