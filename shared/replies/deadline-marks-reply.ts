// `done N` / `dismiss N` from a guardian, answering a deadline reminder: N is the deadline's number
// in the reminder (the order trackDeadlines gives), resolved with resolveParentMark and kept in the
// deadline-marks store that reminders, the digest and the calendar read.
import { dayIn } from '../calendar/iso-days';
import type { ParsedLine } from '../commands/reply-grammar';
import { resolveParentMark } from '../deadlines/track-deadlines';
import { deadlinesOf, groupForDigest } from '../digest/digest-input';
import type { IngestDeps } from '../ingest/ingest-deps';
import { longDate } from '../render/dates';
import { languageOf } from '../render/language';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';

export interface MarksResult {
  done: string[];
  unusable: Array<{ text: string; why: string }>;
}

export async function applyDeadlineMarks(deps: IngestDeps, child: Child, lines: ParsedLine[]): Promise<MarksResult> {
  const today = dayIn(child.timeZone, deps.clock.now());
  const [records, marks] = await Promise.all([deps.records.list(child.id), deps.deadlineMarks.list(child.id)]);
  const deadlines = deadlinesOf(groupForDigest(records).dates, child, today, marks);
  const result: MarksResult = { done: [], unusable: [] };
  const say = wordingFor(languageOf(child));
  for (const line of lines) {
    const action = line.action;
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
  return result;
}
