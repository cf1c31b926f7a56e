// The one-click unsubscribe use case: a token we signed pauses its child's digests and reminders.
import { type FamiliesContext, getChild, pauseChild } from '../store/families';
import { childOfToken } from './one-click';

/** False for a token we did not sign or a child that no longer exists; pausing twice is harmless. */
export async function unsubscribeChild(
  ctx: FamiliesContext & { replySigningSecret: string },
  token: string,
): Promise<boolean> {
  const childId = childOfToken(ctx.replySigningSecret, token);
  const child = childId ? await getChild(ctx, childId) : null;
  if (!child) return false;
  if (!child.paused) await pauseChild(ctx, child.id);
  return true;
}
