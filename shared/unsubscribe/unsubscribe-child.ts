// The one-click unsubscribe use case: a token we signed pauses its child's digests and reminders.
import type { Repositories } from '../ports/repositories';
import { childOfToken } from './one-click';

/** False for a token we did not sign or a child that no longer exists; pausing twice is harmless. */
export async function unsubscribeChild(
  ctx: Pick<Repositories, 'children'> & { replySigningSecret: string },
  token: string,
): Promise<boolean> {
  const childId = childOfToken(ctx.replySigningSecret, token);
  const child = childId ? await ctx.children.get(childId) : null;
  if (!child) return false;
  if (!child.paused) await ctx.children.pause(child.id);
  return true;
}
