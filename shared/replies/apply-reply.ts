// Applies a guardian's reply to the numbered entries of the answer it refers to: each usable line
// becomes a new version of one record (or a new record for `add`), each unusable line is kept to
// be quoted back. Applying the same reply twice changes nothing the second time.
import { dayIn } from '../calendar/iso-days';
import type { Correction, DayGiven, ParsedLine, ReplyAction, SessionGiven } from '../commands/reply-grammar';
import { parseReply, resolveDay } from '../commands/reply-grammar';
import { emptyExtraction } from '../extract/extract-from-bytes';
import { extractMessage } from '../extract/extract-message';
import { projectFinders } from '../extract/project-finders';
import { recordsFromExtraction } from '../ingest/content-key';
import type { IngestDeps } from '../ingest/ingest-deps';
import type { ReplyChange } from '../ports/repositories';
import type { ExtractionWithProvenance } from '../records/types';
import { languageOf } from '../render/language';
import { describeRecord } from '../render/record-words';
import type { Wording } from '../render/wording';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import type { StoredAnswer } from '../store/messages';
import type { StoredRecord } from '../store/records';
import { hashId } from '../store/unguessable-ids';

export interface ApplyReplyInput {
  child: Child;
  answer: StoredAnswer;
  /** The guardian who replied (lower-case): recorded as who changed each record. */
  sender: string;
  replyMessageId: string;
  rawKey: string;
  /** The guardian's own text, quoted history already removed. */
  text: string;
}

export interface ApplyReplyResult {
  /** The answer's entries as they now stand, in its numbering. */
  entries: StoredRecord[];
  /** One plain line per change made. */
  done: string[];
  unusable: Array<{ text: string; why: string }>;
  /** The answer, with any added entries numbered after the others. */
  answer: StoredAnswer;
}

type Fields = Record<string, unknown>;

const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The fields a correction sets on a record of this kind, or a reason it cannot (in the family's words). */
function correctionFields(record: StoredRecord, correction: Correction, n: number, say: Wording): Fields | string {
  const kind = record.kind;
  switch (correction.field) {
    case 'minutes':
      if (kind === 'session') return { minutes: correction.minutes };
      if (kind === 'requirement')
        return record.sessions !== null ? { minutes: correction.minutes } : { totalMinutes: correction.minutes };
      break;
    case 'delivery':
      if (kind === 'session' || kind === 'requirement') return { delivery: correction.delivery };
      break;
    case 'location':
      if (kind === 'session' || kind === 'requirement') return { location: correction.location };
      if (kind === 'setting-event') return { setting: correction.location };
      break;
    case 'date':
      if (kind === 'session' || kind === 'setting-event' || kind === 'date') {
        const date = resolveDay(correction.date, record.date);
        return date ? { date } : say('reply.why.noDay');
      }
      break;
    case 'missed':
      if (kind === 'session') return { status: 'missed', reason: correction.reason };
      break;
    case 'delivered':
      if (kind === 'session') return { status: 'delivered', reason: null };
      break;
  }
  return say('reply.why.wrongField', {
    n,
    kind: say(`reply.kind.${kind}`),
    field: say(`reply.field.${correction.field}`),
  });
}

function changedBefore(record: StoredRecord, fields: Fields): Fields {
  const before: Fields = {};
  const current = record as unknown as Fields;
  for (const key of Object.keys(fields)) if (current[key] !== fields[key]) before[key] = current[key] ?? null;
  return before;
}

/** `add thu speech 30 min individual`: the words read as the extraction reads a parent's note. */
function readAddedText(text: string, child: Child, sender: string, today: string): ExtractionWithProvenance {
  return extractMessage(
    {
      tz: child.timeZone,
      sentOn: today,
      subject: '',
      sender,
      // Read as a sentence: the extraction takes a lower-case `thu` at the start for a word, not a day.
      texts: [{ part: 'reply', kind: 'note', text: sentenceCase(text), anchor: today }],
      tables: [],
    },
    'reply',
    projectFinders,
  );
}

type Source = ExtractionWithProvenance['sessions'][number]['source'];

/** The day a guardian gave, nearest today, and the reply line as its source; null when that day does not exist. */
function givenDay(given: DayGiven, line: ParsedLine, today: string): { date: string; source: Source } | null {
  const date = resolveDay(given, today);
  return date ? { date, source: { part: 'reply', line: line.line, excerpt: line.text.slice(0, 160) } } : null;
}

/** `add 10/5 speech 30 min`: the session as the guardian wrote it, on the day nearest today. */
function addedSession(
  given: SessionGiven,
  line: ParsedLine,
  today: string,
): ExtractionWithProvenance['sessions'][number] | null {
  const day = givenDay(given.date, line, today);
  if (!day) return null;
  const { date: _given, ...fields } = given;
  return { ...fields, ...day };
}

/** `add 11/2 referral`: a date only the parent records, on the day nearest today. */
export function addedDate(
  action: Extract<ReplyAction, { kind: 'add-date' }>,
  line: ParsedLine,
  today: string,
): ExtractionWithProvenance['dates'][number] | null {
  const day = givenDay(action.date, line, today);
  return day ? { type: action.type, end: null, ...day } : null;
}

/** Who added what, from which reply: what every record a reply adds carries. */
export interface AddedBy {
  child: Child;
  sender: string;
  messageId: string;
  rawKey: string;
  /** When, as an ISO instant. */
  at: string;
}

/**
 * Stores what one reply line adds (read from its words, or as the guardian wrote it), confirmed by
 * them, with ids from the reply and the line: the same reply applied twice adds nothing new.
 */
export async function putAdded(
  deps: Pick<IngestDeps, 'records'>,
  by: AddedBy,
  line: ParsedLine,
  extraction: ExtractionWithProvenance,
): Promise<StoredRecord[]> {
  const candidates = recordsFromExtraction(extraction, {
    childId: by.child.id,
    messageId: by.messageId,
    rawKey: by.rawKey,
    recordedAt: by.at,
    originalKey: hashId(['reply-add/1', by.child.id, by.messageId, String(line.line)]),
    noteKey: null,
  });
  const added: StoredRecord[] = [];
  for (const candidate of candidates) {
    const history: ReplyChange[] = [{ at: by.at, action: 'added', by: by.sender, ref: `${by.messageId}#${line.line}` }];
    const record: StoredRecord = { ...candidate, confirmed: true, history };
    await deps.records.putIfNew(record);
    added.push(record);
  }
  return added;
}

export async function applyReply(deps: IngestDeps, input: ApplyReplyInput): Promise<ApplyReplyResult> {
  const { child, sender } = input;
  const at = deps.clock.now().toISOString();
  const today = dayIn(child.timeZone, deps.clock.now());
  const parsed = parseReply(input.text);
  const ids = [...input.answer.recordIds];
  const done: string[] = [];
  const unusable: Array<{ text: string; why: string }> = [];
  const say = wordingFor(languageOf(child));

  if (parsed.lines.length === 0) unusable.push({ text: say('reply.emptyReply'), why: say('reply.why.empty') });

  const refOf = (line: ParsedLine) => `${input.replyMessageId}#${line.line}`;
  const recordAt = async (n: number): Promise<StoredRecord | string> => {
    const id = ids[n - 1];
    if (id === undefined) return ids.length === 0 ? say('reply.why.noEntries') : say('reply.why.noEntry', { n });
    const record = await deps.records.get(child.id, id);
    if (!record) return say('reply.why.gone', { n });
    if (record.deleted) return say('reply.why.wasRemoved', { n });
    return record;
  };

  for (const line of parsed.lines) {
    const action: ReplyAction | null = line.action;
    if (!action) {
      unusable.push({ text: line.text, why: say('reply.why.notUnderstood') });
      continue;
    }
    const change = (name: string): Omit<ReplyChange, 'before'> => ({ at, action: name, by: sender, ref: refOf(line) });
    switch (action.kind) {
      case 'confirm-all': {
        for (const id of ids) {
          await deps.records.saveVersion(child.id, id, (current) =>
            current.deleted || current.confirmed
              ? null
              : { record: { ...current, confirmed: true }, change: change('confirmed') },
          );
        }
        done.push(say(ids.length === 0 ? 'reply.line.nothingToConfirm' : 'reply.line.allConfirmed'));
        break;
      }
      case 'confirm':
      case 'remove': {
        const found = await recordAt(action.n);
        if (typeof found === 'string') {
          unusable.push({ text: line.text, why: found });
          break;
        }
        const removing = action.kind === 'remove';
        await deps.records.saveVersion(child.id, found.id, (current) => {
          if (current.deleted) return null;
          if (!removing && current.confirmed) return null;
          return {
            record: removing ? { ...current, deleted: true } : { ...current, confirmed: true },
            change: change(removing ? 'deleted' : 'confirmed'),
          };
        });
        done.push(say(removing ? 'reply.line.removed' : 'reply.line.confirmed', { n: action.n }));
        break;
      }
      case 'correct': {
        const found = await recordAt(action.n);
        if (typeof found === 'string') {
          unusable.push({ text: line.text, why: found });
          break;
        }
        let fields: Fields = {};
        let problem: string | null = null;
        for (const correction of action.corrections) {
          const set = correctionFields(found, correction, action.n, say);
          if (typeof set === 'string') {
            problem = set;
            break;
          }
          fields = { ...fields, ...set };
        }
        if (problem) {
          unusable.push({ text: line.text, why: problem });
          break;
        }
        const saved = await deps.records.saveVersion(child.id, found.id, (current) => {
          const before = changedBefore(current, fields);
          if (Object.keys(before).length === 0 && current.confirmed) return null;
          return {
            record: { ...current, ...fields, confirmed: true } as StoredRecord,
            change: { ...change('corrected'), before },
          };
        });
        done.push(
          say('reply.line.corrected', { n: action.n, record: saved ? describeRecord(saved, say.language) : '' }),
        );
        break;
      }
      case 'add':
      case 'add-session':
      case 'add-date': {
        const extraction = action.kind === 'add' ? readAddedText(action.text, child, sender, today) : null;
        const session = action.kind === 'add-session' ? addedSession(action.session, line, today) : null;
        const dated = action.kind === 'add-date' ? addedDate(action, line, today) : null;
        if ((action.kind === 'add-session' && !session) || (action.kind === 'add-date' && !dated)) {
          unusable.push({ text: line.text, why: say('reply.why.noDay') });
          break;
        }
        const candidates = await putAdded(
          deps,
          { child, sender, messageId: input.replyMessageId, rawKey: input.rawKey, at },
          line,
          extraction ?? {
            ...emptyExtraction('reply'),
            sender,
            sentOn: today,
            sessions: session ? [session] : [],
            dates: dated ? [dated] : [],
          },
        );
        if (candidates.length === 0) {
          unusable.push({ text: line.text, why: say('reply.why.nothingFound') });
          break;
        }
        for (const record of candidates) {
          if (!ids.includes(record.id)) ids.push(record.id);
          done.push(
            say('reply.line.added', { n: ids.indexOf(record.id) + 1, record: describeRecord(record, say.language) }),
          );
        }
        break;
      }
      case 'mark':
        unusable.push({ text: line.text, why: say('reply.why.mark') });
        break;
      case 'allow':
        unusable.push({ text: line.text, why: say('reply.why.allow') });
        break;
    }
  }

  let answer = input.answer;
  if (ids.length !== input.answer.recordIds.length) {
    answer = { ...input.answer, recordIds: ids };
    await deps.messages.putAnswer(answer);
  }
  const entries: StoredRecord[] = [];
  for (const id of ids) {
    const record = await deps.records.get(child.id, id);
    if (record) entries.push(record);
  }
  return { entries, done, unusable, answer };
}
