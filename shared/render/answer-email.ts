// The answer a guardian gets for each message they forward: what was recorded, numbered, what
// was not and why, and how to confirm or correct by replying. Plain text first, for phones;
// the HTML says the same. Every word from inbound mail is escaped.
import { addSessionLine } from '../commands/reply-grammar';
import type { UnreadLine } from '../extract/unread-lines';
import type { StoredRecord } from '../store/records';
import { escapeHtml, headerSafe } from './escape';
import type { Language } from './language';
import { describeRecord } from './record-words';

export interface AnswerItem {
  record: StoredRecord;
  /** Kept already from an earlier message (the same original seen before). */
  alreadyRecorded: boolean;
}

export interface AnswerEmailInput {
  childName: string;
  /** The subject of the message being answered (from inbound mail: never trusted). */
  subject: string;
  items: AnswerItem[];
  /** What was left out and why, in plain words: `{ what: 'newsletter', why: "nothing about Maya's services" }`. */
  ignored: Array<{ what: string; why: string }>;
  /** Problems met reading it (cut-off message, damaged attachment), already in plain words. */
  problems?: string[];
  /** Lines that look like session reports but gave no record, and attachments that could not be read (inbound words). */
  unread?: UnreadLine[];
  /** The message could not be read at all (it is kept). */
  unreadable: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The language it is written in, when the family's (sent as Content-Language). */
  language?: Language;
}

const REPLY_HELP: Array<[string, string]> = [
  ['ok', 'everything above is right'],
  ['2 student absent', 'item 2 was missed because the student was absent'],
  ['1 20 min', 'item 1 was 20 minutes'],
  ['delete 3', 'item 3 is wrong: remove it'],
  ['add 10/5 speech 30 min', 'a session that is missing here'],
];

/** Inbound words for a one-line context: no control characters, capped. */
function shortQuote(text: string, max = 80): string {
  const line = headerSafe(text, max + 1);
  return Array.from(line).length > max ? `${Array.from(line).slice(0, max).join('')}…` : line;
}

const MAX_NOT_READ = 20;
const NOT_READ_HEADING = 'Not read: these lines look like session reports but I could not read them.';
const NOT_READ_HOW =
  'To add one, reply with the line under it, changing what is wrong (put the service and minutes where it says SERVICE or MINUTES, or write "missed" and why).';

/** A line not read as the answer shows it: where it was, its words, and the reply that would add it (none for a whole attachment). */
interface NotRead {
  where: string;
  quote: string;
  reply: string | null;
}

function notReadOf(line: UnreadLine): NotRead {
  const where =
    line.part === 'body' ? 'in the message' : line.part === 'note' ? 'in your note' : `in ${shortQuote(line.part, 60)}`;
  return {
    where,
    quote: shortQuote(line.text, 200),
    reply: line.line === null ? null : addSessionLine(line),
  };
}

function headline(input: AnswerEmailInput, name: string): string {
  if (input.unreadable) return `We could not read this message for ${name}`;
  const fresh = input.items.filter((item) => !item.alreadyRecorded).length;
  const notRead = input.unread?.length ?? 0;
  if (input.items.length === 0 && notRead > 0) return `Nothing recorded for ${name}: ${notRead} not read`;
  if (input.items.length === 0) return `Nothing recorded for ${name}`;
  if (fresh === 0) return `Already recorded for ${name}: nothing new`;
  return `Recorded for ${name}: ${fresh} ${fresh === 1 ? 'item' : 'items'}`;
}

export function renderAnswerEmail(input: AnswerEmailInput): RenderedMail {
  const name = shortQuote(input.childName, 40) || 'your child';
  const about = shortQuote(input.subject) || '(no subject)';
  const title = headline(input, name);
  const subject = headerSafe(`${title} · ${about}`, 150);

  const lines = input.items.map(
    (item, i) => `${i + 1}. ${describeRecord(item.record)}${item.alreadyRecorded ? ' (already recorded)' : ''}`,
  );
  const ignored = input.ignored.map((entry) => `${shortQuote(entry.what, 60)}: ${shortQuote(entry.why, 160)}`);
  const problems = (input.problems ?? []).slice(0, 10).map((problem) => shortQuote(problem, 200));
  const unread = input.unread ?? [];
  const notRead = unread.slice(0, MAX_NOT_READ).map(notReadOf);
  const moreNotRead = unread.length - notRead.length;
  const nothingFound =
    unread.length > 0
      ? `Nothing was recorded from it, but ${unread.length === 1 ? 'one part of it looks' : `${unread.length} parts of it look`} like session reports I could not read (below).`
      : `Nothing about ${name}'s services was found. If the message did say something, reply with it in your own words.`;

  const text: string[] = [`${title}.`, `From your message “${about}”.`, ''];
  if (input.unreadable) {
    text.push(
      'The message is kept, but it could not be read. If it had a service log or a note from school, please forward the original again, or send the log as a PDF or CSV.',
      '',
    );
  }
  if (lines.length > 0) {
    text.push(...lines, '');
    if (input.items.every((item) => item.alreadyRecorded)) {
      text.push('All of this was already recorded from an earlier message, so nothing was added twice.', '');
    }
  } else if (!input.unreadable) {
    text.push(nothingFound, '');
  }
  if (notRead.length > 0) {
    text.push(NOT_READ_HEADING, NOT_READ_HOW);
    for (const entry of notRead) {
      text.push(`- “${entry.quote}” (${entry.where})`);
      if (entry.reply) text.push(`    ${entry.reply}`);
    }
    if (moreNotRead > 0) text.push(`- and ${moreNotRead} more like these.`);
    text.push('');
  }
  if (problems.length > 0) text.push('Problems reading it:', ...problems.map((entry) => `- ${entry}`), '');
  if (ignored.length > 0) text.push('Not recorded:', ...ignored.map((entry) => `- ${entry}`), '');
  if (lines.length > 0) {
    text.push('Is this right? Reply to this email with:');
    for (const [example, meaning] of REPLY_HELP) text.push(`  ${example}: ${meaning}`);
    text.push('One correction per line. Nothing is final until you confirm.');
  }

  const html: string[] = [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.45;max-width:40em">',
    `<p><strong>${escapeHtml(title)}.</strong><br>From your message “${escapeHtml(about)}”.</p>`,
  ];
  if (input.unreadable) {
    html.push(
      '<p>The message is kept, but it could not be read. If it had a service log or a note from school, please forward the original again, or send the log as a PDF or CSV.</p>',
    );
  }
  if (lines.length > 0) {
    html.push('<ol>');
    for (const item of input.items) {
      const already = item.alreadyRecorded ? ' <em>(already recorded)</em>' : '';
      html.push(`<li>${escapeHtml(describeRecord(item.record))}${already}</li>`);
    }
    html.push('</ol>');
    if (input.items.every((item) => item.alreadyRecorded)) {
      html.push('<p>All of this was already recorded from an earlier message, so nothing was added twice.</p>');
    }
  } else if (!input.unreadable) {
    html.push(`<p>${escapeHtml(nothingFound)}</p>`);
  }
  if (notRead.length > 0) {
    html.push(`<p><strong>${escapeHtml(NOT_READ_HEADING)}</strong><br>${escapeHtml(NOT_READ_HOW)}</p><ul>`);
    for (const entry of notRead) {
      const reply = entry.reply ? `<br><code>${escapeHtml(entry.reply)}</code>` : '';
      html.push(`<li>“${escapeHtml(entry.quote)}” (${escapeHtml(entry.where)})${reply}</li>`);
    }
    if (moreNotRead > 0) html.push(`<li>and ${moreNotRead} more like these.</li>`);
    html.push('</ul>');
  }
  if (problems.length > 0) {
    html.push('<p>Problems reading it:</p><ul>');
    for (const entry of problems) html.push(`<li>${escapeHtml(entry)}</li>`);
    html.push('</ul>');
  }
  if (ignored.length > 0) {
    html.push('<p>Not recorded:</p><ul>');
    for (const entry of ignored) html.push(`<li>${escapeHtml(entry)}</li>`);
    html.push('</ul>');
  }
  if (lines.length > 0) {
    html.push('<p>Is this right? Reply to this email with:</p><ul>');
    for (const [example, meaning] of REPLY_HELP) {
      html.push(`<li><code>${escapeHtml(example)}</code>: ${escapeHtml(meaning)}</li>`);
    }
    html.push('</ul><p>One correction per line. Nothing is final until you confirm.</p>');
  }
  html.push('</body></html>');

  return { subject, text: `${text.join('\n').trimEnd()}\n`, html: html.join('\n') };
}

export interface ForwardingVerificationInput {
  childName: string;
  /** The verification message's text (from Google; still escaped like any inbound text). */
  text: string;
  subject: string;
}

/** Passes Gmail's forwarding confirmation on to the guardians, its words unchanged. */
export function renderForwardingVerification(input: ForwardingVerificationInput): RenderedMail {
  const name = shortQuote(input.childName, 40) || 'your child';
  const body = Array.from(input.text).slice(0, 6000).join('');
  const intro = `Gmail sent a forwarding confirmation to ${name}'s address. If you set up forwarding from your Gmail, here it is, unchanged. If you did not, ignore it.`;
  return {
    subject: headerSafe(`Gmail forwarding confirmation for ${name}'s address · ${shortQuote(input.subject)}`, 150),
    text: `${intro}\n\n----\n${body}\n`,
    html: [
      '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.45;max-width:40em">',
      `<p>${escapeHtml(intro)}</p>`,
      `<pre style="white-space:pre-wrap">${escapeHtml(body)}</pre>`,
      '</body></html>',
    ].join('\n'),
  };
}
