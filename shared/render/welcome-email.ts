// The welcome a child's guardians get when the child is added: the private address, what to
// forward, how to reply, the commands, and how to have Gmail or Outlook forward a school sender.
import type { RenderedMail } from './answer-email';
import { calendarBlocks } from './calendar-links';
import { examplesBlock, nameOf, renderBlocks } from './command-answers-email';
import { type Wording, wordingFor } from './wording';

export function renderWelcomeEmail(input: {
  childName: string;
  address: string;
  say?: Wording;
  /** The child's private calendar feed (https), when the tracker serves one. */
  calendarUrl?: string | null;
}): RenderedMail {
  const say = input.say ?? wordingFor('en');
  const name = nameOf(input.childName, say);
  const { address } = input;
  return renderBlocks(
    say('welcome.subject', { name, address }),
    [
      { kind: 'p', text: say('welcome.intro', { name, address }) },
      { kind: 'p', text: say('welcome.what') },
      ...calendarBlocks(say, name, input.calendarUrl),
      { kind: 'p', text: say('welcome.replyLead') },
      examplesBlock(say, 'replyGrammar'),
      { kind: 'p', text: say('welcome.commandLead') },
      examplesBlock(say, 'commands'),
      { kind: 'p', text: say('welcome.gmailLead') },
      {
        kind: 'list',
        ordered: true,
        items: [say('welcome.gmail1'), say('welcome.gmail2', { address }), say('welcome.gmail3')],
      },
      { kind: 'p', text: say('welcome.outlookLead') },
      {
        kind: 'list',
        ordered: true,
        items: [say('welcome.outlook1'), say('welcome.outlook2'), say('welcome.outlook3')],
      },
      { kind: 'p', text: say('welcome.cc') },
    ],
    say,
  );
}
