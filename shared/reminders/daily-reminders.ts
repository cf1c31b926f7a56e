// The daily deadline reminders: at 07:00 in each family's zone, the deadlines due in 7 days,
// tomorrow or today, and weekly while overdue, in one email with the calendar attached. Each
// reminder (child, day, deadline) goes out once: it is claimed in the send ledger before sending,
// and released again if the send fails, so that a retry sends it.

import { dayIn } from '../calendar/iso-days';
import { renderCalendar } from '../deadlines/calendar';
import { type Reminder, remindersDue, renderReminderEmail } from '../deadlines/reminders';
import { meetingDays } from '../deadlines/track-deadlines';
import { deadlinesOf, firstName, groupForDigest } from '../digest/digest-input';
import { contactsOfChild, type DigestDeps } from '../digest/weekly-digest';
import type { IsoDate } from '../records/types';
import { audiencesOf } from '../render/drafts';
import { languageOf, letterLanguageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import { mailingListHeaders } from '../unsubscribe/one-click';

export type ReminderDeps = DigestDeps;

export const reminderSendKey = (day: IsoDate, deadlineId: string) => `reminder#${day}#${deadlineId}`;

export interface ReminderResult {
  status: 'sent' | 'nothing-due' | 'already-sent' | 'paused' | 'no-child';
  day?: IsoDate;
  /** The reminders in the email sent now. */
  reminders: Reminder[];
  messageId?: string;
}

/** Sends the child's reminders for the day it is at `now` in the family's zone (or `today`). */
export async function sendReminders(
  deps: ReminderDeps,
  childId: string,
  options: { today?: IsoDate } = {},
): Promise<ReminderResult> {
  const now = deps.clock.now();
  const child = await deps.children.get(childId);
  if (!child) return { status: 'no-child', reminders: [] };
  if (child.paused) return { status: 'paused', reminders: [] };
  const today = options.today ?? dayIn(child.timeZone, now);
  const [records, marks] = await Promise.all([deps.records.list(child.id), deps.deadlineMarks.list(child.id)]);
  const dates = groupForDigest(records).dates;
  const deadlines = deadlinesOf(dates, child, today, marks);
  const due = remindersDue(deadlines, today);
  if (due.length === 0) return { status: 'nothing-due', day: today, reminders: [] };

  const claimed: Reminder[] = [];
  const release = () =>
    Promise.all(
      claimed.map((r) => deps.sends.release(child.id, reminderSendKey(today, r.deadline.id)).catch(() => {})),
    );
  try {
    for (const reminder of due) {
      const key = reminderSendKey(today, reminder.deadline.id);
      // A claim left by a run that died is not a sent reminder: it is taken over once its lease
      // ran out, and until then this throws (SendInProgress) so the queue retries the child later.
      if ((await deps.sends.claim(child.id, key)) || (await deps.sends.claimAfterWaiting(child.id, key))) {
        claimed.push(reminder);
      }
    }
  } catch (error) {
    await release();
    throw error;
  }
  if (claimed.length === 0) return { status: 'already-sent', day: today, reminders: [] };
  let messageId: string;
  try {
    const contacts = await contactsOfChild(deps, child);
    const caseManager = contacts.find((c) => audiencesOf(c).has('case-manager'));
    const email = renderReminderEmail({
      childName: firstName(child.name),
      reminders: claimed,
      today,
      caseManagerName: caseManager?.name ?? null,
      say: wordingFor(languageOf(child)),
      letterLanguage: letterLanguageOf(child),
    });
    const ics = renderCalendar({
      childId: child.id,
      childName: firstName(child.name),
      deadlines,
      meetings: meetingDays(dates),
      stamp: now,
      say: wordingFor(languageOf(child)),
    });
    ({ messageId } = await deps.sender.send({
      from: deps.fromAddress,
      to: child.guardians,
      // Replies (`done 2`, `summary`, `pause`) go to the child's address, where commands are read.
      replyTo: [child.inboundAddress],
      subject: email.subject,
      text: email.text,
      html: email.html,
      language: email.language,
      attachments: [
        { filename: 'iep-deadlines.ics', contentType: 'text/calendar; charset=utf-8', content: Buffer.from(ics) },
      ],
      headers: { 'Auto-Submitted': 'auto-generated', ...mailingListHeaders(deps, child) },
    }));
  } catch (error) {
    await release();
    throw error;
  }
  // The mail is out: marking it sent is retried here, never by a run that would send it again.
  for (const reminder of claimed) {
    await deps.sends.completePatiently(child.id, reminderSendKey(today, reminder.deadline.id), messageId);
  }
  return { status: 'sent', day: today, reminders: claimed, messageId };
}
