// An email command from a guardian, run and answered to that guardian alone, once per message.
import { describe, expect, it } from 'vitest';
import { parseEmailCommand } from '../../../shared/commands/email-commands';
import { deletionCode } from '../../../shared/replies/deletion-code';
import { runEmailCommand } from '../../../shared/replies/run-command';
import type { Child } from '../../../shared/store/families';
import { GUARDIAN, NOW, SECRET, speechSession, useReplyWorld } from './reply-world';

describe('runEmailCommand', () => {
  const world = useReplyWorld();
  let messages = 0;

  /** Runs the command a guardian wrote in a subject, as a new message. */
  async function run(child: Child, subject: string, messageId = `command-${++messages}`) {
    const command = parseEmailCommand(subject, '');
    if (!command) throw new Error(`not a command: ${subject}`);
    const before = world().sent.length;
    const outcome = await runEmailCommand(world().deps, { child, sender: GUARDIAN, messageId }, command);
    return { outcome, mails: world().sent.slice(before) };
  }

  it('pauses and resumes the digests, answering only the guardian who asked', async () => {
    // Prepare
    const child = await world().newChild();

    // Act
    const paused = await run(child, 'pause');
    const afterPause = await world().deps.children.get(child.id);
    const resumed = await run(child, 'resume');

    // Assess
    expect(afterPause).toMatchObject({ paused: true, nextDigestAt: null });
    expect(await world().deps.children.get(child.id)).toMatchObject({
      paused: false,
      nextDigestAt: expect.any(String),
    });
    for (const { outcome, mails } of [paused, resumed]) {
      expect(outcome).toEqual({ answered: true, deletionQueued: false });
      expect(mails.map((mail) => mail.to)).toEqual([[GUARDIAN]]);
      expect(mails[0]?.replyTo).toEqual([child.inboundAddress]);
    }
  });

  it('answers a message once, however often it is run', async () => {
    // Prepare
    const child = await world().newChild();
    await run(child, 'help', 'help-twice');

    // Act
    const again = await run(child, 'help', 'help-twice');

    // Assess
    expect(again.mails).toEqual([]);
  });

  it('allows a sender, and says so', async () => {
    // Prepare
    const child = await world().newChild();

    // Act
    const { outcome, mails } = await run(child, 'allow jlee@district.k12.ca.us');

    // Assess
    expect(outcome.answered).toBe(true);
    expect((await world().deps.children.get(child.id))?.allowedSenders).toContain('jlee@district.k12.ca.us');
    expect(mails[0]?.text).toContain('jlee@district.k12.ca.us');
  });

  it('asks for the code before deleting, refuses a wrong one, and deletes everything with the right one', async () => {
    // Prepare
    const child = await world().newChild();
    await world().deps.records.putIfNew(speechSession(child.id));
    const code = deletionCode(SECRET, child.id, new Date(NOW));

    // Act
    const asked = await run(child, 'delete all data');
    const wrong = await run(child, 'confirm erase-aaaa-aaaa');
    const kept = await world().deps.records.list(child.id);
    const confirmed = await run(child, `confirm erase-${code.slice(0, 4)}-${code.slice(4, 8)}`);

    // Assess
    expect(asked.outcome).toEqual({ answered: true, deletionQueued: false });
    expect(asked.mails[0]?.text).toContain(`erase-${code.slice(0, 4)}-${code.slice(4, 8)}`);
    expect(wrong.outcome.deletionQueued).toBe(false);
    expect(kept).toHaveLength(1);
    expect(confirmed.outcome).toEqual({ answered: false, deletionQueued: true });
    expect(await world().deps.children.get(child.id)).toBeNull();
    expect(await world().deps.records.list(child.id)).toEqual([]);
    // The deletion worker told the guardians once what was deleted.
    expect(confirmed.mails.map((mail) => mail.to)).toEqual([[GUARDIAN]]);
  });
});
