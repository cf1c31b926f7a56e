// `done N` / `dismiss N` from a guardian, answering a deadline reminder: N is the deadline's number
// in the reminder (the order trackDeadlines gives), resolved with resolveParentMark and kept in the
// deadline-marks store that reminders, the digest and the calendar read. `add 11/2 referral` in the
// same mail records a date only the parent knows, and says which deadlines it starts.
import { dayIn } from '../calendar/iso-days';
import type { ParsedLine } from '../commands/reply-grammar';
import { resolveParentMark } from '../deadlines/track-deadlines';
import { deadlinesOf, groupForDigest } from '../digest/digest-input';
import { emptyExtraction } from '../extract/extract-from-bytes';
import type { IngestDeps } from '../ingest/ingest-deps';
import type { DateItem } from '../records/types';
import { longDate } from '../render/dates';
import { awaitedWords } from '../render/deadline-words';
import { languageOf } from '../render/language';
import { describeRecord } from '../render/record-words';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import { addedDate, putAdded } from './apply-reply';

export interface MarksResult {
  done: string[];
  unusable: Array<{ text: string; why: string }>;
}

/** The mail the lines came in: who sent it, and where its original is kept. */
export interface MarksMail {
  sender: string;
  messageId: string;
  rawKey: string;
}

export async function applyDeadlineMarks(
  deps: IngestDeps,
  child: Child,
  lines: ParsedLine[],
  mail: MarksMail,
): Promise<MarksResult> {
  const now = deps.clock.now();
  const today = dayIn(child.timeZone, now);
  const [records, marks] = await Promise.all([deps.records.list(child.id), deps.deadlineMarks.list(child.id)]);
  // Numbers are those of the list the guardian saw: dates added by this mail do not shift them.
  const deadlines = deadlinesOf(groupForDigest(records).dates, child, today, marks);
  const result: MarksResult = { done: [], unusable: [] };
  const say = wordingFor(languageOf(child));
  const added: DateItem[] = [];
  for (const line of lines) {
    const action = line.action;
    if (action?.kind === 'add-date') {
      const item = addedDate(action, line, today);
      if (!item) {
        result.unusable.push({ text: line.text, why: say('reply.why.noDay') });
        continue;
      }
      const extraction = { ...emptyExtraction('reply'), sender: mail.sender, sentOn: today, dates: [item] };
      for (const record of await putAdded(deps, { child, ...mail, at: now.toISOString() }, line, extraction)) {
        result.done.push(say('marks.added', { record: describeRecord(record, say.language) }));
      }
      added.push(item);
      continue;
    }
    if (action?.kind !== 'mark') {
      result.unusable.push({ text: line.text, why: say('reply.why.notUnderstood') });
      continue;
    }
    const mark = resolveParentMark(deadlines, action.n, action.action, today);
    const deadline = deadlines[action.n - 1];
    if (!mark || !deadline) {
      result.unusable.push({ text: line.text, why: say('marks.why.noDeadline', { n: action.n }) });
      continue;
    }
    await deps.deadlineMarks.put(child.id, mark);
    const type = say(`deadline.type.${deadline.type}`);
    const what = deadline.due ? say('marks.due', { what: type, date: longDate(deadline.due, say.language) }) : type;
    result.done.push(say(action.action === 'done' ? 'marks.done' : 'marks.dismissed', { n: action.n, what }));
  }
  if (added.length > 0) {
    // What the added dates start, numbered as the next reminder will number them.
    const stored = await deps.records.list(child.id);
    const after = deadlinesOf(groupForDigest(stored).dates, child, today, await deps.deadlineMarks.list(child.id));
    after.forEach((deadline, i) => {
      if (!added.some((item) => item.type === deadline.type && item.date === deadline.from)) return;
      const what = awaitedWords(deadline, child.name, say);
      result.done.push(
        deadline.due
          ? say('marks.started', { n: i + 1, what, date: longDate(deadline.due, say.language) })
          : say('marks.startedNoDue', { n: i + 1, what }),
      );
    });
  }
  return result;
}
