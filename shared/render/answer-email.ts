// The answer a guardian gets for each message they forward: what was recorded, numbered, what
// was not and why, and how to confirm or correct by replying. Plain text first, for phones;
// the HTML says the same. Every word from inbound mail is escaped.
import type { StoredRecord } from '../store/records';
import { escapeHtml, headerSafe } from './escape';
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
  /** The message could not be read at all (it is kept). */
  unreadable: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const REPLY_HELP: Array<[string, string]> = [
  ['ok', 'everything above is right'],
  ['2 student absent', 'item 2 was missed because the student was absent'],
  ['1 20 min', 'item 1 was 20 minutes'],
  ['delete 3', 'item 3 is wrong: remove it'],
];

/** Inbound words for a one-line context: no control characters, capped. */
function shortQuote(text: string, max = 80): string {
  const line = headerSafe(text, max + 1);
  return Array.from(line).length > max ? `${Array.from(line).slice(0, max).join('')}…` : line;
}

function headline(input: AnswerEmailInput, name: string): string {
  if (input.unreadable) return `We could not read this message for ${name}`;
  const fresh = input.items.filter((item) => !item.alreadyRecorded).length;
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
    text.push(
      `Nothing about ${name}'s services was found. If the message did say something, reply with it in your own words.`,
      '',
    );
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
    html.push(
      `<p>Nothing about ${escapeHtml(name)}'s services was found. If the message did say something, reply with it in your own words.</p>`,
    );
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
