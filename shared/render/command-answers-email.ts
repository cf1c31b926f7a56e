// The short emails that answer a guardian's command (help, summary, export, allow, remove, pause,
// resume, state, delete all data) and explain a refused reply. Each is built from blocks that
// render to phone-friendly plain text and to the same words in escaped HTML, and each ends by
// saying what the guardian can do next.
import type { RenderedMail } from './answer-email';
import { calendarBlocks } from './calendar-links';
import { dateWithYear } from './dates';
import { escapeHtml, headerSafe } from './escape';
import { LANGUAGES, type Language, SCHOOL_LANGUAGE } from './language';
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

/**
 * The answer to `cartas en español` / `letters in english`: the letters to the school will be in
 * `letters`, with the family's own language beside them when that differs.
 */
export function renderLettersChangedEmail(input: { childName: string; say: Wording; letters: Language }): RenderedMail {
  const { say, letters } = input;
  const name = nameOf(input.childName, say);
  const other = LANGUAGES.find((language) => language !== letters) ?? SCHOOL_LANGUAGE;
  return renderBlocks(
    say('lettersChanged.subject', { name, letters: say(`language.${letters}`) }),
    [
      { kind: 'p', text: say('lettersChanged.body', { name, letters: say(`language.${letters}`) }) },
      ...(letters === say.language
        ? []
        : [{ kind: 'p' as const, text: say('lettersChanged.reading', { family: say(`language.${say.language}`) }) }]),
      {
        kind: 'p',
        text: say('lettersChanged.back', { other: say(`language.${other}`), command: say(`letters.command.${other}`) }),
      },
    ],
    say,
  );
}

/** Every answer is written in the family's language: `say` (English when not given). */
interface Said {
  childName: string;
  say?: Wording;
}

/** The wording and the child's name as shown, for a renderer. */
function wordsFor(input: Said): { say: Wording; name: string } {
  const say = input.say ?? ENGLISH;
  return { say, name: nameOf(input.childName, say) };
}

const p = (text: string): Block => ({ kind: 'p', text });

export function renderSummaryCountEmail(
  input: Said & {
    counts: { sessions: number; missed: number; requirements: number; dates: number; unconfirmed: number };
  },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const c = input.counts;
  return renderBlocks(
    say('summaryCount.subject', { name }),
    [
      p(say('summaryCount.lead', { name })),
      {
        kind: 'list',
        items: [
          say.plural('summaryCount.sessions', c.sessions, { missed: c.missed }),
          say.plural('summaryCount.requirements', c.requirements),
          say.plural('summaryCount.dates', c.dates),
          say('summaryCount.unconfirmed', { count: c.unconfirmed }),
        ],
      },
      p(say('summaryCount.next')),
    ],
    say,
  );
}

export function renderExportEmail(
  input: Said & {
    records: number;
    deadlines: number;
    originals: { attached: true; count: number } | { attached: false; count: number; bytes: number };
  },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const items = [say('export.csv', { count: input.records }), say.plural('export.ics', input.deadlines)];
  if (input.originals.attached) items.push(say('export.zip', { count: input.originals.count }));
  const blocks: Block[] = [p(say('export.lead', { name })), { kind: 'list', items }];
  if (!input.originals.attached) {
    const mb = Math.ceil(input.originals.bytes / 1_000_000);
    blocks.push(p(say('export.tooLarge', { count: input.originals.count, mb })));
  }
  blocks.push(p(say('export.foot')));
  return renderBlocks(say('export.subject', { name }), blocks, say);
}

export function renderSenderChangedEmail(
  input: Said & {
    address: string;
    allowed: boolean;
    /** Records read from held mail of this sender, when allowing released some (lines in the family's language). */
    released?: { messages: number; records: string[] };
  },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const who = quoted(input.address, 100);
  const blocks: Block[] = [p(say(input.allowed ? 'sender.allowed.body' : 'sender.removed.body', { who, name }))];
  if (input.released && input.released.messages > 0) {
    blocks.push(p(say.plural('sender.released', input.released.messages)));
    if (input.released.records.length > 0) {
      blocks.push({ kind: 'list', ordered: true, items: input.released.records });
      blocks.push(p(say('sender.releasedLead')));
      blocks.push(examplesBlock(say, 'replyGrammar'));
    }
  }
  blocks.push(p(say(input.allowed ? 'sender.undoAllow' : 'sender.undoRemove', { who, name })));
  return renderBlocks(
    say(input.allowed ? 'sender.allowed.subject' : 'sender.removed.subject', { who, name }),
    blocks,
    say,
  );
}

export function renderScheduleChangedEmail(input: Said & { paused: boolean }): RenderedMail {
  const { say, name } = wordsFor(input);
  const state = input.paused ? 'paused' : 'resumed';
  return renderBlocks(
    say(`schedule.${state}.subject`, { name }),
    [p(say(`schedule.${state}.body`, { name })), p(say(`schedule.${state}.next`))],
    say,
  );
}

export function renderCalendarLinkEmail(input: Said & { url: string | null; replaced: boolean }): RenderedMail {
  const { say, name } = wordsFor(input);
  if (input.url === null) {
    return renderBlocks(say('calendarLink.none.subject', { name }), [p(say('calendarLink.none.body'))], say);
  }
  // The old links are spoken of only when there were some: a family may never have had one.
  return renderBlocks(
    say(input.replaced ? 'calendar.new.subject' : 'calendar.first.subject', { name }),
    [...calendarBlocks(say, name, input.url), ...(input.replaced ? [p(say('calendar.replaced'))] : [])],
    say,
  );
}

export function renderStateChangedEmail(
  input: Said & {
    state: string;
    covered: boolean;
    /** The family's school year: its first and last day, and where they came from when estimated. */
    schoolYear: { firstDay: string; lastDay: string; estimated: boolean; source: string };
  },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const year = input.schoolYear;
  const from = dateWithYear(year.firstDay, say.language);
  const to = dateWithYear(year.lastDay, say.language);
  return renderBlocks(
    say('state.subject', { name, state: input.state }),
    [
      p(say(input.covered ? 'state.covered' : 'state.notCovered', { name, state: input.state })),
      p(
        year.estimated
          ? say('state.schoolYear.estimated', { from, to, source: year.source })
          : say('state.schoolYear.set', { from, to }),
      ),
      p(say('state.next')),
    ],
    say,
  );
}

export function renderDeleteConfirmationEmail(input: Said & { code: string }): RenderedMail {
  const { say, name } = wordsFor(input);
  return renderBlocks(
    say('delete.confirm.subject', { name }),
    [
      p(say('delete.confirm.body', { name })),
      p(say('delete.confirm.how')),
      { kind: 'quote', lines: [input.code] },
      p(say('delete.confirm.foot')),
    ],
    say,
  );
}

/**
 * What was deleted, and exactly what remains and for how long: the records table's backups
 * (point-in-time recovery, `backupDays`; 0 where there are none) and mail also sent to a sibling's
 * address, which is that child's too. Nothing else is kept.
 */
export function renderDeletedEmail(
  input: Said & { address: string; messages: number; keptForOthers: number; backupDays: number },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const remains: string[] = [];
  if (input.backupDays > 0) remains.push(say('deleted.backups', { days: input.backupDays }));
  if (input.keptForOthers > 0) remains.push(say.plural('deleted.keptForOthers', input.keptForOthers));
  remains.push(say('deleted.nothingElse'));
  return renderBlocks(
    say('deleted.subject', { name }),
    [
      p(say.plural('deleted.body', input.messages, { name, address: input.address })),
      p(remains.join(' ')),
      p(say('deleted.foot')),
    ],
    say,
  );
}

export function renderBadDeletionCodeEmail(input: Said): RenderedMail {
  const { say, name } = wordsFor(input);
  return renderBlocks(say('badCode.subject', { name }), [p(say('badCode.body')), p(say('badCode.next'))], say);
}

export type RefusalReason = 'missing' | 'forged' | 'other-child' | 'expired' | 'unknown-answer';

/** A reply that changed nothing: why, and what to do instead. */
export function renderReplyRefusedEmail(input: Said & { reason: RefusalReason }): RenderedMail {
  const { say, name } = wordsFor(input);
  return renderBlocks(
    say('refused.subject', { name }),
    [p(say('refused.body', { why: say(`refused.${input.reason}`) })), p(say('refused.how'))],
    say,
  );
}

/** The answer to `done N` / `dismiss N`. */
export function renderDeadlineMarksEmail(
  input: Said & { done: string[]; unusable: Array<{ text: string; why: string }> },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const blocks: Block[] = [];
  if (input.done.length > 0) blocks.push({ kind: 'list', items: input.done.map((line) => quoted(line, 200)) });
  if (input.unusable.length > 0) {
    blocks.push(p(say('reply.unusable')));
    blocks.push({ kind: 'quote', lines: input.unusable.map((u) => `${quoted(u.text)}  (${quoted(u.why, 100)})`) });
  }
  blocks.push(p(say('marks.how')));
  return renderBlocks(
    input.done.length > 0 ? say('marks.subject', { name }) : say('reply.subject.nothing', { name }),
    blocks,
    say,
  );
}

/** A reply to a notice about a new sender that was not `allow`. */
export function renderNoticeReplyEmail(
  input: Said & {
    sender: string;
    allowable: boolean;
    /** Not allowable because the From is no address the system can keep (not because checks failed). */
    unusableAddress?: boolean;
  },
): RenderedMail {
  const { say, name } = wordsFor(input);
  const who = quoted(input.sender, 100) || say('noticeReply.theSender');
  const [why, how] = input.unusableAddress
    ? (['noticeReply.unusable', 'noticeReply.howUnusable'] as const)
    : input.allowable
      ? (['noticeReply.notAllow', 'noticeReply.howAllow'] as const)
      : (['noticeReply.failed', 'noticeReply.howFailed'] as const);
  return renderBlocks(say('noticeReply.subject', { name, who }), [p(say(why, { who })), p(say(how))], say);
}
