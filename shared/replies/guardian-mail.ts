// What a guardian's own mail to the child's address is, before it is read as school mail:
// a reply to one of our emails (plus-addressed reference), an email command (subject or first
// line), a reply whose reference went missing, or none of these (then ingest reads it as usual).
import { DAY_MS, dayIn } from '../calendar/iso-days';
import { parseEmailCommand } from '../commands/email-commands';
import { type ParsedLine, parseReply } from '../commands/reply-grammar';
import type { IngestDeps } from '../ingest/ingest-deps';
import { answeringWouldLoop } from '../ingest/ingest-message';
import type { GuardianMailInput, GuardianMailOutcome } from '../ingest/ingest-types';
import { replyAddress, signReplyReference, verifyReplyReference } from '../ingest/reply-reference';
import { keptAddress } from '../mail/mail-address';
import { logger } from '../observability/logger';
import {
  type RefusalReason,
  renderDeadlineMarksEmail,
  renderNoticeReplyEmail,
  renderReplyRefusedEmail,
} from '../render/command-answers-email';
import { languageOf } from '../render/language';
import { renderReplyResultEmail } from '../render/reply-result-email';
import { wordingFor } from '../render/wording';
import { applyReply } from './apply-reply';
import { applyDeadlineMarks } from './deadline-marks-reply';
import { isNoticeAnswer } from './quarantine-notices';
import { allowAndRelease, runEmailCommand } from './run-command';
import { sendToGuardians } from './send-to-guardians';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Why a plus-address did not verify: signed by us but too old, or not ours at all. */
function whyRefused(deps: IngestDeps, plus: string): RefusalReason {
  const value = plus.trim().toLowerCase();
  if (value.length === 36) {
    let day = 0;
    for (const char of value.slice(18, 22)) day = (day << 5) | Math.max(0, BASE32.indexOf(char));
    if (verifyReplyReference(value, deps.replySigningSecret, new Date(day * DAY_MS + DAY_MS / 2))) return 'expired';
  }
  return 'forged';
}

function ownDomains(deps: IngestDeps): string[] {
  return [deps.inboundDomain, deps.fromAddress.slice(deps.fromAddress.lastIndexOf('@') + 1).toLowerCase()];
}

/** `done 2`, `dismiss 2`, `add 11/2 referral`: lines about deadlines, which need no answer to refer to. */
const onlyDeadlineLines = (lines: ParsedLine[]) =>
  lines.length > 0 && lines.every((line) => line.action?.kind === 'mark' || line.action?.kind === 'add-date');

export async function handleGuardianMail(
  deps: IngestDeps,
  mail: GuardianMailInput,
): Promise<GuardianMailOutcome | null> {
  const { child, read, sender, plus, messageId } = mail;
  if (read.forwarded) return null;
  const loops = answeringWouldLoop(read, sender, ownDomains(deps));
  const say = wordingFor(languageOf(child));

  const marks = async (lines: ParsedLine[], answerId?: string): Promise<GuardianMailOutcome> => {
    const result = await applyDeadlineMarks(deps, child, lines, { sender, messageId, rawKey: mail.rawKey });
    const answered = await sendToGuardians(deps, child, `reply-result#${messageId}`, {
      to: [sender],
      replyTo: [child.inboundAddress],
      ...renderDeadlineMarksEmail({ childName: child.name, say, ...result }),
    });
    return { status: 'reply', answered, ...(answerId ? { answerId } : {}) };
  };

  const refuse = async (reason: RefusalReason, status: 'reply' | 'command'): Promise<GuardianMailOutcome> => {
    logger.info('reply refused', { reason });
    if (loops) return { status, answered: false };
    const answered = await sendToGuardians(deps, child, `reply-refused#${messageId}`, {
      to: [sender],
      replyTo: [child.inboundAddress],
      ...renderReplyRefusedEmail({ childName: child.name, say, reason }),
    });
    return { status, answered };
  };

  if (plus !== null) {
    const reference = verifyReplyReference(plus, deps.replySigningSecret, deps.clock.now());
    if (!reference) return refuse(whyRefused(deps, plus), 'reply');
    if (reference.childId !== child.id) return refuse('other-child', 'reply');
    const answer = await deps.messages.getAnswer(child.id, reference.answerId);
    if (!answer) return refuse('unknown-answer', 'reply');
    // An out-of-office or other machine reply to our mail changes nothing and gets no answer.
    if (loops) return { status: 'reply', answered: false, answerId: answer.answerId };

    if (isNoticeAnswer(answer)) {
      const parsed = parseReply(read.text);
      const allow = parsed.lines.some((line) => line.action?.kind === 'allow' || line.action?.kind === 'confirm-all');
      // Notices from before every address was checked may offer `allow` for one that cannot be kept.
      const keptSender = keptAddress(answer.sender);
      const allowable = answer.allowable && keptSender !== null;
      if (allow && allowable) {
        const answered = await allowAndRelease(
          deps,
          { child, sender, messageId },
          keptSender,
          `reply-result#${messageId}`,
        );
        return { status: 'reply', answered, answerId: answer.answerId };
      }
      const command = parseEmailCommand(read.outer.subject, read.text);
      if (command) {
        const outcome = await runEmailCommand(deps, { child, sender, messageId }, command);
        return { status: 'command', answered: outcome.answered, deletionQueued: outcome.deletionQueued };
      }
      const answered = await sendToGuardians(deps, child, `reply-result#${messageId}`, {
        to: [sender],
        replyTo: [replyAddress(child.inboundAddress, plus)],
        ...renderNoticeReplyEmail({
          childName: child.name,
          say,
          sender: answer.sender,
          allowable,
          unusableAddress: answer.unusableAddress === true || (answer.allowable && keptSender === null),
        }),
      });
      return { status: 'reply', answered, answerId: answer.answerId };
    }

    // A command written as a reply to an answer (`help`, `export`) is still a command.
    const command = parseEmailCommand('', read.text);
    if (command && parseReply(read.text).lines.every((line) => line.action === null)) {
      const outcome = await runEmailCommand(deps, { child, sender, messageId }, command);
      return { status: 'command', answered: outcome.answered, deletionQueued: outcome.deletionQueued };
    }

    const replyLines = parseReply(read.text).lines;
    if (replyLines.length > 0 && replyLines.every((line) => line.action?.kind === 'mark'))
      return marks(replyLines, answer.answerId);

    const result = await applyReply(deps, {
      child,
      answer,
      sender,
      replyMessageId: messageId,
      rawKey: mail.rawKey,
      text: read.text,
    });
    const ref = signReplyReference(
      { childId: child.id, answerId: answer.answerId, issuedAt: new Date(answer.issuedAt) },
      deps.replySigningSecret,
    );
    const answered = await sendToGuardians(deps, child, `reply-result#${messageId}`, {
      to: [sender],
      replyTo: [replyAddress(child.inboundAddress, ref)],
      ...renderReplyResultEmail(
        {
          childName: child.name,
          entries: result.entries,
          done: result.done,
          unusable: result.unusable,
          today: dayIn(child.timeZone, deps.clock.now()),
        },
        wordingFor(languageOf(child)),
      ),
    });
    logger.info('reply applied', { changes: result.done.length, unusable: result.unusable.length });
    return { status: 'reply', answered, answerId: answer.answerId };
  }

  const command = parseEmailCommand(read.outer.subject, read.text);
  if (command) {
    if (loops) return { status: 'command', answered: false };
    const outcome = await runEmailCommand(deps, { child, sender, messageId }, command);
    return { status: 'command', answered: outcome.answered, deletionQueued: outcome.deletionQueued };
  }

  // `done N` / `dismiss N` answering a deadline reminder (its replies come to the bare address), and
  // `add 11/2 referral`, a date only the parent knows.
  const lines = parseReply(read.text).lines;
  if (onlyDeadlineLines(lines)) return loops ? { status: 'reply', answered: false } : marks(lines);

  // Reply lines (`1 20 min`, `ok`) sent without the reference: say so rather than guess.
  const replyLike =
    lines.length > 0 &&
    lines.every((line) => line.action !== null) &&
    lines.some((line) => line.action?.kind !== 'add' && line.action?.kind !== 'add-session');
  if (replyLike) return refuse('missing', 'reply');
  return null;
}
