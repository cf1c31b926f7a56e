// The notice guardians get when someone they have not allowed writes to the child's address:
// who (the address only), and that replying `allow` accepts it. The sender is never told.
import type { RenderedMail } from './answer-email';
import { nameOf, quoted, renderBlocks } from './command-answers-email';
import { type Wording, wordingFor } from './wording';

export interface QuarantineNoticeInput {
  childName: string;
  /** The sender's address as it claimed to be (inbound: never trusted, shown quoted). */
  sender: string;
  /** Held because its authentication failed (allowing would not help): no `allow` offer. */
  failedChecks: boolean;
  /** An unknown sender whose From is no address the system can keep on the list: no `allow` offer. */
  unusableAddress?: boolean;
  subject: string;
  /** The family's language (English when not given). */
  say?: Wording;
}

export function renderQuarantineNoticeEmail(input: QuarantineNoticeInput): RenderedMail {
  const say = input.say ?? wordingFor('en');
  const name = nameOf(input.childName, say);
  const who = quoted(input.sender, 100) || say('quarantine.someone');
  const about = quoted(input.subject) || say('noSubject');
  if (input.failedChecks) {
    return renderBlocks(
      say('quarantine.failed.subject', { name }),
      [
        { kind: 'p', text: say('quarantine.failed.body', { who, about, name }) },
        { kind: 'p', text: say('quarantine.failed.foot') },
      ],
      say,
    );
  }
  return renderBlocks(
    say('quarantine.subject', { who, name }),
    [
      { kind: 'p', text: say('quarantine.body', { who, about, name }) },
      { kind: 'p', text: say(input.unusableAddress ? 'quarantine.unusable' : 'quarantine.how') },
      { kind: 'p', text: say('quarantine.limit') },
    ],
    say,
  );
}
