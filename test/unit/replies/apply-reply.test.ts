// A guardian's reply to an answer, applied to the entries it numbers: each usable line a new
// version of one record (or a new record), each unusable line kept to be quoted back, and the same
// reply applied twice changing nothing the second time.
import { describe, expect, it } from 'vitest';
import { applyReply } from '../../../shared/replies/apply-reply';
import type { Child } from '../../../shared/store/families';
import type { StoredAnswer } from '../../../shared/store/messages';
import { GUARDIAN, useReplyWorld } from './reply-world';

describe('applyReply', () => {
  const world = useReplyWorld();
  const answered = () => world().answeredChild();

  const reply = (child: Child, answer: StoredAnswer, text: string, id = 'reply-1') =>
    applyReply(world().deps, { child, answer, sender: GUARDIAN, replyMessageId: id, rawKey: `inbound/${id}`, text });

  it('changes the numbered entry, keeps what it was in its history, and says what changed', async () => {
    // Prepare
    const { child, session, answer } = await answered();

    // Act
    const result = await reply(child, answer, '1 20 min');

    // Assess
    expect(result.unusable).toEqual([]);
    expect(result.done).toHaveLength(1);
    expect(result.done[0]).toMatch(/20/);
    const stored = await world().deps.records.get(child.id, session.id);
    expect(stored).toMatchObject({ kind: 'session', minutes: 20 });
    expect(stored?.history.at(-1)).toMatchObject({ by: GUARDIAN });
    expect(result.entries.map((entry) => entry.id)).toEqual([session.id]);
  });

  it('changes nothing when the same reply is applied again', async () => {
    // Prepare
    const { child, session, answer } = await answered();
    await reply(child, answer, '1 missed therapist out', 'reply-twice');
    const once = await world().deps.records.get(child.id, session.id);

    // Act
    const again = await reply(child, answer, '1 missed therapist out', 'reply-twice');

    // Assess
    expect(once).toMatchObject({ status: 'missed' });
    expect(await world().deps.records.get(child.id, session.id)).toEqual(once);
    expect(again.unusable).toEqual([]);
  });

  it('keeps lines it cannot use, with the reason, and changes nothing for them', async () => {
    // Prepare
    const { child, session, answer } = await answered();

    // Act
    const result = await reply(child, answer, '7 20 min\nplease call me about the IEP meeting');

    // Assess
    expect(result.done).toEqual([]);
    expect(result.unusable.map((line) => line.text)).toEqual(['7 20 min', 'please call me about the IEP meeting']);
    for (const line of result.unusable) expect(line.why.length).toBeGreaterThan(5);
    expect(await world().deps.records.get(child.id, session.id)).toMatchObject({ minutes: 30, history: [] });
  });

  it('adds a session the guardian writes, numbered after the others in the stored answer', async () => {
    // Prepare
    const { child, answer } = await answered();

    // Act
    const result = await reply(child, answer, 'add 11/4 speech 30 min');

    // Assess
    expect(result.unusable).toEqual([]);
    expect(result.answer.recordIds).toHaveLength(2);
    const added = result.entries[1];
    expect(added).toMatchObject({ kind: 'session', date: '2026-11-04', service: 'speech-language', minutes: 30 });
    expect((await world().deps.messages.getAnswer(child.id, answer.answerId))?.recordIds).toEqual(
      result.answer.recordIds,
    );
    expect((await world().deps.records.list(child.id)).map((record) => record.id)).toContain(added?.id);
  });

  it('adds a referral day the guardian writes in reply to an answer, confirmed, as the next entry', async () => {
    // Prepare
    const { child, answer } = await answered();

    // Act
    const result = await reply(child, answer, 'add 11/2 referral');

    // Assess
    expect(result.unusable).toEqual([]);
    expect(result.entries[1]).toMatchObject({ kind: 'date', type: 'referral', date: '2026-11-02', confirmed: true });
    expect(result.done[0]).toMatch(/^Entry 2 added: .*Referral for evaluation received by the school/);
  });
});
