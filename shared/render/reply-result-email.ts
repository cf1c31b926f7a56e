// The answer to a guardian's reply: the entries as they now stand, numbered as before, what each
// line changed, and every line that could not be used, quoted, with the grammar.
import type { IsoDate } from '../records/types';
import type { StoredRecord } from '../store/records';
import type { RenderedMail } from './answer-email';
import { type Block, examplesBlock, nameOf, quoted, renderBlocks } from './command-answers-email';
import { describeRecord } from './record-words';
import { type Wording, wordingFor } from './wording';

export interface ReplyResultInput {
  childName: string;
  /** The answer's entries in their numbering (removed ones included, shown as removed). */
  entries: StoredRecord[];
  /** What was done, one plain line per used line of the reply. */
  done: string[];
  /** Lines that could not be used, as written, with why. */
  unusable: Array<{ text: string; why: string }>;
  /** The day of the answer in the family's zone: dates from another school year show their year. */
  today?: IsoDate;
}

function entryLine(record: StoredRecord, say: Wording, today?: IsoDate): string {
  const state = record.deleted ? ` ${say('reply.removed')}` : record.confirmed ? ` ${say('reply.confirmed')}` : '';
  return `${describeRecord(record, say.language, { today })}${state}`;
}

/** The answer to a reply, in the family's language (`say`; English when not given). */
export function renderReplyResultEmail(input: ReplyResultInput, say: Wording = wordingFor('en')): RenderedMail {
  const name = nameOf(input.childName, say);
  const changed = input.done.length;
  const subject =
    input.unusable.length === 0
      ? say.plural('reply.subject.updated', changed, { name })
      : changed === 0
        ? say('reply.subject.nothing', { name })
        : say.plural('reply.subject.partial', input.unusable.length, { name });
  const blocks: Block[] = [];
  if (changed > 0)
    blocks.push({ kind: 'p', text: say('reply.done') }, { kind: 'list', items: input.done.map((d) => quoted(d, 160)) });
  if (input.entries.length > 0) {
    blocks.push({ kind: 'p', text: say('reply.standing') });
    blocks.push({
      kind: 'list',
      ordered: true,
      items: input.entries.map((entry) => entryLine(entry, say, input.today)),
    });
  }
  if (input.unusable.length > 0) {
    blocks.push({ kind: 'p', text: say('reply.unusable') });
    blocks.push({ kind: 'quote', lines: input.unusable.map((u) => `${quoted(u.text)}  (${quoted(u.why, 100)})`) });
    blocks.push({ kind: 'p', text: say('reply.canWrite') });
    blocks.push(examplesBlock(say, 'replyGrammar'));
  }
  blocks.push({ kind: 'p', text: say('reply.foot') });
  return renderBlocks(subject, blocks, say);
}
