// The answer a guardian gets for each message they forward: what was recorded, numbered, what
// was not and why, and how to confirm or correct by replying. Plain text first, for phones;
// the HTML says the same. Every word from inbound mail is escaped.
import { addDays } from '../calendar/iso-days';
import { addSessionLine, REPLY_WORDS } from '../commands/reply-grammar';
import type { ReadingProblem } from '../extract/reading-problem';
import type { UnreadLine } from '../extract/unread-lines';
import type { IsoDate } from '../records/types';
import type { StoredRecord } from '../store/records';
import { escapeHtml, headerSafe } from './escape';
import type { Language } from './language';
import { attachmentWhere, problemWords } from './problem-words';
import { describeRecord } from './record-words';
import { type ExampleRows, type Wording, wordingFor } from './wording';

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
  /** Problems met reading it (cut-off message, damaged attachment), worded here in the family's language. */
  problems?: ReadingProblem[];
  /** Lines that look like session reports but gave no record, and attachments that could not be read (inbound words). */
  unread?: UnreadLine[];
  /** The message could not be read at all (it is kept). */
  unreadable: boolean;
  /** The day of the answer in the family's zone: dates from another school year show their year. */
  today?: IsoDate;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The language it is written in, when the family's (sent as Content-Language). */
  language?: Language;
}

/** Inbound words for a one-line context: no control characters, capped. */
function shortQuote(text: string, max = 80): string {
  const line = headerSafe(text, max + 1);
  return Array.from(line).length > max ? `${Array.from(line).slice(0, max).join('')}…` : line;
}

const MAX_NOT_READ = 20;

const ENGLISH = wordingFor('en');

/** A line not read as the answer shows it: where it was, its words, and the reply that would add it (none for a whole attachment). */
interface NotRead {
  where: string;
  quote: string;
  reply: string | null;
}

function notReadOf(line: UnreadLine, say: Wording): NotRead {
  const where =
    line.part === 'body'
      ? say('answer.where.body')
      : line.part === 'note'
        ? say('answer.where.note')
        : attachmentWhere(shortQuote(line.part, 60), say);
  return {
    where,
    quote: shortQuote(line.problem ? problemWords(line.problem, say) : line.text, 200),
    reply: line.line === null ? null : addSessionLine(line, say.language),
  };
}

function headline(input: AnswerEmailInput, name: string, say: Wording): string {
  if (input.unreadable) return say('answer.headline.unreadable', { name });
  const fresh = input.items.filter((item) => !item.alreadyRecorded).length;
  const notRead = input.unread?.length ?? 0;
  if (input.items.length === 0 && notRead > 0) return say('answer.headline.notRead', { name, count: notRead });
  if (input.items.length === 0) return say('answer.headline.nothing', { name });
  if (fresh === 0) return say('answer.headline.already', { name });
  return say.plural('answer.headline.recorded', fresh, { name });
}

/**
 * The reply lines an answer suggests, built from its own items: the numbers it has, a session's
 * minutes and service. Every line is one the reply grammar reads.
 */
export function answerReplyExamples(items: readonly AnswerItem[], say: Wording): ExampleRows {
  const rows: Array<readonly [string, string]> = [
    [say('answer.example.okLine'), say.plural('answer.example.ok', items.length)],
  ];
  const numbered = items.map((item, i) => ({ record: item.record, n: i + 1 }));
  const sessions = numbered.filter((entry) => entry.record.kind === 'session');
  const first = sessions[0];
  if (first) {
    rows.push([say('answer.example.absentLine', { n: first.n }), say('answer.example.absent', { n: first.n })]);
    const timed = sessions[sessions.length - 1] ?? first;
    const stated = timed.record.kind === 'session' ? timed.record.minutes : null;
    const minutes = stated === 20 ? 30 : 20;
    rows.push([
      say('answer.example.minutesLine', { n: timed.n, minutes }),
      say('answer.example.minutes', { n: timed.n, minutes }),
    ]);
  }
  const last = numbered[numbered.length - 1];
  if (last) rows.push([say('answer.example.deleteLine', { n: last.n }), say('answer.example.delete', { n: last.n })]);
  const service = numbered.find((entry) => entry.record.kind === 'session' || entry.record.kind === 'requirement');
  if (service && (service.record.kind === 'session' || service.record.kind === 'requirement')) {
    // A week before the first session, the same weekday: a plausible day for one the message left out.
    const day = service.record.kind === 'session' ? addDays(service.record.date, -7) : null;
    const date = day ? `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}` : '10/5';
    const minutes = service.record.minutes ?? 30;
    const name = REPLY_WORDS.serviceNames[say.language][service.record.service];
    rows.push([say('answer.example.addLine', { date, service: name, minutes }), say('answer.example.add')]);
  }
  return rows;
}

/** The answer, in the family's language (`say`; English when not given). */
export function renderAnswerEmail(input: AnswerEmailInput, say: Wording = ENGLISH): RenderedMail {
  const name = shortQuote(input.childName, 40) || say('yourChild');
  const about = shortQuote(input.subject) || say('noSubject');
  const title = headline(input, name, say);
  const already = say('answer.alreadyRecorded');
  const allAlready = say('answer.allAlready');
  const unreadableWords = say('answer.unreadable');
  const fromMessage = say('answer.fromMessage', { subject: about });
  const replyHelp = answerReplyExamples(input.items, say);
  const describe = (record: StoredRecord) => describeRecord(record, say.language, { today: input.today });
  const subject = headerSafe(`${title} · ${about}`, 150);

  const lines = input.items.map(
    (item, i) => `${i + 1}. ${describe(item.record)}${item.alreadyRecorded ? ` ${already}` : ''}`,
  );
  const ignored = input.ignored.map((entry) => `${shortQuote(entry.what, 60)}: ${shortQuote(entry.why, 160)}`);
  const problems = (input.problems ?? []).slice(0, 10).map((problem) => shortQuote(problemWords(problem, say), 200));
  const unread = input.unread ?? [];
  const notRead = unread.slice(0, MAX_NOT_READ).map((line) => notReadOf(line, say));
  const moreNotRead = unread.length - notRead.length;
  const nothingFound =
    unread.length > 0
      ? say.plural('answer.nothingFoundButUnread', unread.length)
      : say('answer.nothingFound', { name });
  const notReadHeading = say('answer.notReadHeading');
  const notReadHow = say('answer.notReadHow');
  const notReadMore = say('answer.notReadMore', { count: moreNotRead });

  const text: string[] = [`${title}.`, fromMessage, ''];
  if (input.unreadable) text.push(unreadableWords, '');
  if (lines.length > 0) {
    text.push(...lines, '');
    if (input.items.every((item) => item.alreadyRecorded)) {
      text.push(allAlready, '');
    }
  } else if (!input.unreadable) {
    text.push(nothingFound, '');
  }
  if (notRead.length > 0) {
    text.push(notReadHeading, notReadHow);
    for (const entry of notRead) {
      text.push(`- “${entry.quote}” (${entry.where})`);
      if (entry.reply) text.push(`    ${entry.reply}`);
    }
    if (moreNotRead > 0) text.push(`- ${notReadMore}`);
    text.push('');
  }
  if (problems.length > 0) text.push(say('answer.problemsLead'), ...problems.map((entry) => `- ${entry}`), '');
  if (ignored.length > 0) text.push(say('answer.notRecordedLead'), ...ignored.map((entry) => `- ${entry}`), '');
  if (lines.length > 0) {
    text.push(say('answer.replyLead'));
    for (const [example, meaning] of replyHelp) text.push(`  ${example}: ${meaning}`);
    text.push(say('answer.replyFoot'));
  }

  const html: string[] = [
    `<!doctype html><html lang="${say.language}"><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.45;max-width:40em">`,
    `<p><strong>${escapeHtml(title)}.</strong><br>${escapeHtml(fromMessage)}</p>`,
  ];
  if (input.unreadable) html.push(`<p>${escapeHtml(unreadableWords)}</p>`);
  if (lines.length > 0) {
    html.push('<ol>');
    for (const item of input.items) {
      const mark = item.alreadyRecorded ? ` <em>${escapeHtml(already)}</em>` : '';
      html.push(`<li>${escapeHtml(describe(item.record))}${mark}</li>`);
    }
    html.push('</ol>');
    if (input.items.every((item) => item.alreadyRecorded)) {
      html.push(`<p>${escapeHtml(allAlready)}</p>`);
    }
  } else if (!input.unreadable) {
    html.push(`<p>${escapeHtml(nothingFound)}</p>`);
  }
  if (notRead.length > 0) {
    html.push(`<p><strong>${escapeHtml(notReadHeading)}</strong><br>${escapeHtml(notReadHow)}</p><ul>`);
    for (const entry of notRead) {
      const reply = entry.reply ? `<br><code>${escapeHtml(entry.reply)}</code>` : '';
      html.push(`<li>“${escapeHtml(entry.quote)}” (${escapeHtml(entry.where)})${reply}</li>`);
    }
    if (moreNotRead > 0) html.push(`<li>${escapeHtml(notReadMore)}</li>`);
    html.push('</ul>');
  }
  if (problems.length > 0) {
    html.push(`<p>${escapeHtml(say('answer.problemsLead'))}</p><ul>`);
    for (const entry of problems) html.push(`<li>${escapeHtml(entry)}</li>`);
    html.push('</ul>');
  }
  if (ignored.length > 0) {
    html.push(`<p>${escapeHtml(say('answer.notRecordedLead'))}</p><ul>`);
    for (const entry of ignored) html.push(`<li>${escapeHtml(entry)}</li>`);
    html.push('</ul>');
  }
  if (lines.length > 0) {
    html.push(`<p>${escapeHtml(say('answer.replyLead'))}</p><ul>`);
    for (const [example, meaning] of replyHelp) {
      html.push(`<li><code>${escapeHtml(example)}</code>: ${escapeHtml(meaning)}</li>`);
    }
    html.push(`</ul><p>${escapeHtml(say('answer.replyFoot'))}</p>`);
  }
  html.push('</body></html>');

  return { subject, text: `${text.join('\n').trimEnd()}\n`, html: html.join('\n'), language: say.language };
}

export interface ForwardingVerificationInput {
  childName: string;
  /** The verification message's text (from Google; still escaped like any inbound text). */
  text: string;
  subject: string;
}

/** Passes Gmail's forwarding confirmation on to the guardians, its words unchanged, introduced in theirs. */
export function renderForwardingVerification(input: ForwardingVerificationInput, say: Wording = ENGLISH): RenderedMail {
  const name = shortQuote(input.childName, 40) || say('yourChild');
  const body = Array.from(input.text).slice(0, 6000).join('');
  const intro = say('forwardingVerification.intro', { name });
  return {
    subject: headerSafe(say('forwardingVerification.subject', { name, subject: shortQuote(input.subject) }), 150),
    text: `${intro}\n\n----\n${body}\n`,
    html: [
      `<!doctype html><html lang="${say.language}"><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.45;max-width:40em">`,
      `<p>${escapeHtml(intro)}</p>`,
      // Google's own words, in whatever language Google wrote them.
      `<pre style="white-space:pre-wrap">${escapeHtml(body)}</pre>`,
      '</body></html>',
    ].join('\n'),
    language: say.language,
  };
}
