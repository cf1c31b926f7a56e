// The answer to a guardian's reply: the entries as they now stand, numbered as before, what each
// line changed, and every line that could not be used, quoted, with the grammar.
import type { StoredRecord } from '../store/records';
import type { RenderedMail } from './answer-email';
import { type Block, nameOf, quoted, renderBlocks } from './command-answers-email';
import { describeRecord } from './record-words';
import { wordingFor } from './wording';

export interface ReplyResultInput {
  childName: string;
  /** The answer's entries in their numbering (removed ones included, shown as removed). */
  entries: StoredRecord[];
  /** What was done, one plain line per used line of the reply. */
  done: string[];
  /** Lines that could not be used, as written, with why. */
  unusable: Array<{ text: string; why: string }>;
}

function entryLine(record: StoredRecord): string {
  const state = record.deleted ? ' (removed)' : record.confirmed ? ' (confirmed)' : '';
  return `${describeRecord(record)}${state}`;
}

export function renderReplyResultEmail(input: ReplyResultInput): RenderedMail {
  const name = nameOf(input.childName);
  const changed = input.done.length;
  const subject =
    input.unusable.length === 0
      ? `Updated for ${name}: ${changed} ${changed === 1 ? 'change' : 'changes'}`
      : changed === 0
        ? `Nothing changed for ${name}: please check your reply`
        : `Updated for ${name}, with ${input.unusable.length} ${input.unusable.length === 1 ? 'line' : 'lines'} not understood`;
  const blocks: Block[] = [];
  if (changed > 0)
    blocks.push({ kind: 'p', text: 'Done:' }, { kind: 'list', items: input.done.map((d) => quoted(d, 160)) });
  if (input.entries.length > 0) {
    blocks.push({ kind: 'p', text: 'The entries now stand as:' });
    blocks.push({ kind: 'list', ordered: true, items: input.entries.map(entryLine) });
  }
  if (input.unusable.length > 0) {
    blocks.push({ kind: 'p', text: 'These lines could not be used, so they changed nothing:' });
    blocks.push({ kind: 'quote', lines: input.unusable.map((u) => `${quoted(u.text)}  (${quoted(u.why, 100)})`) });
    blocks.push({ kind: 'p', text: 'You can write, one per line:' });
    blocks.push({ kind: 'examples', rows: wordingFor('en').examples('replyGrammar') });
  }
  blocks.push({
    kind: 'p',
    text: 'To change anything else, reply to this email again. Earlier versions are kept: nothing is lost by correcting.',
  });
  return renderBlocks(subject, blocks);
}
