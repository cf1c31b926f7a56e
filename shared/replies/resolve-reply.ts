// What a reply's plus-address reference points to, checked: the signature, its age and the child.
import type { IngestDeps } from '../ingest/ingest-deps';
import { type ReplyReference, verifyReplyReference } from '../ingest/reply-reference';
import type { StoredAnswer } from '../store/messages';

/** The answer a reply refers to, or null for a reference we did not sign, too old, or another child's. */
export async function resolveReply(
  deps: Pick<IngestDeps, 'messages' | 'replySigningSecret' | 'clock'>,
  childId: string,
  ref: string,
): Promise<{ reference: ReplyReference; answer: StoredAnswer } | null> {
  const reference = verifyReplyReference(ref, deps.replySigningSecret, deps.clock.now());
  if (!reference || reference.childId !== childId) return null;
  const answer = await deps.messages.getAnswer(childId, reference.answerId);
  return answer ? { reference, answer } : null;
}
