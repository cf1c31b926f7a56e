// The notice guardians get when someone they have not allowed writes to the child's address:
// who (the address only), and that replying `allow` accepts it. The sender is never told.
import type { RenderedMail } from './answer-email';
import { nameOf, quoted, renderBlocks } from './command-answers-email';

export interface QuarantineNoticeInput {
  childName: string;
  /** The sender's address as it claimed to be (inbound: never trusted, shown quoted). */
  sender: string;
  /** Held because its authentication failed (allowing would not help): no `allow` offer. */
  failedChecks: boolean;
  /** An unknown sender whose From is no address the system can keep on the list: no `allow` offer. */
  unusableAddress?: boolean;
  subject: string;
}

export function renderQuarantineNoticeEmail(input: QuarantineNoticeInput): RenderedMail {
  const name = nameOf(input.childName);
  const who = quoted(input.sender, 100) || 'Someone';
  const about = quoted(input.subject) || '(no subject)';
  if (input.failedChecks) {
    return renderBlocks(`Held: a message to ${name}'s address that failed checks`, [
      {
        kind: 'p',
        text: `A message claiming to be from ${who} (“${about}”) reached ${name}'s address but failed the sender checks (it may be forged). It is kept, not read. If you sent it, forward it again from your usual mail app.`,
      },
      { kind: 'p', text: 'Nothing else to do: ignore this email if you did not send it.' },
    ]);
  }
  if (input.unusableAddress) {
    return renderBlocks(`${who} sent something to ${name}'s address`, [
      {
        kind: 'p',
        text: `${who} sent something to ${name}'s address (“${about}”). It is kept but not read, because they are not on the list of people who may write there.`,
      },
      {
        kind: 'p',
        text: 'Their address is not one this system can put on that list, so it cannot be allowed. If their mail matters, ask them to write from an ordinary address (name@school.org), then reply "allow" to the notice about it.',
      },
      { kind: 'p', text: 'You get at most one such notice a day per sender.' },
    ]);
  }
  return renderBlocks(`${who} sent something to ${name}'s address`, [
    {
      kind: 'p',
      text: `${who} sent something to ${name}'s address (“${about}”). It is kept but not read, because they are not on the list of people who may write there.`,
    },
    { kind: 'p', text: 'Reply "allow" to accept it and future mail from them, or ignore this email.' },
    { kind: 'p', text: 'You get at most one such notice a day per sender.' },
  ]);
}
