// Runs one email command from a guardian and answers that guardian (only ever a guardian, once per
// message): help, summary, export, allow/remove a sender, pause/resume, state, language, the
// letters' language, delete all data.

import { dayIn } from '../calendar/iso-days';
import { schoolCalendarFor } from '../calendar/school-calendar';
import { newCalendarLink } from '../calendar-feed/calendar-feed';
import type { EmailCommand } from '../commands/email-commands';
import { formatDeletionCode } from '../commands/email-commands';
import { coveredStates } from '../deadlines/deadline-rules';
import { calendarAttachment, digestEmailOf, summary } from '../digest/weekly-digest';
import type { IngestDeps } from '../ingest/ingest-deps';
import { REPLY_REFERENCE_MAX_AGE_DAYS, replyAddress, signReplyReference } from '../ingest/reply-reference';
import { logger } from '../observability/logger';
import type { OutgoingMail } from '../ports/mail-sender';
import type { RenderedMail } from '../render/answer-email';
import {
  renderBadDeletionCodeEmail,
  renderCalendarLinkEmail,
  renderDeleteConfirmationEmail,
  renderExportEmail,
  renderHelpEmail,
  renderLanguageChangedEmail,
  renderLettersChangedEmail,
  renderScheduleChangedEmail,
  renderSenderChangedEmail,
  renderStateChangedEmail,
  renderSummaryCountEmail,
} from '../render/command-answers-email';
import { languageOf } from '../render/language';
import { describeRecord } from '../render/record-words';
import { wordingFor } from '../render/wording';
import type { Child } from '../store/families';
import { hashId } from '../store/unguessable-ids';
import { deletionCode, isDeletionCode } from './deletion-code';
import { buildExport, EMAIL_ZIP_LIMIT_BYTES } from './export-bundle';
import { releaseHeld } from './quarantine-notices';
import { sendToGuardians } from './send-to-guardians';

export interface CommandContext {
  child: Child;
  /** The guardian who sent the command (lower-case); the only recipient of the answer. */
  sender: string;
  messageId: string;
}

export interface CommandOutcome {
  answered: boolean;
  /**
   * True once a confirmed `delete all data` is queued: nothing more may be written for the child
   * (the worker may already be deleting it; locally it is gone already).
   */
  deletionQueued: boolean;
}

type Attachments = NonNullable<OutgoingMail['attachments']>;

/** Allows a sender and reads what they sent before; the answer can be replied to like any answer. */
async function allowAndRelease(
  deps: IngestDeps,
  ctx: CommandContext,
  address: string,
  sendKey: string,
): Promise<boolean> {
  const child = await deps.children.allowSender(ctx.child.id, address);
  const released = await releaseHeld(deps, child, address);
  const records = [];
  for (const id of released.recordIds) {
    const record = await deps.records.get(child.id, id);
    if (record) records.push(record);
  }
  let replyTo = [child.inboundAddress];
  if (records.length > 0) {
    const now = deps.clock.now();
    const answerId = hashId(['released/1', child.id, ctx.messageId], 8);
    await deps.messages.putAnswer({
      childId: child.id,
      answerId,
      messageId: ctx.messageId,
      issuedAt: now.toISOString(),
      recordIds: records.map((r) => r.id),
      expiresAt: Math.floor(now.getTime() / 1000) + (REPLY_REFERENCE_MAX_AGE_DAYS + 1) * 86_400,
    });
    const ref = signReplyReference({ childId: child.id, answerId, issuedAt: now }, deps.replySigningSecret);
    replyTo = [replyAddress(child.inboundAddress, ref)];
  }
  const say = wordingFor(languageOf(child));
  const rendered = renderSenderChangedEmail({
    childName: child.name,
    say,
    address,
    allowed: true,
    released: { messages: released.messages, records: records.map((r) => describeRecord(r, say.language)) },
  });
  return sendToGuardians(deps, child, sendKey, { to: [ctx.sender], replyTo, ...rendered });
}

export { allowAndRelease };

export async function runEmailCommand(
  deps: IngestDeps,
  ctx: CommandContext,
  command: EmailCommand,
): Promise<CommandOutcome> {
  const { child } = ctx;
  const sendKey = `command#${ctx.messageId}`;
  const answer = async (rendered: RenderedMail, attachments?: Attachments) => ({
    answered: await sendToGuardians(deps, child, sendKey, {
      to: [ctx.sender],
      replyTo: [child.inboundAddress],
      ...rendered,
      ...(attachments && attachments.length > 0 ? { attachments } : {}),
    }),
    deletionQueued: false,
  });
  logger.info('email command', { command: command.kind });
  const say = wordingFor(languageOf(child));

  switch (command.kind) {
    case 'help':
      return answer(renderHelpEmail({ childName: child.name, address: child.inboundAddress, say }));
    case 'summary': {
      // The weekly digest as of today, when it can be computed; otherwise a short count of records.
      try {
        const computed = await summary(deps, child.id, dayIn(child.timeZone, deps.clock.now()));
        if (computed) {
          const email = digestEmailOf(computed);
          return answer({ subject: email.subject, text: email.text, html: email.html, language: email.language }, [
            calendarAttachment(computed, deps.clock.now()),
          ]);
        }
      } catch (error) {
        logger.warn('summary fell back to counts', { error: error instanceof Error ? error.name : 'unknown' });
      }
      const records = await deps.records.list(child.id);
      const sessions = records.filter((r) => r.kind === 'session');
      return answer(
        renderSummaryCountEmail({
          childName: child.name,
          say,
          counts: {
            sessions: sessions.length,
            missed: sessions.filter((r) => r.kind === 'session' && r.status === 'missed').length,
            requirements: records.filter((r) => r.kind === 'requirement').length,
            dates: records.filter((r) => r.kind === 'date').length,
            unconfirmed: records.filter((r) => !r.confirmed).length,
          },
        }),
      );
    }
    case 'export': {
      const bundle = await buildExport(deps, child);
      const attachments: Attachments = [
        { filename: 'records.csv', contentType: 'text/csv; charset=utf-8', content: Buffer.from(bundle.csv, 'utf8') },
        {
          filename: 'deadlines.ics',
          contentType: 'text/calendar; charset=utf-8',
          content: Buffer.from(bundle.ics, 'utf8'),
        },
      ];
      const fits = bundle.zip !== null && bundle.zip.length <= EMAIL_ZIP_LIMIT_BYTES;
      if (fits && bundle.zip)
        attachments.push({
          filename: 'originals.zip',
          contentType: 'application/zip',
          content: Buffer.from(bundle.zip),
        });
      return answer(
        renderExportEmail({
          childName: child.name,
          say,
          records: bundle.records,
          deadlines: bundle.deadlines,
          originals: fits
            ? { attached: true, count: bundle.messages }
            : { attached: false, count: bundle.messages, bytes: bundle.zip?.length ?? 0 },
        }),
        attachments,
      );
    }
    case 'allow':
      if (child.guardians.includes(command.address)) {
        return answer(
          renderSenderChangedEmail({ childName: child.name, say, address: command.address, allowed: true }),
        );
      }
      return { answered: await allowAndRelease(deps, ctx, command.address, sendKey), deletionQueued: false };
    case 'remove': {
      const updated = await deps.children.removeSender(child.id, command.address);
      return answer(
        renderSenderChangedEmail({ childName: updated.name, say, address: command.address, allowed: false }),
      );
    }
    case 'pause':
      await deps.children.pause(child.id);
      return answer(renderScheduleChangedEmail({ childName: child.name, say, paused: true }));
    case 'resume':
      await deps.children.resume(child.id);
      return answer(renderScheduleChangedEmail({ childName: child.name, say, paused: false }));
    case 'state': {
      const updated = await deps.children.setState(child.id, command.state);
      const today = dayIn(child.timeZone, deps.clock.now());
      return answer(
        renderStateChangedEmail({
          childName: child.name,
          say,
          state: command.state,
          covered: coveredStates().includes(command.state),
          schoolYear: schoolCalendarFor(updated, [], today),
        }),
      );
    }
    case 'language': {
      await deps.children.setLanguage(child.id, command.language);
      return answer(renderLanguageChangedEmail({ childName: child.name, say: wordingFor(command.language) }));
    }
    case 'letters': {
      await deps.children.setLetterLanguage(child.id, command.language);
      return answer(renderLettersChangedEmail({ childName: child.name, say, letters: command.language }));
    }
    case 'new-calendar-link': {
      const replaced = (await deps.calendarTokens.current(child.id)) !== null;
      const url = deps.calendarBaseUrl ? await newCalendarLink(deps, child, deps.calendarBaseUrl) : null;
      return answer(renderCalendarLinkEmail({ childName: child.name, url, replaced, say }));
    }
    case 'delete-all': {
      const code = formatDeletionCode(deletionCode(deps.replySigningSecret, child.id, deps.clock.now()));
      return answer(renderDeleteConfirmationEmail({ childName: child.name, say, code }));
    }
    case 'confirm-delete': {
      if (!isDeletionCode(deps.replySigningSecret, child.id, command.code, deps.clock.now())) {
        return answer(renderBadDeletionCodeEmail({ childName: child.name, say }));
      }
      // The deletion worker deletes and answers (once); a retry of this message queues it again,
      // which the worker finds already done.
      await deps.deletions.enqueue({ childId: child.id, language: say.language });
      logger.info('deletion queued');
      return { answered: false, deletionQueued: true };
    }
  }
}
