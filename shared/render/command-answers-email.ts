// The short emails that answer a guardian's command (help, summary, export, allow, remove, pause,
// resume, state, delete all data) and explain a refused reply. Each is built from blocks that
// render to phone-friendly plain text and to the same words in escaped HTML, and each ends by
// saying what the guardian can do next.
import type { RenderedMail } from './answer-email';
import { escapeHtml, headerSafe } from './escape';
import { type Wording, wordingFor } from './wording';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[]; ordered?: boolean }
  | { kind: 'examples'; rows: ReadonlyArray<readonly [string, string]> }
  | { kind: 'quote'; lines: string[] };

/** Inbound words for one line of context: no control characters, capped. */
export function quoted(text: string, max = 80): string {
  const line = headerSafe(text, max + 1);
  return Array.from(line).length > max ? `${Array.from(line).slice(0, max).join('')}…` : line;
}

/** A child's name as shown in mail. */
export function nameOf(childName: string, say: Wording = ENGLISH): string {
  return quoted(childName, 40) || say('yourChild');
}

const ENGLISH = wordingFor('en');

/**
 * Renders a mail from blocks: plain text for phones, the same words in escaped HTML. `say` names
 * the language the blocks are written in (the mail says so in its Content-Language).
 */
export function renderBlocks(subject: string, blocks: Block[], say: Wording = ENGLISH): RenderedMail {
  const text: string[] = [];
  const html: string[] = [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.45;max-width:40em">',
  ];
  for (const block of blocks) {
    switch (block.kind) {
      case 'p':
        text.push(block.text, '');
        html.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case 'list': {
        block.items.forEach((item, i) => {
          text.push(block.ordered ? `${i + 1}. ${item}` : `- ${item}`);
        });
        text.push('');
        const tag = block.ordered ? 'ol' : 'ul';
        html.push(`<${tag}>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'examples':
        for (const [example, meaning] of block.rows) text.push(`  ${example}: ${meaning}`);
        text.push('');
        html.push(
          `<ul>${block.rows.map(([example, meaning]) => `<li><code>${escapeHtml(example)}</code>: ${escapeHtml(meaning)}</li>`).join('')}</ul>`,
        );
        break;
      case 'quote':
        for (const line of block.lines) text.push(`> ${line}`);
        text.push('');
        html.push(
          `<blockquote style="border-left:3px solid #ccc;margin:0;padding-left:0.8em">${block.lines.map((line) => escapeHtml(line)).join('<br>')}</blockquote>`,
        );
        break;
    }
  }
  html.push('</body></html>');
  return {
    subject: headerSafe(subject, 150),
    text: `${text.join('\n').trimEnd()}\n`,
    html: html.join('\n').replace('<html>', `<html lang="${say.language}">`),
    language: say.language,
  };
}

const GRAMMAR_BLOCK: Block = { kind: 'examples', rows: ENGLISH.examples('replyGrammar') };

/** What a guardian may reply and send, in the family's language. */
export function examplesBlock(say: Wording, key: 'replyGrammar' | 'commands'): Block {
  return { kind: 'examples', rows: say.examples(key) };
}

export function renderHelpEmail(input: { childName: string; address: string; say?: Wording }): RenderedMail {
  const say = input.say ?? ENGLISH;
  const name = nameOf(input.childName, say);
  return renderBlocks(
    say('help.subject', { name }),
    [
      { kind: 'p', text: say('help.intro', { name, address: input.address }) },
      { kind: 'p', text: say('help.replyLead') },
      examplesBlock(say, 'replyGrammar'),
      { kind: 'p', text: say('help.commandLead') },
      examplesBlock(say, 'commands'),
      { kind: 'p', text: say('help.trust') },
    ],
    say,
  );
}

/** The answer to `idioma español` / `language english`, in the language just chosen. */
export function renderLanguageChangedEmail(input: { childName: string; say: Wording }): RenderedMail {
  const { say } = input;
  const name = nameOf(input.childName, say);
  return renderBlocks(
    say('languageChanged.subject', { name }),
    [
      { kind: 'p', text: say('languageChanged.body', { name }) },
      { kind: 'p', text: say('languageChanged.back') },
    ],
    say,
  );
}

export function renderSummaryCountEmail(input: {
  childName: string;
  counts: { sessions: number; missed: number; requirements: number; dates: number; unconfirmed: number };
}): RenderedMail {
  const name = nameOf(input.childName);
  const c = input.counts;
  return renderBlocks(`Summary for ${name}`, [
    { kind: 'p', text: `What is kept for ${name} so far:` },
    {
      kind: 'list',
      items: [
        `${c.sessions} ${c.sessions === 1 ? 'session' : 'sessions'} (${c.missed} missed)`,
        `${c.requirements} ${c.requirements === 1 ? 'service' : 'services'} the IEP requires`,
        `${c.dates} ${c.dates === 1 ? 'date' : 'dates'} (meetings, requests, reviews)`,
        `${c.unconfirmed} not confirmed by you yet`,
      ],
    },
    { kind: 'p', text: 'Send "export" for every record as a spreadsheet, or "help" for everything you can write.' },
  ]);
}

export function renderExportEmail(input: {
  childName: string;
  records: number;
  deadlines: number;
  originals: { attached: true; count: number } | { attached: false; count: number; bytes: number };
}): RenderedMail {
  const name = nameOf(input.childName);
  const items = [
    `records.csv: all ${input.records} records, where each came from and whether you confirmed it`,
    `deadlines.ics: ${input.deadlines} ${input.deadlines === 1 ? 'deadline' : 'deadlines'} to add to your calendar`,
  ];
  if (input.originals.attached)
    items.push(`originals.zip: the ${input.originals.count} original messages, as received`);
  const blocks: Block[] = [
    { kind: 'p', text: `Everything kept for ${name}, attached:` },
    { kind: 'list', items },
  ];
  if (!input.originals.attached) {
    const mb = Math.ceil(input.originals.bytes / 1_000_000);
    blocks.push({
      kind: 'p',
      text: `The ${input.originals.count} original messages (about ${mb} MB) are too large for one email. The operator of this service can export them with: iep export --child ADDRESS --out FOLDER`,
    });
  }
  blocks.push({ kind: 'p', text: 'The CSV opens in any spreadsheet app. Send "help" for everything you can write.' });
  return renderBlocks(`Export for ${name}`, blocks);
}

export function renderSenderChangedEmail(input: {
  childName: string;
  address: string;
  allowed: boolean;
  /** Records read from held mail of this sender, when allowing released some. */
  released?: { messages: number; records: string[] };
}): RenderedMail {
  const name = nameOf(input.childName);
  const who = quoted(input.address, 100);
  const blocks: Block[] = input.allowed
    ? [
        {
          kind: 'p',
          text: `${who} may now send to ${name}'s address directly; their mail is read like yours. They get no answers: those only ever go to you.`,
        },
      ]
    : [
        {
          kind: 'p',
          text: `${who} is no longer allowed: mail from them to ${name}'s address will be held, and you will be asked.`,
        },
      ];
  if (input.released && input.released.messages > 0) {
    blocks.push({
      kind: 'p',
      text: `${input.released.messages} held ${input.released.messages === 1 ? 'message' : 'messages'} from them ${input.released.messages === 1 ? 'was' : 'were'} read now.`,
    });
    if (input.released.records.length > 0) {
      blocks.push({ kind: 'list', ordered: true, items: input.released.records });
      blocks.push({ kind: 'p', text: 'To confirm or correct these, reply to this email, one line each:' });
      blocks.push(GRAMMAR_BLOCK);
    }
  }
  blocks.push({
    kind: 'p',
    text: input.allowed
      ? `To undo this, send "remove ${who}" to ${name}'s address.`
      : `To allow them again, send "allow ${who}" to ${name}'s address.`,
  });
  return renderBlocks(`${input.allowed ? 'Allowed' : 'Removed'}: ${who} for ${name}`, blocks);
}

export function renderScheduleChangedEmail(input: { childName: string; paused: boolean }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(input.paused ? `Paused: scheduled emails for ${name}` : `Resumed: scheduled emails for ${name}`, [
    {
      kind: 'p',
      text: input.paused
        ? `No more weekly summaries or reminders for ${name} until you resume. Mail you forward is still read and answered.`
        : `Weekly summaries and reminders for ${name} start again.`,
    },
    { kind: 'p', text: input.paused ? 'To start them again, send "resume".' : 'To stop them, send "pause".' },
  ]);
}

export function renderCalendarLinkEmail(input: { childName: string; url: string | null }): RenderedMail {
  const name = nameOf(input.childName);
  if (input.url === null) {
    return renderBlocks(`No calendar address for ${name} here`, [
      {
        kind: 'p',
        text: 'This tracker has no calendar address set up. The deadlines still come as a calendar file with every summary and reminder.',
      },
    ]);
  }
  return renderBlocks(`New calendar address for ${name}`, [
    {
      kind: 'p',
      text: `Subscribe to this address in Google Calendar, Apple Calendar or Outlook ("add calendar from URL") to see ${name}'s deadlines and meetings: ${input.url}`,
    },
    { kind: 'p', text: 'The previous address stopped working just now. Keep this one among the family.' },
  ]);
}

export function renderStateChangedEmail(input: {
  childName: string;
  state: string;
  covered: boolean;
  /** The school year in words (`describeSchoolYear`). */
  schoolYear: string;
}): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`Deadline rules for ${name}: ${input.state}`, [
    {
      kind: 'p',
      text: input.covered
        ? `Deadlines for ${name} now follow ${input.state}'s rules as well as federal law.`
        : `${input.state} is kept for ${name}, but its own deadline rules are not known here yet: federal deadlines still apply.`,
    },
    { kind: 'p', text: `School year: ${input.schoolYear}.` },
    { kind: 'p', text: 'To change it, send "state" and the two letters, e.g. "state CA".' },
  ]);
}

export function renderDeleteConfirmationEmail(input: { childName: string; code: string }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`Confirm: delete all data for ${name}`, [
    {
      kind: 'p',
      text: `You asked to delete everything kept for ${name}: every record, every stored message, the address itself. This cannot be undone.`,
    },
    { kind: 'p', text: 'To go ahead, reply to this email with this code as the first line:' },
    { kind: 'quote', lines: [input.code] },
    {
      kind: 'p',
      text: 'The code works until tomorrow ends (UTC). If you did not ask for this, ignore this email: nothing is deleted. Send "export" first if you want a copy.',
    },
  ]);
}

export function renderDeletedEmail(input: { childName: string; address: string; messages: number }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`Deleted: all data for ${name}`, [
    {
      kind: 'p',
      text: `Everything kept for ${name} was deleted, irreversibly: every record and ${input.messages} stored ${input.messages === 1 ? 'message' : 'messages'}. ${input.address} no longer accepts mail.`,
    },
    { kind: 'p', text: 'Nothing more will be sent about this child. To start again, ask for a new address.' },
  ]);
}

export function renderBadDeletionCodeEmail(input: { childName: string }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`Not deleted: that code is not valid for ${name}`, [
    { kind: 'p', text: 'Nothing was deleted: the code is wrong, or older than a day.' },
    { kind: 'p', text: 'To delete everything, send "delete all data" again and reply with the new code.' },
  ]);
}

export type RefusalReason = 'missing' | 'forged' | 'other-child' | 'expired' | 'unknown-answer';

const REFUSALS: Record<RefusalReason, string> = {
  missing:
    'This looks like a reply to one of our emails, but the reply address was changed on the way, so it is not clear which entries it is about.',
  forged: 'The reply address of this message is not one we sent, so it was not used.',
  'other-child': "The reply address belongs to a different child's email, so it was not used for this one.",
  expired: 'The email you replied to is more than 60 days old, so replies to it are no longer used.',
  'unknown-answer': 'The email you replied to can no longer be found, so the reply was not used.',
};

/** A reply that changed nothing: why, and what to do instead. */
export function renderReplyRefusedEmail(input: { childName: string; reason: RefusalReason }): RenderedMail {
  const name = nameOf(input.childName);
  return renderBlocks(`Nothing changed for ${name}: reply not used`, [
    { kind: 'p', text: `${REFUSALS[input.reason]} Nothing was changed.` },
    {
      kind: 'p',
      text: 'To correct an entry, use "Reply" on the latest answer about it (keep the address it replies to). To add something new, forward the school mail again, or reply to any recent answer with a line like "add thu speech 30 min individual". Send "help" for everything you can write.',
    },
  ]);
}

/** The answer to `done N` / `dismiss N`. */
export function renderDeadlineMarksEmail(input: {
  childName: string;
  done: string[];
  unusable: Array<{ text: string; why: string }>;
}): RenderedMail {
  const name = nameOf(input.childName);
  const blocks: Block[] = [];
  if (input.done.length > 0) blocks.push({ kind: 'list', items: input.done.map((line) => quoted(line, 200)) });
  if (input.unusable.length > 0) {
    blocks.push({ kind: 'p', text: 'These lines could not be used, so they changed nothing:' });
    blocks.push({ kind: 'quote', lines: input.unusable.map((u) => `${quoted(u.text)}  (${quoted(u.why, 100)})`) });
  }
  blocks.push({
    kind: 'p',
    text: 'Write "done N" when deadline N is done, or "dismiss N" to stop reminders for it, N as numbered in the reminder.',
  });
  return renderBlocks(
    input.done.length > 0 ? `Deadlines updated for ${name}` : `Nothing changed for ${name}: please check your reply`,
    blocks,
  );
}

/** A reply to a notice about a new sender that was not `allow`. */
export function renderNoticeReplyEmail(input: {
  childName: string;
  sender: string;
  allowable: boolean;
  /** Not allowable because the From is no address the system can keep (not because checks failed). */
  unusableAddress?: boolean;
}): RenderedMail {
  const name = nameOf(input.childName);
  const who = quoted(input.sender, 100) || 'the sender';
  if (input.unusableAddress) {
    return renderBlocks(`Nothing changed for ${name}: ${who} is still held`, [
      {
        kind: 'p',
        text: `${who} is not an address this system can put on the list of people who may write, so it cannot be allowed; their mail stays held, unread, and kept.`,
      },
      {
        kind: 'p',
        text: 'If their mail matters, ask them to write from an ordinary address (name@school.org), then reply "allow" to the notice about it.',
      },
    ]);
  }
  return renderBlocks(`Nothing changed for ${name}: ${who} is still held`, [
    {
      kind: 'p',
      text: input.allowable
        ? `Your reply did not say "allow", so mail from ${who} is still held, unread.`
        : `Mail from ${who} failed the sender checks, so it cannot be allowed from here; it stays held, unread.`,
    },
    {
      kind: 'p',
      text: input.allowable
        ? 'To accept it and future mail from them, reply "allow" to the notice. Otherwise there is nothing to do.'
        : 'If you sent it yourself, forward it again from your usual mail app.',
    },
  ]);
}
