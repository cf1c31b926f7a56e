// Which deadline reminders a child's daily job (07:00 in the child's time zone) sends today, and the
// one email that carries them. Nothing is sent on a day nothing needs it. An overdue or late deadline
// comes with a short, kind draft to the case manager that cites the rule, in the language the family
// chose for its letters (the school's by default), with the family's own version beside it to read.
// Names come from inbound mail: every one is escaped in the HTML and stripped of line breaks in the subject.

import { daysBetween } from '../calendar/iso-days';
import type { IsoDate } from '../records/types';
import { longDate } from '../render/dates';
import { awaitedWords, mayMoveWords, ruleWords } from '../render/deadline-words';
import { lettersLanguageNote } from '../render/digest-wording';
import { followUpLetter } from '../render/drafts';
import { escapeHtml, oneLine } from '../render/escape';
import { type Language, SCHOOL_LANGUAGE } from '../render/language';
import { type Wording, wordingFor } from '../render/wording';
import type { Deadline } from './track-deadlines';

export type ReminderKind = 'due-in-7-days' | 'due-tomorrow' | 'due-today' | 'overdue' | 'late';

export interface Reminder {
  kind: ReminderKind;
  /** 1-based position in the list given to `remindersDue`: the N of the parent's `done N` / `dismiss N`. */
  number: number;
  deadline: Deadline;
  /** Days past the due day (0 unless overdue or late). */
  daysPastDue: number;
}

const LEAD_DAYS: ReadonlyMap<number, ReminderKind> = new Map([
  [7, 'due-in-7-days'],
  [1, 'due-tomorrow'],
  [0, 'due-today'],
]);

/**
 * The reminders to send on `today`: an unsatisfied deadline 7 days before, the day before and on its
 * due day, then weekly while overdue (the day after the due day, and every 7 days after); a deadline
 * satisfied late, once, the day after its due day. Met, dismissed and no-deadline items never remind.
 */
export function remindersDue(deadlines: readonly Deadline[], today: IsoDate): Reminder[] {
  const reminders: Reminder[] = [];
  for (const [index, deadline] of deadlines.entries()) {
    const number = index + 1;
    if (deadline.due === null) continue;
    const until = daysBetween(today, deadline.due);
    if (deadline.status === 'open' || deadline.status === 'overdue') {
      const kind = LEAD_DAYS.get(until);
      if (kind) reminders.push({ kind, number, deadline, daysPastDue: 0 });
      else if (until < 0 && (-until - 1) % 7 === 0)
        reminders.push({ kind: 'overdue', number, deadline, daysPastDue: -until });
    } else if (deadline.status === 'late' && until === -1) {
      reminders.push({ kind: 'late', number, deadline, daysPastDue: 1 });
    }
  }
  const order: ReminderKind[] = ['overdue', 'late', 'due-today', 'due-tomorrow', 'due-in-7-days'];
  return reminders.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.number - b.number);
}

export interface ReminderEmailInput {
  childName: string;
  reminders: readonly Reminder[];
  today: IsoDate;
  /** The case manager's name for the draft's greeting, if known. */
  caseManagerName?: string | null;
  /** The parent's name to sign the draft, if known. */
  parentName?: string | null;
  /** The family's language (English when not given). */
  say?: Wording;
  /** The language of the note to the case manager: the school's unless the family chose another. */
  letterLanguage?: Language;
}

export interface ReminderEmail {
  subject: string;
  text: string;
  html: string;
  /** The notes to the case manager in the email, one per overdue or late deadline, as plain text (ready to copy). */
  drafts: string[];
  /** Each note in the family's language, to read, when the notes are in another. */
  readings: string[];
  /** The language of the email (sent as Content-Language). */
  language: Language;
}

export { escapeHtml, longDate, oneLine };

function headline(reminder: Reminder, child: string, say: Wording): string {
  const { deadline } = reminder;
  const what = awaitedWords(deadline, child, say);
  const date = (day: IsoDate) => longDate(day, say.language);
  const due = deadline.due ? date(deadline.due) : '';
  switch (reminder.kind) {
    case 'due-in-7-days':
      return say('reminder.dueIn7', { what, due });
    case 'due-tomorrow':
      return say('reminder.dueTomorrow', { what, due });
    case 'due-today':
      return say('reminder.dueToday', { what });
    case 'overdue':
      return say.plural('reminder.overdue', reminder.daysPastDue, { what, due });
    case 'late':
      return say('reminder.late', {
        what,
        due,
        done: deadline.satisfiedOn ? date(deadline.satisfiedOn) : say('reminder.afterThat'),
      });
  }
}

/**
 * A short, kind note to the case manager for an overdue or late deadline, citing the rule, in
 * `language` (the school's unless the family chose another for its letters).
 */
export function draftToCaseManager(
  reminder: Reminder,
  child: string,
  caseManagerName: string | null,
  parentName: string | null,
  language: Language = SCHOOL_LANGUAGE,
): string {
  return followUpLetter(
    { deadline: reminder.deadline, late: reminder.kind === 'late', child, caseManagerName, parentName },
    language,
  );
}

/**
 * The reminder email for one child and one day: a subject, a plain-text and an HTML body, and the
 * drafts for overdue or late deadlines. Call only when `remindersDue` returned something.
 */
export function renderReminderEmail(input: ReminderEmailInput): ReminderEmail {
  const say = input.say ?? wordingFor('en');
  const child = oneLine(input.childName, 60) || say('yourChild');
  const caseManager = input.caseManagerName ? oneLine(input.caseManagerName, 80) || null : null;
  const parent = input.parentName ? oneLine(input.parentName, 80) || null : null;
  const reminders = input.reminders;
  const first = reminders[0];
  const subject =
    reminders.length === 1 && first
      ? oneLine(say('reminder.subject.one', { name: child, headline: headline(first, child, say) }), 150)
      : oneLine(say('reminder.subject.many', { name: child, count: reminders.length }), 150);

  const letters = input.letterLanguage ?? SCHOOL_LANGUAGE;
  const noteFor = (reminder: Reminder, language: Language) =>
    draftToCaseManager(reminder, child, caseManager, parent, language);
  const items = reminders.map((reminder) => {
    const due = reminder.kind === 'overdue' || reminder.kind === 'late';
    return {
      number: reminder.number,
      headline: headline(reminder, child, say),
      rule: [ruleWords(reminder.deadline, say), ...mayMoveWords(reminder.deadline, say)].join(' '),
      citation: reminder.deadline.citation,
      draft: due ? noteFor(reminder, letters) : null,
      reading: due && letters !== say.language ? noteFor(reminder, say.language) : null,
    };
  });
  const drafts = items.flatMap((item) => (item.draft ? [item.draft] : []));
  const readings = items.flatMap((item) => (item.reading ? [item.reading] : []));
  const heading = say('reminder.heading', { name: child, date: longDate(input.today, say.language) });
  const draftLead = [say('reminder.draftLead'), lettersLanguageNote(letters, say, 'reminder')]
    .filter((words) => words !== null)
    .join(' ');
  const readingLead = say('reminder.draftTranslation');
  const indented = (block: string) => block.split('\n').map((line) => `   ${line}`);

  const textParts = [heading, ''];
  for (const item of items) {
    textParts.push(`${item.number}. ${item.headline}`, `   ${item.rule} (${item.citation})`);
    if (item.draft) textParts.push('', `   ${draftLead}`, '', ...indented(item.draft));
    if (item.reading) textParts.push('', `   ${readingLead}`, '', ...indented(item.reading));
    textParts.push('');
  }
  textParts.push(say('reminder.attachment'));
  textParts.push(say('reminder.howMark'));

  // Each note is marked with its language, for screen readers and translators.
  const quote = (block: string, language: Language) =>
    `<blockquote lang="${language}" style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(block)}</blockquote>`;
  const htmlItems = items
    .map((item) => {
      const draft = item.draft ? `<p>${escapeHtml(draftLead)}</p>${quote(item.draft, letters)}` : '';
      const reading = item.reading ? `<p>${escapeHtml(readingLead)}</p>${quote(item.reading, say.language)}` : '';
      return `<li value="${item.number}"><p><strong>${escapeHtml(item.headline)}</strong><br>${escapeHtml(item.rule)} (${escapeHtml(item.citation)})</p>${draft}${reading}</li>`;
    })
    .join('');
  const html = [
    `<!doctype html><html lang="${say.language}"><body style="font-family:sans-serif;line-height:1.4">`,
    `<p>${escapeHtml(heading)}</p>`,
    `<ol>${htmlItems}</ol>`,
    `<p>${escapeHtml(say('reminder.attachment'))}<br>`,
    `${escapeHtml(say('reminder.howMark'))}</p>`,
    '</body></html>',
  ].join('');

  return { subject, text: textParts.join('\n'), html, drafts, readings, language: say.language };
}
