// A guardian's own mail to the child's address, sorted before it is read as school mail: a reply
// to one of our answers (by its signed plus-address), an email command, reply lines that lost
// their reference, or none of these.
import { describe, expect, it } from 'vitest';
import { replyAddress } from '../../../shared/ingest/reply-reference';
import type { ReadMessage } from '../../../shared/mail/types';
import { handleGuardianMail } from '../../../shared/replies/guardian-mail';
import type { Child } from '../../../shared/store/families';
import { readMessage } from '../../support/read-message';
import { GUARDIAN, useReplyWorld } from './reply-world';

describe('handleGuardianMail', () => {
  const world = useReplyWorld();
  const answered = () => world().answeredChild();
  let messages = 0;

  async function receive(child: Child, read: ReadMessage, plus: string | null = null) {
    messages += 1;
    const before = world().sent.length;
    const outcome = await handleGuardianMail(world().deps, {
      child,
      read,
      sender: GUARDIAN,
      plus,
      messageId: `guardian-${messages}`,
      rawKey: `inbound/guardian-${messages}`,
    });
    return { outcome, mails: world().sent.slice(before) };
  }

  it('applies a reply to the answer its reference names, and answers with a reference to reply to again', async () => {
    // Prepare
    const { child, session, answer, ref } = await answered();

    // Act
    const { outcome, mails } = await receive(child, readMessage({ text: '1 20 min' }), ref);

    // Assess
    expect(outcome).toEqual({ status: 'reply', answered: true, answerId: answer.answerId });
    expect(await world().deps.records.get(child.id, session.id)).toMatchObject({ minutes: 20 });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toEqual([GUARDIAN]);
    expect(mails[0]?.replyTo).toEqual([replyAddress(child.inboundAddress, ref)]);
  });

  it('refuses a reference it did not sign, changing nothing', async () => {
    // Prepare
    const { child, session, ref } = await answered();
    const forged = `${ref.slice(0, -1)}${ref.endsWith('a') ? 'b' : 'a'}`;

    // Act
    const { outcome, mails } = await receive(child, readMessage({ text: '1 20 min' }), forged);

    // Assess
    expect(outcome).toEqual({ status: 'reply', answered: true });
    expect(await world().deps.records.get(child.id, session.id)).toMatchObject({ minutes: 30 });
    expect(mails.map((mail) => mail.to)).toEqual([[GUARDIAN]]);
  });

  it('changes nothing and answers nothing when an automatic reply comes back to an answer', async () => {
    // Prepare
    const { child, session, answer, ref } = await answered();
    const outOfOffice = readMessage({
      text: '1 20 min',
      outer: { headers: { 'auto-submitted': 'auto-replied' } },
    });

    // Act
    const { outcome, mails } = await receive(child, outOfOffice, ref);

    // Assess
    expect(outcome).toEqual({ status: 'reply', answered: false, answerId: answer.answerId });
    expect(mails).toEqual([]);
    expect(await world().deps.records.get(child.id, session.id)).toMatchObject({ minutes: 30 });
  });

  it('runs a command written in the subject', async () => {
    // Prepare
    const child = await world().newChild();

    // Act
    const { outcome, mails } = await receive(child, readMessage({ outer: { subject: 'pause' } }));

    // Assess
    expect(outcome).toMatchObject({ status: 'command', answered: true });
    expect((await world().deps.children.get(child.id))?.paused).toBe(true);
    expect(mails).toHaveLength(1);
  });

  it('says so when reply lines come without the reference, rather than guess the answer they meant', async () => {
    // Prepare
    const { child, session } = await answered();

    // Act
    const { outcome, mails } = await receive(child, readMessage({ text: '1 20 min' }));

    // Assess
    expect(outcome).toEqual({ status: 'reply', answered: true });
    expect(mails).toHaveLength(1);
    expect(await world().deps.records.get(child.id, session.id)).toMatchObject({ minutes: 30 });
  });

  it('leaves a forwarded message and a plain note to be read as school mail', async () => {
    // Prepare
    const child = await world().newChild();

    // Act
    const forwarded = await receive(child, readMessage({ forwarded: true, outer: { subject: 'pause' } }));
    const note = await receive(child, readMessage({ text: 'Maya had speech today, 30 minutes.' }));

    // Assess
    expect(forwarded).toEqual({ outcome: null, mails: [] });
    expect(note).toEqual({ outcome: null, mails: [] });
    expect((await world().deps.children.get(child.id))?.paused).toBe(false);
  });
});
