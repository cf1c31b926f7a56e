// The welcome a child's guardians get when the child is added: the private address, what to
// forward, how to reply, the commands, and how to have Gmail or Outlook forward a school sender.
import { EMAIL_COMMANDS, REPLY_GRAMMAR } from '../commands/email-commands';
import type { RenderedMail } from './answer-email';
import { nameOf, renderBlocks } from './command-answers-email';

export function renderWelcomeEmail(input: { childName: string; address: string }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`${name}'s IEP tracker address: ${input.address}`, [
    {
      kind: 'p',
      text: `Welcome. ${input.address} is ${name}'s private address. Keep it among the family: only mail from you, and from senders you allow, is read.`,
    },
    {
      kind: 'p',
      text: `What to forward: service logs, emails from therapists or teachers about sessions (held, missed, shortened), IEP documents and amendments, meeting notices, and anything about evaluations or records requests. Attachments (PDF, Word, spreadsheets) are read too.`,
    },
    {
      kind: 'p',
      text: 'Each forward gets an answer listing what was understood, numbered. Reply to that answer to confirm or correct, one line each:',
    },
    { kind: 'examples', rows: REPLY_GRAMMAR },
    { kind: 'p', text: 'Send one of these as the subject (or first line) of a mail to the address:' },
    { kind: 'examples', rows: EMAIL_COMMANDS },
    { kind: 'p', text: 'Forward a school sender automatically in Gmail (on a computer):' },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Settings (gear) → See all settings → Forwarding and POP/IMAP → Add a forwarding address.',
        `Enter ${input.address}. Google sends a confirmation to it; it comes back to you by email: open the link (or copy the code) to approve.`,
        'Search for the sender (e.g. from:therapist@school.org) → Show search options → Create filter → Forward it to the address.',
      ],
    },
    { kind: 'p', text: 'In Outlook (outlook.com or Outlook on the web):' },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Settings → Mail → Rules → Add new rule.',
        'Condition: From → the school sender. Action: Forward to → the address above. Save.',
        'Or, from a message: ⋯ → Rules → Create rule → Forward to.',
      ],
    },
    {
      kind: 'p',
      text: `A provider can also CC the address directly: send "allow name@school.org" first, or reply "allow" when you are asked about them. Send "help" any time for this list.`,
    },
  ]);
}
